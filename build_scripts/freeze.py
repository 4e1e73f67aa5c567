"""The options every frozen build of ours shares: what it leaves out, and how it is made.

``companion.spec`` freezes the application with :func:`freeze`; ``bench/bundle.py``
freezes a bare PySide6 window with the same function, so that the two bundles
differ only in what the application itself brings. Loaded by path from a spec
file (PyInstaller runs spec files with ``exec``), so it imports only PyInstaller
and the standard library.

What is left out, and why (sizes measured on Linux, PySide6 6.12):

- Qt plugins a widgets application on a desktop never loads: embedded-display
  platforms (eglfs, linuxfb, vnc, ...), Wayland (Qt falls back to X11 through
  XWayland), input devices read directly (evdev), network, TLS, SQL drivers,
  printing through CUPS (handouts are PDF files), the GTK theme (it drags GTK's
  own libraries in from the build machine), image formats other than SVG.
- Qt's translations, except ``qtbase`` in Chinese: the only Qt catalogue the
  window loads (stock dialogs and context menus).
- Python packages that are installed beside ours but never used by the running
  application: pip (sqlite-utils' command line wants it), Tk, and every test and
  development tool. Pillow stays, because reportlab imports ``PIL.Image`` when it
  loads, and the scan reader uses it, but without its optional codecs (AVIF, WebP,
  colour management, FreeType): our PDFs hold no images and scans are JPEG, PNG or PDF.
  charset-normalizer goes: reportlab imports it only to guess the encoding of XML it
  parses (``reportlab.lib.rparsexml``), which we never do.
- Modules the import graph reaches only through code the application never runs:
  ``ssl`` (the application works offline; ``http.client`` and ``urllib.request``,
  which ``xml.sax.saxutils`` imports, run without it; 0.9 MiB with libssl),
  ``readline`` (interactive prompts; 0.6 MiB with libreadline and libtinfo),
  ``asyncio``, ``multiprocessing``, ``unittest``, ``doctest``, ``pdb``, ``pydoc``,
  XML-RPC, the HTTP server, pydantic's V1 compatibility layer and mypy plugin
  (1.3 MiB of byte code), and rich with pygments and markdown-it, which only pydantic's
  schema pretty-printer (a debugging aid) imports (2.3 MiB of byte code). Checked by
  running the self-test, handout exports, and pack key, export, verify and import with
  all of them made unimportable.
- Shared libraries that nothing kept refers to any more once the above are gone,
  found by following each kept binary's link-time imports. Libraries a package opens
  with ctypes (PDFium, in pypdfium2_raw) are kept for their own sake: no link-time
  import reaches them, and without PDFium the print preview and reading a
  certificate's PDF fail (the frozen smoke test reads one).
- Type stubs (``.pyi``, ``py.typed``) that hooks collect as data.
- Second copies of shared libraries (Linux): wheels built with auditwheel carry
  their own copies under hashed names (``pillow.libs/libzstd-40ad5e7e.so.1.5.7``).
  When the bundle already holds the same library under its usual name
  (``libzstd.so.1``, which Qt's dependencies bring) and that copy defines every
  symbol, with its version, that the wheel's binaries take from theirs, the hashed
  name becomes a symbolic link to it. For Pillow this is libXau (2 MiB, mostly padding), libzstd
  and liblzma: 3 MiB. Without ``readelf`` (binutils) the copies stay.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

from PyInstaller.building.api import COLLECT, EXE, PYZ
from PyInstaller.building.build_main import Analysis
from PyInstaller.building.utils import format_binaries_and_datas
from PyInstaller.depend import bindepend
from PyInstaller.utils.hooks import copy_metadata

PLATFORM_PLUGINS = {
    "linux": {"xcb", "offscreen"},
    "win32": {"windows", "offscreen"},
    "darwin": {"cocoa", "offscreen"},
}
# Qt plugin folders we keep, and which plugins in each (None: all of them).
KEPT_PLUGINS: dict[str, set[str] | None] = {
    "platforms": PLATFORM_PLUGINS.get(sys.platform, {"offscreen"}),
    # Typing Chinese needs an input method; ibus is the common one on Linux desktops.
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "platformthemes": {"xdgdesktopportal"},
    "xcbglintegrations": None,
    "iconengines": {"svgicon"},
    "imageformats": {"svg"},
    "styles": None,  # the native look on Windows and macOS
}
KEPT_QT_TRANSLATIONS = {"qtbase_zh_CN.qm"}
# Package folders whose shared libraries the package opens with ctypes: no link-time import
# reaches them, so they are kept for their own sake (PDFium draws the print preview's pages).
CTYPES_LOADED = {"pypdfium2_raw"}
# Data files a hook collects that the application never reads: pypinyin's phrase
# dictionary (2.5 MB; the glossary sorts with the single-character one, see
# companion/core/collation.py).
DROPPED_DATA = {"pypinyin/phrases_dict.json", "pypinyin/phrases_dict.pyi"}

EXCLUDED_MODULES = [
    # Qt modules only pulled in by the hooks' guesses
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtPrintSupport",
    # Pillow's optional parts (each brings a codec library); PIL.Image works without them
    "PIL.AvifImagePlugin",
    "PIL._avif",
    "PIL.WebPImagePlugin",
    "PIL._webp",
    "PIL.ImageCms",
    "PIL._imagingcms",
    # PIL.ImageFont stays: ImageDraw imports it (through ImageText), and the scan reader draws
    # with ImageDraw. Without FreeType's binding it loads, and only drawing text would fail.
    "PIL._imagingft",
    "PIL.ImageMath",
    "PIL._imagingmath",
    "PIL.ImageMorph",
    "PIL._imagingmorph",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.ImageQt",
    # reportlab's encoding guesser for the XML it parses; we give it no XML (see above)
    "charset_normalizer",
    # openpyxl reads numpy types when numpy happens to be installed; the forms we write hold none
    "numpy",
    # pydantic's debugging helper (pretty_print_core_schema) imports rich, which brings pygments
    # and markdown-it: 2.3 MiB of byte code the application never runs
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    # reached by the import graph, never imported while the application runs (see above)
    "ssl",
    "_ssl",
    "readline",
    "asyncio",
    "multiprocessing",
    "unittest",
    "doctest",
    "pdb",
    "pydoc",
    "pydoc_data",
    "xmlrpc",
    "http.server",
    "pydantic.v1",
    "pydantic.mypy",
    # installed beside our dependencies, never used by the application
    "pip",
    "setuptools",
    "pkg_resources",
    "tkinter",
    "_tkinter",
    "IPython",
    # development tools and tests
    "PyInstaller",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "babel",
    "ruff",
    "mypy",
]

# Linux and macOS binaries lose their symbols; stripping Windows binaries breaks them.
STRIP = sys.platform != "win32"


def _plugin_kept(dest: str) -> bool:
    parts = Path(dest).parts
    folder, name = parts[parts.index("plugins") + 1], Path(dest).name
    if folder not in KEPT_PLUGINS:
        return False
    wanted = KEPT_PLUGINS[folder]
    if wanted is None:
        return True
    stem = name.split(".")[0]
    stem = stem[3:] if stem.startswith("lib") else stem
    # Qt names a plugin file qxcb, qsvg, ...: drop the leading q, and the debug suffix on Windows.
    candidates = {stem, stem[1:] if stem.startswith("q") else stem, stem.removesuffix("d")}
    return bool(candidates & wanted)


def _kept(dest: str) -> bool:
    posix = dest.replace("\\", "/")
    if "/Qt/plugins/" in posix or "/Qt6/plugins/" in posix:
        return _plugin_kept(posix)
    if "/Qt/translations/" in posix or "/Qt6/translations/" in posix:
        return Path(posix).name in KEPT_QT_TRANSLATIONS
    # Type stubs are for type checkers, not for the running program.
    return posix not in DROPPED_DATA and not posix.endswith((".pyi", "/py.typed"))


def _is_root(dest: str, typecode: str) -> bool:
    """Binaries kept for their own sake: Python extensions, Qt plugins, Python itself, ctypes' libraries."""
    name = Path(dest).name.lower()
    return (
        typecode == "EXTENSION"
        or "/plugins/" in dest.replace("\\", "/")
        or Path(dest).parts[0] in CTYPES_LOADED
        or name.startswith(("libpython", "python3", "python"))
    )


