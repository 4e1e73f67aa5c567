"""A tiny workshop, pack files made from it, and a way to compare whole stores.

Small on purpose: the pack tests build dozens of pack files, and the bundled
workshop (140 items) would make each one slow. One round trip uses the
bundled workshop itself (test_packs_roundtrip.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from companion.core.content import build_from_files
from companion.core.packs import toml_writer
from companion.core.packs.exporter import build_pack
from companion.core.store import Store

PACK_ID = "tiny-workshop"
CREATED = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def text(en: str, zh: str = "中文") -> dict[str, str]:
    return {"en": en, "zh-Hans": zh}


def tiny_files(
    version: str = "1.0.0", pack_id: str = PACK_ID, story: str = "Mai answered an advert."
) -> dict[str, bytes]:
    """A valid workshop: an agenda item, a case study with notes and an answer key, a tool, two terms."""
    sources: dict[str, Any] = {
        "pack.toml": {
            "id": pack_id,
            "version": version,
            "schema_version": 1,
            "languages": ["en", "zh-Hans"],
            "publisher": "Test publisher",
            "workshop": {
                "title": text("Tiny workshop", "小型研讨会"),
                "venue": text("Room 1", "一号室"),
                "organiser": text("Tests", "测试"),
                "start_date": "2027-03-16",
                "days": 1,
            },
        },
        "agenda/ag-01.toml": {
            "id": "ag-01",
            "day": 1,
            "start": "09:00",
            "end": "10:00",
            "format": "presentation",
            "title": text("Opening case", "开场案例"),
            "case_studies": ["cs-01"],
        },
        "case-studies/cs-01.toml": {
            "id": "cs-01",
            "title": text("The advert", "招聘广告"),
            "setting": text("A port town", "港口小镇"),
            "persona": text("Mai, 24", "小梅，24岁"),
            "stages": [{"title": text("Recruitment", "招募"), "text": text(story, "小梅回应了一则广告。")}],
            "questions": [text("What happened?", "发生了什么？")],
            "facilitator_notes": {"model_answers": [text("SECRET model answer", "秘密示范答案")]},
            "answer_keys": [
                {
                    "tool": "tiny-check",
                    "indicators": [{"indicator": "AB01", "reason": text("SECRET reason", "秘密理由")}],
                    "outcome": "indicators_present",
                    "explanation": text("SECRET explanation", "秘密解释"),
                }
            ],
        },
        "tools/tiny-check.toml": {
            "id": "tiny-check",
            "version": "1",
            "style": "checklist",
            "title": text("Tiny checklist", "小清单"),
            "purpose": text("Practice", "练习"),
            "sources": [{"citation": "Test source, 2020"}],
            "caveats": [text("Practice only", "仅供练习")],
            "dimensions": [
                {
                    "id": "AB",
                    "title": text("Abuse", "滥用"),
                    "indicators": [
                        {"id": "AB01", "text": text("Debt bondage", "债务奴役")},
                        {"id": "AB02", "text": text("Threats", "威胁")},
                    ],
                }
            ],
        },
        "glossary/gl-001.toml": {
            "id": "gl-001",
            "term": text("Debt bondage", "债务奴役"),
            "definition": text("A debt.", "债务。"),
        },
        "glossary/gl-002.toml": {
            "id": "gl-002",
            "term": text("Referral", "转介"),
            "definition": text("Passing on.", "转交。"),
        },
    }
    return {name: toml_writer.dumps(data).encode("utf-8") for name, data in sources.items()}


def pack_of(files: dict[str, bytes], edition: str = "facilitator", key: Any = None) -> bytes:
    content = build_from_files(files)
    return build_pack(content.manifest, list(content.items), edition, key, CREATED)


def install(store: Store, files: dict[str, bytes]) -> None:
    store.install_pack(build_from_files(files), source="imported")


def assemble(
    content: dict[str, bytes],
    changes: dict[str, Any] | None = None,
    extra: tuple[tuple[str, bytes], ...] = (),
) -> bytes:
    """A pack made by hand: a correct manifest for ``content`` unless ``changes`` says otherwise."""
    manifest: dict[str, Any] = {
        "format": "training-companion-pack",
        "format_version": 1,
        "pack_id": PACK_ID,
        "version": "1.0.0",
        "schema_version": 1,
        "min_app_version": "0.1.0",
        "languages": ["en", "zh-Hans"],
        "publisher": "Test publisher",
        "title": text("Tiny workshop"),
        "edition": "facilitator",
        "created": "2027-03-01T09:00:00Z",
        "files": {
            "content/" + name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in content.items()
        },
    }
    manifest.update(changes or {})
    return zip_of(
        [
            ("MANIFEST.json", json.dumps(manifest).encode()),
            *(("content/" + n, d) for n, d in content.items()),
            *extra,
        ]
    )


def zip_of(entries: list[tuple[str, bytes]] | list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def entries_of(pack: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (FTS shadow tables included), for before/after comparisons."""
    with sqlite3.connect(path) as conn:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {
            table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables
        }
