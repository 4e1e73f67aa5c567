"""Publishing a working copy: the version, the change log, two signed packs; imports never replace it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from companion.app.workshop import Workshop
from companion.core.authoring import AuthoringError
from companion.core.authoring.publish import next_version
from companion.core.packs import signing
from companion.core.packs.publisher import PublisherMismatchError

from .conftest import COPY


def _fingerprint(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return signing.fingerprint(raw)


def test_publish_raises_the_version_and_writes_two_signed_packs(workshop: Workshop, tmp_path: Path) -> None:
    copied = workshop.manifest().version
    key = Ed25519PrivateKey.generate()
    done = workshop.publish("First edition of our own", tmp_path / "out", key=key)
    assert done.version == next_version(copied)
    assert workshop.manifest().version == done.version
    assert [(v, s) for v, _d, s in workshop.changes()] == [(done.version, "First edition of our own")]

    facilitator = workshop.verify_pack(done.facilitator_pack)
    participant = workshop.verify_pack(done.participant_pack)
    for pack, edition in ((facilitator, "facilitator"), (participant, "participant")):
        assert (pack.pack_id, pack.manifest.version, pack.manifest.edition) == (COPY, done.version, edition)
        assert pack.signer == _fingerprint(key)
    assert any(s.facilitator_notes for s in facilitator.content.by_kind("case-study"))
    assert not any(s.facilitator_notes or s.answer_keys for s in participant.content.by_kind("case-study"))
    assert not any(s.facilitator_notes for s in participant.content.by_kind("agenda-item"))

    again = workshop.publish("Second", tmp_path / "out", key=key)
    assert again.version == next_version(done.version)
    assert [v for v, _d, _s in workshop.changes()] == [again.version, done.version]


def test_publish_is_refused_with_an_unsaved_draft_or_an_item_with_problems(
    workshop: Workshop, tmp_path: Path
) -> None:
    version = workshop.manifest().version
    data = workshop.item_data("cs-01")
    assert data is not None
    data["questions"] = []
    assert workshop.save_draft("case-study", data)
    with pytest.raises(AuthoringError, match="cs-01 has unsaved changes"):
        workshop.publish("Refused", tmp_path / "out")
    workshop.discard_draft("cs-01")
    # An item that breaks a link (written around the editor, as an old import might have left it).
    term = workshop.items("glossary-term")[0]
    workshop.store.replace_items(COPY, [term.model_copy(update={"see_also": ["no-such-term"]})])
    with pytest.raises(AuthoringError, match="before publishing"):
        workshop.publish("Refused", tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert workshop.manifest().version == version and workshop.changes() == []


def test_next_version_is_above_both_the_copied_and_the_published(workshop: Workshop) -> None:
    assert next_version("1.2.0") == "1.3.0"
    assert next_version("1.2", "1.9.3") == "1.10.0"
    assert next_version("2.0.0", "1.4.0") == "2.1.0"


def test_importing_a_pack_over_a_working_copy_is_refused_even_its_own(
    workshop: Workshop, tmp_path: Path
) -> None:
    key = Ed25519PrivateKey.generate()
    done = workshop.publish("Ours", tmp_path / "out", key=key)
    data = workshop.item_data("cs-01")
    assert data is not None
    data["title"]["en"] = "Edited after publishing"
    assert workshop.save_draft("case-study", data) == []
    pack = workshop.verify_pack(done.facilitator_pack)
    assert isinstance(workshop.pack_refusal(pack), PublisherMismatchError)
    for policy in ("newer", "overwrite"):
        with pytest.raises(PublisherMismatchError, match="your own workshop"):
            workshop.import_pack(pack, policy)
    assert workshop.item("cs-01").title.en == "Edited after publishing"
    assert workshop.is_working_copy(COPY)
    beside = workshop.import_pack(pack, "newer", beside=True)
    assert beside.pack_id != COPY and workshop.is_working_copy(COPY)
