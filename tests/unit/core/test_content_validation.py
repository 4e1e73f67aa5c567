"""Content source validation: every problem names the file, the field and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.content import ContentError, build_from_files, load_folder
from companion.core.sources import read_folder

MANIFEST = """
id = "test-pack"
version = "1.0"
schema_version = 1
languages = ["en", "zh-Hans"]
publisher = "Tests"
[workshop]
start_date = "2027-03-16"
days = 1
title = { en = "Test workshop", zh-Hans = "测试" }
venue = { en = "Room", zh-Hans = "会议室" }
organiser = { en = "Us", zh-Hans = "我们" }
""".encode()
TERM = """
id = "gl-001"
term = { en = "Indicator", zh-Hans = "指标" }
definition = { en = "A sign.", zh-Hans = "迹象。" }
""".encode()


def _pack(**files: bytes) -> dict[str, bytes]:
    return {"pack.toml": MANIFEST, "glossary/gl-001.toml": TERM, **files}


def _problems(files: dict[str, bytes]) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build_from_files(files)
    return [str(p) for p in caught.value.problems]


def test_a_minimal_pack_loads() -> None:
    pack = build_from_files(_pack())
    assert [item.id for item in pack.items] == ["gl-001"]
    assert len(pack.fingerprint) == 64


def test_a_missing_field_is_named_with_its_file() -> None:
    problems = _problems(_pack(**{"glossary/gl-002.toml": b'id = "gl-002"\nterm = { en = "X" }\n'}))
    assert problems == ["glossary/gl-002.toml: definition: Field required"]


def test_an_unknown_field_is_an_error_not_silently_dropped() -> None:
    problems = _problems(_pack(**{"glossary/gl-001.toml": TERM + b'colour = "red"\n'}))
    assert problems == ["glossary/gl-001.toml: colour: Extra inputs are not permitted"]


def test_a_text_with_no_language_is_rejected() -> None:
    bad = TERM.replace(
        'definition = { en = "A sign.", zh-Hans = "迹象。" }'.encode(), b'definition = { en = "  " }'
    )
    problems = _problems(_pack(**{"glossary/gl-001.toml": bad}))
    assert len(problems) == 1 and problems[0].startswith("glossary/gl-001.toml: definition:")
    assert "at least one language" in problems[0]


def test_broken_toml_names_the_file() -> None:
    problems = _problems(_pack(**{"glossary/gl-001.toml": b"id = \n"}))
    assert problems[0].startswith("glossary/gl-001.toml: not valid TOML")


def test_invalid_utf8_names_the_file() -> None:
    problems = _problems(_pack(**{"glossary/gl-001.toml": b'id = "gl-001"\xff\n'}))
    assert problems == ["glossary/gl-001.toml: not valid UTF-8 (byte 13)"]


def test_the_id_must_match_the_file_name() -> None:
    problems = _problems(_pack(**{"glossary/gl-009.toml": TERM}))
    assert problems == ["glossary/gl-009.toml: id: is 'gl-001' but the file is named 'gl-009'"]


def test_an_id_must_be_a_plain_slug() -> None:
    problems = _problems(_pack(**{"glossary/Bad ID.toml": TERM.replace(b"gl-001", b"Bad ID")}))
    assert any("id: String should match pattern" in p for p in problems)


def test_a_link_to_a_missing_item_is_reported() -> None:
    problems = _problems(_pack(**{"glossary/gl-001.toml": TERM + b'see_also = ["gl-404"]\n'}))
    assert problems == ["glossary/gl-001.toml: see_also[0]: no glossary-term with id 'gl-404'"]


def test_a_file_outside_the_known_folders_is_reported() -> None:
    problems = _problems(_pack(**{"notes/readme.toml": b""}))
    assert problems == ["notes/readme.toml: not a content file of a known kind"]


def test_a_newer_schema_is_refused_with_advice() -> None:
    problems = _problems({"pack.toml": MANIFEST.replace(b"schema_version = 1", b"schema_version = 9")})
    assert "newer than this application understands" in problems[0]


def test_every_problem_is_reported_not_just_the_first() -> None:
    problems = _problems(
        _pack(**{"glossary/gl-002.toml": b'id = "gl-002"\n', "glossary/gl-003.toml": b"x = \n"})
    )
    assert len(problems) == 3
    assert all(p.startswith(("glossary/gl-002.toml", "glossary/gl-003.toml")) for p in problems)


def test_an_answer_key_naming_an_unknown_indicator_is_reported(bundled_pack) -> None:
    from companion import resources

    folder = resources.bundled_pack_dir()
    files = read_folder(folder)
    study = next(path for path in sorted(folder.glob("case-studies/*.toml")))
    text = study.read_text("utf-8")
    key = next(k for k in bundled_pack.get(study.stem).answer_keys)
    first = key.indicators[0].indicator
    files[f"case-studies/{study.name}"] = text.replace(f'"{first}"', '"ZZ99"', 1).encode()
    problems = _problems(files)
    assert any("ZZ99 is not an indicator of" in p and study.name in p for p in problems)


def test_a_folder_without_manifest_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="manifest file is missing"):
        load_folder(tmp_path)


def test_a_tool_rule_with_a_typo_fails_the_load() -> None:
    from companion import resources

    folder = resources.bundled_pack_dir()
    files = read_folder(folder)
    tool = files["tools/ilo-adult-labour.toml"].decode()
    files["tools/ilo-adult-labour.toml"] = tool.replace(
        'overall = "R and E and D"', 'overall = "R and E and DD"'
    ).encode()
    problems = _problems(files)
    assert problems == [
        "tools/ilo-adult-labour.toml: scoring.overall: unknown name 'DD' in rule 'R and E and DD'"
    ]
