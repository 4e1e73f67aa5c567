"""Commands that read the workshop: ``self-test``, ``search``, ``content list|show``."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from companion.app.kinds import KIND_IDS, LANGUAGES
from companion.cli import CliError, open_workshop, print_json, quoted


def add_parsers(sub: Any) -> None:
    self_test = sub.add_parser("self-test", help="check the installation headlessly")
    self_test.set_defaults(handler=cmd_self_test)

    search = sub.add_parser(
        "search",
        help="search the current workshop",
        description="Search everything this copy of the workshop holds, as `content show` prints it: "
        "every stage of every case study and, in a facilitator edition, facilitator notes and answer keys. "
        "The window's search is safe for a projector: it finds only what the room may see. --audience "
        "searches as the window does before any stage is revealed or notes are shown.",
    )
    search.add_argument("query")
    search.add_argument(
        "--audience",
        action="store_true",
        help="leave out facilitator notes, answer keys, case-study stages after the first "
        "and discussion questions",
    )
    search.add_argument("--lang", choices=LANGUAGES, default="en")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=cmd_search)

    content = sub.add_parser("content", help="list or show content items")
    content_sub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    listing = content_sub.add_parser("list", help="list items")
    listing.add_argument("--kind", choices=KIND_IDS)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_content_list)
    show = content_sub.add_parser("show", help="show one item, every field in both languages")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_content_show)


def cmd_self_test(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import run_self_test

    # The window's check is handed in by the composition root (companion.__main__):
    # the command line itself never imports the window.
    window_check = getattr(args, "window_check", None)
    results = run_self_test(extra=[("main window", window_check)] if window_check else [])
    for result in results:
        print(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}", file=out)
    return 0 if all(r.ok for r in results) else 1


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import AUDIENCE, EVERYTHING

    hits = open_workshop(args).search(args.query, args.lang, AUDIENCE if args.audience else EVERYTHING)
    if args.json:
        print_json([{"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet} for h in hits], out)
        return 0
    for hit in hits:
        print(f"{hit.kind:15} {hit.id:20} {hit.title}\n{'':36} {hit.snippet}", file=out)
    if not hits:
        print("No matches.", file=out)
    return 0


def cmd_content_list(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import title_of

    items = open_workshop(args).items(args.kind)
    if args.json:
        print_json([{"kind": i.kind, "id": i.id, "title": title_of(i).as_json()} for i in items], out)
        return 0
    for item in items:
        print(f"{item.kind:15} {item.id:20} {title_of(item).resolve('en')[0]}", file=out)
    return 0


def cmd_content_show(args: argparse.Namespace, out: TextIO) -> int:
    item = open_workshop(args).item(args.id)
    if item is None:
        raise CliError(f"no content item with id {quoted(args.id)} in the current workshop")
    print_json(item.model_dump(mode="json", by_alias=True), out)
    return 0
