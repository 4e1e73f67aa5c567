"""The handout paragraph's shortcuts give reportlab's own results, on the bundled texts and awkward ones.

Handout paragraphs skip parts of reportlab to export faster
(``companion.core.handouts.paragraphs``, built on the private names gathered in
``companion.core.handouts.reportlab_private``, which also holds the font). Here
the same texts go through reportlab's own ``Paragraph`` and font too, and what
each breaks, draws and encodes must be the same: an upgrade of reportlab that
changes one of those names fails here.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from companion.core.handouts.builder import Words

AWKWARD = [
    "word",
    "  leading and trailing  spaces ",
    "Supercalifragilisticexpialidocious-and-then-some-more-without-any-space-at-all",
    "a\xa0no-break space and a soft\xadhyphen",
    "受害人识别与保护：在任何情况下都不得因其被贩运期间的行为而受到惩罚。",
    "English words 与中文混排 in one line, then more words to wrap it",
]
WIDTHS = (28, 61, 117, 203, 331, 451)


@pytest.fixture(scope="module")
def styles():  # type: ignore[no-untyped-def]
    from companion.core.handouts.fonts import register_fonts
    from companion.core.handouts.render import _stylesheet

    register_fonts()
    sheet = _stylesheet()
    names = ("body:en:n", "small:en:n:c", "h1:en:L", "body:zh-Hans:n", "small:zh-Hans:n:c")
    return [sheet[name] for name in names]


@pytest.fixture(scope="module")
def texts(bundled_pack) -> list[str]:  # type: ignore[no-untyped-def]
    found = list(AWKWARD)
    for study in bundled_pack.by_kind("case-study")[:3]:
        for stage in study.stages:
            found += [stage.text.en, stage.text.get("zh-Hans") or ""]
    for term in bundled_pack.by_kind("glossary-term")[:12]:
        found += [term.definition.en, term.term.en, term.term.get("zh-Hans") or ""]
    return [text for text in found if text]


def _ours(text: str, style):  # type: ignore[no-untyped-def]
    from companion.core.handouts.paragraphs import MARK_COLOR, Para
    from companion.core.handouts.reportlab_private import Fragments

    return Para.of_fragments(style, Fragments(MARK_COLOR)(text, style))


def _theirs(text: str, style):  # type: ignore[no-untyped-def]
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style)


@pytest.mark.parametrize(
    ("words", "mark"),
    [
        ("Debt bondage & <coercion>: \"fees\" 'owed'", ""),
        ("  spaced \n  over\n\nlines  ", "[en]"),
        ("债务 奴役", "[中文]"),
        ("", "[zh]"),
        ("R&D", "a < b"),
        ("tab\tand\r\nreturn, ideographic\u3000space", ""),
        ("no-break\xa0space  kept", "[en]"),
    ],
)
def test_plain_paragraphs_match_what_reportlabs_parser_makes_of_their_markup(words, mark) -> None:  # type: ignore[no-untyped-def]
    """Paragraphs skip reportlab's markup parser; what they draw must not change."""
    from reportlab.platypus import Paragraph

    from companion.core.handouts.fonts import register_fonts
    from companion.core.handouts.paragraphs import MARK_COLOR
    from companion.core.handouts.render import _stylesheet
    from companion.core.handouts.reportlab_private import Fragments

    def runs(frags):  # type: ignore[no-untyped-def]
        # The parser splits text at each entity (&amp;) into fragments of one style: join them.
        joined: list[list[str]] = []
        for frag in frags:
            style = repr(sorted((k, v) for k, v in vars(frag).items() if k != "text"))
            if joined and joined[-1][0] == style:
                joined[-1][1] += frag.text
            else:
                joined.append([style, frag.text])
        return joined

    register_fonts()
    fragments = Fragments(MARK_COLOR)
    for style in _stylesheet().byName.values():
        markup = escape(words) + (f' <font color="{MARK_COLOR}">{escape(mark)}</font>' if mark else "")
        assert runs(fragments(words, style, mark)) == runs(Paragraph(markup, style).frags), style.name


