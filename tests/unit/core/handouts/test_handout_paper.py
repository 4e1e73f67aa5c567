"""Paper that works in a room: sign-in sheets, answer keys, Chinese headings and the agenda.

The builder's plain data where a rule is about content, rendered PDFs read back
with poppler where it is about what the page shows.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from companion.core.agenda import day_date
from companion.core.handouts import builder, export
from companion.core.handouts.fonts import FONT
from companion.core.handouts.linebreak import may_break_heading
from companion.core.handouts.render import MARGIN, PAPERS, Renderer, _header_lines
from companion.core.handouts.reportlab_private import split, strip
from companion.core.handouts.reportlab_public import stringWidth
from tests.unit.pdf_support import page_texts, squeeze, text

LANGS = ("en", "zh-Hans", "bilingual")


def _words(value: object) -> list[builder.Words]:
    found: list[builder.Words] = []

    def walk(item: object) -> None:
        if isinstance(item, builder.Words):
            found.append(item)
        elif isinstance(item, tuple):
            for entry in item:
                walk(entry)
        elif hasattr(item, "__dataclass_fields__"):
            for name in item.__dataclass_fields__:
                walk(getattr(item, name))

    walk(value)
    return found


def _pack(pack) -> tuple:  # type: ignore[no-untyped-def, type-arg]
    return (pack.items, pack.manifest, pack.fingerprint)


def _args(pack, lang: str) -> tuple:  # type: ignore[no-untyped-def, type-arg]
    return (*_pack(pack), lang)


# --- Sign-in ---------------------------------------------------------------------------------------


def test_sign_in_has_a_numbered_sheet_of_85_rows_per_half_day_session(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    workshop = bundled_pack.manifest.workshop
    handout = builder.sign_in(*_args(bundled_pack, "en"))
    grids = [b for b in handout.blocks if isinstance(b, builder.SignatureGrid)]
    assert len(grids) == 2 * workshop.days
    assert all(g.rows >= 85 and g.first == 1 for g in grids)
    sessions = [" ".join(w.text for w in b.parts) for b in handout.blocks if isinstance(b, builder.Heading)]
    for day in range(1, workshop.days + 1):
        date = day_date(workshop.start_date, day).isoformat()
        for half in ("morning", "afternoon"):
            assert f"Day {day} ({date}), {half}" in sessions
    # Each sheet names its session in the column header too, which every page repeats.
    assert [" ".join(w.text for w in g.columns[-1][1:]) for g in grids] == [
        s for s in sessions if s.startswith("Day ")
    ]


def test_sign_in_rows_are_numbered_on_paper_and_each_session_starts_a_page(
    bundled_pack, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    for paper in ("a4", "letter"):
        (path,) = export(*_pack(bundled_pack), "sign-in", "bilingual", tmp_path / paper, paper=paper)
        numbers: list[int] = []
        starts = 0
        for page in text(path).split("\f")[:-1]:
            if "Sign-in sheet" in page:
                starts += 1
                assert not numbers or numbers == list(range(1, 86)), paper
                numbers = []
            numbers += [int(n) for n in re.findall(r"^(\d+)$", page, re.M)]
        assert numbers == list(range(1, 86)) and starts == 2 * bundled_pack.manifest.workshop.days
        # 85 rows fill four pages, never a fifth holding a few spilled rows.
        assert len(page_texts(path)) == 4 * starts, paper


def test_the_venue_is_printed_as_the_content_gives_it(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    venue = bundled_pack.manifest.workshop.venue
    for lang, own in (("en", venue.en), ("zh-Hans", venue.zh_hans)):
        assert own in [w.text for w in _words(builder.sign_in(*_args(bundled_pack, lang)).blocks)]


# --- Answer keys -----------------------------------------------------------------------------------


def test_facilitator_answer_keys_name_each_indicator_and_its_grade(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    grades = {"en": {"strong": "strong", "medium": "medium", "weak": "weak"}}
    grades["zh-Hans"] = {g: builder._Lang("zh-Hans").tr("zh-Hans", g) for g in grades["en"]}
    tools = {t.id: t for t in bundled_pack.by_kind("screening-tool")}
    for lang in ("en", "zh-Hans"):
        handout = builder.case_studies(*_args(bundled_pack, lang), edition="facilitator")
        printed = {w.text for w in _words(handout)}
        checked = 0
        for study in bundled_pack.by_kind("case-study"):
            for key in study.answer_keys:
                indicators = {i.id: i for d in tools[key.tool].dimensions for i in d.indicators}
                for entry in (*key.indicators, *key.not_present):
                    indicator = indicators[entry.indicator]
                    label = f"{indicator.id} · {indicator.text.resolve(lang)[0].strip()}"
                    if indicator.grade:
                        grade = grades[lang][indicator.grade]
                        label += f"（{grade}）" if lang == "zh-Hans" else f" ({grade})"
                    assert label in printed, (lang, study.id, label)
                    checked += 1
        assert checked > 20


# --- Chinese headings --------------------------------------------------------------------------------


def _heading_breaks(lines: list[str], full: str) -> list[int]:
    """Where each line but the last ends in ``full``: the index of the next line's first character."""
    positions, at = [], 0
    for line in lines:
        at = full.index(line, at) + len(line)
        positions.append(at)
    return positions[:-1]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_chinese_headings_break_only_between_phrases(bundled_pack, paper: str) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    renderer = Renderer(paper)
    for lang in ("zh-Hans", "bilingual"):
        for build in (
            *builder.plan(*_pack(bundled_pack), "all", lang),
            *builder.plan(*_pack(bundled_pack), "case-studies", lang, edition="facilitator"),
        ):
            handout = build()
            renderer.render(handout, io.BytesIO())  # sets the page's frame width, as on paper
            for block in handout.blocks:
                if not isinstance(block, builder.Heading):
                    continue
                if not any(w.lang == "zh-Hans" for w in block.parts):
                    continue
                heading = renderer._heading(block)
                frag = heading.plain_fragment()
                if frag is None:  # a heading with a fallback mark: reportlab breaks it
                    continue
                heading.wrap(renderer._width, 10_000)
                lines = ["".join(words) for _, words in heading.blPara.lines]
                full = " ".join(split(strip(frag.text)))
                for position in _heading_breaks(lines, full):
                    assert full[position] == " " or may_break_heading(full, position), (
                        f"{handout.file_stem}: {full[:position]} / {full[position:]}"
                    )
                    checked += 1
    assert checked > 5  # long headings were there to check


