"""The first-contact guide on paper: a checklist of steps with a done box and notes, never P/A/U."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.handouts import builder
from companion.core.handouts.render import Renderer
from tests.unit.pdf_support import squeeze, text

GUIDE = "first-contact-guide"


def _forms(bundled_pack, lang: str, tool_id: str) -> builder.Handout:  # type: ignore[no-untyped-def]
    tool = bundled_pack.get(tool_id)
    return builder.screening_forms([tool], bundled_pack.manifest, bundled_pack.fingerprint, lang)


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_the_guide_form_is_a_checklist_with_a_done_box_and_notes_per_step(bundled_pack, lang) -> None:  # type: ignore[no-untyped-def]
    handout = _forms(bundled_pack, lang, GUIDE)
    assert not any(isinstance(b, builder.FormRow) for b in handout.blocks)
    tables = [b for b in handout.blocks if isinstance(b, builder.Table)]
    tool = bundled_pack.get(GUIDE)
    steps = [row for table in tables for row in table.rows]
    assert len(steps) == len(tool.indicator_ids())
    for table in tables:
        assert len(table.header) == 3  # step, done, notes
        assert table.widths[2] >= 0.5 * table.widths[0]  # notes: a wide column, room to write
    for row, step_id in zip(steps, tool.indicator_ids(), strict=True):
        assert row[0][0].text == step_id
        assert row[1] == (builder.Words(builder.CHECK_BOX, "en", role="strong"),)
        assert row[2] == ()  # blank, for the notes


@pytest.mark.parametrize(
    ("lang", "answers"),
    # The box labels of a scored form (the Chinese "存在" alone also occurs in the guide's own text).
    [("en", ("Present", "Absent", "Unknown")), ("zh-Hans", ("不存在", "不清楚"))],
)
def test_the_printed_guide_has_no_present_absent_unknown(  # type: ignore[no-untyped-def]
    bundled_pack, tmp_path: Path, lang, answers
) -> None:
    path = tmp_path / "guide.pdf"
    with path.open("wb") as out:
        Renderer().render(_forms(bundled_pack, lang, GUIDE), out)
    printed = squeeze(text(path))
    for word in answers:
        assert word not in printed
    if lang == "en":  # the Chinese words come with the catalogue
        assert "Done" in printed and "Notes" in printed
    for step_id in bundled_pack.get(GUIDE).indicator_ids():
        assert step_id in printed
    assert printed.count("□") == len(bundled_pack.get(GUIDE).indicator_ids())
    # A scored tool keeps its boxes.
    scored = tmp_path / "scored.pdf"
    with scored.open("wb") as out:
        Renderer().render(_forms(bundled_pack, lang, "ilo-adult-labour"), out)
    assert all(word in squeeze(text(scored)) for word in answers)
