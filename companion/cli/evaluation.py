"""The ``evaluation`` commands: answer an evaluation form, list the responses, summarise them.

Responses are anonymous: no command takes or prints a participant code. Response files are merged
with ``companion results import`` (which tells them from knowledge-check results by their content).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from companion.cli import CliError, open_workshop, print_json


def add_parsers(sub: Any) -> None:
    evaluation = sub.add_parser("evaluation", help="anonymous evaluation responses: answer, list, summary")
    commands = evaluation.add_subparsers(dest="evaluation_command", metavar="COMMAND", required=True)
    answer = commands.add_parser("answer", help="write a response file from an answers file")
    answer.add_argument("--form", required=True, metavar="ID")
    answer.add_argument(
        "--answers",
        type=Path,
        required=True,
        metavar="FILE",
        help='{"ratings": {"ag-01/clarity": 4, "overall/1": 5}, "comments": {"free/1": "..."}}',
    )
    answer.add_argument("--out", type=Path, required=True, metavar="RESULT_FILE")
    answer.set_defaults(handler=cmd_answer)
    listing = commands.add_parser("list", help="the merged responses and the conflicts")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)
    summary = commands.add_parser("summary", help="every rating row counted, and the comments")
    summary.add_argument("--form", default="evaluation", metavar="ID", help="the form (default: evaluation)")
    summary.add_argument("--json", action="store_true", help="print JSON")
    summary.set_defaults(handler=cmd_summary)


def cmd_answer(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.evaluations import EvaluationError, answer, read_answers

    workshop = open_workshop(args)
    try:
        ratings, comments = read_answers(args.answers)
        response = answer(workshop, args.form, ratings, comments, args.out)
    except EvaluationError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{args.out}: cannot be written ({exc.strerror or exc})") from None
    print(f"wrote response {response.response} to {args.out}", file=out)
    return 0


def conflict_json(conflict: Any) -> dict[str, Any]:
    """An evaluation conflict as JSON: the response id, never a participant."""
    return {
        "response": conflict.participant,
        "form": conflict.form,
        "stored": conflict.stored,
        "incoming": conflict.incoming,
        "source": conflict.source,
    }


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.evaluations import EvaluationError, conflicts, responses

    workshop = open_workshop(args)
    try:
        stored = responses(workshop)
        kept = conflicts(workshop)
    except EvaluationError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        rows = [
            {
                "response": r.response,
                "form": r.form,
                "ratings": dict(r.ratings),
                "comments": dict(r.comments),
                "origin": r.origin,
                "saved": r.saved,
            }
            for r in stored
        ]
        print_json({"responses": rows, "conflicts": [conflict_json(c) for c in kept]}, out)
        return 0
    for r in stored:
        counts = f"{len(r.ratings)} rated  {len(r.comments)} comments"
        print(f"{r.response}  {r.form}  {counts}  {r.origin}", file=out)
    for c in kept:
        print(f"conflict: {c.participant} {c.form} from {c.source}", file=out)
    return 0


def cmd_summary(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.evaluations import EvaluationError, summary

    try:
        found = summary(open_workshop(args), args.form)
    except EvaluationError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(
            {
                "form": found.form,
                "responses": found.responses,
                "ratings": [
                    {"row": r.row, "counts": list(r.counts), "answered": r.answered, "mean": r.mean}
                    for r in found.ratings
                ],
                "comments": found.comments,
            },
            out,
        )
        return 0
    print(f"{found.form}: {found.responses} responses", file=out)
    for r in found.ratings:
        mean = "-" if r.mean is None else f"{r.mean:.2f}"
        print(f"{r.row:<24} {mean:>5}  n={r.answered}  {' '.join(str(n) for n in r.counts)}", file=out)
    for ident, texts in found.comments.items():
        for text in texts:
            print(f"{ident}: {text}", file=out)
    return 0
