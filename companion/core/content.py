"""Reading a workshop's content source: a folder of TOML files, one per item.

Layout of a pack folder::

    pack.toml            the manifest (pack id, version, languages, workshop)
    agenda/<id>.toml     one file per agenda item
    case-studies/<id>.toml
    tools/<id>.toml
    library/<id>.toml
    glossary/<id>.toml

The file name is the item's stable ID. Everything is validated on load; every
problem is reported with the file, the field and what is wrong, and a pack
with any problem is rejected whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli  # the standard library's tomllib, compiled: it reads a pack's files twice as fast
from pydantic import TypeAdapter, ValidationError

from companion.core.model import (
    AgendaItem,
    CaseStudy,
    ContentItem,
    Manifest,
    ScreeningTool,
)
from companion.core.sources import FOLDERS, MANIFEST, ContentError, Problem, fingerprint, read_folder

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 1_000_000
# The bundled workshop nests at most 6 levels deep; anything far deeper is
# hostile, and validating, copying or printing it would exhaust the stack.
MAX_NESTING = 32

item_adapter: TypeAdapter[ContentItem] = TypeAdapter(ContentItem)


@dataclass(frozen=True)
class ContentPack:
    manifest: Manifest
    items: tuple[Any, ...]  # ContentItem instances, in a stable order
    fingerprint: str  # SHA-256 of the files the pack was read from

    def by_kind(self, kind: str) -> list[Any]:
        return [item for item in self.items if item.kind == kind]

    def get(self, item_id: str) -> Any | None:
        return next((item for item in self.items if item.id == item_id), None)


def _field_path(loc: Iterable[Any]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part in FOLDERS.values():
            continue  # the discriminator's name adds nothing for the author
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def _problems_from(error: ValidationError, file: str) -> list[Problem]:
    return [Problem(file, _field_path(detail["loc"]), detail["msg"]) for detail in error.errors()]


def parse_toml(data: bytes, file: str) -> dict[str, Any]:
    """Decode one source file, turning every failure into a :class:`ContentError`."""
    if len(data) > MAX_FILE_BYTES:
        raise ContentError([Problem(file, "", f"file is larger than {MAX_FILE_BYTES} bytes")])
    try:
        raw = tomli.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(file, "", f"not valid UTF-8 (byte {exc.start})")]) from None
    except tomli.TOMLDecodeError as exc:
        raise ContentError([Problem(file, "", f"not valid TOML: {exc}")]) from None
    except RecursionError:  # the parser's own guard (400 levels), or Python's stack
        raise _too_deep(file) from None
    if _nesting(raw) > MAX_NESTING:
        raise _too_deep(file)
    return raw


def _too_deep(file: str) -> ContentError:
    # Built only when needed: a pack has thousands of files and nearly all are fine.
    return ContentError([Problem(file, "", f"values are nested more than {MAX_NESTING} levels deep")])


def _nesting(value: Any) -> int:
    """How deeply tables and arrays nest in ``value``, up to one level past :data:`MAX_NESTING`.

    Walked level by level without recursing, and no deeper than the limit needs.
    """
    level, depth = [value], 0
    while level and depth <= MAX_NESTING:
        depth += 1
        level = [
            child
            for node in level
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, (dict, list))
        ]
    return depth


def parse_manifest(data: bytes, file: str = MANIFEST) -> Manifest:
    raw = parse_toml(data, file)
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(_problems_from(exc, file)) from None
    if manifest.schema_version > SCHEMA_VERSION:
        raise ContentError(
            [
                Problem(
                    file,
                    "schema_version",
                    f"schema {manifest.schema_version} is newer than this application "
                    f"understands ({SCHEMA_VERSION}); update Training Companion",
                )
            ]
        )
    return manifest


def parse_item(data: bytes, file: str, kind: str, expected_id: str) -> Any:
    raw = parse_toml(data, file)
    raw.setdefault("kind", kind)
    if raw["kind"] != kind:
        raise ContentError([Problem(file, "kind", f"is {raw['kind']!r}, the folder holds {kind}")])
    try:
        item = item_adapter.validate_python(raw)
    except ValidationError as exc:
        raise ContentError(_problems_from(exc, file)) from None
    if item.id != expected_id:
        raise ContentError([Problem(file, "id", f"is {item.id!r} but the file is named {expected_id!r}")])
    return item


def build_pack(manifest: Manifest, files: dict[str, bytes], fingerprint: str) -> ContentPack:
    """Validate item files given as ``{"case-studies/cs-01.toml": bytes}``.

    Collects every problem before failing, then checks what crosses items:
    unique IDs, links that resolve, answer keys that name real indicators.
    """
    problems: list[Problem] = []
    items: list[Any] = []
    for name in sorted(files):
        folder, _, filename = name.partition("/")
        if folder not in FOLDERS or not filename.endswith(".toml") or "/" in filename:
            problems.append(Problem(name, "", "not a content file of a known kind"))
            continue
        try:
            items.append(parse_item(files[name], name, FOLDERS[folder], filename[: -len(".toml")]))
        except ContentError as exc:
            problems.extend(exc.problems)
    if not problems:
        problems.extend(cross_check(items))
    if problems:
        raise ContentError(problems)
    return ContentPack(manifest, tuple(ordered(items)), fingerprint)


def _file_of(item: Any) -> str:
    folder = next(name for name, kind in FOLDERS.items() if kind == item.kind)
    return f"{folder}/{item.id}.toml"


def cross_check(items: list[Any]) -> list[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, Any] = {}
    for item in items:
        if item.id in by_id:
            problems.append(Problem(_file_of(item), "id", f"{item.id!r} is used twice"))
        by_id[item.id] = item

    def expect(item: Any, field: str, target: str, kind: str) -> None:
        found = by_id.get(target)
        if found is None or found.kind != kind:
            problems.append(Problem(_file_of(item), field, f"no {kind} with id {target!r}"))

    for item in items:
        if isinstance(item, AgendaItem):
            for field, kind in (
                ("case_studies", "case-study"),
                ("tools", "screening-tool"),
                ("documents", "document"),
            ):
                for n, target in enumerate(getattr(item, field)):
                    expect(item, f"{field}[{n}]", target, kind)
        elif isinstance(item, CaseStudy):
            for n, key in enumerate(item.answer_keys):
                expect(item, f"answer_keys[{n}].tool", key.tool, "screening-tool")
                tool = by_id.get(key.tool)
                if not isinstance(tool, ScreeningTool):
                    continue
                known = set(tool.indicator_ids())
                for field in ("indicators", "not_present"):
                    for m, entry in enumerate(getattr(key, field)):
                        if entry.indicator not in known:
                            problems.append(
                                Problem(
                                    _file_of(item),
                                    f"answer_keys[{n}].{field}[{m}].indicator",
                                    f"{entry.indicator} is not an indicator of {key.tool}",
                                )
                            )
        elif isinstance(item, ScreeningTool) and item.scoring is not None:
            problems.extend(_rule_problems(item))
        elif item.kind == "glossary-term":
            for n, target in enumerate(item.see_also):
                expect(item, f"see_also[{n}]", target, "glossary-term")
        elif item.kind == "question":
            problems.extend(_question_problems(item, by_id))
        elif item.kind == "assessment-form":
            for n, target in enumerate(item.questions):
                expect(item, f"questions[{n}]", target, "question")
        elif item.kind == "evaluation-form":
            for n, target in enumerate(item.sessions):
                expect(item, f"sessions[{n}]", target, "agenda-item")
    return problems


def _question_problems(question: Any, by_id: dict[str, Any]) -> list[Problem]:
    """A question checks an objective that exists: its session is on the agenda and has that many."""
    session = by_id.get(question.session)
    if not isinstance(session, AgendaItem):
        return [Problem(_file_of(question), "session", f"no agenda-item with id {question.session!r}")]
    if question.objective > len(session.objectives):
        return [
            Problem(
                _file_of(question),
                "objective",
                f"{question.session} has {len(session.objectives)} objective(s), not {question.objective}",
            )
        ]
    return []


def _rule_problems(tool: ScreeningTool) -> list[Problem]:
    """Parse every rule of a scored tool now, so a typo fails the load, not a screening."""
    from companion.core.screening.expression import ExpressionError, parse

    scoring = tool.scoring
    assert scoring is not None
    counts = {"strong", "medium", "weak", "present"}
    outcomes = {d.id for d in tool.dimensions} | set(scoring.groups) | {"act"}
    rules = [("scoring.dimension", scoring.dimension, counts)]
    rules += [(f"scoring.groups.{name}", rule, outcomes) for name, rule in scoring.groups.items()]
    rules += [("scoring.overall", scoring.overall, outcomes)]
    if scoring.child is not None:
        rules.append(("scoring.child", scoring.child, outcomes))
    rules += [(f"scoring.labels[{n}].when", label.when, outcomes) for n, label in enumerate(scoring.labels)]
    problems = []
    for field, rule, known in rules:
        try:
            unknown = [name for name in parse(rule).names() if name not in known]
        except ExpressionError as exc:
            problems.append(Problem(_file_of(tool), field, str(exc)))
            continue
        if unknown:
            problems.append(Problem(_file_of(tool), field, f"unknown name {unknown[0]!r} in rule {rule!r}"))
    return problems


def ordered(items: list[Any]) -> list[Any]:
    """Agenda by day and time, everything else by kind then ID."""
    order = {kind: n for n, kind in enumerate(FOLDERS.values())}

    def key(item: Any) -> tuple[Any, ...]:
        if isinstance(item, AgendaItem):
            return (order[item.kind], item.day, item.start, item.id)
        return (order[item.kind], 0, "", item.id)

    return sorted(items, key=key)


def build_from_files(files: dict[str, bytes], digests: Mapping[str, bytes] | None = None) -> ContentPack:
    """Validate a pack given as its files (manifest included).

    ``digests``: the SHA-256 of files the caller has already hashed, by name.
    """
    if MANIFEST not in files:
        raise ContentError([Problem(MANIFEST, "", "manifest file is missing")])
    manifest = parse_manifest(files[MANIFEST])
    items = {name: data for name, data in files.items() if name != MANIFEST}
    return build_pack(manifest, items, fingerprint(files, digests))


def load_folder(folder: Path) -> ContentPack:
    """Load and validate a pack from its source folder."""
    return build_from_files(read_folder(folder))
