"""What each dependency costs in a built bundle, beside what it does for the user.

Reads a built one-folder bundle (``dist/companion`` from ``make bundle``, or the one
``bench/bundle.py --workdir DIR`` keeps in ``DIR/dist/companion``) and charges every
file to a component: a package's folder and metadata, its modules' byte code in the
executable's archive (PYZ), the shared libraries that only its binaries load (found
through their link-time imports), its data. A library that binaries of several
components load is charged to Qt or Python when they are among them (the floor every
bundle pays), else listed as shared. With ``--bare`` (the bare PySide6 window that
``bench/bundle.py`` freezes beside it) a second column gives what the same files cost
there: the component's own cost is the difference.

Usage: ``python bench/bundle_costs.py [BUNDLE] [--bare BARE]``; Linux only for the
library attribution (it reads ``readelf -d``; without binutils each top-level library
is listed on its own).
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# PyInstaller's folder for the standard library's extension modules (lib-dynload).
STDLIB = f"python{sys.version_info.major}.{sys.version_info.minor}"
QT, PYTHON, APP, SHARED = "Qt (PySide6, shiboken6)", "Python", "Training Companion", "shared libraries"
# What each component does for the user, in one phrase. Keys are the names the table uses.
ROLES = {
    QT: "the window: widgets, text on screen, SVG icons, X11 and typing Chinese (ibus)",
    PYTHON: "the interpreter and the standard library the application runs on",
    APP: "the application's code, the bundled workshop, the Chinese font, icons, translations",
    "SQLite": "the store: every workshop, roster, result and search index",
    "cryptography": "signs and checks packs and certificates (Ed25519), seals the roster (AES-GCM, scrypt)",
    "pydantic": "checks every content pack and settings file as it is read (with pydantic-core)",
    "reportlab": "handouts, answer sheets, the workshop report and certificates as PDF",
    "pillow": "reads scanned answer sheets and photos of certificates; reportlab needs it to load",
    "pypdfium2": "draws PDF pages: the print preview, a certificate read from its PDF",
    "zxing-cpp": "reads the QR codes on scanned answer sheets and on certificates",
    "pypdf": "takes the page images out of a scanner's PDF of answer sheets",
    "openpyxl": "spreadsheet exports: results, marks, the workshop report",
    "icalendar": "the workshop's sessions as a calendar file",
    "pypinyin": "sorts the glossary and lists by pinyin",
    "sqlite-utils": "the store's inserts and schema changes (with sqlite-fts4, pluggy, click)",
    "platformdirs": "finds the user's data and documents folders on each system",
    "tomli": "reads content packs' TOML files",
    "packaging": "compares pack format versions",
}
# Distributions charged to a bigger component: they come with it and do nothing alone.
PART_OF = {
    "pyside6-essentials": QT,
    "pyside6": QT,
    "shiboken6": QT,
    "pydantic-core": "pydantic",
    "annotated-types": "pydantic",
    "typing-inspection": "pydantic",
    "typing-extensions": "pydantic",
    "cffi": "cryptography",
    "pycparser": "cryptography",
    "pypdfium2-raw": "pypdfium2",
    "sqlite-fts4": "sqlite-utils",
    "pluggy": "sqlite-utils",
    "click": "sqlite-utils",
    "click-default-group": "sqlite-utils",
    "tabulate": "sqlite-utils",
    "python-dateutil": "sqlite-utils",
    "six": "sqlite-utils",
    "et-xmlfile": "openpyxl",
    "tzdata": "icalendar",
    "defusedxml": "openpyxl",
}
# Top-level names no distribution claims, or that several claim.
TOP_LEVEL = {
    "resources": APP,
    "companion": APP,
    "base_library.zip": PYTHON,
    STDLIB: PYTHON,
    "pillow.libs": "pillow",
    "PIL": "pillow",
    "pypdfium2_raw": "pypdfium2",
    "_rl_accel": "reportlab",
    "_cffi_backend": "cryptography",
    "_sqlite3": "SQLite",
}


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


@cache
def _owners() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def component_of_module(top: str) -> str:
    """The component a top-level module or folder name belongs to."""
    if top in TOP_LEVEL:
        return TOP_LEVEL[top]
    if top.endswith(".dist-info"):
        return component_of_distribution(top.removesuffix(".dist-info").rsplit("-", 1)[0])
    stem = top.split(".")[0]
    if stem.endswith("__mypyc"):  # tomli's compiled runtime, named by a hash
        return "tomli"
    distributions = _owners().get(stem)
    if distributions:
        return component_of_distribution(distributions[0])
    if stem in sys.stdlib_module_names or stem.startswith(("_", "pyi", "pyimod")):
        return PYTHON
    return stem


def component_of_distribution(name: str) -> str:
    normal = _normal(name)
    return PART_OF.get(normal, normal if normal not in {"pyside6-essentials"} else QT)


def component_of_path(relative: Path) -> str:
    """The component a file of the bundle belongs to, by where it is (links not followed)."""
    if relative.parts[0] == STDLIB and relative.name.startswith("_sqlite3."):
        return "SQLite"  # Python's binding, in the standard library's folder
    return component_of_module(relative.parts[0])


def content_root(bundle: Path) -> Path:
    return bundle / "_internal" if (bundle / "_internal").is_dir() else bundle


@cache
def needed(path: Path) -> tuple[str, ...]:
    """The sonames a binary imports at link time (empty for anything else)."""
    try:
        listing = subprocess.run(
            ["readelf", "-d", "--wide", str(path)], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return ()
    return tuple(
        line.split("[", 1)[1].split("]", 1)[0] for line in listing.splitlines() if "(NEEDED)" in line
    )


def is_binary(path: Path) -> bool:
    name = path.name
    return not path.is_symlink() and (".so" in name or name.endswith((".dll", ".dylib", ".pyd")))


def library_owners(root: Path) -> dict[str, str]:
    """Each top-level library's component: whose binaries, directly or through other libraries, load it."""
    libraries = {p.name: p for p in root.iterdir() if p.is_file() and ".so" in p.name and not p.is_symlink()}
    loaders: dict[str, set[str]] = collections.defaultdict(set)
    for path in root.rglob("*"):
        if not is_binary(path) or (path.parent == root and path.name in libraries):
            continue
        component = component_of_path(path.relative_to(root))
        todo = list(needed(path))
        seen: set[str] = set()
        while todo:
            soname = todo.pop()
            if soname in seen or soname not in libraries:
                continue
            seen.add(soname)
            loaders[soname].add(component)
            todo.extend(needed(libraries[soname]))
    owners = {}
    for name in libraries:
        users = loaders.get(name, set())
        for floor in (QT, PYTHON):
            if floor in users:
                owners[name] = floor
                break
        else:
            owners[name] = users.pop() if len(users) == 1 else SHARED
    return owners


