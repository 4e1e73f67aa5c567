"""Structural promises: a Qt-free core, one resource locator, lazy heavy imports."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import companion.core
from companion import resources


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def test_the_core_and_the_cli_never_import_qt() -> None:
    modules = ["companion.cli", "companion.i18n", "companion.resources"] + [
        info.name for info in pkgutil.walk_packages(companion.core.__path__, "companion.core.")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        f"print(len({modules!r}), loaded)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{len(modules)} []"


def test_every_named_resource_exists() -> None:
    for name, path in resources.all_named().items():
        assert path.is_file(), name
