"""The only code that knows where bundled assets live.

Works from a source checkout (``resources/`` beside the package) and from a
PyInstaller bundle (``sys._MEIPASS/resources``). Every asset is named by a
constant here; a test checks that each one exists.
"""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


BUNDLED_PACK = "nanning-workshop"
CJK_FONT = "fonts/wqy-microhei.ttc"
CJK_FONT_LICENCE = "fonts/wqy-microhei.LICENSE-Apache-2.0.txt"
CJK_FONT_COPYRIGHT = "fonts/wqy-microhei.COPYRIGHT.txt"
APP_ICON = "icons/companion.svg"
# The public key (raw Ed25519, hex) of the bundled workshop's publisher: always trusted.
BUNDLED_PUBLISHER_KEY = "keys/bundled-publisher.pub"
APP_ICON_PNG = "icons/companion.png"  # for desktop entries, made from the SVG by build_scripts/icon_png.py
LINUX_DESKTOP_ENTRY = "linux/companion.desktop"
LICENCES = "licences"  # full texts of the bundled components' licences
TRANSLATIONS = "translations"
TRANSLATION_DOMAIN = "companion"


def path(name: str) -> Path:
    """Absolute path of a bundled resource given by one of the constants above."""
    return root() / name


def bundled_pack_dir() -> Path:
    return root() / "content" / BUNDLED_PACK


def all_named() -> dict[str, Path]:
    """Every named resource, for the self-test and the test that checks they exist."""
    return {
        "bundled pack": bundled_pack_dir() / "pack.toml",
        "Chinese font": path(CJK_FONT),
        "application icon": path(APP_ICON),
        "bundled publisher key": path(BUNDLED_PUBLISHER_KEY),
        "application icon (PNG)": path(APP_ICON_PNG),
        "Linux desktop entry": path(LINUX_DESKTOP_ENTRY),
        "Qt licence": path(LICENCES) / "LGPL-3.0.txt",
        "Chinese translation": path(TRANSLATIONS) / "zh_Hans" / "LC_MESSAGES" / "companion.mo",
    }
