"""A workshop's participants: codes in plain, everything else about them sealed.

A participant is known everywhere (attendance, results, reports) by a code
like P001. Their names in Latin and Chinese script, agency and function are
personal data: they are sealed with the field-records vault
(:meth:`companion.core.records.Vault.seal_other`), bound to the workshop and
the code, so the database file holds no name in plain. Codes can be listed
and used without the passphrase; names need the vault unlocked.

A roster file (CSV or XLSX) is checked whole before anything is stored, and
stored in one transaction: every problem is reported on its own line
(``line 12: code P012 appears twice``) and nothing is imported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core.assess.tables import TableError, read_table
from companion.core.sealing import WrongPassphraseError
from companion.i18n import _

if TYPE_CHECKING:
    from companion.core.records import Vault
    from companion.core.store.store import Store

CODE_PATTERN = re.compile(r"^P\d{3,4}$")
FIELDS = ("code", "name_latin", "name_zh", "agency", "function")
# Header names accepted in a roster file: English and the Chinese a Chinese-language sheet uses.
ALIASES = {
    "code": "code",
    "name_latin": "name_latin",
    "name_zh": "name_zh",
    "agency": "agency",
    "function": "function",
    "编号": "code",
    "姓名(拼音)": "name_latin",
    "姓名（拼音）": "name_latin",
    "姓名": "name_zh",
    "单位": "agency",
    "职务": "function",
}
MAX_FIELD = 200


class RosterError(TableError):
    """A roster or a participant that cannot be stored; one line per problem."""


@dataclass(frozen=True)
class Participant:
    code: str
    name_latin: str = ""
    name_zh: str = ""
    agency: str = ""
    function: str = ""

    def sealed_part(self) -> bytes:
        document = {name: value for name, value in asdict(self).items() if name != "code"}
        return json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _associated(pack_id: str, code: str) -> str:
    return f"participant:{pack_id}:{code}"


def code_problem(code: str) -> str | None:
    """Why ``code`` is not a participant code, or None."""
    if not CODE_PATTERN.match(code):
        return _("code {code} is not like P001 (P and three or four digits)").format(code=code or '""')
    return None


def participant_problems(person: Participant) -> list[str]:
    problems = [problem] if (problem := code_problem(person.code)) else []
    if not (person.name_latin or person.name_zh):
        problems.append(_("participant {code} has no name").format(code=person.code))
    if any(len(value) > MAX_FIELD for value in asdict(person).values()):
        problems.append(
            _("participant {code}: a field is longer than {count} characters").format(
                code=person.code, count=MAX_FIELD
            )
        )
    return problems


def read_roster(path: Path) -> list[Participant]:
    """The participants in a CSV or XLSX file, or :class:`RosterError` listing every problem by line."""
    try:
        rows = read_table(path, ALIASES, required=("code",))
    except TableError as exc:
        raise RosterError(exc.problems) from None
    problems: list[str] = []
    seen: dict[str, int] = {}
    people: list[Participant] = []
    for number, row in rows:
        person = Participant(**{name: row.get(name, "") for name in FIELDS})
        if person.code.upper() != person.code and CODE_PATTERN.match(person.code.upper()):
            person = Participant(**{**asdict(person), "code": person.code.upper()})
        for problem in participant_problems(person):
            problems.append(_("line {line}: {problem}").format(line=number, problem=problem))
        if person.code in seen:
            problems.append(
                _("line {line}: code {code} appears twice (first on line {first})").format(
                    line=number, code=person.code, first=seen[person.code]
                )
            )
        seen.setdefault(person.code, number)
        people.append(person)
    if not people and not problems:
        problems.append(_("The file lists no participants."))
    if problems:
        raise RosterError(problems)
    return people


class Roster:
    """The participants of one workshop in one data folder; names through the vault."""

    def __init__(self, store: Store, vault: Vault, pack_id: str) -> None:
        self.store = store
        self.vault = vault
        self.pack_id = pack_id

    def codes(self) -> list[str]:
        """Every participant's code, in order; needs no passphrase."""
        rows = self.store.conn.execute(
            "SELECT code FROM participants WHERE pack_id = ? ORDER BY code", (self.pack_id,)
        )
        return [code for (code,) in rows]

    def participants(self) -> list[Participant]:
        """Every participant with their names (the vault must be unlocked).

        A row that does not open (damaged, or sealed under another passphrase)
        keeps its code and shows no name, so the rest of the roster still opens.
        """
        rows = self.store.conn.execute(
            "SELECT code, sealed FROM participants WHERE pack_id = ? ORDER BY code", (self.pack_id,)
        ).fetchall()
        people = []
        for code, box in rows:
            try:
                fields = json.loads(self.vault.open_other(bytes(box), _associated(self.pack_id, code)))
                people.append(Participant(code, **{name: str(fields.get(name, "")) for name in FIELDS[1:]}))
            except (WrongPassphraseError, ValueError, TypeError, AttributeError):
                people.append(Participant(code))
        return people

    def save(self, people: Sequence[Participant]) -> int:
        """Add or change ``people`` (a roster file, or rows edited in the window), all or nothing."""
        problems = [line for person in people for line in participant_problems(person)]
        codes = [person.code for person in people]
        problems += [
            _("code {code} appears twice").format(code=code)
            for code in sorted({c for c in codes if codes.count(c) > 1})
        ]
        if problems:
            raise RosterError(problems)
        now = _now()
        rows = [
            (
                self.pack_id,
                person.code,
                self.vault.seal_other(person.sealed_part(), _associated(self.pack_id, person.code)),
                now,
            )
            for person in people
        ]
        # secure_delete overwrites the freed pages, so a name that was changed does not linger.
        self.store.conn.execute("PRAGMA secure_delete = ON")
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT INTO participants(pack_id, code, sealed, updated_at) VALUES(?, ?, ?, ?) "
                "ON CONFLICT(pack_id, code) DO UPDATE SET sealed = excluded.sealed, "
                "updated_at = excluded.updated_at",
                rows,
            )
        return len(rows)

    def import_file(self, path: Path) -> int:
        return self.save(read_roster(path))

    def remove(self, code: str) -> None:
        """Remove a participant and their attendance marks, together."""
        self.store.conn.execute("PRAGMA secure_delete = ON")
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM attendance WHERE pack_id = ? AND code = ?", (self.pack_id, code))
            conn.execute("DELETE FROM participants WHERE pack_id = ? AND code = ?", (self.pack_id, code))
