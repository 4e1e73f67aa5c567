"""Presenter mode with two screens: the audience view on the projector, back on the laptop when unplugged.

The offscreen platform takes its screens from a file, read once when Qt starts,
so this runs in a subprocess (the test session's Qt has one screen).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCREENS = {
    "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "dpr": 1},
        {"name": "projector", "x": 1366, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "dpr": 1},
    ]
}


def test_audience_on_the_second_screen_and_back_when_unplugged(tmp_path: Path, data_dir: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    script = Path(__file__).with_name("presenter_screens_run.py")
    done = subprocess.run(
        [sys.executable, str(script), str(data_dir)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["audience_screen"] == "projector" and seen["audience_full"]
    assert seen["audience_size"] == [1920, 1080]
    assert seen["console_screen"] == "laptop" and not seen["warning"]
    # Unplugged: the audience view is a window on the laptop, the console still presenting.
    assert seen["after_screen"] == "laptop" and not seen["after_full"] and seen["after_visible"]
    assert seen["console_visible"] and seen["active"]
    assert "disconnected" in seen["notice"]
