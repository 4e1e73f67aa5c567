"""The day's live timing: the planned agenda plus the shifts the trainer made in the room.

A *shift* moves the rest of a day from one session by some minutes ("+5 min",
"-5 min"); "start this session now" is the shift that puts the session's start
at the given moment. The live schedule is the planned agenda replayed with every
shift of the current workshop (stored by :mod:`companion.core.store.timing`), so
the order of shifts does not matter and a reset is deleting them.

A delay runs down the day and moves each later session, except that a session may
shrink to its minimum length (``min_minutes`` of an agenda item; by default half
the planned length for a break, the whole length for any other session) and so
absorb part of it. A session moved earlier than the end of the one before cuts
that one short. A shift is refused, with one line and nothing stored, when a
session would run past midnight or be left with no time. Every session's planned
and actual times are logged after each change, for the report.

Moments are in the workshop's time zone (the ``time_zone`` setting, by default
the sample venue's, Asia/Shanghai): a naive moment is read in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from companion.core.agenda import day_date, now_and_next
from companion.core.store.timing import SessionTimes, Shift, record, session_times, shifts
from companion.i18n import _

if TYPE_CHECKING:
    from companion.core.store.store import Store

TIME_ZONE_SETTING = "time_zone"
DEFAULT_TIME_ZONE = "Asia/Shanghai"  # the sample workshop's venue (Nanning)
DAY_MINUTES = 24 * 60


class TimingError(ValueError):
    """A change to the day's timing that cannot be made, in one line; nothing was stored."""


@dataclass(frozen=True)
class LiveSession:
    """One session of the live schedule: planned and actual (shifted) times, HH:MM."""

    id: str
    day: int
    planned_start: str
    planned_end: str
    start: str
    end: str

    @property
    def delay(self) -> int:
        """Minutes the session starts after its planned start (negative: before)."""
        return minutes(self.start) - minutes(self.planned_start)


def minutes(clock: str) -> int:
    """Minutes after midnight of an ``HH:MM`` time."""
    return int(clock[:2]) * 60 + int(clock[3:5])


def clock(value: int) -> str:
    return f"{value // 60:02d}:{value % 60:02d}"


def minimum_minutes(item: Any) -> int:
    """How short an agenda item may become when the day runs late."""
    length = minutes(item.end) - minutes(item.start)
    if item.min_minutes is not None:
        return int(item.min_minutes)
    return (length + 1) // 2 if item.format == "break" else length


def sessions(items: Iterable[Any]) -> list[Any]:
    """The agenda items of ``items``, in the order of the day (day, then planned start)."""
    return sorted((i for i in items if i.kind == "agenda-item"), key=lambda i: (i.day, i.start, i.id))


def live_schedule(items: Iterable[Any], made: Sequence[Shift]) -> list[LiveSession]:
    """The agenda with the shifts ``made`` applied; :class:`TimingError` when they cannot all hold."""
    offsets: dict[str, int] = {}
    for shift in made:
        offsets[shift.item_id] = offsets.get(shift.item_id, 0) + shift.minutes
    agenda = sessions(items)
    times: list[list[int]] = []
    carry, day = 0, None
    for item in agenda:
        if item.day != day:
            carry, day = 0, item.day  # a delay never runs into the next day
        delay = carry + offsets.get(item.id, 0)
        start, end = minutes(item.start) + delay, minutes(item.end) + delay
        if delay > 0:
            # Shrink towards the session's minimum: the part absorbed does not move what follows.
            absorbed = min(delay, minutes(item.end) - minutes(item.start) - minimum_minutes(item))
            end -= absorbed
            delay -= absorbed
        carry = delay
        times.append([start, end])
    for index, item in enumerate(agenda):
        start, end = times[index]
        if index + 1 < len(agenda) and agenda[index + 1].day == item.day:
            end = min(end, times[index + 1][0])  # the next session began: this one ended then
            times[index][1] = end
        if start < 0:
            raise TimingError(
                _("{session} would start before midnight; a session must stay within its day.").format(
                    session=item.id
                )
            )
        if end > DAY_MINUTES - 1:
            raise TimingError(
                _("{session} would run past midnight; a session must stay within its day.").format(
                    session=item.id
                )
            )
        if end <= start:
            raise TimingError(
                _("{session} would be left with no time (a negative duration).").format(session=item.id)
            )
    return [
        LiveSession(item.id, item.day, item.start, item.end, clock(start), clock(end))
        for item, (start, end) in zip(agenda, times, strict=True)
    ]


def time_zone(name: str) -> tzinfo:
    """The time zone named ``name`` (IANA, e.g. Asia/Shanghai), or a one-line :class:`TimingError`."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a name too long for a file name; ValueError: an absolute path, "..", a NUL.
        raise TimingError(
            _("Unknown time zone {name}; use a name such as Asia/Shanghai.").format(name=repr(name[:80]))
        ) from None


def workshop_time_zone(store: Store) -> tzinfo:
    return time_zone(store.get_setting(TIME_ZONE_SETTING) or DEFAULT_TIME_ZONE)


def set_time_zone(store: Store, name: str) -> None:
    """Make ``name`` the workshop's time zone, once it is known to be one."""
    time_zone(name)
    store.set_setting(TIME_ZONE_SETTING, name)


