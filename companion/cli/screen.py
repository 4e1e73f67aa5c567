"""The ``screen`` command: describe a screening tool, or assess an answers file with it.

Practice mode only: the answers are read, assessed and printed; nothing is stored.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from companion.app.kinds import CHILD_POLICIES, LANGUAGES
from companion.cli import CliError, open_workshop, print_json, quoted

# The engine's policies, repeated so that building the parser imports no core module (fast start).
# An answers file names each of a tool's indicators at most once: a few kilobytes. A far larger
# file is not one, and is refused before it fills memory (/dev/zero never ends).
MAX_ANSWERS_BYTES = 1_000_000
EXAMPLE = '{"DR01": "present"}'


def _age(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of years: {text!r}") from None
    if not 0 <= value <= 130:
        raise argparse.ArgumentTypeError(f"not an age in years: {value}")
    return value


def add_parsers(sub: Any) -> None:
    screen = sub.add_parser("screen", help="describe a screening tool or assess answers (nothing is stored)")
    screen.add_argument("tool", help="screening tool ID, e.g. ilo-adult-labour")
    action = screen.add_mutually_exclusive_group(required=True)
    action.add_argument("--describe", action="store_true", help="print the tool's dimensions and indicators")
    action.add_argument(
        "--answers",
        metavar="FILE",
        type=Path,
        help='JSON file {"INDICATOR_ID": "present"|"absent"|"unknown"|"declined"}; - for stdin',
    )
    screen.add_argument("--age", type=_age, metavar="YEARS", help="the person's age, if known")
    screen.add_argument("--act", action="store_true", help="an act by a third party is recorded")
    screen.add_argument(
        "--child-policy",
        choices=CHILD_POLICIES,
        default="palermo",
        help="rule for a person under 18 (ilo-as-adult: for comparison only)",
    )
    screen.add_argument("--lang", choices=LANGUAGES, default="en")
    screen.add_argument("--json", action="store_true")
    screen.set_defaults(handler=cmd_screen)


def cmd_screen(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import ScreeningError, describe_tool, evaluate, result_json

    item = open_workshop(args).item(args.tool)
    if item is None or item.kind != "screening-tool":
        raise CliError(f"no screening tool with id {quoted(args.tool)} in the current workshop")
    if args.describe:
        if args.json:
            print_json(describe_tool(item), out)
        else:
            _print_tool(item, args.lang, out)
        return 0
    answers = _read_answers(args.answers, item)
    try:
        result = evaluate(item, answers, age=args.age, act=args.act, child_policy=args.child_policy)
    except ScreeningError as exc:
        raise CliError(f"{args.answers}: {exc}") from None
    if args.json:
        print_json(result_json(result, args.lang), out)
    else:
        _print_result(item, result, args.lang, out)
    return 0


def _read_answers(path: Path, tool: Any) -> dict[str, str]:
    """The answers file as a flat dict of answers, or a one-line error saying what is wrong with it."""
    from companion.app.domain import ANSWERS

    name = "from standard input" if str(path) == "-" else str(path)
    try:
        answers = json.loads(_read_text(path, name))
    except RecursionError:
        raise CliError(
            f"answers file {name} is nested too deeply: it must be one flat object like {EXAMPLE}"
        ) from None
    except json.JSONDecodeError as exc:
        raise CliError(f"answers file {name} is not valid JSON: {exc.msg} (line {exc.lineno})") from None
    except ValueError:  # the only other failure: a number thousands of digits long
        raise CliError(f"answers file {name} cannot be read: a number in it is too long") from None
    if not isinstance(answers, dict):
        raise CliError(f"answers file {name} must be a JSON object like {EXAMPLE}")
    known = tool.indicator_ids()
    for indicator, answer in answers.items():
        if indicator not in known:
            raise CliError(f"answers file {name}: unknown indicator {quoted(indicator)} for tool {tool.id}")
        if not isinstance(answer, str) or answer not in ANSWERS:
            shown = quoted(answer) if isinstance(answer, str) else f"a JSON {_json_kind(answer)}"
            raise CliError(
                f"answers file {name}: indicator {indicator}: "
                f"answer must be present, absent, unknown or declined, not {shown}"
            )
    return answers


def _read_text(path: Path, name: str) -> str:
    """At most :data:`MAX_ANSWERS_BYTES` of a regular file (or of stdin for ``-``), as UTF-8 text."""
    from companion.app.domain import NotAFileError, TooLargeError, read_regular_file

    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
            if len(data) > MAX_ANSWERS_BYTES:
                raise TooLargeError
        else:
            data = read_regular_file(path, MAX_ANSWERS_BYTES)
    except NotAFileError:
        raise CliError(f"answers file {name} is not a regular file (- reads standard input)") from None
    except TooLargeError:
        too_large = f"answers file {name} is larger than {MAX_ANSWERS_BYTES:,} bytes: not an answers file"
        raise CliError(too_large) from None
    except (OSError, ValueError) as exc:
        raise CliError(f"cannot read answers file {name}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise CliError(f"answers file {name} is not UTF-8 text") from None


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    names: dict[type, str] = {dict: "object", list: "array", str: "string"}
    return names.get(type(value), "number")


def _print_tool(tool: Any, lang: str, out: TextIO) -> None:
    print(f"{tool.title.resolve(lang)[0]} ({tool.id}, version {tool.version})", file=out)
    for dimension in tool.dimensions:
        print(f"\n{dimension.id}  {dimension.title.resolve(lang)[0]}", file=out)
        for indicator in dimension.indicators:
            print(f"  {indicator.id:7} {indicator.grade or '':7} {indicator.text.resolve(lang)[0]}", file=out)


def _print_result(tool: Any, result: Any, lang: str, out: TextIO) -> None:
    print(
        f"{tool.title.resolve(lang)[0]} ({tool.id}, version {tool.version}); policy: {result.policy}",
        file=out,
    )
    print("Practice mode: nothing is stored.\n", file=out)
    for d in result.dimensions:
        state = {True: "positive", False: "not established", None: "-"}[d.positive]
        counts = f"strong {d.strong}  medium {d.medium}  weak {d.weak}" if d.positive is not None else ""
        print(
            f"  {d.id:6} {state:16} present {len(d.present):2}  {counts}  unknown {len(d.unknown)}"
            + (f"  declined {len(d.declined)}" if d.declined else ""),
            file=out,
        )
    complete = "complete" if result.complete else "incomplete: some answers are unknown or declined"
    print(f"\nOutcome: {result.outcome.replace('_', ' ')} ({complete})", file=out)
    print(result.label.resolve(lang)[0], file=out)
    print(f"\n{result.explanation.resolve(lang)[0]}", file=out)
    changes = {dim: ids for dim, ids in result.what_would_change.items() if ids}
    if changes:
        print("\nWhat would change a dimension (each on its own, if found present):", file=out)
        for dim, ids in changes.items():
            print(f"  {dim}: {', '.join(ids)}", file=out)
    print("\nCaveats:", file=out)
    for caveat in result.caveats:
        print(f"  - {' '.join(caveat.resolve(lang)[0].split())}", file=out)
