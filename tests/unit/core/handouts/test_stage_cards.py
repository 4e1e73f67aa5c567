"""Stage cards: the participant case studies print each stage on a page of its own.

A facilitator reveals a case stage by stage; on paper that only works when no
page shows a stage ahead of its time. The discussion questions go on the last
stage's page and never make a page by themselves. Rendered PDFs are read back
with poppler, page by page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.handouts import builder, export
from companion.core.handouts.render import Renderer
from tests.unit.pdf_support import page_texts, squeeze

WORDS = 24  # characters of squeezed text that identify a passage on a page


def _studies(pack):  # type: ignore[no-untyped-def]
    return [item for item in pack.items if item.kind == "case-study"]


def _ends(text, lang: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The first and the last words of a text, as a page read back shows them."""
    value = squeeze(builder._tidy(text.resolve(lang)[0], lang))
    return value[:WORDS], value[-WORDS:]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_each_stage_is_a_card_and_the_questions_go_with_the_last(
    bundled_pack, tmp_path: Path, lang: str, paper: str
) -> None:  # type: ignore[no-untyped-def]
    pack = (bundled_pack.items, bundled_pack.manifest, bundled_pack.fingerprint)
    (path,) = export(*pack, "case-studies", lang, tmp_path, paper=paper)
    pages = page_texts(path)
    for study in _studies(bundled_pack):
        stages = [_ends(stage.text, lang) for stage in study.stages]
        for n, (first, _) in enumerate(stages):
            (page,) = [p for p in pages if first in p]
            others = [words for m, ends in enumerate(stages) if m != n for words in ends]
            assert not [words for words in others if words in page], (study.id, n + 1)
        # Each question, whole, is on the page that ends the last stage: none spills onto a page of its own.
        last = stages[-1][1]
        for question in study.questions:
            whole = squeeze(question.resolve(lang)[0])
            assert [last in p for p in pages if whole in p] == [True], (study.id, whole)


def test_the_facilitator_edition_runs_on(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    """Read through and consulted, never handed out in pieces: no page per stage."""
    args = (bundled_pack.items, bundled_pack.manifest, bundled_pack.fingerprint, "en")
    breaks = {
        edition: sum(isinstance(b, builder.PageBreak) for b in builder.case_studies(*args, edition).blocks)
        for edition in builder.EDITIONS
    }
    studies = _studies(bundled_pack)
    assert breaks["facilitator"] == len(studies)
    assert breaks["participant"] == sum(len(s.stages) for s in studies)


def test_questions_that_do_not_fit_take_the_stage_s_last_paragraph_along(tmp_path: Path) -> None:
    """Wherever the last stage ends on its page, the questions never start a page of their own."""
    def words(text: str) -> tuple[builder.Words, ...]:
        return (builder.Words(text, "en"),)

    asked = (words(f"Question number {n} asks what happened next?") for n in range(5))
    questions = builder.Bullets(tuple(asked), numbered=True)
    for lines in range(30, 62, 2):  # the last paragraph ends ever lower on the page
        filler = [builder.Paragraph(words(f"Line {n} of the stage.")) for n in range(lines)]
        blocks = (
            builder.Heading(words("A case"), 0),
            builder.Heading(words("Stage 1 of 1"), 2),
            *filler,
            builder.Paragraph(words("The stage ends here.")),
            builder.Heading(words("Discussion questions"), 1, joined=True),
            questions,
        )
        handout = builder.Handout(
            "case-studies", "en", "participant", "T", "S", "A", "H", "1", "Page {page} of {pages}", blocks
        )
        path = tmp_path / f"{lines}.pdf"
        with path.open("wb") as target:
            Renderer().render(handout, target)
        pages = page_texts(path)
        (page,) = [p for p in pages if "Discussionquestions" in p]
        assert "Thestageendshere." in page, lines
        assert all("Thestageendshere." in p for p in pages if "Questionnumber" in p), lines
