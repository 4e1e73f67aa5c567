"""The Linux desktop entry: valid keys in both languages, installed pointing at the bundle."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

from companion import resources
from companion.i18n import load_catalogue


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_names_the_application_in_both_languages() -> None:
    entry = read_entry(resources.path(resources.LINUX_DESKTOP_ENTRY))
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Training Companion"
    assert entry["Name[zh_CN]"] == load_catalogue("zh-Hans").gettext("Training Companion")
    assert entry["Comment[zh_CN]"] and entry["Categories"].endswith(";")
    assert entry["Terminal"] == "false"
    # Qt announces the window under the desktop file name the application sets.
    assert entry["StartupWMClass"] == resources.path(resources.LINUX_DESKTOP_ENTRY).stem


def test_installing_the_entry_points_it_at_the_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "Training Companion USB" / "companion"
    internal = bundle / "_internal" / "resources"
    (internal / "linux").mkdir(parents=True)
    shutil.copy(resources.path(resources.LINUX_DESKTOP_ENTRY), internal / "linux")
    shutil.copy(resources.path("linux/install-desktop-entry.sh"), bundle)
    menu = tmp_path / "share"
    result = subprocess.run(
        ["sh", str(bundle / "install-desktop-entry.sh")],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_DATA_HOME": str(menu)},
        check=True,
    )
    installed = read_entry(menu / "applications" / "companion.desktop")
    assert installed["Exec"] == f'"{bundle}/companion"'  # quoted: the folder name has spaces
    assert installed["Icon"] == f"{bundle}/_internal/resources/icons/companion.png"
    assert installed["Name[zh_CN]"] == "培训助手"
    assert "application menu" in result.stdout
