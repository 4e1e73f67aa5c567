"""The scriptable interface (see PRODUCT.md): argparse over the core, no Qt.

Errors print one line on stderr and exit 1; usage errors exit 2 (argparse).
Commands return an exit code; output goes to the given streams so tests can
capture it without a subprocess.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from companion import APP_NAME, __version__

KINDS = ("agenda-item", "case-study", "screening-tool", "document", "glossary-term")


class CliError(Exception):
    """A problem to report to the user in one line (exit 1)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="companion",
        description=f"{APP_NAME}: offline workshop companion. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="store_true", help="print versions and exit")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("self-test", help="check the installation headlessly")

    search = sub.add_parser("search", help="search the current workshop")
    search.add_argument("query")
    search.add_argument("--lang", choices=("en", "zh-Hans"), default="en")
    search.add_argument("--json", action="store_true")

    content = sub.add_parser("content", help="list or show content items")
    content_sub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    listing = content_sub.add_parser("list", help="list items")
    listing.add_argument("--kind", choices=KINDS)
    listing.add_argument("--json", action="store_true")
    show = content_sub.add_parser("show", help="show one item, every field in both languages")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    return parser


def version_text() -> str:
    import sqlite3

    return f"{APP_NAME} {__version__}\nSQLite {sqlite3.sqlite_version}"


def _open_store(args: argparse.Namespace) -> Any:
    from companion.core.content import ContentError
    from companion.core.datafolder import open_data_folder
    from companion.core.store import StoreError

    try:
        store = open_data_folder(args.data_dir)
    except (StoreError, ContentError) as exc:
        raise CliError(str(exc)) from None
    if store.recovery_message:
        print(store.recovery_message, file=sys.stderr)
    return store


def cmd_self_test(args: argparse.Namespace, out: TextIO) -> int:
    from companion.core import selftest

    results = selftest.run()
    for result in results:
        print(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}", file=out)
    return 0 if all(r.ok for r in results) else 1


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    store = _open_store(args)
    hits = store.search(args.query, args.lang)
    if args.json:
        payload = [{"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet} for h in hits]
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    else:
        for hit in hits:
            print(f"{hit.kind:15} {hit.id:20} {hit.title}\n{'':36} {hit.snippet}", file=out)
        if not hits:
            print("No matches.", file=out)
    return 0


def cmd_content(args: argparse.Namespace, out: TextIO) -> int:
    from companion.core.model import title_of

    store = _open_store(args)
    if args.content_command == "list":
        items = store.items(args.kind)
        if args.json:
            payload = [
                {"kind": item.kind, "id": item.id, "title": title_of(item).as_json()}
                for item in items
            ]
            print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        else:
            for item in items:
                title = title_of(item)
                print(f"{item.kind:15} {item.id:20} {title.resolve('en')[0]}", file=out)
        return 0
    item = store.item(args.id)
    if item is None:
        raise CliError(f"no content item with id {args.id!r} in the current workshop")
    data = item.model_dump(mode="json", by_alias=True)
    print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
    return 0


COMMANDS = {"self-test": cmd_self_test, "search": cmd_search, "content": cmd_content}


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run a parsed command; one-line error on stderr and exit 1 on failure."""
    out = out or sys.stdout
    if args.version:
        print(version_text(), file=out)
        return 0
    try:
        return COMMANDS[args.command](args, out)
    except CliError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"companion: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
