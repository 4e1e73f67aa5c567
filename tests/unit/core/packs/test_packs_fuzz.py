"""Fuzzed manifests, entries and bytes: verifying either succeeds or says why in one line, never crashes."""

from __future__ import annotations

import io
import json
import tomllib
import warnings
import zipfile

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from companion.core.packs import PackError, toml_writer
from companion.core.packs.reader import read_pack_bytes
from companion.core.packs.verify import verify
from tests.unit.pack_support import entries_of, pack_of, tiny_files

VALID = pack_of(tiny_files())
ENTRIES = entries_of(VALID)
MANIFEST = json.loads(dict(ENTRIES)["MANIFEST.json"])
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


def outcome(data: bytes) -> str:
    """ "ok" or the one-line message; any other exception fails the test."""
    try:
        verify(read_pack_bytes(data), {})
    except PackError as exc:
        message = str(exc)
        assert message and message.splitlines() == [message]
        return message
    return "ok"


def zipped(entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are among the things being fuzzed
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return buffer.getvalue()


@FUZZ
@given(st.dictionaries(st.sampled_from(sorted(MANIFEST)) | st.text(max_size=12), json_values, max_size=4))
@example({"\n": None})  # a field name that once broke the message onto two lines
@example({"bad\u2028name": 1})
def test_fuzzed_manifest_fields_never_crash(fields: dict[str, object]) -> None:
    manifest = {**MANIFEST, **fields}
    content = [(name, data) for name, data in ENTRIES if name != "MANIFEST.json"]
    outcome(zipped([("MANIFEST.json", json.dumps(manifest).encode()), *content]))


@FUZZ
@given(st.binary(max_size=2000) | json_values.map(lambda v: json.dumps(v).encode()))
def test_fuzzed_manifest_bytes_never_crash(manifest: bytes) -> None:
    content = [(name, data) for name, data in ENTRIES if name != "MANIFEST.json"]
    assert outcome(zipped([("MANIFEST.json", manifest), *content])) != "ok"


@FUZZ
@given(
    st.lists(st.tuples(names, st.binary(max_size=300), st.integers(0, 2**32 - 1), st.booleans()), max_size=4)
)
def test_fuzzed_entries_never_crash(extra: list[tuple[str, bytes, int, bool]]) -> None:
    entries: list[tuple[str | zipfile.ZipInfo, bytes]] = list(ENTRIES)
    for name, data, attributes, unix in extra:
        info = zipfile.ZipInfo(name)
        info.external_attr = attributes
        info.create_system = 3 if unix else 0
        entries.append((info, data))
    try:
        data = zipped(entries)
    except (ValueError, UnicodeEncodeError, OSError):
        assume(False)  # zipfile itself refused to write it
    result = outcome(data)
    assert result != "ok" or not extra or all(n.endswith("/") for n, *_ in extra)


@FUZZ
@given(st.integers(0, len(VALID) - 1), st.integers(0, 255))
def test_any_changed_byte_is_caught_or_harmless(position: int, value: int) -> None:
    changed = bytearray(VALID)
    changed[position] = value
    outcome(bytes(changed))


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes_are_never_a_pack(data: bytes) -> None:
    assert outcome(data) != "ok"


@FUZZ
@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z-]{0,8}", fullmatch=True), st.text() | st.integers() | st.booleans()
    )
)
def test_the_toml_writer_reads_back_every_string_unchanged(values: dict[str, object]) -> None:
    document = {"id": "x", **values, "title": {"en": values, "zh-Hans": "中文"}, "stages": [values, values]}
    assert tomllib.loads(toml_writer.dumps(document)) == document
