"""``assess sheets`` and ``assess scan``: paper answer sheets printed, and scans of them read.

Registered under the ``assess`` command by :mod:`companion.cli.assess` through :func:`add_commands`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from companion.cli import CliError, open_workshop, print_json


def add_commands(commands: Any) -> None:
    sheets = commands.add_parser("sheets", help="print an answer sheet per participant (PDF, one per code)")
    sheets.add_argument("--form", required=True, metavar="ID")
    sheets.add_argument("--out", type=Path, required=True, metavar="DIR")
    sheets.add_argument("--participants", default="all", metavar="all|P001,P002")
    sheets.add_argument(
        "--specimen", type=Path, metavar="FILE", help='sheets already marked: {"P001": {"q-01": "B"}}'
    )
    sheets.add_argument("--json", action="store_true", help="print JSON")
    sheets.set_defaults(handler=cmd_sheets)
    scan = commands.add_parser("scan", help="read scanned answer sheets (PDF, PNG, JPEG) and merge them")
    scan.add_argument("files", nargs="+", type=Path, metavar="FILE")
    scan.add_argument(
        "--attempt", choices=("pre", "post"), default="pre", help="which attempt (default: pre)"
    )
    scan.add_argument("--dry-run", action="store_true", help="read and report; merge nothing")
    scan.add_argument("--json", action="store_true", help="print JSON")
    scan.set_defaults(handler=cmd_scan)


def cmd_sheets(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.assess import ResultError
    from companion.app.scanning import participant_codes, print_sheets

    workshop = open_workshop(args)
    try:
        specimen = _specimen(args.specimen) if args.specimen else None
        codes = participant_codes(workshop, args.participants)
        written = print_sheets(workshop, args.form, args.out, codes, specimen)
    except ResultError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json([str(path) for path in written], out)
    else:
        print(f"{len(written)} answer sheet(s) written to {args.out}", file=out)
    return 0


def _specimen(path: Path) -> dict[str, dict[str, str | None]]:
    from companion.app.assess import read_specimen

    return read_specimen(path)


def cmd_scan(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.assess import ResultError
    from companion.app.scanning import ScanError, merge_pages, read_scans

    workshop = open_workshop(args)
    try:
        pages = read_scans(workshop, args.files)
    except ScanError as exc:
        raise CliError(str(exc)) from None
    entries = [
        {
            "file": page.file,
            "page": page.page,
            "participant": page.participant,
            "form": page.form,
            "answers": page.answers,
            "flagged": page.flagged,
        }
        | ({"problem": page.problem} if page.problem else {})
        for page in pages
    ]
    merged: dict[str, object] | None = None
    if not args.dry_run:
        try:
            report = merge_pages(workshop, pages, args.attempt)
        except ResultError as exc:
            raise CliError(str(exc)) from None
        merged = {"added": report.added, "unchanged": report.unchanged, "conflicts": len(report.conflicts)}
    if args.json:
        print_json(entries, out)
    else:
        for page in pages:
            state = page.problem or f"{page.participant} {page.form}, flagged: {len(page.flagged)}"
            print(f"{page.file} page {page.page}: {state}", file=out)
    if merged is not None:
        # On stderr: standard output stays the list of pages that --json promises.
        counts = ", ".join(f"{name} {count}" for name, count in merged.items())
        line = f"merged: {counts}"
        print(line, file=sys.stderr)
    return 0
