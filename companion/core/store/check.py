"""Checking the store: `companion check` and Help ▸ Check database….

Read-only: SQLite's full integrity check and foreign-key check, the search
index's own check, every installed workshop's items against the digest
taken when it was installed (and each item against the content model), and
a count of what the user keeps (field records are counted, never opened; drafts too).
Each finding is one line; the report is one screen.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core.store.backups import list_backups
from companion.core.store.database import explain, is_trouble
from companion.core.store.digest import content_digest
from companion.i18n import _, ngettext

if TYPE_CHECKING:
    from companion.core.store.store import Store

MAX_DETAILS = 5  # problems listed per finding; the rest are counted


@dataclass(frozen=True)
class Finding:
    ok: bool
    text: str


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(finding.ok for finding in self.findings)

    def add(self, ok: bool, text: str) -> None:
        self.findings.append(Finding(ok, text))

    def lines(self) -> list[str]:
        marks = {True: _("ok"), False: _("PROBLEM")}
        lines = [f"{marks[f.ok]:>8}  {f.text}" for f in self.findings]
        lines.append(
            _("No problems found.")
            if self.ok
            else _("Problems found: restore a backup (companion backup list) or re-import the workshop.")
        )
        return lines

    def as_json(self) -> dict[str, object]:
        return {"ok": self.ok, "findings": [{"ok": f.ok, "text": f.text} for f in self.findings]}


def _listed(problems: list[str]) -> str:
    shown = "; ".join(problems[:MAX_DETAILS])
    more = len(problems) - MAX_DETAILS
    return shown + (_(" and {count} more").format(count=more) if more > 0 else "")


def _integrity(conn: sqlite3.Connection, path: Path, report: CheckReport) -> None:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if problems == ["ok"]:
        report.add(True, _("The database file is intact."))
    else:
        report.add(False, _("The database file is damaged: {problems}").format(problems=_listed(problems)))
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({row[0] for row in broken})
        report.add(
            False,
            _("{count} rows refer to rows that do not exist (in {tables}).").format(
                count=len(broken), tables=", ".join(tables)
            ),
        )
    else:
        report.add(True, _("Every reference between tables resolves."))
    try:
        # rank 1: compare each index with the content table too, not only with itself
        for index in ("search_docs_fts", "search_grams"):
            conn.execute(f"INSERT INTO {index}({index}, rank) VALUES('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        if is_trouble(exc):  # read-only or busy: the check could not run, which finds no problem either
            report.add(
                True, _("The search index could not be checked: {reason}").format(reason=explain(exc, path))
            )
        else:
            report.add(False, _("The search index does not match the content ({detail}).").format(detail=exc))
    else:
        report.add(True, _("The search index matches the content."))


def _workshops(store: Store, report: CheckReport) -> None:
    from pydantic import ValidationError

    from companion.core.content import item_adapter

    rows = store.conn.execute("SELECT id, version, content_digest FROM packs ORDER BY id").fetchall()
    for pack_id, version, stored_digest in rows:
        count = store.conn.execute("SELECT count(*) FROM items WHERE pack_id = ?", (pack_id,)).fetchone()[0]
        invalid = []
        for item_id, data in store.conn.execute("SELECT id, data FROM items WHERE pack_id = ?", (pack_id,)):
            try:
                item_adapter.validate_json(data)
            except ValidationError:
                invalid.append(item_id)
        name = _("Workshop {id} {version}").format(id=pack_id, version=version)
        if stored_digest is not None and content_digest(store.conn, pack_id) != stored_digest:
            report.add(False, _("{name}: its items changed outside the application.").format(name=name))
        elif invalid:
            report.add(
                False, _("{name}: items that cannot be read: {ids}").format(name=name, ids=_listed(invalid))
            )
        else:
            report.add(
                True,
                ngettext(
                    "{name}: {count} item, as installed.", "{name}: {count} items, as installed.", count
                ).format(name=name, count=count),
            )
    if not rows:
        report.add(False, _("No workshop is installed."))


def _user_data(store: Store, report: CheckReport) -> None:
    records = store.conn.execute("SELECT count(*) FROM field_records").fetchone()[0]
    report.add(
        True,
        ngettext(
            "{count} field record, sealed (not opened by the check).",
            "{count} field records, sealed (not opened by the check).",
            records,
        ).format(count=records),
    )
    drafts = store.conn.execute("SELECT count(*) FROM drafts").fetchone()[0]
    if drafts:  # autosaved edits that did not validate yet: the window offers them again
        report.add(
            True,
            ngettext(
                "{count} unsaved draft of an edited item.", "{count} unsaved drafts of edited items.", drafts
            ).format(count=drafts),
        )
    backups = list_backups(store.data_dir)
    if backups:
        report.add(
            True,
            ngettext(
                "{count} backup, the newest made {when}.",
                "{count} backups, the newest made {when}.",
                len(backups),
            ).format(count=len(backups), when=backups[0].made_at.strftime("%Y-%m-%d %H:%M")),
        )
    else:
        report.add(True, _("No backups yet: one is made before every import and once a day."))


def check_store(store: Store) -> CheckReport:
    """Check everything the store holds; change nothing."""
    report = CheckReport()
    _integrity(store.conn, store.path, report)
    _workshops(store, report)
    _user_data(store, report)
    return report
