"""The ``agenda`` commands: the day's live timing (now and next, shifts, the log) and the iCalendar file."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from companion.cli import CliError, open_workshop, print_json, quoted

if TYPE_CHECKING:
    from companion.app.domain import LiveSession
    from companion.app.workshop import Workshop


def add_parsers(sub: Any) -> None:
    from companion.app.kinds import LANGUAGES

    agenda = sub.add_parser("agenda", help="the day's live timing, and the agenda as a calendar file")
    commands = agenda.add_subparsers(dest="agenda_command", metavar="COMMAND", required=True)
    now = commands.add_parser("now", help="the session running now and the next one, by the shifted times")
    now.add_argument("--at", type=_moment, metavar="ISO-TIME", help="at this moment instead of now")
    now.add_argument("--json", action="store_true", help="print JSON")
    now.set_defaults(handler=cmd_now)
    shift = commands.add_parser("shift", help="move the rest of the day by MINUTES (negative: earlier)")
    shift.add_argument("minutes", type=int, metavar="MINUTES")
    shift.add_argument("--from", dest="item", metavar="ID", help="from this session (default: the one on)")
    shift.set_defaults(handler=cmd_shift)
    start = commands.add_parser("start", help="start a session now; the rest of its day moves with it")
    start.add_argument("item", metavar="ID")
    start.add_argument("--at", type=_moment, metavar="ISO-TIME", help="at this moment instead of now")
    start.set_defaults(handler=cmd_start)
    reset = commands.add_parser("reset-times", help="back to the planned times")
    reset.set_defaults(handler=cmd_reset)
    log = commands.add_parser("log", help="every session's planned and actual start and end")
    log.add_argument("--json", action="store_true", help="print JSON")
    log.set_defaults(handler=cmd_log)
    zone = commands.add_parser("time-zone", help="print the workshop's time zone, or set it")
    zone.add_argument("name", nargs="?", metavar="NAME", help="an IANA name, e.g. Asia/Shanghai")
    zone.set_defaults(handler=cmd_time_zone)
    ical = commands.add_parser("ical", help="write the sessions as an iCalendar (.ics) file")
    ical.add_argument("--out", type=Path, required=True, metavar="FILE")
    ical.add_argument("--lang", choices=LANGUAGES, default="en")
    ical.add_argument("--planned", action="store_true", help="the planned times, not the shifted ones")
    ical.set_defaults(handler=cmd_ical)


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date and time: {quoted(text)}") from None


def cmd_now(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import TimingError

    try:
        found = open_workshop(args).agenda_now(args.at)
    except TimingError as exc:
        raise CliError(str(exc)) from None
    value = {
        "now": found.now,
        "next": found.next,
        "delay_minutes": found.delay_minutes,
        "at": found.at.isoformat(timespec="seconds"),
    }
    if args.json:
        print_json(value, out)
    else:
        line = f"now: {found.now or '-'}  next: {found.next or '-'}  delay: {found.delay_minutes} min"
        print(line, file=out)
    return 0


def cmd_shift(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import TimingError

    workshop = open_workshop(args)
    try:
        item = args.item or _current(workshop)
        schedule = workshop.shift_agenda(item, args.minutes)
    except TimingError as exc:
        raise CliError(str(exc)) from None
    _print_day(schedule, item, out)
    return 0


def cmd_start(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import TimingError

    try:
        schedule = open_workshop(args).start_session_now(args.item, args.at)
    except TimingError as exc:
        raise CliError(str(exc)) from None
    _print_day(schedule, args.item, out)
    return 0


def cmd_reset(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import TimingError

    try:
        open_workshop(args).reset_agenda_times()
    except TimingError as exc:
        raise CliError(str(exc)) from None
    print("every session is back at its planned time", file=out)
    return 0


def cmd_log(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import TimingError

    try:
        rows = open_workshop(args).timing_log()
    except TimingError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(
            [
                {
                    "id": row.item_id,
                    "day": row.day,
                    "planned_start": row.planned_start,
                    "planned_end": row.planned_end,
                    "actual_start": row.actual_start,
                    "actual_end": row.actual_end,
                    "started_at": row.started_at,
                }
                for row in rows
            ],
            out,
        )
        return 0
    for row in rows:
        print(
            f"day {row.day}  {row.item_id:<12} planned {row.planned_start}-{row.planned_end}"
            f"  actual {row.actual_start}-{row.actual_end}",
            file=out,
        )
    return 0


def cmd_time_zone(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import TimingError

    workshop = open_workshop(args)
    if args.name is not None:
        try:
            workshop.set_time_zone(args.name)
        except TimingError as exc:
            raise CliError(str(exc)) from None
    print(workshop.time_zone(), file=out)
    return 0


def cmd_ical(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import TimingError

    try:
        count = open_workshop(args).export_agenda_calendar(args.out, args.lang, args.planned)
    except TimingError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"{count} sessions written to {args.out}", file=out)
    return 0


def _current(workshop: Workshop) -> str:
    """The session running now, else the next one: what "+5 min" without --from means."""
    from companion.app.domain import TimingError

    found = workshop.agenda_now()
    item = found.now or found.next
    if item is None:
        raise TimingError("no session is running or coming today: name one with --from ID")
    return item


def _print_day(schedule: list[LiveSession], item: str, out: TextIO) -> None:
    day = next((s.day for s in schedule if s.id == item), None)
    for session in schedule:
        if session.day == day:
            moved = f"  ({session.delay:+d} min)" if session.delay else ""
            print(f"{session.id:<12} {session.start}-{session.end}{moved}", file=out)