def archive_sizes(executable: Path) -> dict[str, int]:
    """Compressed byte code in the executable's PYZ, by top-level module."""
    from PyInstaller.archive.readers import CArchiveReader

    sizes: dict[str, int] = collections.Counter()
    archive = CArchiveReader(str(executable))
    for name in archive.toc:
        if name.endswith(".pyz"):
            for module, (_kind, _offset, length) in archive.open_embedded_archive(name).toc.items():
                sizes[module.split(".")[0]] += length
    return sizes


def charged_to(root: Path, relative: Path, owners: dict[str, str]) -> str:
    """The component a file of the bundle is charged to; a link, to the component of its target."""
    path = root / relative
    if path.is_symlink():
        target = (path.parent / os.readlink(path)).resolve()
        if target.is_relative_to(root):
            relative = target.relative_to(root)
    if len(relative.parts) == 1 and relative.parts[0] in owners:
        return owners[relative.parts[0]]
    return component_of_path(relative)


def costs(bundle: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Bytes per component, and per relative path (for comparing with another bundle)."""
    root = content_root(bundle)
    owners = library_owners(root)
    per_component: dict[str, int] = collections.Counter()
    per_path: dict[str, int] = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            relative = path.relative_to(root)
            size = path.lstat().st_size
            per_component[charged_to(root, relative, owners)] += size
            per_path[relative.as_posix()] = size
    executable = next(
        p for p in bundle.iterdir() if p.is_file() and os.access(p, os.X_OK) and p.suffix != ".sh"
    )
    modules = archive_sizes(executable)
    for module, size in modules.items():
        per_component[component_of_module(module)] += size
        per_path[f"PYZ:{module}"] = size
    # The rest of the executable: PyInstaller's boot loader and the archive's index.
    rest = executable.stat().st_size - sum(modules.values())
    per_component[PYTHON] += rest
    per_path["executable"] = rest
    return per_component, per_path


def also_in(bare: Path | None, bundle: Path) -> dict[str, int]:
    """Bytes of each component whose files the bare bundle holds too (same path, as much as there)."""
    if bare is None:
        return {}
    _components, bare_paths = costs(bare)
    root = content_root(bundle)
    owners = library_owners(root)
    shared: dict[str, int] = collections.Counter()
    _components, paths = costs(bundle)
    for relative, size in paths.items():
        if relative not in bare_paths:
            continue
        if relative == "executable":
            component = PYTHON
        elif relative.startswith("PYZ:"):
            component = component_of_module(relative[4:])
        else:
            component = charged_to(root, Path(relative), owners)
        shared[component] += min(size, bare_paths[relative])
    return shared


def table(bundle: Path, bare: Path | None) -> str:
    per_component, _paths = costs(bundle)
    floor = also_in(bare, bundle)
    total = sum(per_component.values())
    mib = 2**20
    lines = [
        f"{'component':26} {'MiB':>6} {'in bare':>7} {'own':>6}  what it does for the user",
        f"{'-' * 26} {'-' * 6} {'-' * 7} {'-' * 6}  {'-' * 40}",
    ]
    for component, size in sorted(per_component.items(), key=lambda item: -item[1]):
        in_bare = floor.get(component, 0)
        role = ROLES.get(component, "libraries several components load" if component == SHARED else "")
        lines.append(
            f"{component:26} {size / mib:6.2f} {in_bare / mib:7.2f} {(size - in_bare) / mib:6.2f}  {role}"
        )
    own = total - sum(floor.values())
    lines.append(f"{'total':26} {total / mib:6.2f} {sum(floor.values()) / mib:7.2f} {own / mib:6.2f}")
    if bare is not None:
        bare_total = sum(costs(bare)[0].values())
        lines.append(f"bare bundle {bare_total / mib:.1f} MiB; ratio {total / bare_total:.3f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path, nargs="?", default=REPO / "dist" / "companion")
    parser.add_argument("--bare", type=Path, help="the bare window's bundle, e.g. WORKDIR/dist/bare")
    args = parser.parse_args()
    if not args.bundle.is_dir():
        print(f"bundle_costs: no bundle at {args.bundle}; build one first (make bundle)", file=sys.stderr)
        return 1
    print(table(args.bundle.resolve(), args.bare.resolve() if args.bare else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
