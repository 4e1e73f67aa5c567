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
    sheets = commands.add_parser(
        "sheets",
        help="print an answer sheet per participant (PDF, one per code), or N anonymous evaluation sheets",
    )
    sheets.add_argument("--form", required=True, metavar="ID")
    sheets.add_argument("--out", type=Path, required=True, metavar="DIR")
    sheets.add_argument("--participants", default="all", metavar="all|P001,P002")
    sheets.add_argument(
        "--specimen",
        type=Path,
        metavar="FILE",
        help='sheets already marked: {"P001": {"q-01": "B"}}; evaluation: [{"ag-01/clarity": "4"}, ...]',
    )
    sheets.add_argument(
        "--count", type=int, metavar="N", help="evaluation form: how many anonymous sheets (default: 1)"
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
    from companion.app.evaluations import EvaluationError
    from companion.app.scanning import is_evaluation_form, participant_codes, print_sheets

    workshop = open_workshop(args)
    try:
        if is_evaluation_form(workshop, args.form):
            written = _evaluation_sheets(workshop, args)
        else:
            if args.count is not None:
                raise CliError("--count is for evaluation sheets; answer sheets are one per participant")
            specimen = _specimen(args.specimen) if args.specimen else None
            codes = participant_codes(workshop, args.participants)
            written = print_sheets(workshop, args.form, args.out, codes, specimen)
    except (ResultError, EvaluationError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json([str(path) for path in written], out)
    else:
        what = "evaluation" if is_evaluation_form(workshop, args.form) else "answer"
        print(f"{len(written)} {what} sheet(s) written to {args.out}", file=out)
    return 0


def _evaluation_sheets(workshop: Any, args: argparse.Namespace) -> list[Path]:
    """Anonymous evaluation sheets: ``--count`` of them (or one per specimen entry)."""
    from companion.app.evaluations import read_specimen
    from companion.app.scanning import print_evaluation_sheets

    specimen = read_specimen(args.specimen) if args.specimen else []
    count = args.count if args.count is not None else max(len(specimen), 1)
    if count < len(specimen):
        raise CliError(f"--count {count} is fewer than the {len(specimen)} specimen sheets")
    return print_evaluation_sheets(workshop, args.form, args.out, count, specimen)


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
