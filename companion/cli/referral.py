"""The ``referral`` commands: list the referral directory, print a referral slip.

``referral slip`` prints from a practice screening (``--tool`` and ``--answers``:
the slip's case code is a blank field) or a field record (``--record`` and its
case code: the vault is opened with the passphrase). A service's confidential
details are listed and printed only with ``--include-confidential``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from companion.app.kinds import LANGUAGES
from companion.cli import CliError, open_workshop, print_json, quoted


def add_parsers(sub: Any) -> None:
    referral = sub.add_parser("referral", help="the referral directory and referral slips")
    actions = referral.add_subparsers(dest="referral_command", metavar="ACTION", required=True)

    listing = actions.add_parser("services", help="list the services of the referral directory")
    listing.add_argument("--json", action="store_true")
    listing.add_argument(
        "--include-confidential", action="store_true", help="also list confidential addresses and lines"
    )
    listing.add_argument("--lang", choices=LANGUAGES, default="en")
    listing.set_defaults(handler=cmd_services)

    slip = actions.add_parser("slip", help="print a one-page bilingual referral slip (PDF)")
    source = slip.add_mutually_exclusive_group(required=True)
    source.add_argument("--record", metavar="CASE_CODE", help="a field record, by its case code")
    source.add_argument("--tool", metavar="ID", help="a practice screening with this tool (needs --answers)")
    slip.add_argument("--answers", type=Path, metavar="FILE", help="answers file, as for `companion screen`")
    slip.add_argument("--service", required=True, metavar="ID", help="the service referred to")
    slip.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    slip.add_argument(
        "--include-confidential", action="store_true", help="print its confidential address and line"
    )
    slip.add_argument("--unit", default="", metavar="TEXT", help="the referring unit (default: blank)")
    slip.add_argument("--lang", choices=LANGUAGES, default="en", help="the language printed first")
    slip.set_defaults(handler=cmd_slip)


def cmd_services(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.referral import TYPE_NAMES, service_json, services

    found = services(open_workshop(args))
    if args.json:
        print_json([service_json(s, args.include_confidential) for s in found], out)
        return 0
    for service in found:
        kind = TYPE_NAMES[service.type].resolve(args.lang)[0]
        print(f"{service.id}\t{kind}\t{service.name.resolve(args.lang)[0]}\t{service.phone or '-'}", file=out)
        if args.include_confidential and service.confidential is not None:
            print(f"\t{service.confidential.address.resolve(args.lang)[0]}", file=out)
    return 0


def cmd_slip(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.referral import ReferralError, slip_for, write_slip

    workshop = open_workshop(args)
    record = None
    answers: dict[str, str] = {}
    if args.record is not None:
        if args.answers is not None:
            raise CliError("--answers goes with --tool, not with --record")
        record = _record(workshop, args.record)
    else:
        if args.answers is None:
            raise CliError("--tool needs --answers FILE (the answers of the practice screening)")
        from companion.cli.screen import _read_answers

        tool = workshop.item(args.tool)
        if tool is None or tool.kind != "screening-tool":
            raise CliError(f"no screening tool with id {quoted(args.tool)} in the current workshop")
        answers = _read_answers(args.answers, tool)
    try:
        request = slip_for(
            workshop,
            args.tool or "",
            answers,
            args.service,
            record=record,
            unit=args.unit,
            include_confidential=args.include_confidential,
            lang=args.lang,
        )
        written = write_slip(request, args.out)
    except (ReferralError, ValueError) as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"Wrote {written}", file=out)
    return 0


def _record(workshop: Any, case_code: str) -> Any:
    from companion.app.domain import FieldRecord
    from companion.cli.roster import open_vault

    vault = open_vault(workshop, create=False)
    for record in vault.records():
        if isinstance(record, FieldRecord) and record.case_code == case_code:
            return record
    raise CliError(f"no field record with case code {quoted(case_code)}")
