"""The ``pack`` commands: export, verify and import workshop packs; workshops, keys, trust.

A passphrase is read from ``COMPANION_PASSPHRASE`` when it is set (scripts),
otherwise asked for on the terminal; it is never an argument, so it does not
end up in a shell history or a process list.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from companion.app.kinds import EDITIONS, IMPORT_POLICIES
from companion.cli import CliError, decoded_text, open_workshop, print_json

if TYPE_CHECKING:
    from companion.app.domain import VerifiedPack
    from companion.app.workshop import Workshop

PASSPHRASE_VARIABLE = "COMPANION_PASSPHRASE"


def add_parsers(sub: Any) -> None:
    pack = sub.add_parser("pack", help="export, verify and import workshop packs")
    actions = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="write the current workshop to a pack file")
    export.add_argument("file", type=Path)
    export.add_argument("--edition", choices=EDITIONS, default="participant")
    export.add_argument("--sign", action="store_true", help="sign with this data folder's publisher key")
    export.set_defaults(handler=cmd_export)

    verify = actions.add_parser("verify", help="check a pack file without importing it")
    verify.add_argument("file", type=Path)
    verify.set_defaults(handler=cmd_verify)

    imp = actions.add_parser("import", help="import a pack file and print what changed")
    imp.add_argument("file", type=Path)
    imp.add_argument("--policy", choices=IMPORT_POLICIES, default="newer")
    imp.add_argument(
        "--beside",
        action="store_true",
        help="when the installed workshop's publisher did not sign this pack, install it beside "
        "that workshop under a new ID instead of refusing (the installed one is never changed)",
    )
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=cmd_import)

    listing = actions.add_parser("list", help="list the installed workshops (* marks the current one)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)

    use = actions.add_parser("use", help="make an installed workshop the current one")
    use.add_argument("id")
    use.set_defaults(handler=cmd_use)

    key = actions.add_parser("key", help="this data folder's publisher key")
    key_actions = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    key_actions.add_parser("create", help="create a key protected by a passphrase").set_defaults(
        handler=cmd_key_create
    )
    key_actions.add_parser("show", help="print the key's fingerprint").set_defaults(handler=cmd_key_show)

    trust = actions.add_parser("trust", help="trust a publisher by its key's fingerprint")
    trust.add_argument("fingerprint")
    trust.add_argument("--name", required=True, help="the publisher's name, as you will see it")
    trust.set_defaults(handler=cmd_trust)


def _data_dir(args: argparse.Namespace) -> Path:
    from companion.app.workshop import Workshop

    return Path(args.data_dir) if args.data_dir else Workshop.default_folder()


def _passphrase(confirm: bool) -> str:
    value = os.environ.get(PASSPHRASE_VARIABLE)
    if value is not None:
        text = decoded_text(value)  # bytes that are not UTF-8 arrive as lone surrogates
        if text is None:
            raise CliError(f"{PASSPHRASE_VARIABLE} is not valid UTF-8 text")
        return text
    if not sys.stdin.isatty():
        raise CliError(f"a passphrase is needed: set {PASSPHRASE_VARIABLE} or run in a terminal")
    import getpass

    first = getpass.getpass("Passphrase: ")
    if confirm and getpass.getpass("Passphrase again: ") != first:
        raise CliError("the two passphrases differ")
    return first


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import PackError, load_key

    workshop = open_workshop(args)
    try:
        key = load_key(_data_dir(args), _passphrase(False)) if args.sign else None
        result = workshop.export_pack(args.file, args.edition, key)
    except PackError as exc:
        raise CliError(str(exc)) from None
    print(result.path, file=out)
    return 0


def _verified(args: argparse.Namespace, workshop: Workshop) -> VerifiedPack:
    from companion.app.domain import PackError

    try:
        return workshop.verify_pack(args.file)
    except PackError as exc:
        raise CliError(f"{args.file}: {exc}") from None


def cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import describe_pack, signature_warning

    workshop = open_workshop(args)
    pack = _verified(args, workshop)
    for line in describe_pack(pack):
        print(line, file=out)
    warning = signature_warning(pack)
    if warning:
        print(f"Warning: {warning}", file=out)
    refused = workshop.pack_refusal(pack)
    if refused is not None:
        print(f"Warning: {refused}", file=out)
        verdict = "Verified: the pack is intact; it can be imported only beside that workshop (--beside)."
    else:
        verdict = "Verified: the pack is intact and can be imported."
    print(verdict, file=out)
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import PackError, PublisherMismatchError

    workshop = open_workshop(args)
    pack = _verified(args, workshop)
    try:
        report = workshop.import_pack(pack, args.policy, beside=args.beside)
    except PublisherMismatchError as exc:
        hint = "Nothing was changed; --beside installs it as a separate workshop."
        raise CliError(f"{args.file}: {exc} {hint}") from None
    except PackError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    if args.json:
        print_json(report.as_json(), out)
    else:
        for line in report.lines():
            print(line, file=out)
    return 0


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    workshop = open_workshop(args)
    current = workshop.current_pack_id()
    packs = workshop.packs()
    if args.json:
        print_json(
            [
                {
                    "id": p.id,
                    "version": p.version,
                    "title": p.title.as_json(),
                    "publisher": p.publisher,
                    "source": p.source,
                    "signer": workshop.signer_of(p.id),  # the bundled one's is the pinned key
                    "current": p.id == current,
                }
                for p in packs
            ],
            out,
        )
        return 0
    for p in packs:
        mark = "*" if p.id == current else " "
        signer = workshop.signer_of(p.id)
        signed = "unsigned" if signer is None else f"signed by {workshop.publisher_name(signer, p.id)}"
        print(f"{mark} {p.id:24} {p.version:8} {p.source:9} {p.title.resolve('en')[0]}  ({signed})", file=out)
    return 0


def cmd_use(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import StoreError

    try:
        open_workshop(args).use(args.id)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    return 0


def cmd_key_create(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import PackError, create_key, show_fingerprint

    try:
        value = create_key(_data_dir(args), _passphrase(True))
    except PackError as exc:
        raise CliError(str(exc)) from None
    print(show_fingerprint(value), file=out)
    return 0


def cmd_key_show(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import own_fingerprint, show_fingerprint

    value = own_fingerprint(_data_dir(args))
    if value is None:
        raise CliError("this data folder has no publisher key; create one with `companion pack key create`")
    print(show_fingerprint(value), file=out)
    return 0


def cmd_trust(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import PackError, parse_fingerprint, show_fingerprint

    try:
        value = parse_fingerprint(args.fingerprint)
    except PackError as exc:
        raise CliError(str(exc)) from None
    name = " ".join(args.name.split())
    if not name:
        raise CliError("the publisher needs a name")
    open_workshop(args).trust_publisher(value, name)
    print(f"Trusted {name}: {show_fingerprint(value)}", file=out)
    return 0
