"""Commands that read the workshop: ``self-test``, ``search``, ``content list|show``."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from companion.cli import CliError, open_store, print_json, quoted

# A literal copy of the content kinds, so building the parser loads no model (a test keeps them equal).
KINDS = ("agenda-item", "case-study", "screening-tool", "document", "glossary-term")


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
    search.add_argument("--lang", choices=("en", "zh-Hans"), default="en")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=cmd_search)

    content = sub.add_parser("content", help="list or show content items")
    content_sub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    listing = content_sub.add_parser("list", help="list items")
    listing.add_argument("--kind", choices=KINDS)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_content_list)
    show = content_sub.add_parser("show", help="show one item, every field in both languages")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_content_show)


def cmd_self_test(args: argparse.Namespace, out: TextIO) -> int:
    from companion.core import selftest

    results = selftest.run(extra=[("main window", _check_main_window)])
    for result in results:
        print(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}", file=out)
    return 0 if all(r.ok for r in results) else 1


def _check_main_window() -> str:
    # The only check that needs Qt: imported when it runs, so the command line stays Qt-free.
    from companion.gui.selfcheck import open_and_close_main_window

    return open_and_close_main_window()


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from companion.core.store.search import AUDIENCE, EVERYTHING

    hits = open_store(args).search(args.query, args.lang, AUDIENCE if args.audience else EVERYTHING)
    if args.json:
        print_json([{"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet} for h in hits], out)
        return 0
    for hit in hits:
        print(f"{hit.kind:15} {hit.id:20} {hit.title}\n{'':36} {hit.snippet}", file=out)
    if not hits:
        print("No matches.", file=out)
    return 0


def cmd_content_list(args: argparse.Namespace, out: TextIO) -> int:
    from companion.core.model import title_of

    items = open_store(args).items(args.kind)
    if args.json:
        print_json([{"kind": i.kind, "id": i.id, "title": title_of(i).as_json()} for i in items], out)
        return 0
    for item in items:
        print(f"{item.kind:15} {item.id:20} {title_of(item).resolve('en')[0]}", file=out)
    return 0


def cmd_content_show(args: argparse.Namespace, out: TextIO) -> int:
    item = open_store(args).item(args.id)
    if item is None:
        raise CliError(f"no content item with id {quoted(args.id)} in the current workshop")
    print_json(item.model_dump(mode="json", by_alias=True), out)
    return 0
