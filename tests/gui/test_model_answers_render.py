"""The window's facilitator notes show each model answer with the number of its question."""

from __future__ import annotations

import html

from companion.gui import render
from tests.unit.core.test_model_answers import _cs01_answer


def test_the_window_shows_each_answer_with_its_question_number(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    page = render.facilitator_notes(bundled_pack.get("cs-01"), "en")
    for question in (1, 2):
        assert f"<b>Question {question}</b>: {html.escape(_cs01_answer(bundled_pack, question))}" in page


def test_an_agenda_items_notes_show_only_with_notes_ticked(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    item = bundled_pack.get("ag-13")
    first = html.escape(str(item.facilitator_notes.en).split("\n\n")[0])
    first_zh = str(item.facilitator_notes.zh_hans).split("\n\n")[0]
    for lang_first, lang in ((first, "en"), (first_zh, "zh-Hans")):
        assert lang_first not in render.agenda_item(item, lang, lambda _id: None)
        assert lang_first in render.agenda_item(item, lang, lambda _id: None, show_notes=True)
    assert first not in render.any_item(item, "en", lambda _id: None)


def test_an_answer_key_is_headed_by_its_tools_title_and_outcome_in_the_readers_language(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    from companion.i18n import set_language

    study = bundled_pack.get("cs-01")
    key = study.answer_keys[0]
    tool = bundled_pack.get(key.tool)
    set_language("zh-Hans")
    try:
        page = render.facilitator_notes(study, "zh-Hans", lambda item_id: bundled_pack.get(item_id).title)
    finally:
        set_language("en")
    assert html.escape(tool.title.zh_hans) in page
    assert f"({key.tool}" not in page and "(met)" not in page and "(not met)" not in page
