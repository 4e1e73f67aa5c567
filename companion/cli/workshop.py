"""Commands for a workshop of one's own: ``workshop new|set|show|publish|changes``.

``new`` copies an installed workshop (the bundled one too, which stays as it
is) under a new ID and makes the copy current; ``set`` changes the current
copy's details; ``show`` prints the current workshop's manifest; ``publish``
raises its version and writes its two signed packs; ``changes`` lists the
published versions. The work is
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

    publish = actions.add_parser(
        "publish",
        help="publish the current workshop: a new version and its two signed packs",
        description="Raise the version of the current workshop (your own) to the next minor one, record "
        "SUMMARY in its change log and write the facilitator and participant packs into DIR, signed "
        "with this data folder's publisher key (companion pack key create). Refused, with nothing "
        "written, while an item has problems or unsaved changes.",
    )
    publish.add_argument("--summary", required=True, metavar="TEXT", help="what changed, in a line")
    publish.add_argument("--out", required=True, type=Path, metavar="DIR")
    publish.add_argument("--unsigned", action="store_true", help="write the packs without a signature")
    publish.add_argument("--json", action="store_true")
    publish.set_defaults(handler=cmd_publish)

    changes = actions.add_parser("changes", help="list the published versions of the current workshop")
    changes.add_argument("--json", action="store_true")
    changes.set_defaults(handler=cmd_changes)


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


def cmd_publish(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.domain import load_key
    from companion.cli.pack import _passphrase

    workshop = open_workshop(args)
    key = None if args.unsigned else load_key(workshop.data_dir, _passphrase(False))
    done = workshop.publish(args.summary, args.out, key=key)
    if args.json:
        print_json(
            {
                "version": done.version,
                "facilitator_pack": str(done.facilitator_pack),
                "participant_pack": str(done.participant_pack),
            },
            out,
        )
    else:
        print(f"Published {workshop.current_pack_id()} {done.version}:", file=out)
        print(f"  {done.facilitator_pack}", file=out)
        print(f"  {done.participant_pack}", file=out)
    return 0


def cmd_changes(args: argparse.Namespace, out: TextIO) -> int:
    rows = open_workshop(args).changes()
    if args.json:
        print_json([{"version": v, "date": d, "summary": s} for v, d, s in rows], out)
        return 0
    for version, date, summary in rows:
        print(f"{version}  {date}  {summary}", file=out)
    if not rows:
        print("No version of this workshop has been published yet.", file=out)
    return 0
