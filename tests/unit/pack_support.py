"""A tiny workshop, pack files made from it, and a way to compare whole stores.

Small on purpose: the pack tests build dozens of pack files, and the bundled
workshop (140 items) would make each one slow. One round trip uses the
bundled workshop itself (test_packs_roundtrip.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sqlite3
import struct
import tomllib
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from companion import resources
from companion.core.content import ContentPack, build_from_files
from companion.core.model import GlossaryTerm, Manifest, Text, Workshop
from companion.core.packs import signing, toml_writer
from companion.core.packs.exporter import build_pack
from companion.core.store import Store

PACK_ID = "tiny-workshop"
# The bundled workshop's version, as its pack.toml gives it (raised with every content change).
_BUNDLED_MANIFEST = (resources.bundled_pack_dir() / "pack.toml").read_text("utf-8")
BUNDLED_VERSION: str = tomllib.loads(_BUNDLED_MANIFEST)["version"]
CREATED = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def library_of(terms: Sequence[GlossaryTerm]) -> ContentPack:
    """A workshop "library" of the given glossary terms, built in memory (no files, no checks)."""
    name = Text(en="Library", zh_hans="资料库")
    manifest = Manifest(
        id="library",
        version="1.0.0",
        schema_version=1,
        languages=["en", "zh-Hans"],
        publisher="Tests",
        workshop=Workshop(title=name, venue=name, organiser=name, start_date="2027-03-16", days=1),
    )
    return ContentPack(manifest, tuple(terms), "tests")


def text(en: str, zh: str = "中文") -> dict[str, str]:
    return {"en": en, "zh-Hans": zh}


def tiny_files(
    version: str = "1.0.0",
    pack_id: str = PACK_ID,
    story: str = "Mai answered an advert.",
    objectives: int = 0,
) -> dict[str, bytes]:
    """A valid workshop: an agenda item, a case study with notes and an answer key, a tool, two terms.

    ``objectives``: how many its agenda item has (a pack laid over the bundled workshop needs the
    two of the bundled ag-01, which a bundled question checks).
    """
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
            "objectives": [text(f"Objective {n}", f"目标{n}") for n in range(1, objectives + 1)],
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


def bundled_files(version: str = "9.0.0", overall: str | None = None) -> dict[str, bytes]:
    """The bundled workshop's files with a higher version and, if given, another overall rule for
    ``ilo-adult-labour``: what someone rewriting how the tool refers people would make."""
    from companion.core.sources import read_folder

    files = read_folder(resources.bundled_pack_dir())
    manifest = re.sub(rb'(?m)^version = ".*"$', f'version = "{version}"'.encode(), files["pack.toml"])
    files["pack.toml"] = manifest
    if overall is not None:
        tool = "tools/ilo-adult-labour.toml"
        files[tool] = files[tool].replace(b'overall = "R and E and D"', f'overall = "{overall}"'.encode())
        assert overall.encode() in files[tool]
    return files


def stand_in_bundled_publisher(monkeypatch: Any) -> Any:
    """A key pinned in place of the bundled publisher's, whose private half is not in the repository.

    Returns the private key, to sign packs "from the bundled publisher" with.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    pinned = {signing.fingerprint(raw): signing.BUNDLED_PUBLISHER_NAME}
    monkeypatch.setattr(signing, "pinned_publishers", lambda: dict(pinned))
    return key


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


def lying_bomb(declare: str) -> bytes:
    """40 entries of 1 MB of spaces (about 1 KB each packed) whose central directory lies.

    ``declare="honest-ratio"``: the packed size is said to equal the unpacked size, so the
    ratio looks like 1. ``declare="tiny"``: both sizes are said to be 10 bytes.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(40):
            archive.writestr(f"content/glossary/gl-{n:03d}.toml", b" " * 1_000_000)
    data = bytearray(buffer.getvalue())
    position = data.find(b"PK\x01\x02")
    while position != -1:
        unpacked = struct.unpack_from("<L", data, position + 24)[0]
        if declare == "honest-ratio":
            struct.pack_into("<L", data, position + 20, unpacked)
        else:
            struct.pack_into("<LL", data, position + 20, 10, 10)
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)
