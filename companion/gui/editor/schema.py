"""What a form field is, read from the content model's fields (through the kinds table, not the core).

A :class:`Spec` says which widget edits a value: a Text (two languages), a
line, a choice, a number, a yes/no, a list, a sub-model or a list of item IDs.
:func:`blank` makes a new value for a spec; :func:`prune` drops the optional
values a user left empty, so an empty optional Text is absent, not invalid.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel

from companion.app.kinds import BY_ID

# List fields that hold other items' IDs, and the kind they point to.
ID_LISTS: dict[str, str] = {
    "case_studies": "case-study",
    "tools": "screening-tool",
    "documents": "document",
    "see_also": "glossary-term",
}
# Text fields that hold one line (a title); the others get a box of several lines.
SHORT_TEXTS = frozenset({"title", "term", "heading", "role", "organisation"})
# Fields whose value is a scoring expression (shown in a fixed-width font).
EXPRESSIONS = frozenset({"dimension", "overall", "child", "when", "groups"})


class Spec(NamedTuple):
    kind: str  # text | str | int | bool | choice | list | model | ids | dict | indicator | tool
    name: str  # the field's name in the model ("" for a list's entries)
    optional: bool = False
    choices: tuple[str, ...] = ()
    entry: Spec | None = None  # of a list
    fields: tuple[tuple[str, Spec], ...] = ()  # of a model or a Text's extra fields: (data key, spec)
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None


def model_of(kind: str) -> type[BaseModel]:
    return BY_ID[kind].model


def spec_of_model(model: type[BaseModel], name: str = "", optional: bool = False) -> Spec:
    """The spec of a model: a Text (with any extra fields) or a group of fields."""
    fields: list[tuple[str, Spec]] = []
    for field_name, info in model.model_fields.items():
        key = info.alias or field_name
        spec = _spec(info.annotation, field_name, info.metadata, model)
        if spec.kind == "skip":
            continue
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        fields.append((key, spec._replace(default=default)))
    keys = {key for key, _spec in fields}
    if {"en", "zh-Hans"} <= keys:
        extra = tuple((key, spec) for key, spec in fields if key not in ("en", "zh-Hans"))
        return Spec("text", name, optional, fields=extra)
    return Spec("model", name, optional, fields=tuple(fields))


def _spec(annotation: Any, name: str, metadata: list[Any], owner: type[BaseModel]) -> Spec:
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        return _spec(inner, name, metadata + [m for e in extra for m in getattr(e, "metadata", [e])], owner)
    if origin in (Union, types.UnionType):
        present = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _spec(present[0], name, metadata, owner)._replace(optional=True)
    if origin is Literal:
        choices = tuple(str(arg) for arg in get_args(annotation))
        if name == "kind" and len(choices) == 1:
            return Spec("skip", name)  # the item's kind is fixed
        return Spec("choice", name, choices=choices)
    if origin is list:
        entry = _spec(get_args(annotation)[0], "", [], owner)
        if name in ID_LISTS and entry.kind == "str":
            return Spec("ids", name, choices=(ID_LISTS[name],))
        return Spec("list", name, entry=entry)
    if origin is dict:
        return Spec("dict", name)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return spec_of_model(annotation, name)
    if annotation is bool:
        return Spec("bool", name)
    if annotation is int:
        low = next((m.ge for m in metadata if getattr(m, "ge", None) is not None), None)
        high = next((m.le for m in metadata if getattr(m, "le", None) is not None), None)
        return Spec("int", name, minimum=low, maximum=high)
    if name == "indicator" and owner.__name__ == "IndicatorReason":
        return Spec("indicator", name)
    if name == "tool" and owner.__name__ == "AnswerKey":
        return Spec("tool", name)
    return Spec("str", name)


def blank(spec: Spec) -> Any:
    """A new, empty value for ``spec`` (a list entry, an optional group switched on)."""
    if spec.kind == "text":
        value: dict[str, Any] = {"en": "", "zh-Hans": ""}
        value.update({key: blank(sub) for key, sub in spec.fields if not sub.optional})
        return value
    if spec.kind == "model":
        return {key: blank(sub) for key, sub in spec.fields if not sub.optional and sub.default is None}
    if spec.kind in ("list", "ids"):
        return []
    if spec.kind == "dict":
        return {}
    if spec.kind == "int":
        return spec.minimum or 0
    if spec.kind == "bool":
        return False
    if spec.kind == "choice":
        return spec.choices[0]
    return ""


def prune(value: Any, spec: Spec) -> Any:
    """``value`` without the optional parts left empty (None means: leave the field out)."""
    if spec.kind == "text" and isinstance(value, dict):
        empty = not str(value.get("en") or "").strip() and not str(value.get("zh-Hans") or "").strip()
        if spec.optional and empty and not any(value.get(key) not in (None, "") for key, _s in spec.fields):
            return None
        return _prune_fields(value, spec)
    if spec.kind == "model" and isinstance(value, dict):
        return _prune_fields(value, spec)
    if spec.kind == "list" and isinstance(value, list) and spec.entry is not None:
        return [prune(entry, spec.entry) for entry in value]
    if spec.optional and value in ("", None):
        return None
    return value


def _prune_fields(value: dict[str, Any], spec: Spec) -> dict[str, Any]:
    out = dict(value)
    for key, sub in spec.fields:
        if key in out:
            kept = prune(out[key], sub)
            if kept is None:
                del out[key]
            else:
                out[key] = kept
    return out
