"""One source of truth for kinds and choices: every copy and every use agrees with the registries.

The registries (companion.core.kinds, companion.app.kinds) are cheap to import,
so some choices are copied there from heavier core modules; these tests fail
when a copy drifts, and when a kind is added in one place but not another.
"""

from __future__ import annotations

import argparse
import typing

import pytest

from companion import resources
from companion.app import domain, kinds
from companion.cli import build_parser
from companion.core.kinds import CONTENT_KINDS, HANDOUT_IDS


def _choices(*path: str, option: str) -> tuple[str, ...]:
    """The choices the command line offers for ``option`` of the command ``path``."""
    parser: argparse.ArgumentParser = build_parser()
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    action = next(a for a in parser._actions if option in a.option_strings)
    return tuple(action.choices or ())


def test_every_content_kind_has_its_model_and_every_model_its_kind() -> None:
    from companion.core.model import ContentItem

    union = typing.get_args(typing.get_args(ContentItem)[0])
    assert {cls.model_fields["kind"].default for cls in union} == set(kinds.KIND_IDS)
    for kind in CONTENT_KINDS:
        assert kind.model.model_fields["kind"].default == kind.id
        for name in kind.hidden:  # a participant copy leaves them out, so each must be optional
            assert not kind.model.model_fields[name].is_required(), (kind.id, name)


def test_the_bundled_workshop_is_laid_out_in_the_kinds_folders() -> None:
    folders = {path.name for path in resources.bundled_pack_dir().iterdir() if path.is_dir()}
    assert folders == {kind.folder for kind in CONTENT_KINDS}


def test_copied_choices_equal_the_cores() -> None:
    from companion.core import editions, handouts, model, screening
    from companion.core.handouts import builder
    from companion.core.packs import importer

    assert kinds.EDITIONS == editions.EDITIONS
    assert kinds.HANDOUT_LANGUAGES == builder.HANDOUT_LANGUAGES
    assert kinds.PAPERS == handouts.PAPERS
    assert kinds.IMPORT_POLICIES == importer.POLICIES
    assert kinds.LANGUAGES == tuple(model.LANGUAGES)
    assert kinds.CHILD_POLICIES == tuple(screening.CHILD_POLICIES)


def test_every_handout_kind_has_a_builder(bundled_pack) -> None:
    from companion.core.handouts.builder import plan

    items, manifest = list(bundled_pack.items), bundled_pack.manifest
    for kind in HANDOUT_IDS:
        assert plan(items, manifest, "", kind, "en"), kind


def test_the_command_line_offers_the_registries_choices() -> None:
    assert _choices("content", "list", option="--kind") == kinds.KIND_IDS
    assert _choices("export", option="--kind") == (*HANDOUT_IDS, "all")
    assert _choices("export", option="--lang") == kinds.HANDOUT_LANGUAGES
    assert _choices("export", option="--paper") == kinds.PAPERS
    assert _choices("pack", "import", option="--policy") == kinds.IMPORT_POLICIES
    assert _choices("search", option="--lang") == kinds.LANGUAGES


@pytest.mark.parametrize("name", domain.__all__)
def test_every_name_the_domain_offers_resolves(name: str) -> None:
    assert getattr(domain, name) is not None


def test_the_domain_lists_each_name_once_and_everywhere() -> None:
    assert sorted(domain.__all__) == sorted(set(domain.__all__)) == sorted(domain._SOURCES)
