"""Commands for a workshop of one's own: ``workshop new|set|show``.

``new`` copies an installed workshop (the bundled one too, which stays as it
is) under a new ID and makes the copy current; ``set`` changes the current
copy's details; ``show`` prints the current workshop's manifest. The work is
done by :class:`companion.app.workshop.Workshop` (see companion.core.authoring).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from companion.cli import open_workshop, print_json


def add_parsers(sub: Any) -> None:
    workshop = sub.add_parser("workshop", help="make a workshop of your own and set its details")
    actions = workshop.add_subparsers(dest="workshop_command", metavar="ACTION", required=True)

    new = actions.add_parser(
        "new",
        help="copy an installed workshop under a new ID; the copy becomes current",
        description="Copy an installed workshop (e.g. the bundled one, which is never changed) as a "
        "workshop of your own that you can edit. The copy keeps the version it was copied with.",
    )
    new.add_argument("new_id", metavar="NEW_ID", help="lower-case letters, digits and hyphens")
    new.add_argument("--from", dest="from_id", metavar="ID", required=True, help="the workshop to copy")
    new.add_argument("--title-en", metavar="T")
    new.add_argument("--title-zh", metavar="T")
    new.add_argument("--json", action="store_true")
    new.set_defaults(handler=cmd_new)

    set_ = actions.add_parser(
        "set",
        help="set the current workshop's title, dates, venue, organiser or trainers",
        description="Change details of the current workshop, which must be your own "
        "(companion workshop new). Options not given stay as they are.",
    )
    set_.add_argument("--start-date", metavar="YYYY-MM-DD")
    set_.add_argument("--days", type=int, metavar="N")
    for option in ("title", "venue", "organiser"):
        set_.add_argument(f"--{option}-en", metavar=option[0].upper())
        set_.add_argument(f"--{option}-zh", metavar=option[0].upper())
    set_.add_argument(
        "--trainers",
        metavar="FILE.toml",
        type=Path,
        help="replace the trainers by the [[trainers]] tables of FILE.toml (role, organisation, "
        "optional name); `trainers = []` removes them",
    )
    set_.add_argument("--json", action="store_true")
    set_.set_defaults(handler=cmd_set)

    show = actions.add_parser("show", help="show the current workshop's manifest")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)


def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    manifest = open_workshop(args).new_workshop(args.new_id, args.from_id, args.title_en, args.title_zh)
    if args.json:
        print_json(manifest.model_dump(mode="json", by_alias=True, exclude_none=True), out)
    else:
        print(f"Created workshop {manifest.id} from {args.from_id}; it is now the current one.", file=out)
    return 0


def cmd_set(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.workshop import WorkshopChanges

    workshop = open_workshop(args)
    trainers = workshop.read_trainers(args.trainers) if args.trainers is not None else None
    changes = WorkshopChanges(
        title_en=args.title_en,
        title_zh=args.title_zh,
        start_date=args.start_date,
        days=args.days,
        venue_en=args.venue_en,
        venue_zh=args.venue_zh,
        organiser_en=args.organiser_en,
        organiser_zh=args.organiser_zh,
        trainers=trainers,
    )
    manifest = workshop.set_workshop(changes)
    if args.json:
        print_json(manifest.model_dump(mode="json", by_alias=True, exclude_none=True), out)
    else:
        details = manifest.workshop
        print(f"Workshop {manifest.id}: {details.days} days from {details.start_date}.", file=out)
    return 0


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from companion.cli import CliError

    workshop = open_workshop(args)
    manifest = workshop.manifest()
    if manifest is None:
        raise CliError("no workshop is installed in the data folder")
    if args.json:
        print_json(manifest.model_dump(mode="json", by_alias=True, exclude_none=True), out)
        return 0
    details = manifest.workshop
    own = "your own, editable" if workshop.is_working_copy() else "not editable: copy it with `workshop new`"
    print(f"{manifest.id} {manifest.version}: {own}", file=out)
    print(f"  {details.title.resolve('en')[0]}", file=out)
    print(f"  {details.days} days from {details.start_date}; {details.venue.resolve('en')[0]}", file=out)
    print(f"  organiser: {details.organiser.resolve('en')[0]}", file=out)
    for trainer in details.trainers or []:
        name = f"{trainer.name}, " if trainer.name else ""
        role, organisation = trainer.role.resolve("en")[0], trainer.organisation.resolve("en")[0]
        print(f"  trainer: {name}{role}, {organisation}", file=out)
    return 0
