"""The interface catalogue: complete, compiled, and with matching placeholders."""

from __future__ import annotations

import importlib.util
import re

import pytest
from babel.messages.pofile import read_po

from companion import resources
from tests.conftest import REPO


def _load_build_script(name: str):  # type: ignore[no-untyped-def]
    """The build script is the one definition of extracting and compiling; load it by path."""
    spec = importlib.util.spec_from_file_location(name, REPO / "build_scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


translations = _load_build_script("translations")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    with translations.po_path("zh_Hans").open("rb") as handle:
        return read_po(handle, locale="zh")


def test_every_interface_string_in_the_code_is_in_the_catalogue(catalog) -> None:
    in_code = {message.id for message in translations.extract() if message.id}
    in_catalogue = {message.id for message in catalog if message.id}
    assert in_code - in_catalogue == set(), "run `make translations`"


def _forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    """A message's forms: one for a plain string, each plural form for ngettext's."""
    return (value,) if isinstance(value, str) else tuple(value)


def test_every_string_has_a_chinese_translation(catalog) -> None:
    assert [m.id for m in catalog if m.id and not all(_forms(m.string))] == []
    # A fuzzy entry is a machine guess that is left out of the compiled file.
    assert [m.id for m in catalog if m.id and m.fuzzy] == []


def test_placeholders_match_the_source(catalog) -> None:
    for message in catalog:
        if not message.id:
            continue
        expected = {tuple(sorted(PLACEHOLDER.findall(form))) for form in _forms(message.id)}
        for form in _forms(message.string):
            if form:
                assert tuple(sorted(PLACEHOLDER.findall(form))) in expected, message.id


def test_the_compiled_catalogue_is_up_to_date() -> None:
    mo = resources.path(resources.TRANSLATIONS) / "zh_Hans" / "LC_MESSAGES" / "companion.mo"
    assert mo.read_bytes() == translations.compiled("zh_Hans"), "run `make translations`"


def test_switching_language_translates_and_switching_back_restores() -> None:
    from companion.i18n import _, set_language

    set_language("zh-Hans")
    assert _("Agenda") == "议程"
    set_language("en")
    assert _("Agenda") == "Agenda"
