"""The ``assess`` commands: the knowledge checks, answer files, paper sheets and scans.

Each part registers its own commands on the ``assess`` group (``_add_*`` below) so the
laptop side (forms, answer) and the paper side (sheets, scan) stay apart.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from companion.cli import CliError, open_workshop, print_json


def add_parsers(sub: Any) -> None:
    assess = sub.add_parser("assess", help="knowledge checks: forms, answers, paper sheets, scans")
    commands = assess.add_subparsers(dest="assess_command", metavar="COMMAND", required=True)
    _add_laptop(commands)
    from companion.cli import assess_paper

    assess_paper.add_commands(commands)


def _add_laptop(commands: Any) -> None:
    forms = commands.add_parser("forms", help="the knowledge checks, their objectives and questions")
    forms.add_argument("--json", action="store_true", help="print JSON")
    forms.set_defaults(handler=cmd_forms)
    answer = commands.add_parser("answer", help="write a result file from an answers file (as a laptop does)")
    answer.add_argument("--form", required=True, metavar="ID")
    answer.add_argument("--participant", required=True, metavar="CODE")
    answer.add_argument("--answers", type=Path, required=True, metavar="FILE", help='{"q-01": "B", ...}')
    answer.add_argument("--attempt", choices=("pre", "post"), default="pre")
    answer.add_argument("--out", type=Path, required=True, metavar="RESULT_FILE")
    answer.set_defaults(handler=cmd_answer)


def cmd_forms(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.assess import forms_json

    listed = forms_json(open_workshop(args))
    if args.json:
        print_json(listed, out)
    else:
        for form in listed:
            title = form["title"]["en"] or form["title"]["zh-Hans"]
            print(f"{form['id']}  {title}  ({len(form['questions'])} questions)", file=out)
    return 0


def cmd_answer(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.assess import ResultError, answer, read_answers

    try:
        answers = read_answers(args.answers)
        result = answer(open_workshop(args), args.form, args.participant, answers, args.out, args.attempt)
    except ResultError as exc:
        raise CliError(str(exc)) from None
    blank = sum(1 for choice in result.answers.values() if choice is None)
    print(f"wrote {args.out} ({len(result.answers)} questions, {blank} blank)", file=out)
    return 0
