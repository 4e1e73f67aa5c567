"""Extract interface strings into the catalogues and compile them (Babel).

Run after changing any ``_()`` string: ``make translations``. It rewrites
``resources/translations/companion.pot``, merges new strings into each
``.po`` (keeping existing translations) and compiles the ``.mo`` files that
the application loads. A test fails when a ``.mo`` is stale.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / "resources" / "translations"
LOCALES = ["zh_Hans"]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    template = Catalog(project="Training Companion", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(REPO / "companion"), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        template.add(
            message, None, [(f"companion/{filename}", lineno)], auto_comments=comments, context=context
        )
    return template


def po_path(locale: str) -> Path:
    return FOLDER / locale / "LC_MESSAGES" / "companion.po"


def compiled(locale: str) -> bytes:
    """The .mo bytes that the current .po of ``locale`` compiles to."""
    with po_path(locale).open("rb") as handle:
        catalog = read_po(handle, locale=locale.replace("_Hans", ""))
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def main() -> int:
    template = extract()
    FOLDER.mkdir(parents=True, exist_ok=True)
    with (FOLDER / "companion.pot").open("wb") as handle:
        write_po(handle, template, omit_header=False, sort_output=True, width=100)
    for locale in LOCALES:
        path = po_path(locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=locale.replace("_Hans", ""))
            catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
        else:
            catalog = Catalog(locale=locale.replace("_Hans", ""), project="Training Companion")
            catalog.update(template)
        with path.open("wb") as handle:
            write_po(handle, catalog, sort_output=True, width=100, ignore_obsolete=True)
        path.with_suffix(".mo").write_bytes(compiled(locale))
        untranslated = [m.id for m in catalog if m.id and not m.string]
        if untranslated:
            print(f"{locale}: {len(untranslated)} strings untranslated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