@functools.cache
def _imports(binary: str) -> list[tuple[str, str | None]]:
    """The libraries ``binary`` imports at link time; asked for twice per binary, and slow."""
    return bindepend.get_imports(binary)


def prune_unreferenced(binaries: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop shared libraries that no kept binary imports at link time, and links to them."""
    files = {str(Path(src).resolve()): (dest, src, code) for dest, src, code in binaries if code != "SYMLINK"}
    reached: set[str] = set()
    todo = [key for key, (dest, _src, code) in files.items() if _is_root(dest, code)]
    while todo:
        source = todo.pop()
        if source in reached:
            continue
        reached.add(source)
        for _name, path in _imports(source):
            if path is not None and str(Path(path).resolve()) in files:
                todo.append(str(Path(path).resolve()))
    kept = [entry for key, entry in files.items() if key in reached]
    present = {os.path.normpath(dest) for dest, _src, _code in kept}
    # A SYMLINK entry's source is the link's target, relative to the link's folder.
    links = [
        (dest, src, code)
        for dest, src, code in binaries
        if code == "SYMLINK" and os.path.normpath(os.path.join(os.path.dirname(dest), src)) in present
    ]
    return kept + links


# auditwheel's name for a library it copied into a wheel: libzstd-40ad5e7e.so.1.5.7 is libzstd.so.1.
_VENDORED = re.compile(r"^(?P<stem>lib[^-/]+)-[0-9a-f]{8}\.so\.(?P<major>\d+)(\.\d+)*$")


def _dynamic_symbols(path: str) -> tuple[set[str], set[str]] | None:
    """Dynamic symbols ``path`` defines and those it needs, as ``name@version`` (``name@`` if unversioned)."""
    try:
        listing = subprocess.run(
            ["readelf", "--dyn-syms", "--wide", path], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    defined: set[str] = set()
    needed: set[str] = set()
    for line in listing.splitlines():
        # Num: Value Size Type Bind Vis Ndx Name [(version index)]
        fields = line.split()
        if len(fields) < 8 or not fields[0].endswith(":") or fields[4] == "LOCAL":
            continue
        name, _at, version = fields[7].partition("@")
        (needed if fields[6] == "UND" else defined).add(f"{name}@{version.lstrip('@')}")
    return defined, needed


def _provides(replacement: set[str], wanted: set[str]) -> bool:
    names = {symbol.partition("@")[0] for symbol in replacement}
    # A versioned reference needs that version; an unversioned one binds to whichever the library defines.
    return all(
        symbol in replacement if not symbol.endswith("@") else symbol[:-1] in names for symbol in wanted
    )


def _linkable(copy: str, usual: str, importers: Sequence[str]) -> bool:
    """Whether ``usual`` defines every symbol that ``importers`` may take from ``copy``."""
    own, replacement = _dynamic_symbols(copy), _dynamic_symbols(usual)
    if own is None or replacement is None:
        return False
    own_names = {symbol.partition("@")[0] for symbol in own[0]}
    wanted: set[str] = set()
    for importer in importers:
        symbols = _dynamic_symbols(importer)
        if symbols is None:
            return False
        wanted |= {symbol for symbol in symbols[1] if symbol.partition("@")[0] in own_names}
    return _provides(replacement[0], wanted)


def share_duplicates(binaries: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Replace a wheel's hashed copy of a library the bundle already holds by a link to that library."""
    if not sys.platform.startswith("linux"):
        return list(binaries)
    files = [(dest, src) for dest, src, code in binaries if code != "SYMLINK"]
    by_name = {Path(dest).name: (dest, src) for dest, src in files}
    result = []
    for dest, src, code in binaries:
        match = _VENDORED.match(Path(dest).name) if Path(dest).parent.name.endswith(".libs") else None
        usual = by_name.get(f"{match['stem']}.so.{match['major']}") if match and code != "SYMLINK" else None
        if usual is not None:
            name = Path(dest).name
            importers = [s for _d, s in files if any(Path(n).name == name for n, _p in _imports(s))]
            if _linkable(src, usual[1], importers):
                result.append((dest, os.path.relpath(usual[0], os.path.dirname(dest)), "SYMLINK"))
                continue
        result.append((dest, src, code))
    return result


def slim(toc: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [entry for entry in toc if _kept(entry[0])]


def metadata_of_collected(analysis: Analysis, distributions: Iterable[str]) -> list[tuple[str, str, str]]:
    """Package metadata (versions, licence files) of those distributions the bundle really holds."""
    collected = {name.split(".")[0] for name, _src, _code in analysis.pure}
    collected |= {Path(dest).parts[0] for dest, _src, _code in analysis.binaries}
    holds = metadata.packages_distributions()
    wanted = {metadata.metadata(d)["Name"].lower().replace("_", "-") for d in _installed(distributions)}
    datas = []
    for module in sorted(collected):
        for distribution in holds.get(module, []):
            if distribution.lower().replace("_", "-") in wanted:
                files = format_binaries_and_datas(copy_metadata(distribution))
                datas += [(dest, src, "DATA") for dest, src in sorted(files) if _metadata_kept(dest)]
                wanted.discard(distribution.lower().replace("_", "-"))
    return datas


def _metadata_kept(dest: str) -> bool:
    """The version (METADATA) and licence texts; not RECORD, SBOMs or entry points."""
    path = Path(dest)
    name = path.name.upper()
    return name == "METADATA" or "licenses" in path.parts or name.startswith(("LICEN", "COPYING"))


def _installed(distributions: Iterable[str]) -> list[str]:
    found = []
    for distribution in distributions:
        try:
            metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
        found.append(distribution)
    return found


def freeze(
    name: str,
    script: Path,
    *,
    datas: Sequence[tuple[str, str]] = (),
    hiddenimports: Sequence[str] = (),
    icon: Path | None = None,
    pathex: Sequence[Path] = (),
    metadata_of: Iterable[str] = (),
) -> COLLECT:
    """One-folder bundle ``dist/<name>/`` with executable ``<name>``, slimmed as described above.

    ``metadata_of`` names distributions whose metadata the bundle carries, if it holds their code.
    """
    analysis = Analysis(
        [str(script)],
        # An editable install is found through an import hook PyInstaller does not follow.
        pathex=[str(path) for path in pathex],
        datas=list(datas),
        hiddenimports=list(hiddenimports),
        excludes=EXCLUDED_MODULES,
        noarchive=False,
    )
    # Links only to libraries kept for their own sake, so after pruning.
    binaries = share_duplicates(prune_unreferenced(slim(analysis.binaries)))
    datas_kept = slim(analysis.datas) + metadata_of_collected(analysis, metadata_of)
    pyz = PYZ(analysis.pure)
    exe = EXE(
        pyz,
        analysis.scripts,
        [],
        exclude_binaries=True,
        name=name,
        strip=STRIP,
        upx=False,
        # A console program, so that the command line prints on Windows too; started
        # from Explorer it hides its console window at once.
        console=True,
        hide_console="hide-early" if sys.platform == "win32" else None,
        icon=str(icon) if icon else None,
    )
    return COLLECT(exe, binaries, datas_kept, strip=STRIP, upx=False, name=name)