def test_english_lines_break_where_reportlab_breaks_them(styles, texts) -> None:  # type: ignore[no-untyped-def]
    for style in (s for s in styles if s.wordWrap != "CJK"):
        for text in texts:
            for width in WIDTHS:
                ours, theirs = _ours(text, style), _theirs(text, style)
                assert ours.wrap(width, 1e6) == theirs.wrap(width, 1e6), (style.name, width, text)
                got, expected = ours.blPara, theirs.blPara
                assert [(left, list(words)) for left, words in got.lines] == [
                    (left, list(words)) for left, words in expected.lines
                ]
                assert (got.kind, got.ascent, got.descent, got.fontSize) == (
                    expected.kind,
                    expected.ascent,
                    expected.descent,
                    expected.fontSize,
                )


def test_chinese_lines_keep_punctuation_off_the_line_start_and_fit(styles, texts) -> None:  # type: ignore[no-untyped-def]
    """reportlab's Japanese rules let a line start with ，or ：; handout lines never do, and lose nothing."""
    from companion.core.handouts.linebreak import NO_LINE_END, NO_LINE_START

    fixed = 0
    plain = [text for text in texts if "\xa0" not in text and "\xad" not in text]  # others: reportlab's
    for style in (s for s in styles if s.wordWrap == "CJK"):
        for text in plain:
            for width in WIDTHS[1:]:  # the narrowest is under two characters wide
                ours, theirs = _ours(text, style), _theirs(text, style)
                ours.wrap(width, 1e6)
                theirs.wrap(width, 1e6)
                lines = ["".join(words) for _, words in ours.blPara.lines]
                assert "".join(lines).replace(" ", "") == "".join(text.split()), (style.name, width)
                assert [line for line in lines[1:] if line[0] in NO_LINE_START] == []
                assert [line for line in lines[:-1] if line[-1] in NO_LINE_END] == []
                assert all(
                    left > -1e-6 or len(line) == 1
                    for (left, _), line in zip(ours.blPara.lines, lines, strict=True)
                )
                assert ours.blPara.kind == theirs.blPara.kind == 0
                starts = [words[0][:1] for _, words in theirs.blPara.lines[1:]]
                fixed += any(start in NO_LINE_START for start in starts)
    assert fixed  # the texts include lines reportlab would have started with punctuation


def test_the_shortcuts_are_taken_for_plain_text(styles) -> None:  # type: ignore[no-untyped-def]
    """Guards the test above against passing because every paragraph fell back to reportlab."""
    english, chinese = styles[0], styles[3]
    one_line = _ours("Do not promise what you cannot arrange.", english)
    assert one_line.english_lines([451, 451]) is not None
    several = _ours(" ".join(["Listen for facts that match the indicators."] * 6), english)
    assert len(several.english_lines([200, 200]).lines) > 3
    assert _ours("不要承诺无法兑现的事情。", chinese).chinese_lines([451, 451]) is not None


def _drawn(flowables: list) -> bytes:  # type: ignore[type-arg]
    """Wrapped flowables drawn one under the other, on as many pages as they need: the PDF."""
    from reportlab.pdfgen.canvas import Canvas

    from companion.core.handouts.fonts import FONT

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=FONT)
    y = 800.0
    for flowable in flowables:
        if y - flowable.height < 40:
            canvas.showPage()
            y = 800.0
        y -= flowable.height
        flowable.drawOn(canvas, 60, y)
    canvas.save()
    return buffer.getvalue()


def _word_boxes(pdf: bytes, tmp_path: Path, name: str) -> list[tuple[str, float, float]]:
    path = tmp_path / name
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>'
    return [(word, round(float(x), 2), round(float(y), 2)) for x, y, word in re.findall(pattern, html)]


def test_paragraphs_are_drawn_where_reportlab_draws_them(styles, texts, tmp_path) -> None:  # type: ignore[no-untyped-def]

    def ours(text: str, style):  # type: ignore[no-untyped-def]
        paragraph = _ours(text, style)
        paragraph.wrap(300, 1e6)
        return paragraph

    def theirs(text: str, style):  # type: ignore[no-untyped-def]
        """reportlab's paragraph, drawing the lines ours broke (Chinese breaks differ on purpose)."""
        paragraph, broken = _theirs(text, style), ours(text, style)
        paragraph.wrap(300, 1e6)
        paragraph.blPara, paragraph.height = broken.blPara, broken.height
        return paragraph

    cases = [(text, style) for style in styles for text in texts[:12]]
    ours_boxes = _word_boxes(_drawn([ours(*case) for case in cases]), tmp_path, "ours.pdf")
    theirs_boxes = _word_boxes(_drawn([theirs(*case) for case in cases]), tmp_path, "theirs.pdf")
    assert len(ours_boxes) > 500
    assert ours_boxes == theirs_boxes


