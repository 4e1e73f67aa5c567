"""The ``results`` commands: merge result files into the store, list them, export them (codes only)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from companion.cli import CliError, open_workshop, print_json


def add_parsers(sub: Any) -> None:
    results = sub.add_parser("results", help="knowledge-check results: import, list, export")
    commands = results.add_subparsers(dest="results_command", metavar="COMMAND", required=True)
    imp = commands.add_parser(
        "import", help="merge result and evaluation response files (all or nothing); conflicts are kept"
    )
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE")
    imp.set_defaults(handler=cmd_import)
    listing = commands.add_parser("list", help="the merged results and the conflicts")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)
    export = commands.add_parser("export", help="write the results as a table (participant codes only)")
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.set_defaults(handler=cmd_export)


def _conflict(conflict: Any) -> dict[str, Any]:
    return {
        "participant": conflict.participant,
        "form": conflict.form,
        "attempt": conflict.attempt,
        "stored": conflict.stored,
        "incoming": conflict.incoming,
        "source": conflict.source,
    }


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.assess import ResultError
    from companion.app.evaluations import EvaluationError, import_any
    from companion.cli.evaluation import conflict_json

    try:
        report = import_any(open_workshop(args), args.files)
    except (ResultError, EvaluationError) as exc:
        raise CliError(str(exc)) from None
    results, evaluations = report
    print_json(
        {
            "added": results.added + evaluations.added,
            "unchanged": results.unchanged + evaluations.unchanged,
            # an evaluation conflict names its response id ("response"), never a participant
            "conflicts": [_conflict(c) for c in results.conflicts]
            + [conflict_json(c) for c in evaluations.conflicts],
        },
        out,
    )
    return 0


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.assess import ResultError, conflicts, results

    workshop = open_workshop(args)
    try:
        stored = results(workshop)
        open_conflicts = conflicts(workshop)
    except ResultError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        rows = [
            {
                "participant": s.result.participant,
                "form": s.result.form,
                "attempt": s.result.attempt,
                "answers": s.result.answers,
                "source": s.origin,
                "received_at": s.received_at,
            }
            for s in stored
        ]
        print_json({"results": rows, "conflicts": [_conflict(c) for c in open_conflicts]}, out)
        return 0
    for s in stored:
        blank = sum(1 for c in s.result.answers.values() if c is None)
        result = s.result
        print(f"{result.participant}  {result.form}  {result.attempt}  {blank} blank  {s.origin}", file=out)
    for c in open_conflicts:
        print(f"conflict: {c.participant} {c.form} {c.attempt} from {c.source}", file=out)
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.assess import ResultError, export

    try:
        count = export(open_workshop(args), args.format, args.out)
    except (ResultError, OSError) as exc:
        raise CliError(str(exc)) from None
    print(f"wrote {count} results to {args.out}", file=out)
    return 0
