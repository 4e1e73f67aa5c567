"""The ``tool`` commands: a screening tool to an XLSForm (ODK Collect, KoboToolbox) and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from companion.cli import CliError, open_workshop, quoted


def add_parsers(sub: Any) -> None:
    tool = sub.add_parser("tool", help="exchange screening tools with ODK Collect and KoboToolbox (XLSForm)")
    commands = tool.add_subparsers(dest="tool_command", metavar="COMMAND", required=True)
    export = commands.add_parser("export-xlsform", help="write a screening tool as an XLSForm (.xlsx)")
    export.add_argument("tool", help="screening tool ID, e.g. ilo-adult-labour")
    export.add_argument("out", type=Path, metavar="OUT.xlsx")
    export.set_defaults(handler=cmd_export)
    read = commands.add_parser("import-xlsform", help="build a screening tool from an XLSForm, as TOML")
    read.add_argument("file", type=Path, metavar="FILE.xlsx")
    read.add_argument("--out", type=Path, metavar="ITEM.toml", help="write the TOML here (default: print it)")
    read.set_defaults(handler=cmd_import)


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.xlsform import export_xlsform

    try:
        written = export_xlsform(open_workshop(args), args.tool, args.out)
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    if written is None:
        raise CliError(f"no screening tool with id {quoted(args.tool)} in the current workshop")
    print(written, file=out)
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.xlsform import XlsformError, import_xlsform

    try:
        imported = import_xlsform(args.file, args.out)
    except XlsformError as exc:
        # One line for every row that cannot be used, so all of them can be fixed in one pass.
        for problem in exc.problems:
            print(f"companion: {args.file}: {problem}", file=sys.stderr)
        return 1
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    if args.out is None:
        out.write(imported.toml)
    else:
        print(f"{imported.tool.id}: written to {args.out}", file=out)
    return 0
