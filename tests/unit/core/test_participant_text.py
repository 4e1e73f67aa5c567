"""What participants read of a case study is addressed to them, never to the facilitator.

A sentence such as "Let participants step out if they need to" tells the
trainer how to run the session; printed on a participant handout it reads as
an instruction nobody there can follow. Such notes belong in the case's
facilitator-only fields (``facilitator_notes``), which participant editions drop.
"""

from __future__ import annotations

from companion.core.editions import for_edition
from companion.core.model import texts_of

# Words that only make sense when the reader is the one running the session.
TELLTALES = {
    "en": ("participants", "trainees", "facilitator", "trainer", "warn the group", "role-play"),
    "zh-Hans": ("学员", "培训师", "主持人", "扮演"),
}


def addressed_to_facilitator(study) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    found = []
    for text in texts_of(for_edition(study, "participant")):
        for lang, phrases in TELLTALES.items():
            value = (text.get(lang) or "").casefold()
            found.extend((study.id, lang, phrase) for phrase in phrases if phrase in value)
    return found


def test_no_participant_visible_text_of_a_case_study_speaks_to_the_facilitator(bundled_pack) -> None:
    studies = [item for item in bundled_pack.items if item.kind == "case-study"]
    assert studies
    assert [hit for study in studies for hit in addressed_to_facilitator(study)] == []


def test_the_telltales_catch_a_note_to_the_facilitator(bundled_pack) -> None:
    study = next(item for item in bundled_pack.items if item.kind == "case-study")
    note = {"en": "Let participants step out if they need to.", "zh-Hans": "学员如有需要可暂时离开。"}
    noted = study.model_copy(update={"content_note": type(study.title).model_validate(note)})
    assert {lang for _, lang, _ in addressed_to_facilitator(noted)} == {"en", "zh-Hans"}
