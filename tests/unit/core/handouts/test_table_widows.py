"""No page holds a single spilled table row: a split that would leave one breaks a row earlier."""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from companion.core.handouts import builder, render, write_handout
from companion.core.handouts.builder import Handout, Heading, Paragraph, Table, Words
from companion.core.handouts.reportlab_public import Spacer
from tests.unit.pdf_support import page_texts

HEADER = ((Words("Term", "en"),), (Words("Meaning", "en"),))


def _rows_per_page(tmp_path: Path, count: int) -> list[int]:
    """Render a table of ``count`` one-line rows after some text; how many rows each page holds."""
    rows = tuple(((Words(f"row{n:03d}", "en"),), (Words("one line", "en"),)) for n in range(count))
    intro = (Heading((Words("Terms", "en"),), 0), Paragraph((Words("Some text first. " * 40, "en"),)))
    handout = Handout(
        kind="glossary",
        lang="en",
        edition="",
        title="Terms",
        subject="",
        author="",
        header="Terms",
        version="1",
        page_label="{page}/{pages}",
        blocks=(*intro, Table(HEADER, rows, (1, 3))),
    )
    pdf = write_handout(handout, tmp_path / f"rows-{count}.pdf", invariant=True)
    texts = page_texts(pdf)
    found = [re.findall(r"row\d{3}", page) for page in texts]
    assert [row for page in found for row in page] == [f"row{n:03d}" for n in range(count)]  # none lost
    assert all("Meaning" in page for page, rows_ in zip(texts, found, strict=True) if rows_)  # header again
    return [len(page) for page in found]


def test_a_table_that_would_spill_one_row_sends_two_to_the_next_page(tmp_path: Path) -> None:
    # The first page's capacity and a full page's, from a table long enough to fill both.
    first, full = _rows_per_page(tmp_path, 150)[:2]
    # One row more than the first page holds, and one more than the first two pages hold: either
    # would leave one row alone on its last page.
    for count in (first + 1, first + full + 1):
        per_page = _rows_per_page(tmp_path, count)
        assert 1 not in per_page, (count, per_page)
        assert per_page[-1] == 2 and sum(per_page) == count


def _rows(count: int, page_height: float) -> render._Rows:
    def row(height: float) -> render._Row:
        return render._Row([[Spacer(10, height)]], [1])

    return render._Rows(row(20), [row(100) for _ in range(count)], page_height)


def test_two_rows_of_which_one_fits_go_to_the_next_page_together_when_they_fit_there() -> None:
    # 20 (header) + 100 + 100 + padding: one row fits in 150, both in a page of 300.
    assert render._Rows.split(_rows(2, 300), 200, 150) == []
    # On a page too short for both, they stay split rather than move for ever.
    parts = render._Rows.split(_rows(2, 200), 200, 150)
    assert [len(p.rows) for p in parts] == [1, 1]  # type: ignore[attr-defined]


def test_no_page_of_the_bundled_handouts_holds_a_lone_spilled_row(
    bundled_pack, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Every handout, in every language and edition: each table piece drawn after a split holds 2+ rows."""
    from companion.core.handouts import export

    spilled: dict[int, object] = {}  # the pieces a split sent on to a later page, kept alive: ids stay theirs
    lone: list[str] = []
    names: list[str] = []  # the handouts rendered, the one being rendered last
    split, draw, rendering = render._Rows.split, render._Rows.draw, render.Renderer.render

    def recording_split(self: render._Rows, width: float, height: float) -> list[object]:
        parts = split(self, width, height)
        if len(parts) == 2:
            spilled[id(parts[1])] = parts[1]
        return parts  # type: ignore[return-value]

    def checking_draw(self: render._Rows) -> None:
        if id(self) in spilled and len(self.rows) == 1:
            lone.append(f"{names[-1]}, page {self.canv.getPageNumber()}")
        draw(self)

    monkeypatch.setattr(render._Rows, "split", recording_split)
    monkeypatch.setattr(render._Rows, "draw", checking_draw)

    def naming_render(self: render.Renderer, handout: builder.Handout, target: BinaryIO) -> None:
        names.append(handout.file_stem)
        rendering(self, handout, target)

    monkeypatch.setattr(render.Renderer, "render", naming_render)
    for lang in ("en", "zh-Hans", "bilingual"):
        for edition in ("participant", "facilitator"):
            args = (
                bundled_pack.items,
                bundled_pack.manifest,
                "",
                "all",
                lang,
                tmp_path / f"{lang}-{edition}",
            )
            export(*args, edition=edition, invariant=True)
    assert len(names) >= 30 and spilled  # every handout, and tables that did split
    assert lone == []
