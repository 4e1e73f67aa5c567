"""Start-up time: process start to the main window's first paint.

Runs the application and a bare PySide6 window alternately in fresh
processes (offscreen), several times each, and prints the medians and their
ratio. The application starts as ``python -m companion --data-dir DIR`` does
(its own start-up choices included, nothing imported before it) and opens an
already initialised data folder, as on every start after the first.

With ``--instructions`` it also runs each side once under valgrind's callgrind
and prints the instructions each executed up to the first paint: a count, not
a time, so it is the same whatever else the machine is doing (valgrind makes
each start take minutes). It counts twice: to the first paint event, and to
the end of that paint, the frame drawn (see PROBE).

With ``--memory`` it also measures idle memory: each side's peak resident set
(max RSS) once its window is open and idle, the application's after it has
loaded the workshop into the window, the bare window's after its first paint;
a size, not a time, so one start of each is enough.

Usage: ``python bench/startup.py [--runs N] [--instructions] [--memory]``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import instructions  # bench/instructions.py, beside this script

REPO = Path(__file__).resolve().parent.parent

# Both children print "painted" at the first paint event of their window. The probe
# watches the window alone: installed on the whole application, it made Python handle
# every event of every widget (and PySide build a Python type for each widget class),
# a cost that grows with the window and that a real start does not pay.
#
# With BENCH_UNTIL_DRAWN set, the probe waits instead until that paint event has been
# handled, the frame drawn: a bare label measures and draws its text (loading the font) only
# then, while the application's layout has done so before its first paint event. The event
# it posts has high priority, so it comes before the work queued for after the first paint.
PROBE = """
import os

def first_paint_probe():
    # PySide is imported only now: the application's start imports it itself, after its own
    # start-up choices (companion.__main__), as in a real start.
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                if not os.environ.get("BENCH_UNTIL_DRAWN"):
                    print("painted", flush=True)
                    os._exit(0)
                obj.removeEventFilter(self)
                self.drawn = QEvent.Type(QEvent.registerEventType())
                QCoreApplication.postEvent(self, QEvent(self.drawn), 1)  # 1: Qt.HighEventPriority
            return False

        def event(self, event):
            if event.type() == getattr(self, "drawn", None):
                print("painted", flush=True)
                os._exit(0)
            return super().event(event)

    return FirstPaint()
"""

BARE = (
    PROBE
    + """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
window = QLabel("bare window"); window.resize(1280, 760)
probe = first_paint_probe(); window.installEventFilter(probe)
window.show()
app.exec()
"""
)

# The real start, `python -m companion ARGS`: nothing is imported before it. When the
# start imports companion.gui.app, its show_main_window is wrapped so that ON_SHOW(window) runs
# just before the window is shown.
REAL_START = """
import importlib.util
import sys

class WrapShow:
    def find_spec(self, name, path=None, target=None):
        if name != "companion.gui.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            show = module.show_main_window

            def show_after(window):
                ON_SHOW(window)
                show(window)  # the frame first; the workshop fills it after the first paint

            module.show_main_window = show_after

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, WrapShow())
from companion.__main__ import main
sys.exit(main(sys.argv[1:]))
"""

APPLICATION = (
    PROBE
    + """
def ON_SHOW(window):
    global probe
    probe = first_paint_probe(); window.installEventFilter(probe)
"""
    + REAL_START
)


# Idle memory: each child prints its peak resident set (KiB) half a second after its
# window is ready (the application's: after the workshop has filled it), then exits.
REPORT_RSS = """
import os, resource
def report_rss():
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    os._exit(0)
def idle_then_report():
    from PySide6.QtCore import QTimer  # not before the start: it imports PySide itself
    QTimer.singleShot(500, report_rss)
"""

BARE_MEMORY = (
    REPORT_RSS
    + """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            idle_then_report()
        return False
app = QApplication(sys.argv[:1])
window = QLabel("bare window"); window.resize(1280, 760)
probe = FirstPaint(); window.installEventFilter(probe)
window.show()
app.exec()
"""
)

APPLICATION_MEMORY = (
    REPORT_RSS
    + """
def ON_SHOW(window):
    window.sig_content_loaded.connect(idle_then_report)
