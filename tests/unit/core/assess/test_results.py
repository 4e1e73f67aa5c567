"""Result files: written atomically, refused in one line when wrong, merged once, conflicts kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.core.assess.results import (
    Expected,
    Result,
    ResultError,
    check,
    conflicts,
    merge,
    read_result,
    roster_codes,
    stored_results,
    write_result,
)

FORMS = {"form-a": {"q-01": ["A", "B", "C", "D"], "q-02": ["A", "B"]}}


def result(participant: str = "P001", answers: dict[str, str | None] | None = None, **kw: str) -> Result:
    fields = {"workshop": "ws", "form": "form-a", "attempt": "pre", "source": "laptop"}
    fields |= kw
    return Result(
        participant=participant,
        answers={"q-01": "B", "q-02": None} if answers is None else answers,
        taken_at="2026-12-04T09:00:00+08:00",
        **fields,
    )


def test_a_written_file_reads_back_the_same(tmp_path: Path) -> None:
    path = write_result(tmp_path / "P001.ctresult", result())
    assert read_result(path) == result()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert "P001" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: b[: len(b) // 2], "truncated or damaged"),
        (lambda b: b.replace(b'"B"', b'"C"'), "checksum does not match"),
        (lambda b: b"%PDF-1.4 not json", "not a result file"),
        (lambda b: b'{"format": "something else"}', "not a result file"),
        (lambda b: b"", "not a result file"),
    ],
)
def test_a_damaged_or_foreign_file_is_one_clear_line(tmp_path: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    path = write_result(tmp_path / "r.ctresult", result())
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(ResultError, match=message) as raised:
        read_result(path)
    assert "\n" not in str(raised.value)
    assert str(raised.value).startswith("r.ctresult: ")


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ResultError, match="cannot be read"):
        read_result(tmp_path / "absent.ctresult")


def test_an_edited_file_with_a_recomputed_but_wrong_field_is_refused(tmp_path: Path) -> None:
    from companion.core.assess.results import digest_of

    path = write_result(tmp_path / "r.ctresult", result())
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("sha256")
    data["attempt"] = "later"
    data["sha256"] = digest_of(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ResultError, match="neither pre nor post"):
        read_result(path)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (result(workshop="other"), "another workshop"),
        (result(form="form-z"), "does not have"),
        (result(answers={"q-99": "A"}), "q-99 is not on form form-a"),
        (result(answers={"q-02": "D"}), "not one of its choices"),
        (result(participant="P404"), "P404 is not on the roster"),
    ],
)
def test_a_result_that_does_not_belong_is_refused(bad: Result, message: str) -> None:
    expected = Expected("ws", FORMS, frozenset({"P001", "P002"}))
    with pytest.raises(ResultError, match=message):
        check(bad, expected)


def test_without_a_roster_any_code_is_accepted() -> None:
    check(result(participant="P404"), Expected("ws", FORMS, None))


def test_merging_twice_changes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    first = merge(store, [result("P001"), result("P002", {"q-01": "A", "q-02": "A"})])
    assert (first.added, first.unchanged, first.conflicts) == (2, 0, [])
    again = merge(store, [result("P001"), result("P002", {"q-01": "A", "q-02": "A"})])
    assert (again.added, again.unchanged, again.conflicts) == (0, 2, [])
    assert [r.result.participant for r in stored_results(store, "ws")] == ["P001", "P002"]


def test_the_same_answers_from_another_source_are_unchanged(store) -> None:  # type: ignore[no-untyped-def]
    merge(store, [result()])
    report = merge(store, [result(source="scan")])
    assert (report.added, report.unchanged) == (0, 1)


def test_different_answers_are_a_conflict_kept_not_overwritten(store) -> None:  # type: ignore[no-untyped-def]
    merge(store, [result()])
    report = merge(store, [result(answers={"q-01": "C", "q-02": None}, source="scan")])
    assert (report.added, report.unchanged) == (0, 0)
    assert [(c.participant, c.stored["q-01"], c.incoming["q-01"]) for c in report.conflicts] == [
        ("P001", "B", "C")
    ]
    assert stored_results(store, "ws")[0].result.answers == {"q-01": "B", "q-02": None}
    # The same conflicting file again: still reported, recorded once.
    again = merge(store, [result(answers={"q-01": "C", "q-02": None}, source="scan")])
    assert len(again.conflicts) == 1
    assert len(conflicts(store, "ws")) == 1


def test_the_post_attempt_is_not_a_conflict_with_the_pre(store) -> None:  # type: ignore[no-untyped-def]
    merge(store, [result()])
    report = merge(store, [result(attempt="post", answers={"q-01": "A", "q-02": "A"})])
    assert report.added == 1 and not report.conflicts


def test_a_merge_is_all_or_nothing(store, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from companion.core.assess import results as module

    calls = 0
    real = module._json

    def failing(answers):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("disk gone")
        return real(answers)

    monkeypatch.setattr(module, "_json", failing)
    with pytest.raises(OSError):
        merge(store, [result("P001"), result("P002")])
    assert stored_results(store, "ws") == []


def test_no_roster_table_or_an_empty_one_means_no_roster_check(store) -> None:  # type: ignore[no-untyped-def]
    assert roster_codes(store) is None
