"""Evaluation responses: anonymous, written atomically, refused in one line, merged once, summarised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.core.assess.evaluations import (
    EvaluationError,
    Response,
    check,
    comment_ids,
    file_name,
    merge_responses,
    new_response,
    rating_rows,
    read_response,
    stored_conflicts,
    stored_responses,
    summarise,
    write_response,
)
from companion.core.model import EvaluationForm, Text

FORM = EvaluationForm(
    id="evaluation",
    title=Text(en="Evaluation", zh_hans="评估"),
    sessions=["ag-01", "ag-02"],
    overall=[Text(en="Worth it", zh_hans="值得"), Text(en="Recommend", zh_hans="推荐")],
    free_text=[Text(en="Best part?", zh_hans="最好？")],
)


Ratings = dict[str, int | None]


def response(ident: str = "E-ABCDEFGH23", ratings: Ratings | None = None, **kw: str) -> Response:
    fields = {"workshop": "ws", "form": "evaluation", "saved": "2026-12-04T16:00:00+08:00"}
    fields |= {"origin": "laptop"}
    fields |= kw
    comments = {"free/1": "the case studies"}
    given = {"ag-01/relevance": 5, "ag-01/clarity": 4, "overall/2": None} if ratings is None else ratings
    return Response(response=ident, ratings=given, comments=comments, **fields)  # type: ignore[arg-type]


def test_rows_and_comment_ids_follow_the_form() -> None:
    assert rating_rows(FORM) == [
        "ag-01/relevance", "ag-01/clarity", "ag-01/usefulness",
        "ag-02/relevance", "ag-02/clarity", "ag-02/usefulness",
        "overall/1", "overall/2",
    ]  # fmt: skip
    assert comment_ids(FORM) == ["free/1"]


def test_a_new_response_is_random_and_anonymous() -> None:
    one, two = new_response("ws", "evaluation"), new_response("ws", "evaluation")
    assert one.response != two.response
    assert (one.ratings, one.comments, one.origin) == ({}, {}, "laptop")
    assert "P0" not in file_name(one)


def test_a_written_response_reads_back_the_same(tmp_path: Path) -> None:
    path = write_response(tmp_path / "e.ctevaluation", response())
    assert read_response(path) == response()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: b[: len(b) // 2], "truncated or damaged"),
        (lambda b: b.replace(b'"the case studies"', b'"nothing"'), "checksum"),
        (lambda b: b"%PDF-1.4 not json", "not an evaluation response"),
        (lambda b: b'{"format": "training-companion-result"}', "not an evaluation response"),
        (lambda b: b"", "not an evaluation response"),
    ],
)
def test_a_damaged_or_foreign_file_is_one_clear_line(tmp_path: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    path = write_response(tmp_path / "e.ctevaluation", response())
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(EvaluationError, match=message) as raised:
        read_response(path)
    assert "\n" not in str(raised.value)
    assert str(raised.value).startswith("e.ctevaluation: ")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (response("P012"), "looks like a participant code"),
        (response("no spaces allowed"), "not 4-64 letters"),
        (response(ratings={"ag-01/clarity": 6}), "not 1-5"),
        (response(origin="fax"), "origin"),
    ],
)
def test_a_response_of_the_wrong_shape_is_never_written(tmp_path: Path, bad: Response, message: str) -> None:
    with pytest.raises(EvaluationError, match=message):
        write_response(tmp_path / "e.ctevaluation", bad)
    assert list(tmp_path.iterdir()) == []


def test_a_rating_that_is_not_a_number_is_refused_even_with_a_good_checksum(tmp_path: Path) -> None:
    from companion.core.assess.results import digest_of

    data = json.loads(write_response(tmp_path / "e.ctevaluation", response()).read_text(encoding="utf-8"))
    del data["sha256"]
    data["ratings"]["ag-01/clarity"] = True
    data["sha256"] = digest_of(data)
    (tmp_path / "e.ctevaluation").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(EvaluationError, match="not a number 1-5"):
        read_response(tmp_path / "e.ctevaluation")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (response(workshop="other"), "another workshop"),
        (response(form="form-a"), "for form form-a"),
        (response(ratings={"ag-09/clarity": 3}), "not a rating row"),
    ],
)
def test_a_response_that_does_not_belong_is_refused(bad: Response, message: str) -> None:
    with pytest.raises(EvaluationError, match=message):
        check(bad, FORM, "ws")


def test_merging_twice_changes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    first = merge_responses(store, [response("E-1111"), response("E-2222", {"overall/1": 2})])
    assert (first.added, first.unchanged, first.conflicts) == (2, 0, [])
    again = merge_responses(store, [response("E-1111"), response("E-2222", {"overall/1": 2})])
    assert (again.added, again.unchanged, again.conflicts) == (0, 2, [])
    assert [r.response for r in stored_responses(store, "ws")] == ["E-1111", "E-2222"]


def test_a_blank_rating_and_a_missing_one_are_the_same_answer(store) -> None:  # type: ignore[no-untyped-def]
    merge_responses(store, [response()])
    blanks = response(ratings={"ag-01/relevance": 5, "ag-01/clarity": 4}, origin="scan")
    assert merge_responses(store, [blanks]).unchanged == 1


def test_different_answers_for_one_id_are_a_conflict_kept_not_overwritten(store) -> None:  # type: ignore[no-untyped-def]
    merge_responses(store, [response()])
    changed = response(ratings={"ag-01/relevance": 1}, origin="scan")
    report = merge_responses(store, [changed])
    assert (report.added, report.unchanged) == (0, 0)
    (conflict,) = report.conflicts
    assert conflict.participant == "E-ABCDEFGH23"
    assert conflict.stored["ag-01/relevance"] == "5"
    assert conflict.incoming["ag-01/relevance"] == "1"
    assert stored_responses(store, "ws")[0].ratings == {"ag-01/relevance": 5, "ag-01/clarity": 4}
    merge_responses(store, [changed])  # the same conflicting answers again: still one conflict
    assert len(stored_conflicts(store, "ws")) == 1


def test_a_failed_merge_stores_nothing(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(EvaluationError):
        merge_responses(store, [response("E-1111"), response("P001")])
    assert stored_responses(store, "ws") == []


def test_results_and_responses_of_one_import_are_merged_together_or_not_at_all(store) -> None:  # type: ignore[no-untyped-def]
    from companion.core.assess.evaluations import merge_all
    from companion.core.assess.results import Result, stored_results

    result = Result("ws", "P001", "form-a", "pre", {"q-01": "A"}, "laptop", "2026-12-04T09:00:00+08:00")
    with pytest.raises(EvaluationError):  # the second response is refused half-way
        merge_all(store, [result], [response("E-1111"), response("P001")])
    assert stored_results(store, "ws") == [] and stored_responses(store, "ws") == []
    merged, answered = merge_all(store, [result], [response("E-1111")])
    assert (merged.added, answered.added) == (1, 1)


def test_the_summary_counts_every_row_and_keeps_comments_in_order() -> None:
    answers = [
        response("E-0001", {"ag-01/relevance": 5, "ag-01/clarity": 3, "overall/1": 4}),
        response("E-0002", {"ag-01/relevance": 4, "ag-01/clarity": None}),
        response("E-0003", {"ag-01/relevance": 5}, form="other-form"),  # another form: left out
        Response("ws", "evaluation", "E-0004", {"ag-01/relevance": 2}, {"free/1": "  "}, "t", "scan"),
        Response("ws", "evaluation", "E-0005", {}, {"free/1": "more practice"}, "t", "laptop"),
    ]
    summary = summarise(FORM, answers)
    assert (summary.form, summary.responses) == ("evaluation", 4)
    assert [r.row for r in summary.ratings] == rating_rows(FORM)
    relevance, clarity, usefulness = summary.ratings[:3]
    assert (relevance.counts, relevance.answered, relevance.mean) == ((0, 1, 0, 1, 1), 3, 11 / 3)
    assert (clarity.counts, clarity.answered, clarity.mean) == ((0, 0, 1, 0, 0), 1, 3.0)
    assert (usefulness.answered, usefulness.mean) == (0, None)
    assert summary.comments == {"free/1": ["the case studies", "the case studies", "more practice"]}
