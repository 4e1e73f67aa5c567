"""The referral directory as data: the services of a workshop, with or without their confidential part.

A service's ``confidential`` part (a shelter's address, a direct line) is
facilitator-only (:mod:`companion.core.kinds`): participant editions, packs,
handouts and the audience search drop it. Here it is included only when the
caller asks, so a listing never shows it by accident.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from companion.core.model import Service, Text

# The types of service in both languages, for the slip and the listing (labels are data, like Text).
TYPE_NAMES: dict[str, Text] = {
    "shelter": Text(en="Shelter", zh_hans="庇护所"),
    "medical": Text(en="Medical care", zh_hans="医疗服务"),
    "legal-aid": Text(en="Legal aid", zh_hans="法律援助"),
    "consulate": Text(en="Consulate", zh_hans="领事馆"),
    "hotline": Text(en="Hotline", zh_hans="热线"),
    "police-unit": Text(en="Specialised police unit", zh_hans="专门警务单位"),
    "ngo": Text(en="Non-governmental organisation", zh_hans="非政府组织"),
}


def services_of(items: Iterable[Any]) -> list[Service]:
    """The services among ``items``, in directory order (by ID)."""
    return sorted((item for item in items if isinstance(item, Service)), key=lambda s: s.id)


def service_json(service: Service, include_confidential: bool = False) -> dict[str, Any]:
    """One service as ``companion referral services --json`` prints it (docs/contract.md#referral)."""
    data: dict[str, Any] = {
        "id": service.id,
        "type": service.type,
        "name": service.name.as_json(),
        "languages": list(service.languages),
        "hours": service.hours.as_json(),
        "eligibility": service.eligibility.as_json(),
        "how_to_refer": service.how_to_refer.as_json(),
        "phone": service.phone,
        "has_confidential": service.confidential is not None,
    }
    if include_confidential and service.confidential is not None:
        data["confidential"] = {
            "address": service.confidential.address.as_json(),
            "direct_phone": service.confidential.direct_phone,
        }
    return data
