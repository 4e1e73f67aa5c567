"""The workshop report: its figures are the store's numbers, and a donor edition names no one."""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from companion.app import report
from companion.app.workshop import Workshop
from companion.core.report.figures import Figures
from tests.unit.report_support import AGENCIES, name_of, populate

COUNT = 12


@pytest.fixture
def filled(data_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    workshop = Workshop.open(data_dir)
    vault = populate(workshop, COUNT, tmp_path)
    yield workshop, vault
    workshop.close()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_the_figures_are_the_numbers_in_the_store(filled) -> None:  # type: ignore[no-untyped-def]
    workshop, vault = filled
    pack_id = workshop.current_pack_id()
    conn = workshop.store.conn
    found: Figures = report.figures(workshop, vault)

    # participation, straight from the tables
    (registered,) = conn.execute("SELECT COUNT(*) FROM participants WHERE pack_id = ?", (pack_id,)).fetchone()
    assert found.participation.registered == registered == COUNT
    present = dict(
        conn.execute(
            "SELECT session_id, SUM(present) FROM attendance WHERE pack_id = ? GROUP BY session_id",
            (pack_id,),
        ).fetchall()
    )
    assert {s.session: s.present for s in found.participation.sessions} == present
    assert found.participation.by_agency is not None
    expected_agencies = Counter(AGENCIES[i % len(AGENCIES)] for i in range(1, COUNT + 1))
    assert dict(found.participation.by_agency) == dict(expected_agencies)

    # knowledge: each participant's share right, recomputed from the stored answers and the key
    from companion.app.assess import key, results

    keyed = key(workshop)
    shares: dict[str, dict[str, float]] = {}
    for stored in results(workshop):
        r = stored.result
        marks = [choice == keyed[q].answer for q, choice in r.answers.items() if q in keyed]
        shares.setdefault(r.participant, {})[r.attempt] = sum(marks) / len(marks)
    pre = [s["pre"] for s in shares.values() if "pre" in s]
    post = [s["post"] for s in shares.values() if "post" in s]
    k = found.knowledge
    assert k is not None
    assert (k.pre.count, k.post.count) == (len(pre), len(post)) == (COUNT - 3, COUNT - 3)
    assert k.pre.mean == pytest.approx(statistics.fmean(pre))
    assert k.post.median == pytest.approx(statistics.median(post))
    assert sum(k.pre.bins) == len(pre)
    paired = [s for s in shares.values() if "pre" in s and "post" in s]
    assert k.paired == len(paired)
    assert k.improved == sum(1 for s in paired if s["post"] > s["pre"])
    first = k.objectives[0]
    session, number = first.objective.split("/")
    right = [
        choice == keyed[q].answer
        for stored in results(workshop)
        if stored.result.attempt == "pre"
        for q, choice in stored.result.answers.items()
        if q in keyed and keyed[q].session == session and keyed[q].objective == int(number)
    ]
    assert first.pre == pytest.approx(sum(right) / len(right))

    # feedback: the means of the stored responses
    from companion.core.assess.evaluations import stored_responses

    responses = stored_responses(workshop.store, pack_id)  # type: ignore[arg-type]
    feedback = found.feedback
    assert feedback is not None and feedback.responses == len(responses) == COUNT * 3 // 4
    rated = feedback.sessions[0]
    given = [r.ratings.get(f"{rated.session}/clarity") for r in responses]
    clarity = [g for g in given if g is not None]
    assert rated.means[1] == pytest.approx(statistics.fmean(clarity))

    # timing: every logged session, planned against actual
    logged = conn.execute(
        "SELECT item_id, planned_start, actual_start, actual_end FROM session_times WHERE pack_id = ?",
        (pack_id,),
    ).fetchall()
    assert {(t.session, t.planned_start, t.actual_start, t.actual_end) for t in found.timing} == set(logged)


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "bilingual"])
def test_a_donor_edition_names_no_one_and_holds_no_comment(filled, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    workshop, vault = filled
    out = tmp_path / "report.pdf"
    report.write(workshop, out, "pdf", lang, "donor", vault)
    text = pdf_text(out.read_bytes())
    for number in range(1, COUNT + 1):
        latin, chinese = name_of(number)
        assert latin not in text and chinese not in text
    assert "Blatt" not in text and "郑测" not in text
    assert "case studies helped" not in text  # comments: facilitator edition only
    assert "Qilinville Police Bureau" in text  # the agency breakdown (counts) is there


def test_the_facilitator_edition_prints_the_comments_in_full(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workshop, vault = filled
    out = tmp_path / "report.pdf"
    report.write(workshop, out, "pdf", "en", "facilitator", vault)
    text = pdf_text(out.read_bytes())
    assert "Comment 0: the case studies helped." in text
    assert "Blatt" not in text


def test_a_chinese_report_carries_the_workshop_in_chinese(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workshop, vault = filled
    out = tmp_path / "report.pdf"
    report.write(workshop, out, "pdf", "zh-Hans", "donor", vault)
    text = re.sub(r"\s+", "", pdf_text(out.read_bytes()))
    title = report.figures(workshop, vault).cover.title.zh
    assert re.sub(r"\s+", "", title) in text


def test_a_report_with_no_results_says_so_and_prints_what_it_has(data_dir: Path, tmp_path: Path) -> None:
    workshop = Workshop.open(data_dir)
    out = tmp_path / "empty.pdf"
    found = report.write(workshop, out, "pdf", "en", "donor")
    workshop.close()
    assert found.knowledge is None and found.feedback is None and found.timing == []
    text = re.sub(r"\s+", " ", pdf_text(out.read_bytes()))
    assert "No knowledge-check results yet." in text
    assert "No evaluation responses yet." in text
    assert "The agency breakdown needs the roster's passphrase." in text
    assert "Registered participants: 0" in text


def test_the_spreadsheet_holds_the_same_tables(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    workshop, vault = filled
    out = tmp_path / "report.xlsx"
    found = report.write(workshop, out, "xlsx", "en", "donor", vault)
    book = load_workbook(out)
    assert {"workshop", "attendance", "agencies", "knowledge", "objectives", "questions", "timing"} <= set(
        book.sheetnames
    )
    assert "comments" not in book.sheetnames  # donor edition
    attendance = list(book["attendance"].values)
    assert [row[4] for row in attendance[1:]] == [s.present for s in found.participation.sessions]
    knowledge = {row[0]: row[1:] for row in book["knowledge"].values}
    assert found.knowledge is not None
    assert knowledge["mean"][0] == pytest.approx(found.knowledge.pre.mean)
    assert knowledge["improved"][0] == found.knowledge.improved


def test_text_from_outside_is_never_a_formula_in_the_spreadsheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from companion.core.report.figures import Bilingual, Cover, Participation
    from companion.core.report.xlsx import workbook

    plain = Bilingual("x", "x")
    figures = Figures(
        Cover(plain, plain, plain, "2027-03-16", "2027-03-17", 2, []),
        Participation(2, [], [("=HYPERLINK(\"http://example.invalid\")", 2)]),
        None,
        None,
        [],
    )
    out = tmp_path / "t.xlsx"
    out.write_bytes(workbook(figures))
    cell = load_workbook(out)["agencies"]["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://example.invalid")'
