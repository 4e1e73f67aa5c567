"""The referral directory and the referral slip, as both surfaces call them.

A slip is printed from a screening: a practice one (a tool and answers; no
case code, so the slip has a blank field for it) or a field record (its case
code; its notes are never printed). The service is chosen by ID.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from companion.core.model import ScreeningTool, Service
from companion.core.record_form import FieldRecord
from companion.core.referral.services import TYPE_NAMES, service_json, services_of
from companion.core.referral.slip import NOT_IDENTIFICATION, SlipRequest, slip_pdf, write_slip
from companion.core.screening import evaluate

__all__ = [
    "NOT_IDENTIFICATION",
    "TYPE_NAMES",
    "ReferralError",
    "SlipRequest",
    "find_service",
    "service_json",
    "services",
    "slip_for",
    "slip_pdf",
    "write_slip",
]


class ReferralError(ValueError):
    """A service or tool the slip cannot be printed with; the message is one clear line."""


def services(workshop: Any) -> list[Service]:
    """The referral directory of the current workshop."""
    return services_of(workshop.items("service"))


def find_service(workshop: Any, service_id: str) -> Service:
    item = workshop.item(service_id)
    if not isinstance(item, Service):
        raise ReferralError(f"no service with id {service_id!r} in the referral directory")
    return item


def slip_for(
    workshop: Any,
    tool_id: str,
    answers: dict[str, str],
    service_id: str,
    *,
    record: FieldRecord | None = None,
    age: int | None = None,
    act: bool = False,
    unit: str = "",
    include_confidential: bool = False,
    lang: str = "en",
    when: date | None = None,
) -> SlipRequest:
    """What to print for a screening; with ``record``, its answers, age and case code (never its notes)."""
    tool = workshop.item(record.tool_id if record else tool_id)
    if not isinstance(tool, ScreeningTool):
        raise ReferralError(f"no screening tool with id {tool_id!r} in the current workshop")
    service = find_service(workshop, service_id)
    if record is not None:
        result = evaluate(tool, record.answers, age=record.age, act=record.act)
    else:
        result = evaluate(tool, answers, age=age, act=act)
    return SlipRequest(
        result=result,
        tool=tool,
        service=service,
        when=when or date.today(),
        case_code=record.case_code if record else "",
        unit=unit,
        include_confidential=include_confidential,
        lang=lang,
    )


def write(request: SlipRequest, target: Path) -> Path:
    return write_slip(request, target)
