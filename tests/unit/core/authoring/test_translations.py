"""Translation marks: missing and possibly stale languages, field by field (companion.core.authoring)."""

from __future__ import annotations

from companion.app.workshop import Workshop
from companion.core.authoring.translations import TranslationGap


def _gaps(workshop: Workshop, item_id: str) -> list[tuple[tuple[str | int, ...], str, str]]:
    return [(g.path, g.lang, g.state) for g in workshop.translation_status() if g.item_id == item_id]


def test_editing_one_language_marks_the_other_stale_until_confirmed(workshop: Workshop) -> None:
    assert _gaps(workshop, "cs-01") == []
    data = workshop.item_data("cs-01")
    assert data is not None
    data["stages"][1]["text"]["en"] += " One more English sentence."
    assert workshop.save_draft("case-study", data) == []
    assert _gaps(workshop, "cs-01") == [(("stages", 1, "text"), "zh-Hans", "stale")]
    # Saving again, with nothing else changed, leaves it stale.
    assert workshop.save_draft("case-study", data) == []
    assert _gaps(workshop, "cs-01") == [(("stages", 1, "text"), "zh-Hans", "stale")]
    workshop.confirm_translation("cs-01", ("stages", 1, "text"), "zh-Hans")
    assert _gaps(workshop, "cs-01") == []


def test_editing_the_other_language_later_clears_the_mark(workshop: Workshop) -> None:
    data = workshop.item_data("cs-01")
    assert data is not None
    data["setting"]["zh-Hans"] += "（补充）"
    workshop.save_draft("case-study", data)
    assert _gaps(workshop, "cs-01") == [(("setting",), "en", "stale")]
    data["setting"]["en"] += " (more)"
    workshop.save_draft("case-study", data)
    assert _gaps(workshop, "cs-01") == []


def test_editing_both_languages_in_one_save_marks_nothing(workshop: Workshop) -> None:
    data = workshop.item_data("cs-01")
    assert data is not None
    data["title"] = {"en": "A new title", "zh-Hans": "新的标题"}
    workshop.save_draft("case-study", data)
    assert _gaps(workshop, "cs-01") == []


def test_an_empty_language_is_missing(workshop: Workshop) -> None:
    data = workshop.item_data("cs-01")
    assert data is not None
    del data["persona"]["zh-Hans"]
    assert workshop.save_draft("case-study", data) == []
    assert TranslationGap("cs-01", ("persona",), "zh-Hans", "missing") in workshop.translation_status()