def test_a_chinese_heading_is_not_cut_inside_a_word() -> None:
    renderer = Renderer("a4")
    renderer._size = "n"  # normal type, as render() sets it
    title = "国际人口贩运中的强迫劳动：欧洲经验与我国实践的比较研究"
    heading = renderer._heading(builder.Heading((builder.Words(title, "zh-Hans"),), 0))
    heading.wrap(300, 10_000)
    lines = ["".join(words) for _, words in heading.blPara.lines]
    assert "".join(lines) == title
    assert lines[0].endswith("：")


# --- Agenda ----------------------------------------------------------------------------------------


def test_agenda_chinese_text_has_no_ascii_comma(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    for lang in ("zh-Hans", "bilingual"):
        for wall in (False, True):
            handout = builder.agenda(*_args(bundled_pack, lang), wall=wall)
            chinese = [w.text for w in _words(handout.blocks) if w.lang == "zh-Hans"]
            assert chinese and not [t for t in chinese if "," in t], lang


def test_agenda_breaks_have_no_format_line(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    breaks = [s for s in bundled_pack.by_kind("agenda-item") if s.format == "break" and s.trainer is None]
    assert breaks
    for lang in LANGS:
        handout = builder.agenda(*_args(bundled_pack, lang))
        days = [b.rows for b in handout.blocks if isinstance(b, builder.Table)]
        for session in breaks:
            titles = {w.text for w in builder._Lang(lang).text(session.title, "strong")}
            (row,) = [r for r in days[session.day - 1] if r[0][0].text == f"{session.start}–{session.end}"]
            assert {w.text for w in row[1]} == titles, (lang, session.id)


def test_agenda_prints_each_day_s_date_once(bundled_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workshop = bundled_pack.manifest.workshop
    for lang in LANGS:
        for path in export(*_pack(bundled_pack), "agenda", lang, tmp_path / lang):
            for day, page in enumerate(page_texts(path), 1):
                date = day_date(workshop.start_date, day).isoformat()
                assert page.count(date) == 1, (path.name, day)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_running_header_is_never_cut(bundled_pack, tmp_path: Path, paper: str) -> None:  # type: ignore[no-untyped-def]
    title = bundled_pack.manifest.workshop.title
    for lang in LANGS:
        for path in export(*_pack(bundled_pack), "agenda", lang, tmp_path / lang, paper=paper):
            first = squeeze(text(path).split("\f")[0])
            assert "…" not in first, path.name
            for own in {title.resolve(s)[0] for s in builder._Lang(lang).slots}:
                assert first.count(squeeze(own)) >= 1 + (not path.name.startswith("agenda-wall")), path.name
    width = PAPERS[paper][0] - 2 * MARGIN - 80
    header = " / ".join((title.en, title.zh_hans))
    for line in _header_lines(header, 7.5, width):
        assert not line.endswith("…") and stringWidth(line, FONT, 7.5) <= width
