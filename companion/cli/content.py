"""Commands on the workshop's content: ``self-test``, ``search``, ``content list|show``, and for a
workshop of one's own ``content edit|import-dir``; ``content export-dir`` writes any workshop as TOML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from companion.app.kinds import KIND_IDS, LANGUAGES
from companion.cli import CliError, open_workshop, print_json, quoted

if TYPE_CHECKING:
    from companion.app.domain import ContentError


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
    search.add_argument("--limit", type=_positive, metavar="N", help="list at most N hits (the best first)")
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

    edit = content_sub.add_parser(
        "edit",
        help="replace one item of your own workshop by a TOML file",
        description="Replace item ID of the current workshop, which must be your own (companion workshop "
        "new), by the item in FILE (the same TOML as the item's file in a pack, `id` included). The whole "
        "workshop is validated as a pack is; with any problem nothing is changed.",
    )
    edit.add_argument("id", metavar="ID")
    edit.add_argument("--file", type=Path, required=True, metavar="ITEM.toml")
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=cmd_content_edit)

    export_dir = content_sub.add_parser(
        "export-dir",
        help="write the current workshop as a folder of TOML files (pack.toml and a folder per kind)",
    )
    export_dir.add_argument("dir", type=Path, metavar="DIR")
    export_dir.add_argument("--json", action="store_true")
    export_dir.set_defaults(handler=cmd_content_export_dir)

    import_dir = content_sub.add_parser(
        "import-dir",
        help="replace your own workshop by a folder of TOML files, all or nothing",
        description="Validate every file under DIR (as export-dir writes it) and replace the current "
        "workshop, which must be your own and have the ID in DIR/pack.toml. Every problem is listed as "
        "`file: field: problem`; with any, nothing is changed (exit 1).",
    )
    import_dir.add_argument("dir", type=Path, metavar="DIR")
    import_dir.add_argument("--json", action="store_true")
    import_dir.set_defaults(handler=cmd_content_import_dir)

    status = content_sub.add_parser(
        "status",
        help="list missing and possibly stale translations",
        description="List each text of the current workshop whose translation is missing, or possibly "
        "stale (one language was edited and the other not since they last agreed), as "
        "`ID: field: language: state`.",
    )
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_content_status)


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
    if args.limit is not None:
        hits = hits[: args.limit]
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
    fields = item.model_dump(mode="json", by_alias=True)
    if args.json:
        print_json(fields, out)
        return 0
    _print_fields(fields, out)
    return 0


def _print_fields(value: object, out: TextIO, indent: str = "") -> None:
    """Every field as ``name: value`` lines, nested fields indented, both languages of a text."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if isinstance(inner, dict | list) and inner:
                print(f"{indent}{key}:", file=out)
                _print_fields(inner, out, indent + "  ")
            elif inner not in (None, "", [], {}):
                text = str(inner).replace("\n", "\n" + indent + "  ")
                print(f"{indent}{key}: {text}", file=out)
    elif isinstance(value, list):
        for n, inner in enumerate(value, 1):
            if isinstance(inner, dict | list):
                print(f"{indent}[{n}]", file=out)
                _print_fields(inner, out, indent + "  ")
            else:
                print(f"{indent}- {inner}", file=out)


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def cmd_content_edit(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import ContentError

    workshop = open_workshop(args)
    try:
        item = workshop.edit_item(args.id, args.file)
    except ContentError as exc:
        return _problems(exc, args, out)
    if args.json:
        print_json({"ok": True, "id": item.id, "kind": item.kind}, out)
    else:
        print(f"Replaced {item.kind} {item.id} in workshop {workshop.current_pack_id()}.", file=out)
    return 0


def cmd_content_export_dir(args: argparse.Namespace, out: TextIO) -> int:
    done = open_workshop(args).export_dir(args.dir)
    if args.json:
        print_json({"folder": str(done.folder), "files": done.files, "removed": done.removed}, out)
        return 0
    print(f"Wrote {done.files} files to {done.folder}.", file=out)
    for name in done.removed:
        print(f"Removed {name}: its item is no longer in the workshop.", file=out)
    return 0


def cmd_content_import_dir(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import ContentError

    workshop = open_workshop(args)
    try:
        count = workshop.import_dir(args.dir)
    except ContentError as exc:
        return _problems(exc, args, out)
    if args.json:
        print_json({"ok": True, "pack_id": workshop.current_pack_id(), "items": count}, out)
    else:
        print(f"Replaced workshop {workshop.current_pack_id()} with {count} items from {args.dir}.", file=out)
    return 0


def cmd_content_status(args: argparse.Namespace, out: TextIO) -> int:
    gaps = open_workshop(args).translation_status()
    if args.json:
        rows = [{"id": g.item_id, "path": list(g.path), "lang": g.lang, "state": g.state} for g in gaps]
        print_json(rows, out)
        return 0
    for gap in gaps:
        path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in gap.path).lstrip(".")
        print(f"{gap.item_id}: {path}: {gap.lang}: {gap.state}", file=out)
    if not gaps:
        print("Every text is in both languages, and none is marked stale.", file=out)
    return 0


def _problems(exc: ContentError, args: argparse.Namespace, out: TextIO) -> int:
    """Every problem of a rejected edit or import as ``file: field: problem``; nothing changed (exit 1)."""
    problems = exc.problems
    if args.json:
        listed = [{"file": p.file, "field": p.field, "problem": p.message} for p in problems]
        print_json({"ok": False, "problems": listed}, out)
    else:
        for problem in problems:
            print(" ".join(str(problem).split()), file=sys.stderr)
    count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
    print(f"companion: {count}; nothing was changed", file=sys.stderr)
    return 1
