"""Table rows over page breaks: a row is cut only when it could not fit on a page of its own.

These rows are reportlab tables (``render._Grid``), split by reportlab's own
``split`` and read with ``reportlab_private.row_heights``: the bundled print
pack never makes one split, so these handouts do, and an upgrade of reportlab
that moves either fails here.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from companion.core.handouts import write_handout
from companion.core.handouts.builder import (
    Block,
    FormRow,
    Handout,
    Heading,
    Paragraph,
    SignatureGrid,
    Table,
    Words,
)
from companion.core.handouts.reportlab_public import Flowable

LONG = " ".join(f"w{n}" for n in range(2500))  # several pages in a table cell
ANSWERS = tuple(Words(label, "en") for label in ("Present", "Absent", "Unknown"))


def _handout(*blocks: Block) -> Handout:
    # Text first, so that the table starts half way down the first page.
    intro = (Heading((Words("Terms", "en"),), 0), *[Paragraph((Words("Some text first. " * 20, "en"),))] * 3)
    return Handout(
        kind="glossary",
        lang="en",
        edition="",
        title="Terms",
        subject="",
        author="",
        header="Terms",
        version="1",
        page_label="{page}/{pages}",
        blocks=(*intro, *blocks),
    )


def _pages(pdf: Path) -> list[str]:
    found = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return found.split("\f")[:-1]


def _words(pages: list[str]) -> list[str]:
    return [word for page in pages for word in re.findall(r"\bw\d+\b", page)]


def test_a_row_taller_than_a_page_is_cut_and_each_page_repeats_the_header(tmp_path: Path) -> None:
    header = ((Words("Term", "en"),), (Words("Definition", "en"),))
    rows = (
        ((Words("short", "en"),), (Words("one line", "en"),)),
        ((Words("long", "en"),), (Words(LONG, "en"),)),
        ((Words("after", "en"),), (Words("last row", "en"),)),
    )
    pages = _pages(write_handout(_handout(Table(header, rows, (1, 3))), tmp_path / "t.pdf", invariant=True))
    assert len(pages) > 3
    assert _words(pages) == LONG.split()  # nothing lost or repeated where the row is cut
    assert all("Definition" in page for page in pages)
    assert "one line" in pages[0] and "last row" in pages[-1]


def test_a_form_row_taller_than_a_page_is_cut_and_keeps_its_boxes(tmp_path: Path) -> None:
    row = FormRow("A1", (), (Words("Question?", "en"),), (Words(LONG, "en"),), (), ANSWERS)
    pages = _pages(write_handout(_handout(row), tmp_path / "f.pdf", invariant=True))
    assert len(pages) > 3
    assert _words(pages) == LONG.split()
    assert "Present" in pages[0] and "Question?" in pages[0]


def test_a_long_sign_in_sheet_breaks_between_rows_only() -> None:
    from companion.core.handouts.render import Renderer
    from companion.core.handouts.reportlab_private import row_heights

    renderer = Renderer()
    renderer.render(_handout(), io.BytesIO())  # sets the frame the grid is made for
    grid = renderer._signatures(SignatureGrid(tuple((Words(f"Day {n}", "en"),) for n in range(4)), 60))
    width, page = renderer._width, renderer._frame_height
    for room in (page / 3, page / 2, page):
        first, rest = grid.split(width, room)
        assert first.wrap(width, room)[1] <= room
        for part in (first, rest):
            heights = row_heights(part)
            assert heights[0] < heights[1] == max(heights[1:]) == min(heights[1:])  # header, whole rows
        assert len(row_heights(first)) + len(row_heights(rest)) == 62  # the header on both
    assert grid.split(width, 20) == []  # not even one row fits: the whole sheet goes on


def test_every_piece_of_a_split_table_may_still_cut_a_row_taller_than_a_page() -> None:
    """Pieces cut between rows are made with the table's settings: cutting in a row stays allowed."""
    from companion.core.handouts.render import Renderer

    renderer = Renderer()
    renderer.render(_handout(), io.BytesIO())
    width, page = renderer._width, renderer._frame_height

    def row(*texts: str) -> list[list[Flowable]]:
        return renderer._paragraphs([renderer._cell((Words(text, "en"),)) for text in texts])

    rows = [row("Term", "Definition"), row("long", LONG), row("short", "a line"), row("long", LONG)]
    pending: list[Flowable] = [renderer._grid(rows, (1, 3), header=True)]
    placed = 0
    while pending:
        piece = pending.pop(0)
        if piece.wrap(width, page)[1] <= page:
            placed += 1
            continue
        parts = piece.split(width, page)
        assert parts, "a piece taller than a page could not be cut"
        pending[:0] = parts
    assert placed > 6
