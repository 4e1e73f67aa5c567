"""Bundle size and frozen start time, against a bare PySide6 window frozen the same way.

Freezes two programs in one run, both with ``build_scripts/freeze.py`` (same
exclusions, stripping, Qt plugins and translations): the application, from
``build_scripts/companion.spec`` with only its entry script swapped for one that
reports the first paint, and a bare window (a QLabel of the same size). Then
starts each several times, alternately, offscreen, and prints the medians of
the time from process start to the first paint of a window (wall clock, and CPU
time, which the machine's noisy neighbours disturb less), the sizes and the
ratios, then what each component costs (``bundle_costs.py``). The application
opens an already initialised data folder, as on every start after the first.

With ``--instructions`` it also counts, under valgrind, the instructions each
frozen program executes up to its first paint (see ``instructions.py``).

Usage: ``python bench/bundle.py [--runs N] [--workdir DIR] [--instructions]``;
with ``--workdir`` the builds are kept there and reused by the next run, unless
the application's files (or the probe) changed since.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bundle_costs  # bench/bundle_costs.py, beside this script
import instructions  # bench/instructions.py, beside this script
import startup  # bench/startup.py, beside this script

REPO = Path(__file__).resolve().parent.parent
BUILD_SCRIPTS = REPO / "build_scripts"

# Both entries print "painted" at the first paint event of their window, then exit. The probe
# watches the window alone, as in bench/startup.py: on the whole application it would make
# Python handle every event of every widget, which a real start does not do.
PROBE = """
import os
import sys
from PySide6.QtCore import QEvent, QObject


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            os._exit(0)
        return False


probe = FirstPaint()
"""

BARE = (
    PROBE
    + """
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv[:1])
window = QLabel("bare window")
window.resize(1280, 760)
window.installEventFilter(probe)
window.show()
app.exec()
"""
)

# The real start (command line, then the window), with the probe installed on the window
# just before it is shown: bench/startup.py's, which imports nothing before the start.
APPLICATION = startup.APPLICATION


BARE_SPEC = f"""
import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("freeze", {str(BUILD_SCRIPTS / "freeze.py")!r})
freeze = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(freeze)
freeze.freeze("bare", Path(SPECPATH) / "bare.py")
"""


def freeze(spec: Path, work: Path, entry: Path | None = None) -> float:
    env = {**os.environ}
    if entry is not None:
        env["COMPANION_FREEZE_ENTRY"] = str(entry)
    folders = ["--distpath", str(work / "dist"), "--workpath", str(work / "build")]
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", *folders, str(spec)],
        check=True,
        env=env,
        cwd=work,
    )
    return time.perf_counter() - started


SOURCES = [REPO / "companion", REPO / "resources", BUILD_SCRIPTS, REPO / "pyproject.toml"]


def newest(paths: list[Path]) -> float:
    """The latest modification time of these files and of every file under these folders."""
    times = [0.0]
    for path in paths:
        if path.is_dir():
            for root, _dirs, files in os.walk(path):
                times += [os.stat(os.path.join(root, name)).st_mtime for name in files]
        elif path.exists():
            times.append(path.stat().st_mtime)
    return max(times)


def folder_size(folder: Path) -> int:
    return sum(
        (Path(root) / name).lstat().st_size for root, _dirs, files in os.walk(folder) for name in files
    )


def executable(work: Path, name: str) -> Path:
    return work / "dist" / name / (name + (".exe" if sys.platform == "win32" else ""))


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def time_child(exe: Path, *args: str) -> tuple[float, float]:
    """Wall-clock seconds to the first paint, and the CPU seconds the process used."""
    env = child_env()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(exe), *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    line = process.stdout.readline() if process.stdout else ""
    elapsed = time.perf_counter() - start
    process.wait(timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if line.strip() != "painted":
        raise RuntimeError(f"{exe.name} never painted a window")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(name: str, runs: list[tuple[float, float]]) -> str:
    walls = ", ".join(f"{wall:.2f}" for wall, _cpu in runs)
    return (
        f"{name:20}: wall median {statistics.median(w for w, _ in runs):.3f} s, best "
        f"{min(w for w, _ in runs):.3f} s; CPU median {statistics.median(c for _, c in runs):.3f} s"
        f"  (wall runs: {walls})"
    )


def bench(work: Path, runs: int, count: bool) -> None:
    work.mkdir(parents=True, exist_ok=True)
    for name, text in (("bare.py", BARE), ("bare.spec", BARE_SPEC), ("app_probe.py", APPLICATION)):
        if not (work / name).is_file() or (work / name).read_text(encoding="utf-8") != text:
            (work / name).write_text(text, encoding="utf-8")  # a new time only when it changed
    app_exe, bare_exe = executable(work, "companion"), executable(work, "bare")
    for exe, spec, entry, sources in (
        (bare_exe, work / "bare.spec", None, [work / "bare.py", work / "bare.spec"]),
        (app_exe, BUILD_SCRIPTS / "companion.spec", work / "app_probe.py", [work / "app_probe.py", *SOURCES]),
    ):
        if not exe.is_file() or newest(sources) > exe.stat().st_mtime:  # a build of older code is not reused
            print(f"freezing {exe.name} ... {freeze(spec, work, entry):.0f} s", flush=True)
    app_size, bare_size = folder_size(app_exe.parent), folder_size(bare_exe.parent)

    data_dir = work / "data"
    app_args = ("--data-dir", str(data_dir))
    time_child(bare_exe), time_child(app_exe, *app_args)  # first start; warm the cache
    bare: list[tuple[float, float]] = []
    app: list[tuple[float, float]] = []
    for _ in range(runs):
        bare.append(time_child(bare_exe))
        app.append(time_child(app_exe, *app_args))

    sizes = f"Training Companion {app_size / 2**20:.1f} MiB, bare window {bare_size / 2**20:.1f} MiB"
    print(f"bundle size         : {sizes}")
    print(summary("bare PySide6 window", bare))
    print(summary("Training Companion", app))
    wall = statistics.median(w for w, _ in app) / statistics.median(w for w, _ in bare)
    cpu = statistics.median(c for _, c in app) / statistics.median(c for _, c in bare)
    print(f"ratio, size                 : {app_size / bare_size:.2f}  (target: at most 1.25)")
    print(f"ratio, first paint wall time: {wall:.2f}  (target: at most 1.4)")
    print(f"ratio, first paint CPU time : {cpu:.2f}")
    best = min(w for w, _ in app) / min(w for w, _ in bare)
    print(f"ratio, best first paints    : {best:.2f}  (noise only adds time)")
    print("\nwhat each component costs in the bundle (MiB; 'own': beyond the bare window's files)")
    print(bundle_costs.table(app_exe.parent, bare_exe.parent))
    if count:
        commands = ([str(bare_exe)], [str(app_exe), *app_args])
        counts = [instructions.to_first_paint(command, child_env()) for command in commands]
        print(instructions.report(*counts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workdir", type=Path, help="keep the builds here and reuse them")
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    args = parser.parse_args()
    if args.workdir:
        bench(args.workdir.resolve(), args.runs, args.instructions)
    else:
        with tempfile.TemporaryDirectory(prefix="companion-bench-") as tmp:
            bench(Path(tmp), args.runs, args.instructions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
