"""Settling a result conflict: the kept answers are stored and the conflict goes, in one transaction."""

from __future__ import annotations

import sqlite3

import pytest

from companion.core.assess.resolve import resolve_conflict
from companion.core.assess.results import ResultError, conflicts, merge, stored_results
from tests.unit.core.assess.test_results import result

OTHER = {"q-01": "C", "q-02": None}


def in_conflict(store):  # type: ignore[no-untyped-def]
    merge(store, [result()])
    merge(store, [result(answers=OTHER, source="scan")])
    (found,) = conflicts(store, "ws")
    return found


def test_keeping_the_incoming_answers_makes_them_the_stored_result(store) -> None:  # type: ignore[no-untyped-def]
    resolve_conflict(store, "ws", in_conflict(store), "incoming")
    (kept,) = stored_results(store, "ws")
    assert kept.result.answers == OTHER and kept.origin == "scan"
    assert conflicts(store, "ws") == []
    assert store.conn.execute("SELECT count(*) FROM result_conflicts").fetchone()[0] == 0


def test_keeping_the_stored_answers_removes_only_the_conflict(store) -> None:  # type: ignore[no-untyped-def]
    resolve_conflict(store, "ws", in_conflict(store), "stored")
    (kept,) = stored_results(store, "ws")
    assert kept.result.answers == result().answers
    assert conflicts(store, "ws") == []
    # The set aside answers imported again are a conflict again, never merged silently.
    assert len(merge(store, [result(answers=OTHER, source="scan")]).conflicts) == 1


def test_a_conflict_already_settled_is_one_line(store) -> None:  # type: ignore[no-untyped-def]
    found = in_conflict(store)
    resolve_conflict(store, "ws", found, "stored")
    with pytest.raises(ResultError, match="has changed since it was shown") as raised:
        resolve_conflict(store, "ws", found, "incoming")
    assert "\n" not in str(raised.value)
    assert stored_results(store, "ws")[0].result.answers == result().answers


def test_a_failure_half_way_changes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    found = in_conflict(store)
    # The stored result is updated first; the conflict row's removal then fails.
    store.conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE DELETE ON result_conflicts BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        resolve_conflict(store, "ws", found, "incoming")
    assert stored_results(store, "ws")[0].result.answers == result().answers
    assert len(conflicts(store, "ws")) == 1


# --- evaluation responses: the same rule ------------------------------------------------------


def evaluation_in_conflict(store):  # type: ignore[no-untyped-def]
    from companion.core.assess.evaluations import merge_responses, stored_conflicts
    from tests.unit.core.assess.test_evaluations import response

    merge_responses(store, [response()])
    merge_responses(store, [response(ratings={"ag-01/relevance": 1}, origin="scan")])
    (found,) = stored_conflicts(store, "ws")
    return found


def test_keeping_an_evaluations_incoming_ratings_stores_them_and_settles_the_conflict(store) -> None:  # type: ignore[no-untyped-def]
    from companion.core.assess.evaluations import stored_conflicts, stored_responses
    from companion.core.assess.resolve import resolve_evaluation_conflict

    resolve_evaluation_conflict(store, "ws", evaluation_in_conflict(store), "incoming")
    (kept,) = stored_responses(store, "ws")
    assert (kept.ratings, kept.origin) == ({"ag-01/relevance": 1}, "scan")
    assert stored_conflicts(store, "ws") == []
    assert store.conn.execute("SELECT count(*) FROM evaluation_conflicts").fetchone()[0] == 0


def test_keeping_an_evaluations_stored_ratings_leaves_them_and_a_reimport_conflicts_again(store) -> None:  # type: ignore[no-untyped-def]
    from companion.core.assess.evaluations import merge_responses, stored_conflicts, stored_responses
    from companion.core.assess.resolve import resolve_evaluation_conflict
    from tests.unit.core.assess.test_evaluations import response

    resolve_evaluation_conflict(store, "ws", evaluation_in_conflict(store), "stored")
    assert stored_responses(store, "ws")[0].ratings == {"ag-01/relevance": 5, "ag-01/clarity": 4}
    assert stored_conflicts(store, "ws") == []
    again = merge_responses(store, [response(ratings={"ag-01/relevance": 1}, origin="scan")])
    assert len(again.conflicts) == 1


def test_an_evaluation_conflict_settled_twice_is_one_line_and_a_failure_changes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    from companion.core.assess.evaluations import EvaluationError, stored_conflicts, stored_responses
    from companion.core.assess.resolve import resolve_evaluation_conflict

    found = evaluation_in_conflict(store)
    store.conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE DELETE ON evaluation_conflicts "
        "BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        resolve_evaluation_conflict(store, "ws", found, "incoming")
    assert stored_responses(store, "ws")[0].ratings["ag-01/relevance"] == 5  # rolled back
    assert len(stored_conflicts(store, "ws")) == 1
    store.conn.execute("DROP TRIGGER refuse")
    resolve_evaluation_conflict(store, "ws", found, "stored")
    with pytest.raises(EvaluationError, match="has changed since it was shown") as raised:
        resolve_evaluation_conflict(store, "ws", found, "incoming")
    assert "\n" not in str(raised.value)
