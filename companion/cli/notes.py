"""The ``notes`` commands: add a note, bookmark or highlight to an item, list them, export them as a PDF.

Notes are the user's own: they name items by stable ID, so they survive updates of
the workshop, and they are printed bilingual with the passages they refer to.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from companion.cli import CliError, open_workshop, print_json


def add_parsers(sub: Any) -> None:
    notes = sub.add_parser("notes", help="your own notes, bookmarks and highlights on items")
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="add a note to an item (with --passage: on a passage of it; empty TEXT: a highlight)",
    )
    add.add_argument("item", metavar="ID", help="the item's ID (cs-01, doc-05, a glossary term, a tool)")
    add.add_argument("text", metavar="TEXT", nargs="?", default="", help="the note, as you write it")
    add.add_argument("--passage", default="", help="the passage of the item the note is about, quoted")
    add.add_argument("--bookmark", action="store_true", help="bookmark the item (no text)")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)
    listing = actions.add_parser("list", help="list your notes, oldest first")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)
    export = actions.add_parser("export", help="write your notes to a bilingual PDF")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    export.set_defaults(handler=cmd_export)


def cmd_add(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.notes import BOOKMARK, NoteError, marks_of

    workshop = open_workshop(args)
    try:
        if args.bookmark and (args.text or args.passage):
            raise NoteError("--bookmark takes no TEXT and no --passage")
        if not (args.bookmark or args.text or args.passage):
            raise NoteError("give the note's TEXT, a --passage to highlight, or --bookmark")
        mark = marks_of(workshop).add(
            args.item, args.text, args.passage, kind=BOOKMARK if args.bookmark else None
        )
    except NoteError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(mark.as_json(), out)
    else:
        print(
            f"{mark.kind} {mark.id} on {mark.item_id}" + (f" ({mark.field})" if mark.field else ""), file=out
        )
    return 0


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.notes import NoteError, marks_of, quoted

    workshop = open_workshop(args)
    try:
        marks = marks_of(workshop).all()
    except NoteError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json([mark.as_json() for mark in marks], out)
        return 0
    for mark in marks:
        passage = f" {quoted(mark.passage)}" if mark.passage else ""
        body = f": {' '.join(mark.body.split())}" if mark.body else ""
        print(f"{mark.item_id}\t{mark.kind}{passage}{body}", file=out)
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.notes import NoteError, export_notes

    workshop = open_workshop(args)
    try:
        written = export_notes(workshop, args.out)
    except NoteError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(written, file=out)
    return 0
