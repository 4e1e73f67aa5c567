"""``companion self-test``: every check, the window's included, on a temporary data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.__main__ import main
from companion.i18n import current_language


def test_self_test_passes_and_opens_the_main_window(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    untouched = tmp_path / "data"
    code = main(["--data-dir", str(untouched), "self-test"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "FAIL" not in out
    assert "ok   main window: main window opened offscreen in English and Chinese (Agenda / 议程)" in out
    assert not untouched.exists()  # the self-test never writes the user's data
    assert current_language() == "en"  # and leaves the language as it found it


def test_a_missing_font_fails_the_self_test_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from companion import resources

    monkeypatch.setattr(resources, "CJK_FONT", "fonts/missing.ttc")
    code = main(["self-test"])
    out = capsys.readouterr().out
    assert code == 1
    assert any(line.startswith("FAIL font: ") for line in out.splitlines()), out
    assert any(line.startswith("ok   translation") for line in out.splitlines())  # the others still ran


def test_the_self_test_from_a_terminal_prints_nothing_on_stderr(tmp_path: Path) -> None:
    # Qt's offscreen platform warns on every window it shows; a user checking an
    # installation should read only the checks.
    import os
    import subprocess
    import sys

    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}  # else Qt says it picked one (CI)
    result = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(tmp_path / "data"), "self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout
    assert result.stderr == ""
