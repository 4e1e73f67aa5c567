"""Translations missing or possibly stale, field by field (like gettext's *fuzzy*).

For each :class:`~companion.core.model.Text` of an item the store keeps a
*mark*: the digests of its two languages when they were last known to agree
(when the workshop was copied, when both were edited in one save, or when
someone confirmed the translation). A field with no mark agrees as it is.
When a save changes one language and not the other, the other becomes
*stale* until it is edited too or confirmed; an empty language is *missing*.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, NamedTuple

from companion.i18n import _

if TYPE_CHECKING:
    from companion.core.authoring.problems import Path
    from companion.core.model import Text
    from companion.core.store import Store

LANGS = ("en", "zh-Hans")
MISSING = "missing"
STALE = "stale"

Mark = tuple[str, str]  # the (en, zh) digests


class TranslationGap(NamedTuple):
    item_id: str
    path: tuple[str | int, ...]  # the Text field's path inside the item
    lang: str  # the language that is missing or possibly stale
    state: str  # "missing" | "stale"


def digest(text: str | None) -> str:
    """A short digest of one language of a text; "" when it is empty."""
    value = (text or "").strip()
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16] if value else ""


def key(path: Path) -> str:
    """A path as the store keeps it."""
    return json.dumps(list(path), ensure_ascii=False)


def text_fields(value: Any, path: Path = ()) -> list[tuple[Path, Text]]:
    """Every Text inside ``value`` with its path by field alias, in field order."""
    from pydantic import BaseModel

    from companion.core.model import Text

    found: list[tuple[Path, Text]] = []
    if isinstance(value, Text):
        found.append((path, value))
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            found.extend(text_fields(getattr(value, name), (*path, info.alias or name)))
    elif isinstance(value, (list, tuple)):
        for index, entry in enumerate(value):
            found.extend(text_fields(entry, (*path, index)))
    elif isinstance(value, dict):
        for name, entry in value.items():
            found.extend(text_fields(entry, (*path, name)))
    return found


def _digests(text: Text) -> Mark:
    return digest(text.get("en")), digest(text.get("zh-Hans"))


def marks_after_save(old: Any | None, new: Any, marks: dict[str, Mark]) -> list[tuple[str, str, str]]:
    """The marks item ``new`` keeps once saved over ``old``: (path key, en, zh) for each of its texts.

    A field's reference is its mark, else the old text at that path (they
    agreed), else the new one. If both languages changed from it, they agree
    again (the new digests); if one did, the reference stays, so the other reads stale.
    """
    before = {key(path): _digests(text) for path, text in text_fields(old)} if old is not None else {}
    kept = []
    for path, text in text_fields(new):
        now = _digests(text)
        reference = marks.get(key(path)) or before.get(key(path)) or now
        both = now[0] != reference[0] and now[1] != reference[1]
        kept.append((key(path), *(now if both else reference)))
    return kept


def gaps_of(item: Any, marks: dict[str, Mark]) -> list[TranslationGap]:
    gaps = []
    for path, text in text_fields(item):
        en, zh = _digests(text)
        mark = marks.get(key(path), (en, zh))
        for lang, own, other, own_mark, other_mark in (
            ("en", en, zh, mark[0], mark[1]),
            ("zh-Hans", zh, en, mark[1], mark[0]),
        ):
            if not own:
                gaps.append(TranslationGap(item.id, path, lang, MISSING))
            elif other and own == own_mark and other != other_mark:
                gaps.append(TranslationGap(item.id, path, lang, STALE))
    return gaps


def translation_status(store: Store, pack_id: str) -> list[TranslationGap]:
    """Every missing or possibly stale language of the workshop's texts, in the workshop's order."""
    marks = store.translation_marks(pack_id)
    by_item: dict[str, dict[str, Mark]] = {}
    for (item_id, path), mark in marks.items():
        by_item.setdefault(item_id, {})[path] = mark
    return [gap for item in store.items(pack_id=pack_id) for gap in gaps_of(item, by_item.get(item.id, {}))]


def confirm_translation(store: Store, pack_id: str, item_id: str, path: Path, lang: str) -> None:
    """Say that ``lang`` of the text at ``path`` agrees with the other language as they are now."""
    from companion.core.authoring.workshops import AuthoringError

    item = store.item(item_id, pack_id)
    text = dict(text_fields(item)).get(tuple(path)) if item is not None else None
    if item is None or text is None or lang not in LANGS:
        raise AuthoringError(
            _("No text {path} in {lang} in item {item}.").format(
                path=".".join(map(str, path)), lang=lang, item=item_id
            )
        )
    store.set_translation_mark(pack_id, item_id, key(path), *_digests(text))
