"""The ``report`` command: the workshop report as a PDF, or its tables as a spreadsheet.

The agency breakdown needs the roster's names, sealed with the field records'
passphrase: it is read from ``COMPANION_PASSPHRASE`` when set (never asked for,
so a script is not stopped by a prompt); without it the report says the
breakdown needs the passphrase and prints the rest.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, TextIO

from companion.cli import CliError, open_workshop, print_json


def add_parsers(sub: Any) -> None:
    report = sub.add_parser(
        "report",
        help="the workshop report (PDF) or its tables (XLSX): participation, knowledge, feedback, timing",
        description="The donor edition holds codes and counts only; the facilitator edition adds the "
        "evaluation comments. The agency breakdown needs COMPANION_PASSPHRASE "
        "(the roster's names are sealed).",
    )
    report.add_argument("--out", type=Path, required=True, metavar="FILE")
    report.add_argument("--lang", choices=("en", "zh-Hans", "bilingual"), default="en")
    report.add_argument("--edition", choices=("donor", "facilitator"), default="donor")
    report.add_argument(
        "--format", choices=("pdf", "xlsx"), default=None, help="default: from the file's extension, else pdf"
    )
    report.add_argument("--json", action="store_true", help="print what was written as JSON")
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import RecordsError, WrongPassphraseError
    from companion.app.report import ReportError, write
    from companion.app.roster import RosterError

    fmt = args.format or ("xlsx" if args.out.suffix.lower() == ".xlsx" else "pdf")
    workshop = open_workshop(args)
    vault = None
    if os.environ.get("COMPANION_PASSPHRASE") is not None:
        from companion.cli.pack import _passphrase

        vault = workshop.vault()
        try:
            if vault.is_set_up:
                vault.unlock(_passphrase(False))
        except (RecordsError, WrongPassphraseError) as exc:
            raise CliError(str(exc)) from None
    try:
        figures = write(workshop, args.out, fmt, args.lang, args.edition, vault)
    except (ReportError, RosterError) as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{args.out}: cannot be written ({exc.strerror or exc})") from None
    if args.json:
        print_json(
            {
                "out": str(args.out),
                "format": fmt,
                "lang": args.lang,
                "edition": args.edition,
                "registered": figures.participation.registered,
                "agencies": figures.participation.by_agency is not None,
                "results": figures.knowledge.results if figures.knowledge else 0,
                "responses": figures.feedback.responses if figures.feedback else 0,
                "timed_sessions": len(figures.timing),
            },
            out,
        )
    else:
        print(args.out, file=out)
    return 0
