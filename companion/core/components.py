"""The third-party components the application ships with: names, versions, licences.

Read by ``companion --version``, by the About dialog and by the PyInstaller spec
(which copies each listed package's metadata into the bundle, so versions and
licence texts can be read there too). Versions come from package metadata, so
listing them loads none of the components. A test checks that every package the
application depends on, directly or not, is listed here.
"""

from __future__ import annotations

import platform
import sqlite3
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from companion import resources


@dataclass(frozen=True)
class Component:
    name: str
    licence: str  # an SPDX licence expression: the terms we ship it under
    distribution: str | None = None  # the Python package it is installed as, if any
    version_text: str = ""  # for components that are not Python packages
    licence_files: tuple[str, ...] = ()  # bundled resources; otherwise the package's own licence files
    optional: bool = False  # listed only when installed
    main: bool = False  # named first, and in ``--version``

    @property
    def version(self) -> str:
        if self.distribution is None:
            return self.version_text
        try:
            return metadata.version(self.distribution)
        except metadata.PackageNotFoundError:
            return ""

    @property
    def installed(self) -> bool:
        return self.distribution is None or bool(self.version)

    def licence_text(self) -> str:
        """The licence's full text, as shipped; empty when none is shipped."""
        if self.licence_files:
            return "\n\n".join(
                resources.path(name).read_text(encoding="utf-8") for name in self.licence_files
            )
        if self.distribution is None:
            return ""
        try:
            dist = metadata.distribution(self.distribution)
        except metadata.PackageNotFoundError:
            return ""
        # Read by name (the bundle drops RECORD, which lists every file): License-File entries,
        # under licenses/ since metadata 2.4, else the names older packages used.
        names = dist.metadata.get_all("License-File") or ["LICENSE", "LICENSE.txt", "LICENCE", "COPYING"]
        texts = [_read(dist, f"licenses/{name}") or _read(dist, name) for name in names]
        return "\n\n".join(text for text in texts if text)


def _read(dist: metadata.Distribution, name: str) -> str | None:
    """A file of the distribution's metadata folder; a licence that is not UTF-8 read as Latin-1."""
    try:
        return dist.read_text(name)
    except UnicodeDecodeError:
        # FreeType's licence (shipped inside pypdfium2) is Latin-1. The folder is found by the
        # wheel's naming rule, as read_text offers no encoding.
        folder = f"{dist.metadata['Name'].replace('-', '_')}-{dist.version}.dist-info"
        return Path(str(dist.locate_file(f"{folder}/{name}"))).read_text(encoding="latin-1")


# SQLite is public domain; its authors put this blessing where a licence would go.
SQLITE_BLESSING = resources.LICENCES + "/SQLite-blessing.txt"

COMPONENTS: tuple[Component, ...] = (
    Component(
        "Qt (PySide6)",
        "LGPL-3.0-only",
        "PySide6_Essentials",
        licence_files=(resources.LICENCES + "/LGPL-3.0.txt", resources.LICENCES + "/GPL-3.0.txt"),
        main=True,
    ),
    Component(
        "shiboken6 (part of Qt for Python)",
        "LGPL-3.0-only",
        "shiboken6",
        licence_files=(resources.LICENCES + "/LGPL-3.0.txt", resources.LICENCES + "/GPL-3.0.txt"),
    ),
    Component(
        "WenQuanYi Micro Hei",
        "Apache-2.0",
        version_text="0.2.0-beta",
        licence_files=(resources.CJK_FONT_LICENCE, resources.CJK_FONT_COPYRIGHT),
        main=True,
    ),
    Component("ReportLab", "BSD-3-Clause", "reportlab", main=True),
    Component(
        "SQLite", "blessing", version_text=sqlite3.sqlite_version, licence_files=(SQLITE_BLESSING,), main=True
    ),
    Component("sqlite-utils", "Apache-2.0", "sqlite-utils", main=True),
    Component("pydantic", "MIT", "pydantic", main=True),
    Component(
        "Python",
        "PSF-2.0",
        version_text=platform.python_version(),
        licence_files=(resources.LICENCES + "/Python-PSF-2.0.txt",),
        main=True,
    ),
    Component("cryptography", "Apache-2.0 OR BSD-3-Clause", "cryptography", main=True),
    Component("platformdirs", "MIT", "platformdirs"),
    Component("tomli", "MIT", "tomli"),
    Component("packaging", "Apache-2.0 OR BSD-2-Clause", "packaging"),
    Component("pypinyin", "MIT", "pypinyin"),
    Component("openpyxl", "MIT", "openpyxl"),
    Component("icalendar", "BSD-2-Clause", "icalendar"),
    Component("zxing-cpp", "Apache-2.0", "zxing-cpp"),
    Component("pypdf", "BSD-3-Clause", "pypdf"),
    Component("pypdfium2", "Apache-2.0 OR BSD-3-Clause", "pypdfium2"),
    Component("et-xmlfile", "MIT", "et_xmlfile"),
    Component("pydantic-core", "MIT", "pydantic_core"),
    Component("annotated-types", "MIT", "annotated-types"),
    Component("typing-extensions", "PSF-2.0", "typing_extensions"),
    Component("typing-inspection", "MIT", "typing-inspection"),
    Component("charset-normalizer", "MIT", "charset-normalizer"),
    Component("Pillow", "MIT-CMU", "pillow"),
    Component("click", "BSD-3-Clause", "click"),
    Component("click-default-group", "BSD-3-Clause", "click-default-group"),
    Component("pluggy", "MIT", "pluggy"),
    Component("python-dateutil", "BSD-3-Clause", "python-dateutil"),
    Component("tzdata", "Apache-2.0", "tzdata"),
    Component("sqlite-fts4", "Apache-2.0", "sqlite-fts4"),
    Component("tabulate", "MIT", "tabulate"),
    Component("cffi", "MIT-0", "cffi", optional=True),
    Component("pycparser", "BSD-3-Clause", "pycparser", optional=True),
)

# Installed with our dependencies but left out of the bundle (build_scripts/freeze.py says why).
NOT_BUNDLED = frozenset({"pip"})


def shipped() -> list[Component]:
    """The components present in this installation, main ones first."""
    return [c for c in COMPONENTS if c.installed]
