"""Build the standalone bundle for this platform, print its size, run the frozen smoke test.

Usage: ``python build_scripts/bundle.py [--skip-build] [--archive] [--edition participant]``
(``make bundle``). The bundle is ``dist/companion/`` (``dist/Training Companion.app`` on
macOS); ``--archive`` also packs it into ``dist/companion-VERSION-PLATFORM.tar.gz``
(``.zip`` on Windows), the file to put on a USB stick (an archive keeps the executable bit
that a FAT-formatted stick loses), and puts the bilingual ``HOW-TO.txt`` beside it.

``--edition participant`` builds the copy participants take home: its bundled workshop is
the participant edition (no answer keys, no facilitator notes: the files are rewritten by
:mod:`companion.core.packs.edition_folder` before PyInstaller sees them), in
``dist/participant/companion/``, archived as ``dist/companion-participant-VERSION-PLATFORM``.
A trainer's copy gets the facilitator content by importing the signed facilitator pack.
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
CONTENT = REPO / "resources" / "content" / "nanning-workshop"
EDITION_CONTENT = WORK / "edition-content" / "nanning-workshop"  # the participant build's content
EDITIONS = ("facilitator", "participant")
edition = "facilitator"  # set by main(): which edition this run builds


def dist_root() -> Path:
    """Where PyInstaller puts this edition's bundle: the participant copy apart from the full one."""
    return DIST if edition == "facilitator" else DIST / edition


def bundle_folder() -> Path:
    if sys.platform == "darwin":
        return dist_root() / "Training Companion.app"
    return dist_root() / "companion"


def executable() -> Path:
    if sys.platform == "darwin":
        return bundle_folder() / "Contents" / "MacOS" / "companion"
    return bundle_folder() / ("companion.exe" if sys.platform == "win32" else "companion")


def prepare_content() -> dict[str, str]:
    """The environment for the spec: the participant edition's content folder, written now."""
    if edition == "facilitator":
        return {}
    sys.path.insert(0, str(REPO))
    from companion.core.packs.edition_folder import write_edition_folder

    count = write_edition_folder(CONTENT, EDITION_CONTENT, edition)
    print(f"content: the {edition} edition, {count} files in {EDITION_CONTENT.relative_to(REPO)}")
    return {"COMPANION_BUNDLE_CONTENT": str(EDITION_CONTENT)}


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
            str(dist_root()),
            "--workpath",
            str(WORK),
            str(SPEC),
        ],
        check=True,
        cwd=REPO,
        env={**os.environ, **prepare_content()},
    )
    print(f"built {bundle_folder().relative_to(REPO)} in {time.perf_counter() - started:.0f} s")


def archive() -> Path:
    from companion import __version__

    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    which = "" if edition == "facilitator" else f"-{edition}"
    base = DIST / f"companion{which}-{__version__}-{system}-{platform.machine().lower()}"
    fmt = "zip" if sys.platform == "win32" else "gztar"
    shutil.copy2(HOW_TO, DIST / HOW_TO.name)
    return Path(shutil.make_archive(str(base), fmt, root_dir=dist_root(), base_dir=bundle_folder().name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-build", action="store_true", help="test the bundle already in dist/")
    parser.add_argument("--archive", action="store_true", help="also pack the bundle for a USB stick")
    parser.add_argument(
        "--edition",
        choices=EDITIONS,
        default="facilitator",
        help="participant: bundle the workshop without answer keys or facilitator notes",
    )
    args = parser.parse_args()
    global edition
    edition = args.edition
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
