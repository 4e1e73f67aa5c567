"""The ``export`` command: PDF handouts of the current workshop, one path per line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from companion.cli import CliError, open_store

# Literal copies of the core's choices, so that building the parser stays cheap.
KINDS = ("agenda", "case-studies", "screening-forms", "glossary", "sign-in", "all")
LANGUAGES = ("en", "zh-Hans", "bilingual")


def add_parsers(sub: Any) -> None:
    export = sub.add_parser("export", help="write PDF handouts of the current workshop")
    export.add_argument("--kind", required=True, choices=KINDS)
    export.add_argument("--lang", required=True, choices=LANGUAGES)
    export.add_argument("--out", required=True, type=Path, help="folder to write the PDF files into")
    export.add_argument("--edition", choices=("participant", "facilitator"), default="participant")
    export.add_argument("--paper", choices=("a4", "letter"), default="a4")
    export.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from companion.core.handouts import export

    store = open_store(args)
    pack_id = store.current_pack_id()
    if pack_id is None:
        raise CliError("no workshop is installed in the data folder")
    manifest = store.manifest(pack_id)
    try:
        paths = export(
            store.items(),
            manifest,
            store.pack_fingerprint(pack_id) or "",
            args.kind,
            args.lang,
            args.out,
            edition=args.edition,
            paper=args.paper,
        )
    except OSError as exc:
        # Unwritable folder, full disk: one line naming the folder, no traceback.
        reason = exc.strerror or type(exc).__name__
        raise CliError(f"cannot write handouts to {args.out}: {reason}") from None
    for path in paths:
        print(path, file=out)
    return 0
