"""Attendance per half-day session: who was there, by participant code.

The sessions are the ones the sign-in sheets print (one sheet per half-day,
:func:`companion.core.handouts.builder.sign_in`): each day of the workshop split
into a morning and an afternoon, with IDs ``d1-am``, ``d1-pm``, ``d2-am``...
A mark names a participant by code only. Marking an unknown code or session is
refused in one line; an attendance file is checked whole and stored in one
transaction, or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core.agenda import day_date
from companion.core.assess.tables import TableError, read_table
from companion.i18n import N_, _

if TYPE_CHECKING:
    from companion.core.model import Manifest
    from companion.core.store.store import Store

# The same words as the sign-in sheets' headings (companion.core.handouts.builder.HALF_DAYS).
HALF_DAYS = (("am", N_("Day {number} ({date}), morning")), ("pm", N_("Day {number} ({date}), afternoon")))
ALIASES = {
    "code": "code",
    "session": "session",
    "present": "present",
    "编号": "code",
    "场次": "session",
    "出席": "present",
}
YES = {"1", "yes", "y", "true", "x", "present", "是", "出席", "✓", "√"}
NO = {"0", "no", "n", "false", "absent", "否", "缺席"}


class AttendanceError(TableError):
    """Marks that cannot be stored; one line per problem."""


@dataclass(frozen=True)
class HalfDay:
    id: str  # "d1-am"
    day: int
    half: str  # "am" or "pm"
    date: str  # ISO
    label: str  # untranslated (N_) pattern; fill with number and date after _()

    def title(self) -> str:
        return _(self.label).format(number=self.day, date=self.date)


@dataclass(frozen=True)
class Mark:
    code: str
    session: str
    present: bool = True


def half_days(manifest: Manifest) -> list[HalfDay]:
    """Every half-day session of the workshop, in order."""
    start = manifest.workshop.start_date
    return [
        HalfDay(f"d{day}-{half}", day, half, day_date(start, day).isoformat(), label)
        for day in range(1, manifest.workshop.days + 1)
        for half, label in HALF_DAYS
    ]


def read_marks(path: Path) -> list[tuple[int, Mark]]:
    """(line, mark) for each row of a CSV/XLSX file with columns code,session[,present]."""
    try:
        rows = read_table(path, ALIASES, required=("code", "session"))
    except TableError as exc:
        raise AttendanceError(exc.problems) from None
    marks: list[tuple[int, Mark]] = []
    problems: list[str] = []
    for number, row in rows:
        present = (row.get("present") or "1").casefold()  # a row listed without a value: there
        if present not in YES | NO:
            problems.append(
                _("line {line}: present must be 1 or 0, not {value}").format(
                    line=number, value=row["present"]
                )
            )
            continue
        marks.append((number, Mark(row["code"].upper(), row["session"].lower(), present in YES)))
    if problems:
        raise AttendanceError(problems)
    return marks


class Attendance:
    """The attendance marks of one workshop in one data folder."""

    def __init__(self, store: Store, manifest: Manifest) -> None:
        self.store = store
        self.pack_id = manifest.id
        self.sessions = half_days(manifest)

    def _problems(self, marks: Sequence[tuple[int | None, Mark]]) -> list[str]:
        codes = {
            code
            for (code,) in self.store.conn.execute(
                "SELECT code FROM participants WHERE pack_id = ?", (self.pack_id,)
            )
        }
        sessions = {session.id for session in self.sessions}
        problems = []
        for number, mark in marks:
            found = []
            if mark.code not in codes:
                found.append(_("no participant has the code {code}").format(code=mark.code or '""'))
            if mark.session not in sessions:
                found.append(
                    _("no half-day session {session} (they are {first} to {last})").format(
                        session=mark.session or '""', first=self.sessions[0].id, last=self.sessions[-1].id
                    )
                )
            if number is not None:
                found = [_("line {line}: {problem}").format(line=number, problem=line) for line in found]
            problems += found
        return problems

    def mark(self, code: str, session: str, present: bool = True) -> Mark:
        mark = Mark(code.strip().upper(), session.strip().lower(), present)
        self._store([(None, mark)])
        return mark

    def import_file(self, path: Path) -> int:
        marks = read_marks(path)
        if not marks:
            raise AttendanceError([_("The file lists no attendance marks.")])
        self._store(list(marks))
        return len(marks)

    def _store(self, marks: Sequence[tuple[int | None, Mark]]) -> None:
        problems = self._problems(marks)
        if problems:
            raise AttendanceError(problems)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT INTO attendance(pack_id, code, session_id, present, marked_at) VALUES(?, ?, ?, ?, ?) "
                "ON CONFLICT(pack_id, code, session_id) DO UPDATE SET present = excluded.present, "
                "marked_at = excluded.marked_at",
                [(self.pack_id, m.code, m.session, int(m.present), now) for _line, m in marks],
            )

    def marks(self) -> list[Mark]:
        """Every mark, by code then session order."""
        order = {session.id: index for index, session in enumerate(self.sessions)}
        rows = self.store.conn.execute(
            "SELECT code, session_id, present FROM attendance WHERE pack_id = ?", (self.pack_id,)
        ).fetchall()
        marks = [Mark(code, session, bool(present)) for code, session, present in rows]
        return sorted(marks, key=lambda m: (m.code, order.get(m.session, len(order)), m.session))
