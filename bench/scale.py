"""Scale figures for the work of the issues before the speed issue: printed, no goals.

- **scan**: reading 170 answer sheets (85 participants, forms A and B) at 150 and
  300 dpi, degraded as a scanner would (``bench/scan.py``);
- **report**: the workshop report and every certificate for 85 participants,
  against bare reportlab (``bench/report.py``);
- **import**: importing a generated workshop of 10,000 items from its pack file
  into a fresh data folder (read, verify, validate, write, index), as ``companion
  pack import`` does (the pack of ``bench/import.py``, ten times larger);
- **presenter**: the presenter console stepping through a case study's stages:
  the time from the key press (Page Down, as a clicker sends it) to the audience
  view painted with the next stage (offscreen Qt, the bundled workshop).

Usage: ``python bench/scale.py [scan] [report] [import] [presenter]`` (all when none is named).
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
PARTS = ("scan", "report", "import", "presenter")

# The child that times the presenter: the real window, presenter mode started on the case
# study with the most stages, then Page Down to its console, stage after stage. A key's
# handler runs to its end inside keyClick (it also grabs the audience view for the console's
# thumbnail); the time stops at the audience view's next paint on screen after that.
PRESENTER = """
import os, statistics, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from companion.gui.app import open_main_window, open_workshop
from companion.app.domain import CaseStudy

window = open_main_window(Path(sys.argv[1]))
window.show()
assert open_workshop(window)
app = QApplication.instance()
presenter = window.presenter
presenter.start()
case = max(window.catalogue.of_type(CaseStudy), key=lambda c: len(c.stages))
presenter.send_item(case.id)
QTest.qWaitForWindowExposed(presenter.audience)
app.processEvents()

class Painted(QObject):
    armed = False
    seen = False
    def eventFilter(self, obj, event):
        if self.armed and event.type() == QEvent.Type.Paint:
            self.seen = True
        return False

painted = Painted()
for widget in [presenter.audience, *presenter.audience.findChildren(QObject)]:
    widget.installEventFilter(painted)
times = []
for lap in range(int(sys.argv[2])):
    if presenter.index == len(presenter.slides) - 1:
        presenter.send_item(case.id)  # back to the first stage
        app.processEvents()
    painted.seen, painted.armed = False, False
    start = time.perf_counter()
    QTest.keyClick(presenter.console, Qt.Key.Key_PageDown)
    painted.armed = True
    while not painted.seen:
        app.processEvents()
    times.append(time.perf_counter() - start)
stages = len(presenter.slides)
print(f"{stages} {statistics.median(times) * 1000:.1f} {max(times) * 1000:.1f} {len(times)}", flush=True)
os._exit(0)
"""


def forward(name: str, *args: str) -> None:
    """Run ``bench/<name>.py`` and print what it prints."""
    subprocess.run([sys.executable, str(BENCH / f"{name}.py"), *args], check=True, cwd=REPO)


def scan() -> None:
    print("== scanning 170 answer sheets, 150 and 300 dpi", flush=True)
    forward("scan", "--pages", "170", "--dpi", "150", "300")


def report() -> None:
    print("== the report and the certificates for 85 participants", flush=True)
    forward("report", "--runs", "3")


def import_10000(items: int = 10_000) -> None:
    print(f"== importing a workshop of {items:,} items", flush=True)
    sys.path.insert(0, str(BENCH))
    bench_import = importlib.import_module("import")  # bench/import.py: its generator and its import run
    from companion.core.packs.exporter import build_pack

    started = time.perf_counter()
    pack = bench_import.generate(items)
    with tempfile.TemporaryDirectory(prefix="companion-bench-scale-") as tmp:
        path = Path(tmp) / "generated.ctpack"
        path.write_bytes(build_pack(pack.manifest, list(pack.items), "facilitator"))
        generated = time.perf_counter() - started
        wall, cpu = bench_import.run_import(path, Path(tmp) / "data")
        size = path.stat().st_size
        reopened, checked = open_again(Path(tmp) / "data")
    print(
        f"pack of {items:,} items ({size / 2**20:.1f} MiB, generated in {generated:.1f} s): "
        f"imported in {wall:.2f} s wall, {cpu:.2f} s CPU ({items / wall:,.0f} items/s)"
    )
    print(
        f"that data folder opened again: {reopened * 1000:.1f} ms as it was closed, "
        f"{checked * 1000:.1f} ms when every page is read (after a crash, a copy or a restore)"
    )


def open_again(folder: Path) -> tuple[float, float]:
    """Seconds to open ``folder`` as its last clean close left it, and with its quick check (best of 3)."""
    from companion.core.datafolder import open_data_folder
    from companion.core.store.database import CLOSED_NAME

    def best(forget_the_close: bool) -> float:
        times = []
        for _ in range(3):
            if forget_the_close:
                (folder / CLOSED_NAME).unlink(missing_ok=True)
            started = time.perf_counter()
            store = open_data_folder(folder)
            times.append(time.perf_counter() - started)
            store.close()
        return min(times)

    return best(False), best(True)


def presenter(keys: int = 40) -> None:
    print("== presenter console: key press to audience view painted", flush=True)
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory(prefix="companion-bench-scale-") as data:
        command = [sys.executable, "-m", "companion", "--data-dir", data, "content", "list"]
        subprocess.run(command, check=True, capture_output=True, cwd=REPO)
        result = subprocess.run(
            [sys.executable, "-c", PRESENTER, data, str(keys)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, **env},
            timeout=600,
        )
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"the presenter run failed: {result.stderr.strip().splitlines()[-1:]}")
    stages, median, worst, count = result.stdout.split()
    print(
        f"{count} stage changes (a case study of {stages} stages): "
        f"median {float(median):.1f} ms, slowest {float(worst):.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", metavar="PART", help=f"any of {', '.join(PARTS)} (default: all)")
    args = parser.parse_args()
    chosen = args.parts or list(PARTS)
    if unknown := set(chosen) - set(PARTS):
        parser.error(f"no such part: {', '.join(sorted(unknown))}")
    runs = {"scan": scan, "report": report, "import": import_10000, "presenter": presenter}
    for part in PARTS:
        if part in chosen:
            runs[part]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
