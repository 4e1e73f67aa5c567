"""Headless checks of an installation, for ``companion self-test``.

Each check runs on its own and reports one line; one failing check does not
hide the others. The store checks use a temporary data folder so that a
self-test never changes the user's data.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from companion import resources

if TYPE_CHECKING:
    from companion.core.store import Store


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def _check_resources() -> str:
    missing = [name for name, path in resources.all_named().items() if not path.is_file()]
    if missing:
        raise RuntimeError("missing: " + ", ".join(missing))
    return f"{len(resources.all_named())} bundled resources present"


def _check_store_and_content() -> str:
    from companion.core.datafolder import open_data_folder
    from companion.core.store.migrations import LATEST

    with tempfile.TemporaryDirectory(prefix="companion-selftest-") as tmp:
        store = open_data_folder(Path(tmp) / "data")
        try:
            counts = {kind: len(store.items(kind)) for kind in ("agenda-item", "case-study")}
            if not all(counts.values()):
                raise RuntimeError(f"bundled content incomplete: {counts}")
            if not store.search("trafficking") or not store.search("债务"):
                raise RuntimeError("search found nothing for 'trafficking' or '债务'")
            total = len(store.items())
            pdf = _write_chinese_pdf(store, Path(tmp))
        finally:
            store.close()
    return f"schema {LATEST}, {total} bundled items loaded and searchable; Chinese PDF written ({pdf})"


def _write_chinese_pdf(store: Store, folder: Path) -> str:
    from companion.core.handouts import export

    pack_id = store.current_pack_id()
    if pack_id is None:
        raise RuntimeError("no workshop is installed to write a PDF from")
    paths = export(
        store.items("agenda-item"),
        store.manifest(pack_id),
        store.pack_fingerprint(pack_id) or "",
        "agenda",
        "zh-Hans",
        folder,
    )
    data = paths[0].read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
        raise RuntimeError("the agenda PDF was not written with an embedded font")
    return f"{len(data) // 1024} KiB"


def _check_font() -> str:
    data = resources.path(resources.CJK_FONT).read_bytes()[:4]
    if data != b"ttcf":
        raise RuntimeError("the Chinese font is not a TrueType collection")
    return "Chinese font readable"


def _check_translation() -> str:
    from companion.i18n import load_catalogue

    translated = load_catalogue("zh-Hans").gettext("Agenda")
    if translated == "Agenda":
        raise RuntimeError("the Chinese interface translation is not loaded")
    return f"interface translation loaded (Agenda = {translated})"


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("resources", _check_resources),
    ("store and content", _check_store_and_content),
    ("font", _check_font),
    ("translation", _check_translation),
]


def run(extra: list[tuple[str, Callable[[], str]]] | None = None) -> list[CheckResult]:
    results = []
    for name, check in CHECKS + (extra or []):
        try:
            results.append(CheckResult(name, True, check()))
        except Exception as exc:  # a self-test reports every failure, whatever it is
            results.append(CheckResult(name, False, str(exc) or type(exc).__name__))
    return results
