"""Validating one item as data, field by field: what an editor shows beside each field.

An item is checked by the same model as a pack's file, then by the checks
that span items, applied to it and the items it names (an answer key's tool
and its indicators, an agenda session's case studies, tools and documents, a
glossary term's see-also), by its scoring rules (they must parse) and, for a
session, by the other sessions of its day (no two at once, no day after the
workshop's last). Each problem names its field by the path pydantic gives,
by alias: ``("stages", 0, "text", "zh-Hans")``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from companion.core.store import Store

Path = tuple[str | int, ...]


class FieldProblem(NamedTuple):
    path: Path  # pydantic's loc, by field alias
    message: str  # one plain line


def parse_path(field: str) -> Path:
    """``"answer_keys[0].indicators[1].indicator"`` (a pack problem's field) as a path."""
    path: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field):
        path.append(int(index) if index else name)
    return tuple(path)


def _message(text: str) -> str:
    return text.removeprefix("Value error, ")


def validate(kind: str, data: dict[str, Any]) -> tuple[Any | None, list[FieldProblem]]:
    """The item ``data`` stands for, by the model of ``kind``; or None and every problem of its own."""
    from pydantic import ValidationError

    from companion.core.kinds import BY_ID

    if kind not in BY_ID:
        return None, [FieldProblem(("kind",), f"unknown kind {kind!r}")]
    if not isinstance(data, dict):
        return None, [FieldProblem((), "the item is not a table of fields")]
    given = data.get("kind", kind)
    if given != kind:
        return None, [FieldProblem(("kind",), f"is {given!r}, not {kind!r}")]
    try:
        return BY_ID[kind].model.model_validate({**data, "kind": kind}), []
    except ValidationError as exc:
        return None, [
            FieldProblem(tuple(detail["loc"]), _message(detail["msg"])) for detail in exc.errors()
        ]


def item_problems(
    store: Store, pack_id: str, kind: str, data: dict[str, Any]
) -> tuple[Any | None, list[FieldProblem]]:
    """The validated item (None when its own fields fail) and every problem, cross-item ones too."""
    item, problems = validate(kind, data)
    if item is None:
        return None, problems
    problems = cross_problems(store, pack_id, item)
    return item, problems


def cross_problems(store: Store, pack_id: str, item: Any) -> list[FieldProblem]:
    """What ``item`` breaks among the items of ``pack_id``: links, indicators, rules, the agenda."""
    from companion.core.content import _file_of, cross_check

    same = store.item(item.id, pack_id)
    if same is not None and same.kind != item.kind:
        return [FieldProblem(("id",), f"{item.id!r} is used by another item ({same.kind})")]
    named = [found for target in named_items(item) if (found := store.item(target, pack_id)) is not None]
    own = _file_of(item)
    problems = [
        FieldProblem(parse_path(p.field), p.message)
        for p in cross_check([item, *[n for n in named if n.id != item.id]])
        if p.file == own
    ]
    if item.kind == "agenda-item":
        problems.extend(_session_problems(store, pack_id, item))
    return problems


def named_items(item: Any) -> list[str]:
    """IDs of the items ``item`` refers to."""
    if item.kind == "agenda-item":
        return [*item.case_studies, *item.tools, *item.documents]
    if item.kind == "case-study":
        return [key.tool for key in item.answer_keys]
    if item.kind == "glossary-term":
        return list(item.see_also)
    if item.kind == "question":
        return [item.session]
    if item.kind == "assessment-form":
        return list(item.questions)
    if item.kind == "evaluation-form":
        return list(item.sessions)
    return []


def _session_problems(store: Store, pack_id: str, session: Any) -> list[FieldProblem]:
    problems = []
    manifest = store.manifest(pack_id)
    if manifest is not None and session.day > manifest.workshop.days:
        last = manifest.workshop.days
        message = f"day {session.day} is after the workshop's last day ({last})"
        problems.append(FieldProblem(("day",), message))
    for other in store.items("agenda-item", pack_id):
        if other.id != session.id and other.day == session.day:
            if other.start < session.end and session.start < other.end:
                problems.append(
                    FieldProblem(
                        ("start",),
                        f"{session.start}-{session.end} overlaps {other.id} ({other.start}-{other.end}) "
                        f"on day {session.day}",
                    )
                )
    return problems
