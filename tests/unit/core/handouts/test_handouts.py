"""PDF handouts, rendered for real and read back with poppler (pdfinfo, pdftotext, pdffonts).

Each language's print pack is rendered once per module (the machine is slow);
the tests then inspect the files.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from companion.core.handouts import export
from tests.unit.pdf_support import page_texts, pages, squeeze, text

EN_FILES = {
    "agenda": "agenda-en-a4.pdf",
    "agenda-wall": "agenda-wall-en-a4.pdf",
    "case-studies": "case-studies-participant-en-a4.pdf",
    "screening-forms": "screening-forms-en-a4.pdf",
    "glossary": "glossary-en-a4.pdf",
    "sign-in": "sign-in-en-a4.pdf",
}


def _render(pack, out: Path, kind: str, lang: str, edition: str = "participant") -> dict[str, Path]:  # type: ignore[no-untyped-def]
    paths = export(
        pack.items, pack.manifest, pack.fingerprint, kind, lang, out, edition=edition, invariant=True
    )
    return {p.name: p for p in paths}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, bundled_pack) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("handouts")
    files: dict[str, Path] = {}
    files |= _render(bundled_pack, out, "all", "en")
    files |= _render(bundled_pack, out, "all", "zh-Hans")
    files |= _render(bundled_pack, out, "agenda", "bilingual")
    files |= _render(bundled_pack, out, "glossary", "bilingual")
    files |= _render(bundled_pack, out, "case-studies", "en", edition="facilitator")
    files |= _render(bundled_pack, out, "case-studies", "zh-Hans", edition="facilitator")
    return files


@pytest.fixture(scope="module")
def texts(rendered: dict[str, Path]) -> dict[str, str]:
    return {name: squeeze(text(path)) for name, path in rendered.items()}


RUNNING = re.compile(
    r"^(Version \S+ · \w{8}|版本 \S+ · \w{8}|Page \d+ of \d+|第\d+页，共\d+页|PRACTICE"
    r"|International Standards.*|识别、.*)$"
)


@pytest.fixture(scope="module")
def bodies(rendered: dict[str, Path]) -> dict[str, str]:
    """Text without running headers and footers, which cut paragraphs at page ends."""
    return {
        name: squeeze("\n".join(line for line in text(path).splitlines() if not RUNNING.match(line.strip())))
        for name, path in rendered.items()
    }


def test_the_print_pack_is_one_pdf_per_kind_named_without_personal_data(rendered) -> None:  # type: ignore[no-untyped-def]
    assert set(EN_FILES.values()) <= set(rendered)
    assert {n.replace("-en-", "-zh-Hans-") for n in EN_FILES.values()} <= set(rendered)
    assert {"agenda-bilingual-a4.pdf", "glossary-bilingual-a4.pdf"} <= set(rendered)
    folder = next(iter(rendered.values())).parent
    assert list(folder.glob(".export-*")) == []  # no temporary file left behind


def test_agenda_has_one_page_per_day_in_every_language(rendered) -> None:  # type: ignore[no-untyped-def]
    for lang in ("en", "zh-Hans", "bilingual"):
        assert pages(rendered[f"agenda-{lang}-a4.pdf"]) == 2, lang
        assert pages(rendered[f"agenda-wall-{lang}-a4.pdf"]) == 2, lang


def test_page_counts_are_plausible(rendered, bundled_pack) -> None:  # type: ignore[no-untyped-def]
    studies = len(bundled_pack.by_kind("case-study"))
    tools = len(bundled_pack.by_kind("screening-tool"))
    for lang in ("en", "zh-Hans"):
        assert pages(rendered[f"case-studies-participant-{lang}-a4.pdf"]) > studies
        assert pages(rendered[f"screening-forms-{lang}-a4.pdf"]) > tools
        assert pages(rendered[f"sign-in-{lang}-a4.pdf"]) == 4 * 2 * bundled_pack.manifest.workshop.days
        assert 2 <= pages(rendered[f"glossary-{lang}-a4.pdf"]) < 40
    assert pages(rendered["case-studies-facilitator-en-a4.pdf"]) > pages(
        rendered["case-studies-participant-en-a4.pdf"]
    )


def test_text_is_extractable_in_english_and_chinese(texts, bundled_pack) -> None:  # type: ignore[no-untyped-def]
    study = bundled_pack.by_kind("case-study")[0]
    assert squeeze(study.title.en) in texts["case-studies-participant-en-a4.pdf"]
    assert squeeze(study.title.zh_hans) in texts["case-studies-participant-zh-Hans-a4.pdf"]
    assert (
        squeeze(study.stages[0].text.zh_hans.split("\n\n")[0])
        in texts["case-studies-participant-zh-Hans-a4.pdf"]
    )
    term = bundled_pack.get("gl-001")
    for name in ("glossary-en-a4.pdf", "glossary-zh-Hans-a4.pdf", "glossary-bilingual-a4.pdf"):
        assert squeeze(term.term.en) in texts[name] and squeeze(term.term.zh_hans) in texts[name], name
    assert "债务奴役" in texts["glossary-zh-Hans-a4.pdf"]
    session = bundled_pack.by_kind("agenda-item")[0]
    assert squeeze(session.title.en) in texts["agenda-bilingual-a4.pdf"]
    assert squeeze(session.title.zh_hans) in texts["agenda-bilingual-a4.pdf"]
    assert "Page1of2" in texts["agenda-en-a4.pdf"]


def test_header_carries_the_pack_version_and_short_fingerprint(texts, bundled_pack) -> None:  # type: ignore[no-untyped-def]
    for name, value in texts.items():
        assert bundled_pack.manifest.version in value and bundled_pack.fingerprint[:8] in value, name


def test_screening_forms_are_practice_forms_with_every_indicator(texts, bundled_pack) -> None:  # type: ignore[no-untyped-def]
    form = texts["screening-forms-en-a4.pdf"]
    assert "PRACTICE" in form and "Present" in form and "Absent" in form and "Unknown" in form
    for tool in bundled_pack.by_kind("screening-tool"):
        assert squeeze(tool.caveats[0].en) in form, tool.id
        for indicator_id in tool.indicator_ids():
            assert indicator_id in form
    zh = texts["screening-forms-zh-Hans-a4.pdf"]
    tool = bundled_pack.get("ilo-adult-labour")
    assert squeeze(tool.title.zh_hans) in zh
    assert squeeze(tool.dimensions[0].indicators[0].text.zh_hans) in zh


def test_every_page_carries_the_running_header_and_page_x_of_y(rendered, bundled_pack) -> None:  # type: ignore[no-untyped-def]
    version, fingerprint = bundled_pack.manifest.version, bundled_pack.fingerprint[:8]
    for name, path in rendered.items():
        texts_ = page_texts(path)
        total = len(texts_)
        assert total == pages(path), name
        for number, page in enumerate(texts_, 1):
            labels = []
            if "-zh-Hans-" not in name:
                labels.append(f"Page{number}of{total}")
            if "-en-" not in name:
                labels.append(f"第{number}页，共{total}页")
            for label in labels:
                assert label in page, (name, number, label)
            assert version in page and fingerprint in page, (name, number)


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_the_screening_form_starts_on_page_one_with_its_indicators(rendered, bundled_pack, lang) -> None:  # type: ignore[no-untyped-def]
    first = page_texts(rendered[f"screening-forms-{lang}-a4.pdf"])[0]
    tool = bundled_pack.by_kind("screening-tool")[0]
    dimension = tool.dimensions[0]
    assert squeeze(tool.title.get(lang)) in first
    assert dimension.id in first and squeeze(dimension.title.get(lang)) in first
    for indicator in dimension.indicators[:2]:
        assert indicator.id in first and squeeze(indicator.text.get(lang)) in first


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_no_form_row_is_cut_across_pages(rendered, bundled_pack, lang) -> None:  # type: ignore[no-untyped-def]
    texts_ = page_texts(rendered[f"screening-forms-{lang}-a4.pdf"])
    cut = []
    for tool in bundled_pack.by_kind("screening-tool"):
        for dimension in tool.dimensions:
            for indicator in dimension.indicators:
                # Question and guidance of one indicator, each whole, on the same page as its boxes.
                fields = [squeeze(t.get(lang)) for t in (indicator.text, indicator.guidance) if t is not None]
                if not any(all(f in page for f in fields) for page in texts_):
                    cut.append(f"{tool.id}/{indicator.id}")
    assert cut == []


@pytest.mark.parametrize(
    ("lang", "header"), [("en", ("English", "Chinese", "Definition")), ("zh-Hans", ("中文", "英文", "释义"))]
)
def test_every_glossary_page_repeats_the_header_and_keeps_each_entry_whole(
    rendered, bundled_pack, lang, header
) -> None:  # type: ignore[no-untyped-def]
    texts_ = page_texts(rendered[f"glossary-{lang}-a4.pdf"])
    assert len(texts_) > 3
    assert all(word in page for page in texts_ for word in header)
    cut = []
    for term in bundled_pack.by_kind("glossary-term"):
        # Columns interleave in extracted text: a definition's start and end on one page means it is whole.
        definition = squeeze(term.definition.get(lang) or term.definition.en)
        if not any(definition[:12] in page and definition[-12:] in page for page in texts_):
            cut.append(term.id)
    assert cut == []


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_no_heading_is_left_alone_at_the_foot_of_a_page(rendered, bundled_pack, lang) -> None:  # type: ignore[no-untyped-def]
    from companion.core.handouts import file_name
    from companion.core.handouts.builder import Heading, plan

    stranded = []
    for edition in ("participant", "facilitator"):
        for build in plan(
            bundled_pack.items, bundled_pack.manifest, bundled_pack.fingerprint, "all", lang, edition
        ):
            handout = build()
            headings = {
                squeeze(" · ".join(words.text for words in block.parts))
                for block in handout.blocks
                if isinstance(block, Heading)
            }
            name = file_name(handout, "a4")
            for number, page in enumerate(text(rendered[name]).split("\f")[:-1], 1):
                lines = [squeeze(line) for line in page.splitlines() if not RUNNING.match(line.strip())]
                body = [line for line in lines if line]
                # A heading may wrap onto two or three lines.
                if body and any("".join(body[-n:]) in headings for n in (1, 2, 3)):
                    stranded.append(f"{name} page {number}")
    assert stranded == []


def _secrets(bundled_pack, lang: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every facilitator-only text of the bundled case studies, in one language."""
    found = []
    for study in bundled_pack.by_kind("case-study"):
        notes = study.facilitator_notes
        texts_ = [*notes.model_answers, *notes.common_mistakes]
        for key in study.answer_keys:
            texts_ += [key.explanation, *(e.reason for e in (*key.indicators, *key.not_present))]
        found += [squeeze(p) for t in texts_ for p in (t.get(lang) or "").split("\n\n")]
    # Some reasons quote the narrative word for word; those are rightly on paper.
    public = "".join(
        squeeze(t.get(lang) or "")
        for study in bundled_pack.by_kind("case-study")
        for t in (
            study.setting,
            study.persona,
            study.content_note,
            *study.questions,
            *(x for stage in study.stages for x in (stage.title, stage.text)),
        )
        if t is not None
    )
    return [s for s in found if s and s not in public and s[:30] not in public]


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_no_participant_edition_contains_facilitator_notes_or_answer_keys(bodies, bundled_pack, lang) -> None:  # type: ignore[no-untyped-def]
    secrets = _secrets(bundled_pack, lang)
    assert len(secrets) > 100
    participant = {name: value for name, value in bodies.items() if "facilitator" not in name}
    assert len(participant) >= 12
    for name, value in participant.items():
        leaked = [s[:40] for s in secrets if s in value or s[:30] in value]
        assert leaked == [], name
    facilitator = bodies[f"case-studies-facilitator-{lang}-a4.pdf"]
    # Whole paragraphs survive extraction, so their absence above means something.
    missing = [s[:40] for s in secrets if s not in facilitator]
    assert missing == []


def test_every_font_is_embedded(rendered) -> None:  # type: ignore[no-untyped-def]
    for name, path in rendered.items():
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows, name
        for row in rows:
            assert row.split()[-5] == "yes", (name, row)  # the "emb" column


def test_metadata_and_outline(rendered) -> None:  # type: ignore[no-untyped-def]
    info = subprocess.run(
        ["pdfinfo", str(rendered["case-studies-participant-zh-Hans-a4.pdf"])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "案例" in info and "Training Companion sample content" in info
    raw = rendered["case-studies-participant-en-a4.pdf"].read_bytes()
    assert b"/Outlines" in raw and b"/Lang" in raw
    assert (
        "595.276 x 841.89"
        in subprocess.run(
            ["pdfinfo", str(rendered["glossary-en-a4.pdf"])], capture_output=True, text=True, check=True
        ).stdout
    )
