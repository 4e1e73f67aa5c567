"""The ``export`` command: PDF handouts of the current workshop, one path per line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from companion.app.kinds import EDITIONS, HANDOUT_IDS, HANDOUT_LANGUAGES, PAPERS
from companion.cli import CliError, open_workshop

KINDS = (*HANDOUT_IDS, "all")


def add_parsers(sub: Any) -> None:
    export = sub.add_parser("export", help="write PDF handouts of the current workshop")
    export.add_argument("--kind", required=True, choices=KINDS)
    export.add_argument("--lang", required=True, choices=HANDOUT_LANGUAGES)
    export.add_argument("--out", required=True, type=Path, help="folder to write the PDF files into")
    export.add_argument("--edition", choices=EDITIONS, default="participant")
    export.add_argument("--paper", choices=PAPERS, default="a4")
    export.add_argument(
        "--items",
        default="",
        help="comma-separated IDs of the case studies or documents to print (default: all)",
    )
    export.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.workshop import HandoutRequest

    workshop = open_workshop(args)
    if workshop.current_pack_id() is None:
        raise CliError("no workshop is installed in the data folder")
    kinds = HANDOUT_IDS if args.kind == "all" else (args.kind,)
    chosen = tuple(part.strip() for part in args.items.split(",") if part.strip())
    request = HandoutRequest(kinds, args.lang, args.out, args.edition, args.paper, chosen)
    try:
        written = workshop.export_handouts(request)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        # Unwritable folder, full disk: one line naming the folder, no traceback.
        reason = exc.strerror or type(exc).__name__
        raise CliError(f"cannot write handouts to {args.out}: {reason}") from None
    for path in written.files:
        print(path, file=out)
    return 0