def in_zone(moment: datetime | None, zone: tzinfo) -> datetime:
    """``moment`` in the workshop's time zone (a naive one is read in it); None: now."""
    if moment is None:
        return datetime.now(zone)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


# --- the current workshop's timing, stored ---------------------------------------


def schedule(store: Store) -> list[LiveSession]:
    """The current workshop's live schedule."""
    pack_id = _pack(store)
    return live_schedule(store.items("agenda-item", pack_id), shifts(store, pack_id))


def shift(store: Store, item_id: str, by: int, moment: datetime | None = None) -> list[LiveSession]:
    """Move the rest of ``item_id``'s day by ``by`` minutes; the new schedule."""
    zone = workshop_time_zone(store)
    made = Shift(_session(store, item_id).id, by, in_zone(moment, zone).isoformat(timespec="seconds"), False)
    return _apply(store, made, None)


def start_now(store: Store, item_id: str, moment: datetime | None = None) -> list[LiveSession]:
    """Start ``item_id`` at ``moment`` (default: now); the rest of its day moves with it.

    Refused when the moment is not on the session's day, or is earlier than a
    session already started: the computer's clock changed (or is wrong), and
    the log must not run backwards.
    """
    zone = workshop_time_zone(store)
    at = in_zone(moment, zone)
    item = _session(store, item_id)
    manifest = store.manifest(_pack(store))
    if manifest is not None and day_date(manifest.workshop.start_date, item.day) != at.date():
        raise TimingError(
            _("{session} is on day {day}, not on {date}.").format(
                session=item.id, day=item.day, date=at.date().isoformat()
            )
        )
    latest = max((t.started_at for t in session_times(store, _pack(store)) if t.started_at), default=None)
    if latest is not None and datetime.fromisoformat(latest) > at:
        raise TimingError(
            _(
                "The clock reads {now}, earlier than a session already started at {then}: "
                "check the computer's clock. Nothing was changed."
            ).format(now=at.isoformat(timespec="minutes"), then=latest[:16])
        )
    current = next(s for s in schedule(store) if s.id == item.id)
    by = at.hour * 60 + at.minute - minutes(current.start)
    made_at = at.isoformat(timespec="seconds")
    return _apply(store, Shift(item.id, by, made_at, True), made_at)


def reset(store: Store, moment: datetime | None = None) -> list[LiveSession]:
    """Back to the planned times (the log keeps when sessions were started)."""
    pack_id = _pack(store)
    planned = live_schedule(store.items("agenda-item", pack_id), [])
    at = in_zone(moment, workshop_time_zone(store)).isoformat(timespec="seconds")
    record(store, pack_id, None, _log_rows(planned, None, None), at)
    return planned


def log(store: Store) -> list[SessionTimes]:
    """Every session's planned and actual times; a session never logged has its live times."""
    pack_id = _pack(store)
    logged = {t.item_id: t for t in session_times(store, pack_id)}
    live = _log_rows(schedule(store), None, None)
    return [logged.get(t.item_id, t) for t in live]


@dataclass(frozen=True)
class AgendaNow:
    """What runs at a moment by the live schedule, and how late the day runs then."""

    now: str | None
    next: str | None
    delay_minutes: int  # of the session running, else of the next one; 0 outside sessions
    at: datetime  # the moment, in the workshop's time zone


def now_next(store: Store, moment: datetime | None = None) -> AgendaNow:
    """Now and next at ``moment`` (default: now), following the shifted times."""
    at = in_zone(moment, workshop_time_zone(store))
    manifest = store.manifest(_pack(store))
    if manifest is None:
        return AgendaNow(None, None, 0, at)
    items = store.items("agenda-item", manifest.id)
    try:
        live = live_schedule(items, shifts(store, manifest.id))
    except TimingError:
        # Shifts stored before the agenda was changed no longer fit it: show the plan, lose nothing.
        live = live_schedule(items, [])
    found = now_and_next(items, manifest.workshop.start_date, at, {s.id: (s.start, s.end) for s in live})
    delays = {s.id: s.delay for s in live}
    current = found.now or found.next
    return AgendaNow(found.now, found.next, delays[current] if current else 0, at)


def _apply(store: Store, made: Shift, started_at: str | None) -> list[LiveSession]:
    pack_id = _pack(store)
    new = live_schedule(store.items("agenda-item", pack_id), [*shifts(store, pack_id), made])
    record(store, pack_id, made, _log_rows(new, made.item_id, started_at), made.made_at)
    return new


def _log_rows(live: list[LiveSession], started: str | None, started_at: str | None) -> list[SessionTimes]:
    return [
        SessionTimes(
            s.id,
            s.day,
            s.planned_start,
            s.planned_end,
            s.start,
            s.end,
            started_at if s.id == started else None,
        )
        for s in live
    ]


def _pack(store: Store) -> str:
    pack_id = store.current_pack_id()
    if pack_id is None:
        raise TimingError(_("No workshop is installed."))
    return pack_id


def _session(store: Store, item_id: str) -> Any:
    item = store.item(item_id)
    if item is None or item.kind != "agenda-item":
        raise TimingError(_("No session with ID {id} in the current workshop.").format(id=repr(item_id[:80])))
    return item
