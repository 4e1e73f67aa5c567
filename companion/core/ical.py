"""The workshop's agenda as an iCalendar file, for participants' phone calendars.

One VEVENT per session, at the live (shifted) times or the planned ones, in the
workshop's time zone (each DTSTART and DTEND carries its TZID, and the file its
VTIMEZONE). A session's UID is made of the workshop's and the session's IDs, so
loading a newer file updates the events instead of adding copies. The description
is the session's summary: facilitator notes never go into the file. The icalendar
library is imported here only, when a file is written.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from companion import APP_NAME
from companion.core.agenda import day_date
from companion.core.files import AS_UMASK, write_atomically
from companion.core.timing import TimingError, live_schedule, schedule, workshop_time_zone

if TYPE_CHECKING:
    from companion.core.store.store import Store

UID_DOMAIN = "training-companion"


def uid(pack_id: str, item_id: str) -> str:
    """A session's UID: the same in every file written for the workshop, in either language."""
    return f"{pack_id}.{item_id}@{UID_DOMAIN}"


def agenda_calendar(store: Store, lang: str = "en", planned: bool = False) -> bytes:
    """The current workshop's sessions as iCalendar bytes."""
    import icalendar

    from companion.i18n import _

    pack_id = store.current_pack_id()
    manifest = store.manifest(pack_id) if pack_id else None
    if manifest is None:
        raise TimingError(_("No workshop is installed."))
    zone = workshop_time_zone(store)
    items = {item.id: item for item in store.items("agenda-item", pack_id)}
    times = live_schedule(items.values(), []) if planned else schedule(store)
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{APP_NAME}//{pack_id}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", manifest.workshop.title.resolve(lang)[0])
    venue = manifest.workshop.venue.resolve(lang)[0]
    stamp = datetime.now(UTC).replace(microsecond=0)
    for session in times:
        item = items[session.id]
        day = day_date(manifest.workshop.start_date, session.day)
        event = icalendar.Event()
        event.add("uid", uid(manifest.id, item.id))
        event.add("dtstamp", stamp)
        event.add("summary", item.title.resolve(lang)[0])
        event.add("dtstart", datetime.combine(day, time.fromisoformat(session.start), zone))
        event.add("dtend", datetime.combine(day, time.fromisoformat(session.end), zone))
        event.add("location", venue)
        if item.summary is not None:
            event.add("description", item.summary.resolve(lang)[0])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def write_agenda_calendar(store: Store, out: Path, lang: str = "en", planned: bool = False) -> int:
    """Write the calendar to ``out`` (whole or not at all); how many sessions it holds."""
    data = agenda_calendar(store, lang, planned)
    write_atomically(out, data, AS_UMASK)
    return data.count(b"BEGIN:VEVENT")
