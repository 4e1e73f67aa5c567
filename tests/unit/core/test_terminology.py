"""One term per concept, one initial per person: the bundled workshop keeps to its own words.

The term list is data, ``resources/content/terminology.toml`` (format in
``resources/content/FORMAT.md``): for each concept the approved term and the
variants that must not appear, per language, as plain text or as a regular
expression. Every text of every bundled item is checked in both languages.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pydantic import BaseModel

from companion import resources
from companion.core.content import ContentPack, load_folder
from companion.core.model import LANGUAGES, Text, texts_of
from tests.conftest import REPO

TERM_LIST = resources.bundled_pack_dir().parent / "terminology.toml"
CONCEPT_KEYS = {"id", "about", *LANGUAGES}
LANGUAGE_KEYS = {"approved", "forbidden", "forbidden_patterns"}


@dataclass(frozen=True)
class Rule:
    """One forbidden variant of one concept in one language."""

    concept: str
    lang: str
    shown: str
    pattern: re.Pattern[str]


def load_rules(path: Path) -> list[Rule]:
    """The forbidden variants of the term list; a malformed list fails loudly."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"concepts"}, f"{path.name}: only [[concepts]] tables are allowed"
    rules: list[Rule] = []
    seen: set[str] = set()
    for concept in data["concepts"]:
        name = concept.get("id", "?")
        assert set(concept) <= CONCEPT_KEYS, f"{name}: unknown keys {set(concept) - CONCEPT_KEYS}"
        assert name not in seen, f"{name}: concept listed twice"
        seen.add(name)
        for lang in LANGUAGES:
            terms = concept.get(lang, {})
            assert set(terms) <= LANGUAGE_KEYS, f"{name}.{lang}: unknown keys {set(terms) - LANGUAGE_KEYS}"
            for variant in terms.get("forbidden", []):
                rules.append(Rule(name, lang, variant, re.compile(re.escape(variant))))
            for expression in terms.get("forbidden_patterns", []):
                rules.append(Rule(name, lang, expression, re.compile(expression)))
    return rules


def fields_of(value: object, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every :class:`Text` inside an item with the field path that leads to it."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from fields_of(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, (list, tuple)):
        for index, entry in enumerate(value):
            yield from fields_of(entry, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, entry in value.items():
            yield from fields_of(entry, f"{path}.{key}")


def violations(pack: ContentPack, rules: list[Rule]) -> list[str]:
    """``item: field (lang): concept: variant`` for each forbidden variant found."""
    found: list[str] = []
    for item in pack.items:
        named = list(fields_of(item))
        # The walk must reach every text the model itself knows of, or the check has holes.
        assert len(named) == len(texts_of(item)), f"{item.id}: a text was not reached"
        for field, text in named:
            for rule in rules:
                value = text.get(rule.lang)
                if value and (match := rule.pattern.search(value)):
                    found.append(f"{item.id}: {field} ({rule.lang}): {rule.concept}: {match.group(0)!r}")
    return found


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return load_rules(TERM_LIST)


@pytest.fixture(scope="module")
def bundled() -> ContentPack:
    return load_folder(resources.bundled_pack_dir())


def test_no_forbidden_variant_in_any_text_of_the_bundled_workshop(
    bundled: ContentPack, rules: list[Rule]
) -> None:
    found = violations(bundled, rules)
    assert not found, f"{len(found)} forbidden term(s):\n" + "\n".join(found)


def test_the_term_list_covers_both_languages_and_the_protocol_purposes(rules: list[Rule]) -> None:
    concepts = {rule.concept for rule in rules}
    assert {"forced-labour-or-services", "servitude", "removal-of-organs", "screening-outcome"} <= concepts
    assert {rule.lang for rule in rules} == set(LANGUAGES)


def test_no_approved_term_is_itself_forbidden(rules: list[Rule]) -> None:
    data = tomllib.loads(TERM_LIST.read_text(encoding="utf-8"))
    for concept in data["concepts"]:
        for lang in LANGUAGES:
            for term in concept.get(lang, {}).get("approved", []):
                hits = [r.shown for r in rules if r.lang == lang and r.pattern.search(term)]
                assert not hits, f"{concept['id']}.{lang}: approved {term!r} matches forbidden {hits}"


def test_the_check_names_item_field_and_variant(bundled: ContentPack, rules: list[Rule]) -> None:
    item = next(item for item in bundled.items if item.id == "gl-023")
    wrong = Text.model_validate({"en": "organ harvesting", "zh-Hans": "摘取器官，第240条"})
    planted = item.model_copy(update={"definition": wrong})
    found = violations(replace(bundled, items=(planted,)), rules)
    assert "gl-023: definition (en): removal-of-organs: 'organ harvesting'" in found
    assert "gl-023: definition (zh-Hans): removal-of-organs: '摘取器官'" in found
    assert "gl-023: definition (zh-Hans): criminal-law-article: '第240条'" in found


def test_content_files_cite_the_domain_notes_by_existing_anchors() -> None:
    # Comments in the content cite docs/domain.md by heading anchor, never notes outside the repository.
    headings = (REPO / "docs" / "domain.md").read_text(encoding="utf-8").splitlines()
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        for line in headings
        if line.startswith("#")
    }
    cited: list[str] = []
    for file in sorted(resources.bundled_pack_dir().rglob("*.toml")):
        text = file.read_text(encoding="utf-8")
        for document in re.findall(r"[\w./-]+\.md\b", text):
            assert (REPO / document).exists(), f"{file.name}: cites {document}, not a file of the repository"
        cited += [f"{file.name}#{a}" for a in re.findall(r"docs/domain\.md#([a-z0-9-]+)", text)]
    missing = [c for c in cited if c.split("#")[1] not in anchors]
    assert cited and not missing, f"anchors not in docs/domain.md: {missing}"


# A person in a case study is named by one capital initial:
# "Mr D.", "Auntie F." in English, "D某", "F姨" in Chinese.
INITIAL_EN = re.compile(r"\b(?:Mr|Ms|Mrs|Auntie|Brother)\s([A-Z])\.")
INITIAL_ZH = re.compile(r"([A-Z])(?:某|女士|先生|经理|姨|哥)")


def test_case_studies_taught_together_never_share_an_initial(bundled: ContentPack) -> None:
    owners: dict[str, set[str]] = {}
    for case in bundled.by_kind("case-study"):
        english = {m.group(1) for t in texts_of(case) for m in INITIAL_EN.finditer(t.en or "")}
        chinese = {m.group(1) for t in texts_of(case) for m in INITIAL_ZH.finditer(t.zh_hans or "")}
        assert english == chinese, f"{case.id}: initials differ between languages: {english} / {chinese}"
        for initial in english:
            owners.setdefault(initial, set()).add(case.id)
    shared = {initial: sorted(cases) for initial, cases in owners.items() if len(cases) > 1}
    assert not shared, f"initials used in more than one case study: {shared}"
