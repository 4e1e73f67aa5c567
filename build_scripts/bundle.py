"""Build the standalone bundle for this platform, print its size, run the frozen smoke test.

Usage: ``python build_scripts/bundle.py [--skip-build] [--archive]`` (``make bundle``).
The bundle is ``dist/companion/`` (``dist/Training Companion.app`` on macOS);
``--archive`` also packs it into ``dist/companion-VERSION-PLATFORM.tar.gz`` (``.zip``
on Windows), the file to put on a USB stick (an archive keeps the executable bit
that a FAT-formatted stick loses), and puts the bilingual ``HOW-TO.txt`` beside it.
Exits 1 when the build or the smoke test fails.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "dist"
WORK = REPO / "build" / "pyinstaller"
SPEC = REPO / "build_scripts" / "companion.spec"
SMOKE = REPO / "tests" / "frozen" / "smoke.py"
HOW_TO = REPO / "build_scripts" / "stick" / "HOW-TO.txt"  # both languages, for the USB stick


def bundle_folder() -> Path:
    if sys.platform == "darwin":
        return DIST / "Training Companion.app"
    return DIST / "companion"


def executable() -> Path:
    if sys.platform == "darwin":
        return bundle_folder() / "Contents" / "MacOS" / "companion"
    return bundle_folder() / ("companion.exe" if sys.platform == "win32" else "companion")


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files in ``folder``, symbolic links counted as links."""
    total = count = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            total += (Path(root) / name).lstat().st_size
            count += 1
    return total, count


def build() -> None:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(SPEC),
        ],
        check=True,
        cwd=REPO,
    )
    print(f"built {bundle_folder().relative_to(REPO)} in {time.perf_counter() - started:.0f} s")


def archive() -> Path:
    from companion import __version__

    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = DIST / f"companion-{__version__}-{system}-{platform.machine().lower()}"
    fmt = "zip" if sys.platform == "win32" else "gztar"
    shutil.copy2(HOW_TO, DIST / HOW_TO.name)
    return Path(shutil.make_archive(str(base), fmt, root_dir=DIST, base_dir=bundle_folder().name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-build", action="store_true", help="test the bundle already in dist/")
    parser.add_argument("--archive", action="store_true", help="also pack the bundle for a USB stick")
    args = parser.parse_args()
    if not args.skip_build:
        try:
            build()
        except subprocess.CalledProcessError:
            print("bundle: PyInstaller failed (its messages are above)", file=sys.stderr)
            return 1
    if not executable().is_file():
        print(f"bundle: no bundle at {bundle_folder()}; build it first", file=sys.stderr)
        return 1
    size, files = folder_size(bundle_folder())
    print(f"bundle size: {size / 2**20:.1f} MiB in {files} files ({bundle_folder().relative_to(REPO)})")
    smoke = subprocess.run([sys.executable, str(SMOKE), str(executable())], cwd=REPO)
    if smoke.returncode != 0:
        return 1
    if args.archive:
        packed = archive()
        print(f"archive: {packed.relative_to(REPO)}, {packed.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
