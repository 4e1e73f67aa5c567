"""The ``roster`` commands: import participants from a CSV or XLSX file, list them.

Codes (P001...) are stored in plain; names, agency and function are sealed
with the field-records vault, so importing needs its passphrase (set up on
first use), read from ``COMPANION_PASSPHRASE`` or asked for on the terminal.
Listing needs no passphrase for the codes; ``--names`` (or the variable being
set) opens the vault and adds the rest. A roster file with problems is
refused whole, one line per problem on stderr.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from companion.cli import CliError, open_workshop, print_json

if TYPE_CHECKING:
    from companion.app.domain import Vault
    from companion.app.workshop import Workshop


def add_parsers(sub: Any) -> None:
    roster = sub.add_parser(
        "roster", help="the participants: codes, and names sealed with the records' vault"
    )
    actions = roster.add_subparsers(dest="roster_command", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="add or update participants from a CSV or XLSX file (all or nothing)",
        description="Columns code,name_latin,name_zh,agency,function (or 编号,姓名(拼音),姓名,单位,职务). "
        "Names are sealed with the field records' passphrase (COMPANION_PASSPHRASE or asked for).",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=cmd_import)
    listing = actions.add_parser("list", help="list the participants: codes, and names with the passphrase")
    listing.add_argument("--names", action="store_true", help="open the vault and show names too")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)


def report(problems: list[str]) -> int:
    """Each problem on a line of its own (stderr); the command fails."""
    from companion.cli import _fail  # the same one-line form (and length limit) as every error

    for line in problems:
        _fail(line)
    return 1


def open_vault(workshop: Workshop, create: bool) -> Vault:
    """The records' vault unlocked with the passphrase; set up with it first when ``create`` and new."""
    from companion.app.domain import RecordsError, WrongPassphraseError
    from companion.cli.pack import _passphrase

    vault = workshop.vault()
    try:
        if vault.is_set_up:
            vault.unlock(_passphrase(False))
        elif create:
            passphrase = _passphrase(True)
            vault.set_up(passphrase, passphrase)
        else:
            raise CliError("the field records have no passphrase yet: the roster holds no names")
    except (RecordsError, WrongPassphraseError) as exc:
        raise CliError(str(exc)) from None
    return vault


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.roster import RosterError, read_roster_file, roster_of

    workshop = open_workshop(args)
    try:
        people = read_roster_file(args.file)  # checked before the passphrase is asked for
    except RosterError as exc:
        return report(exc.problems)
    try:
        count = roster_of(workshop, open_vault(workshop, create=True)).save(people)
    except RosterError as exc:
        return report(exc.problems)
    if args.json:
        print_json({"imported": count}, out)
    else:
        print(f"{count} participants imported", file=out)
    return 0


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.roster import RosterError, roster_of

    workshop = open_workshop(args)
    names = args.names or os.environ.get("COMPANION_PASSPHRASE") is not None
    try:
        if names:
            rows = [
                vars_of(person) for person in roster_of(workshop, open_vault(workshop, False)).participants()
            ]
        else:
            rows = [{"code": code} for code in roster_of(workshop).codes()]
    except RosterError as exc:
        return report(exc.problems)
    if args.json:
        print_json(rows, out)
    else:
        for row in rows:
            print("\t".join(row.values()), file=out)
    return 0


def vars_of(person: Any) -> dict[str, str]:
    from dataclasses import asdict

    return {name: str(value) for name, value in asdict(person).items()}
