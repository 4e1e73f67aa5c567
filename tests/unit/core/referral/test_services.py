"""The referral directory: fictional sample services, and the confidential part kept from participants."""

from __future__ import annotations

from pathlib import Path

from companion.core.editions import for_edition
from companion.core.referral.services import service_json, services_of


def test_the_sample_workshop_ships_clearly_fictional_services_of_every_type(bundled_pack) -> None:
    services = services_of(bundled_pack.items)
    assert 6 <= len(services) <= 8
    assert {s.type for s in services} == {
        "shelter", "medical", "legal-aid", "consulate", "hotline", "police-unit", "ngo"
    }
    for service in services:
        assert "(fictional)" in (service.name.en or "") and "虚构" in (service.name.zh_hans or "")
        assert service.phone is None or set(service.phone) <= set("0-")


def test_the_listing_shows_confidential_details_only_when_asked(bundled_pack) -> None:
    shelter = next(s for s in services_of(bundled_pack.items) if s.type == "shelter")
    assert shelter.confidential is not None
    plain = service_json(shelter)
    assert plain["has_confidential"] is True and "confidential" not in plain
    assert "Sample Lane" in str(service_json(shelter, include_confidential=True)["confidential"])


def test_a_participant_edition_drops_the_confidential_part(bundled_pack) -> None:
    for service in services_of(bundled_pack.items):
        assert for_edition(service, "participant").confidential is None


def test_the_audience_search_does_not_find_a_confidential_address(data_dir: Path) -> None:
    from companion.app.domain import EVERYTHING
    from companion.app.workshop import Workshop

    workshop = Workshop.open(data_dir)
    try:
        assert workshop.search("Sample Lane") == []
        assert workshop.search("Sample shelter")  # the public part is found
        assert workshop.search("Sample Lane", visibility=EVERYTHING)  # a facilitator finds it
    finally:
        workshop.close()


def test_a_participant_pack_and_the_handouts_drop_the_confidential_part(bundled_pack) -> None:
    from companion.core.handouts import builder
    from tests.unit.pack_support import bundled_files, entries_of, pack_of

    secrets = [s.confidential for s in services_of(bundled_pack.items) if s.confidential is not None]
    assert secrets
    raw = b"".join(data for _name, data in entries_of(pack_of(bundled_files(), "participant")))
    assert b"svc-01" in raw  # the service itself goes to participants
    for secret in secrets:
        assert (secret.address.en or "").encode() not in raw
        assert (secret.address.zh_hans or "").encode() not in raw
        assert secret.direct_phone is None or secret.direct_phone.encode() not in raw
    facilitator = b"".join(data for _name, data in entries_of(pack_of(bundled_files(), "facilitator")))
    assert (secrets[0].address.en or "").encode() in facilitator
    items, manifest = list(bundled_pack.items), bundled_pack.manifest
    for build in builder.plan(items, manifest, "", "all", "bilingual"):
        handout = repr(build())
        assert "Sample Lane" not in handout and "示例巷" not in handout
