"""Moving an agenda session, and re-flowing the rest of its day.

The session moves to its new day and start and keeps its length. On that
day the sessions that end by the new start stay where they are; the others
follow it in their order, each starting where the one before ends if it
would otherwise overlap (a gap stays a gap), each keeping its length. The
day the session left keeps its gap. All of it is written in one transaction.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from companion.core.authoring.workshops import AuthoringError, editable_pack
from companion.i18n import _

if TYPE_CHECKING:
    from companion.core.store import Store

LAST_MINUTE = 23 * 60 + 59


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def clock(total: int) -> str:
    return f"{total // 60:02d}:{total % 60:02d}"


def move_session(store: Store, item_id: str, day: int, start: str) -> list[str]:
    """Move session ``item_id`` to ``day`` at ``start``; the IDs of the sessions that changed."""
    pack_id = editable_pack(store)
    session = store.item(item_id, pack_id)
    if session is None or session.kind != "agenda-item":
        raise AuthoringError(_("No agenda session with ID {item}.").format(item=repr(item_id[:80])))
    manifest = store.manifest(pack_id)
    assert manifest is not None
    if not 1 <= day <= manifest.workshop.days:
        raise AuthoringError(
            _("The workshop has days 1 to {days}; there is no day {day}.").format(
                days=manifest.workshop.days, day=day
            )
        )
    if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", start):
        raise AuthoringError(_("{start} is not a time of day such as 09:30.").format(start=repr(start[:20])))
    length = minutes(session.end) - minutes(session.start)
    moved = session.model_copy(update={"day": day, "start": start, "end": clock(minutes(start) + length)})
    others = sorted(
        (s for s in store.items("agenda-item", pack_id) if s.day == day and s.id != item_id),
        key=lambda s: (s.start, s.id),
    )
    after = [s for s in others if minutes(s.end) > minutes(start)]
    # The sessions that end by the new start keep their place; the others follow the moved one.
    changed = [moved] if moved != session else []
    cursor = minutes(start) + length
    for other in after:
        begins = max(minutes(other.start), cursor)
        cursor = begins + minutes(other.end) - minutes(other.start)
        if begins != minutes(other.start):
            changed.append(other.model_copy(update={"start": clock(begins), "end": clock(cursor)}))
    if cursor > LAST_MINUTE or minutes(start) + length > LAST_MINUTE:
        raise AuthoringError(
            _("The sessions of day {day} would run past midnight; nothing was moved.").format(day=day)
        )
    if changed:
        store.replace_items(pack_id, changed)  # no text changed: their translation marks stay
    return [s.id for s in changed]
