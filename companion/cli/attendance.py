"""The ``attendance`` commands: mark a participant present in a half-day session, import, list.

Half-day sessions are the workshop's days split at noon, as the sign-in sheets
print them: ``d1-am``, ``d1-pm``, ``d2-am``... Participants are named by code
only, so no passphrase is needed. An unknown code or session is refused in one
line; a file with problems is refused whole, one line per problem.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any, TextIO

from companion.cli import CliError, open_workshop, print_json, quoted
from companion.cli.roster import report


def add_parsers(sub: Any) -> None:
    attendance = sub.add_parser("attendance", help="who attended each half-day session (d1-am, d1-pm, ...)")
    actions = attendance.add_subparsers(dest="attendance_command", metavar="ACTION", required=True)
    mark = actions.add_parser("mark", help="mark a participant present (or --absent) in a half-day session")
    mark.add_argument("code", metavar="CODE", help="a participant code, e.g. P001")
    mark.add_argument("session", metavar="SESSION_ID", help="a half-day session, e.g. d1-am")
    mark.add_argument("--absent", action="store_true", help="mark absent instead")
    mark.set_defaults(handler=cmd_mark)
    imp = actions.add_parser("import", help="marks from a CSV or XLSX file: code,session[,present]")
    imp.add_argument("file", type=Path)
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=cmd_import)
    listing = actions.add_parser("list", help="the half-day sessions and every mark")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)


def cmd_mark(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.roster import AttendanceError, RosterError, attendance_of

    # Checked here first, so a message never echoes control characters or a huge argument.
    if not re.fullmatch(r"[Pp]\d{3,4}", args.code.strip()):
        raise CliError(f"not a participant code (like P001): {quoted(args.code)}")
    if not re.fullmatch(r"[dD]\d{1,2}-(am|pm|AM|PM)", args.session.strip()):
        raise CliError(f"not a half-day session (like d1-am): {quoted(args.session)}")
    try:
        mark = attendance_of(open_workshop(args)).mark(args.code, args.session, not args.absent)
    except (AttendanceError, RosterError) as exc:
        raise CliError("; ".join(exc.problems)) from None  # one command, one line
    print(f"{mark.code} {'present' if mark.present else 'absent'} in {mark.session}", file=out)
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.roster import AttendanceError, RosterError, attendance_of

    try:
        count = attendance_of(open_workshop(args)).import_file(args.file)
    except (AttendanceError, RosterError) as exc:
        return report(exc.problems)
    if args.json:
        print_json({"imported": count}, out)
    else:
        print(f"{count} attendance marks imported", file=out)
    return 0


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.roster import AttendanceError, RosterError, attendance_of

    try:
        attendance = attendance_of(open_workshop(args))
    except (AttendanceError, RosterError) as exc:
        return report(exc.problems)
    sessions = [{"id": s.id, "day": s.day, "half": s.half, "date": s.date} for s in attendance.sessions]
    marks = [{"code": m.code, "session": m.session, "present": m.present} for m in attendance.marks()]
    if args.json:
        print_json({"sessions": sessions, "marks": marks}, out)
    else:
        for m in marks:
            print(f"{m['code']}\t{m['session']}\t{'present' if m['present'] else 'absent'}", file=out)
    return 0
