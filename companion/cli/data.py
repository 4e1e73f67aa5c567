"""Commands that look after the user's data: ``backup list|create|restore ID`` and ``check``."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from companion.cli import CliError, open_workshop, print_json


def add_parsers(sub: Any) -> None:
    backup = sub.add_parser("backup", help="list, make or restore backups of the data folder")
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the backups, newest first")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_backup_list)
    create = actions.add_parser("create", help="make a backup now")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=cmd_backup_create)
    restore = actions.add_parser("restore", help="put a backup back (the current state is backed up first)")
    restore.add_argument("id", help="a backup ID, as `backup list` prints it")
    restore.set_defaults(handler=cmd_backup_restore)

    check = sub.add_parser("check", help="check the database, the installed workshops and the backups")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=cmd_check)


def cmd_backup_list(args: argparse.Namespace, out: TextIO) -> int:
    backups = open_workshop(args).backups()
    if args.json:
        print_json([b.as_json() for b in backups], out)
        return 0
    for b in backups:
        print(f"{b.id:20} {b.made_at:%Y-%m-%d %H:%M}  {b.size / 2**20:6.1f} MiB  {b.reason_text}", file=out)
    if not backups:
        print("No backups yet: one is made before every import and once a day.", file=out)
    return 0


def cmd_backup_create(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import StoreError

    workshop = open_workshop(args)
    try:
        backup = workshop.back_up()
    except StoreError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(backup.as_json(), out)
    else:
        print(f"Backup {backup.id} made: {backup.path}", file=out)
    return 0


def cmd_backup_restore(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import StoreError

    workshop = open_workshop(args)
    try:
        safety = workshop.restore(args.id)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    print(f"Backup {args.id} restored. What was there before is backup {safety.id}.", file=out)
    return 0


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    report = open_workshop(args).check()
    if args.json:
        print_json(report.as_json(), out)
    else:
        print("\n".join(report.lines()), file=out)
    if not report.ok:
        print("companion: the check found problems (listed above)", file=sys.stderr)
    return 0 if report.ok else 1