"""
    + REAL_START
)


def max_rss_kib(code: str, *args: str) -> int:
    """The peak resident set (KiB) of a child running ``code`` until its window is open and idle."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=child_env(), timeout=300
    )
    return int(result.stdout.split()[-1])


def idle_memory(data_dir: str) -> tuple[int, int]:
    """Max RSS in KiB of the bare window and of the application, each open and idle (best of two)."""
    bare = min(max_rss_kib(BARE_MEMORY) for _ in range(2))
    app = min(max_rss_kib(APPLICATION_MEMORY, "--data-dir", data_dir) for _ in range(2))
    return bare, app


def child_env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    # Installed packages and the frozen bundle run from compiled bytecode; a
    # checkout with PYTHONDONTWRITEBYTECODE set would recompile every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def count_instructions(code: str, *args: str, until_drawn: bool = False) -> int:
    env = {**child_env(), "BENCH_UNTIL_DRAWN": "1"} if until_drawn else child_env()
    return instructions.to_first_paint([sys.executable, "-c", code, *args], env)


def time_child(code: str, *args: str) -> tuple[float, float]:
    """Wall-clock seconds to first paint, and the CPU seconds the child used."""
    env = child_env()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    line = process.stdout.readline() if process.stdout else ""
    elapsed = time.perf_counter() - start
    process.wait(timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if line.strip() != "painted":
        raise RuntimeError("the child never painted a window")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    parser.add_argument("--memory", action="store_true", help="also measure idle memory (max RSS)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        subprocess.run(
            [sys.executable, "-m", "companion", "--data-dir", data_dir, "content", "list"],
            check=True,
            capture_output=True,
            cwd=REPO,
        )  # first start: migrate and load the bundled workshop
        compileall.compile_dir(REPO / "companion", quiet=1)
        time_child(BARE), time_child(APPLICATION, "--data-dir", data_dir)  # warm the file cache
        bare: list[tuple[float, float]] = []
        app: list[tuple[float, float]] = []
        for _ in range(args.runs):
            bare.append(time_child(BARE))
            app.append(time_child(APPLICATION, "--data-dir", data_dir))
        if args.instructions:
            counts = count_instructions(BARE), count_instructions(APPLICATION, "--data-dir", data_dir)
            drawn = (
                count_instructions(BARE, until_drawn=True),
                count_instructions(APPLICATION, "--data-dir", data_dir, until_drawn=True),
            )
        if args.memory:
            memory = idle_memory(data_dir)
    for name, runs in (("bare PySide6 window", bare), ("Training Companion", app)):
        walls = ", ".join(f"{wall:.2f}" for wall, _cpu in runs)
        print(
            f"{name:20}: wall median {statistics.median(w for w, _ in runs):.3f} s, "
            f"best {min(w for w, _ in runs):.3f} s; CPU median {statistics.median(c for _, c in runs):.3f} s"
            f"  (wall runs: {walls})"
        )
    best = min(w for w, _ in app) / min(w for w, _ in bare)
    print(f"ratio, best wall-clock runs: {best:.2f}  (noise only adds time)")
    ratio_wall = statistics.median(w for w, _ in app) / statistics.median(w for w, _ in bare)
    ratio_cpu = statistics.median(c for _, c in app) / statistics.median(c for _, c in bare)
    print(f"ratio, wall-clock medians: {ratio_wall:.2f}  (target: at most 1.3)")
    # Wall time on a machine with noisy neighbours swings by seconds; CPU time
    # (user + system) shows the work each start really does.
    print(f"ratio, CPU-time medians  : {ratio_cpu:.2f}")
    if args.instructions:
        print(instructions.report(*counts))
        bare_drawn, app_drawn = drawn
        print(
            f"instructions to the first frame drawn: bare {bare_drawn / 1e6:.0f} M, application "
            f"{app_drawn / 1e6:.0f} M; ratio {app_drawn / bare_drawn:.2f}  (text laid out and drawn)"
        )
    if args.memory:
        bare_rss, app_rss = memory
        print(
            f"idle memory (max RSS, window open): bare {bare_rss / 1024:.1f} MiB, "
            f"application {app_rss / 1024:.1f} MiB; ratio {app_rss / bare_rss:.2f}  (target: at most 2)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
