"""The roster and attendance of the current workshop, as the window and the command line use them.

Thin: the rules are in :mod:`companion.core.assess.roster` and
:mod:`companion.core.assess.attendance`; this module finds the current
workshop and hands the surfaces the core's names (types and errors).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.core.assess.attendance import Attendance, AttendanceError, HalfDay, Mark, half_days
from companion.core.assess.roster import FIELDS, Participant, Roster, RosterError, code_problem
from companion.core.assess.roster import read_roster as read_roster_file
from companion.core.assess.tables import TableError
from companion.i18n import _

if TYPE_CHECKING:
    from companion.app.workshop import Workshop
    from companion.core.records import Vault

__all__ = [
    "FIELDS",
    "Attendance",
    "AttendanceError",
    "HalfDay",
    "Mark",
    "Participant",
    "Roster",
    "RosterError",
    "TableError",
    "attendance_of",
    "code_problem",
    "half_days",
    "read_roster_file",
    "roster_of",
]


def _pack_id(workshop: Workshop) -> str:
    pack_id = workshop.current_pack_id()
    if pack_id is None:
        raise RosterError([_("No workshop is installed in this data folder.")])
    return pack_id


def roster_of(workshop: Workshop, vault: Vault | None = None) -> Roster:
    """The current workshop's roster; names open through ``vault`` (the records' vault) when unlocked."""
    return Roster(workshop.store, vault or workshop.vault(), _pack_id(workshop))


def attendance_of(workshop: Workshop) -> Attendance:
    manifest = workshop.manifest(_pack_id(workshop))
    if manifest is None:
        raise AttendanceError([_("No workshop is installed in this data folder.")])
    return Attendance(workshop.store, manifest)
