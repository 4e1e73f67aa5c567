"""Settling a conflict: the facilitator keeps one of two answer sets for the same key.

A merge (companion.core.assess.results.merge) never writes over a stored result; a different
answer set for the same participant, form and attempt waits in ``result_conflicts``. Resolving
it is one transaction: keeping the incoming answers makes them the stored result (with their
source and digest), keeping the stored ones leaves the result as it is; either way the conflict
row goes, and so does any other waiting row that now equals the stored result (it is no longer
a conflict). Importing the set that was not kept again reports it as a conflict again: what the
facilitator set aside is never merged silently. An evaluation response's conflict (kept in
``evaluation_conflicts``) is settled by the same rule.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Literal

from companion.core.assess.results import Conflict, ResultError

if TYPE_CHECKING:
    from companion.core.store.store import Store

Keep = Literal["stored", "incoming"]


def resolve_conflict(store: Store, workshop: str, conflict: Conflict, keep: Keep) -> None:
    """Keep ``conflict``'s stored or incoming answers and remove the conflict, in one transaction.

    Raises :class:`ResultError` in one line when the conflict is no longer what was shown (someone
    resolved it already, or the stored result changed since).
    """
    if keep not in ("stored", "incoming"):
        raise ResultError(f"keep must be 'stored' or 'incoming', not {keep!r}")
    key = (workshop, conflict.participant, conflict.form, conflict.attempt)
    where = "workshop_id = ? AND participant = ? AND form_id = ? AND attempt = ?"
    with store.transaction() as conn:
        row = conn.execute(f"SELECT answers FROM results WHERE {where}", key).fetchone()
        if row is None or json.loads(row[0]) != conflict.stored:
            raise ResultError(_changed(conflict))
        waiting = conn.execute(
            f"SELECT id, answers, source, digest, received_at FROM result_conflicts WHERE {where}", key
        ).fetchall()
        chosen = [w for w in waiting if json.loads(w[1]) == conflict.incoming]
        if not chosen:
            raise ResultError(_changed(conflict))
        kept = conflict.stored
        if keep == "incoming":
            _id, answers, source, digest, received_at = chosen[0]
            conn.execute(
                f"UPDATE results SET answers = ?, source = ?, digest = ?, received_at = ? WHERE {where}",
                (answers, source, digest, received_at, *key),
            )
            kept = conflict.incoming
        settled = [w[0] for w in waiting if w in chosen or json.loads(w[1]) == kept]
        conn.executemany("DELETE FROM result_conflicts WHERE id = ?", [(i,) for i in settled])


def _changed(conflict: Conflict) -> str:
    return (
        f"the conflict for {conflict.participant}, {conflict.form} ({conflict.attempt}) has changed "
        "since it was shown; open the list again"
    )


def resolve_evaluation_conflict(store: Store, workshop: str, conflict: Conflict, keep: Keep) -> None:
    """The same for an evaluation response: ``conflict.participant`` is the response id.

    ``stored`` and ``incoming`` map rating rows to "1".."5" and comment ids to text, as
    :func:`companion.core.assess.evaluations.stored_conflicts` gives them. One transaction; a
    conflict that changed since it was shown raises :class:`EvaluationError` in one line.
    """
    from companion.core.assess.evaluations import EvaluationError

    if keep not in ("stored", "incoming"):
        raise EvaluationError(f"keep must be 'stored' or 'incoming', not {keep!r}")
    key = (workshop, conflict.form, conflict.participant)
    where = "workshop_id = ? AND form_id = ? AND response_id = ?"
    changed = (
        f"the conflict for evaluation response {conflict.participant}, {conflict.form} has changed "
        "since it was shown; open the list again"
    )
    with store.transaction() as conn:
        query = f"SELECT ratings, comments FROM evaluation_responses WHERE {where}"
        row = conn.execute(query, key).fetchone()
        if row is None or _flat(row[0], row[1]) != conflict.stored:
            raise EvaluationError(changed)
        waiting = conn.execute(
            f"SELECT id, ratings, comments, origin, digest, saved, received_at FROM evaluation_conflicts "
            f"WHERE {where}",
            key,
        ).fetchall()
        chosen = [w for w in waiting if _flat(w[1], w[2]) == conflict.incoming]
        if not chosen:
            raise EvaluationError(changed)
        kept = conflict.stored
        if keep == "incoming":
            _id, ratings, comments, origin, digest, saved, received_at = chosen[0]
            conn.execute(
                "UPDATE evaluation_responses SET ratings = ?, comments = ?, origin = ?, digest = ?, "
                f"saved = ?, received_at = ? WHERE {where}",
                (ratings, comments, origin, digest, saved, received_at, *key),
            )
            kept = conflict.incoming
        settled = [w[0] for w in waiting if w in chosen or _flat(w[1], w[2]) == kept]
        conn.executemany("DELETE FROM evaluation_conflicts WHERE id = ?", [(i,) for i in settled])


def _flat(ratings: str, comments: str) -> dict[str, str | None]:
    """A stored response's ratings (as text) and comments in one map, as a conflict shows them."""
    flat: dict[str, str | None] = {row: str(n) for row, n in json.loads(ratings).items()}
    return flat | dict(json.loads(comments))