def test_the_font_encodes_text_as_reportlab_does(texts) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfbase.ttfonts import TTFont

    from companion.core.handouts.fonts import FONT, register_fonts

    register_fonts()
    font = pdfmetrics.getFont(FONT)
    assert type(font) is not TTFont  # the export's own font, with its faster encoding
    doc = PDFDocument()
    for text in [*texts, "", "\U0001f600 not in the font", "mixed 中文 and \xa0 spaces"]:
        first = font.splitString(text, doc)  # characters new to the document: reportlab assigns them
        assert font.splitString(text, doc) == first == TTFont.splitString(font, text, doc), text


def test_a_form_row_keeps_its_answer_boxes_on_every_page(tmp_path: Path) -> None:
    """The boxes are one PDF form per document, placed by every row: each row shows its labels."""
    from companion.core.handouts import write_handout
    from companion.core.handouts.builder import FormRow, Handout, Heading

    answers = tuple(Words(label, "en") for label in ("Present", "Absent", "Unknown"))
    rows = tuple(
        FormRow(
            indicator=f"T{n:02}",
            grade=(),
            text=(Words(f"Question number {n}?", "en"),),
            guidance=(Words("Guidance " * 30, "en"),),
            note=(),
            boxes=answers,
        )
        for n in range(40)
    )
    handout = Handout(
        kind="screening-forms",
        lang="en",
        edition="participant",
        title="Form",
        subject="",
        author="",
        header="Form",
        version="1",
        page_label="{page}/{pages}",
        blocks=(Heading((Words("Form", "en"),), 0), *rows),
    )
    pdf = write_handout(handout, tmp_path / "form.pdf", invariant=True)
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = pages.split("\f")[:-1]
    assert len(pages) > 2
    for page in pages:
        assert (
            page.count("Present")
            == page.count("Absent")
            == page.count("Unknown")
            == len(re.findall(r"T\d\d", page))
        )


def test_cell_text_is_laid_out_and_drawn_as_a_paragraph(styles, texts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Table cells and form rows use the lighter CellText; on paper it must be the same as a paragraph."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from companion.core.handouts.fonts import FONT
    from companion.core.handouts.paragraphs import CellText, cell_text, collapsed

    cell_styles = [style for style in styles if style.name.endswith(":c")]
    assert {style.wordWrap for style in cell_styles} == {None, "CJK"}
    plain = [text for text in texts if cell_text(text, cell_styles[0])]
    pairs = []
    for style in cell_styles:
        for text in plain:
            for width in WIDTHS[1:]:
                cell, paragraph = CellText(collapsed(text), style), _ours(text, style)
                if max(stringWidth(word, FONT, style.fontSize) for word in text.split()) > width:
                    cell.wrap(width, 1e6)  # reportlab cuts such a word differently; nothing may be lost
                    assert "".join(w for _, words in cell.lines for w in words).replace(" ", "") == "".join(
                        text.split()
                    )
                    continue
                assert cell.wrap(width, 1e6) == paragraph.wrap(width, 1e6), (style.name, width, text)
                assert [(round(left, 9), list(words)) for left, words in cell.lines] == [
                    (round(left, 9), list(words)) for left, words in paragraph.blPara.lines
                ]
                assert (cell.getSpaceBefore(), cell.getSpaceAfter()) == (
                    paragraph.getSpaceBefore(),
                    paragraph.getSpaceAfter(),
                )
                pairs.append((cell, paragraph))
    assert len(pairs) > 100

    cells = _word_boxes(_drawn([cell for cell, _ in pairs[:150]]), tmp_path, "cells.pdf")
    assert cells == _word_boxes(
        _drawn([paragraph for _, paragraph in pairs[:150]]), tmp_path, "paragraphs.pdf"
    )
