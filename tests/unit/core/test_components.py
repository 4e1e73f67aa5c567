"""Bundled components: each one is listed with its version and the full text of its licence."""

from __future__ import annotations

import re
from importlib import metadata

from packaging.requirements import Requirement

from companion.cli import version_text
from companion.core.components import COMPONENTS, NOT_BUNDLED, shipped


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _dependencies(distribution: str, seen: set[str]) -> set[str]:
    for line in metadata.requires(distribution) or []:
        requirement = Requirement(line)
        # An extra's requirement, or one for another Python (pypinyin asks for argparse
        # on Python 2), is not installed with the application.
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = _key(requirement.name)
        if name not in seen and name not in NOT_BUNDLED:
            seen.add(name)
            _dependencies(name, seen)
    return seen


def test_every_package_the_application_ships_is_listed() -> None:
    listed = {_key(c.distribution) for c in COMPONENTS if c.distribution}
    unlisted = _dependencies("training-companion", set()) - listed
    assert not unlisted, f"add these to companion/core/components.py with their licence: {sorted(unlisted)}"


def test_every_shipped_component_has_a_version_and_its_licence_text() -> None:
    for component in shipped():
        assert component.version, component.name
        assert len(component.licence_text()) > 200, component.name


def test_qt_is_shipped_under_the_lgpl_with_its_text() -> None:
    qt = next(c for c in shipped() if c.distribution == "PySide6_Essentials")
    assert qt.licence == "LGPL-3.0-only"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt.licence_text()
    assert "GNU GENERAL PUBLIC LICENSE" in qt.licence_text()  # the LGPL builds on the GPL's text


def test_version_names_qt_reportlab_and_sqlite() -> None:
    text = version_text()
    for name in ("Training Companion", "Qt (PySide6)", "ReportLab", "SQLite"):
        assert re.search(rf"^{re.escape(name)} \d", text, re.MULTILINE), name
