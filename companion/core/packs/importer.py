"""Importing a verified pack: a policy per item, a report, one transaction.

Items are matched by their stable ID, never by title. For each item of the
pack the plan says *added* (new ID), *unchanged* (same content), *updated* or
*skipped* (content differs; the policy decides):

- ``newer`` (the default): the pack's item wins when the pack's version is
  higher than the installed copy's (versions compare as numbers, ``1.10`` >
  ``1.9``). Items carry no revision of their own: the pack version is the one
  clock, so a publisher raises it with every change.
- ``overwrite``: the pack's item always wins.
- ``keep``: the installed item always stays ("keep mine").

Under ``newer``, a pack of the same version whose item differs from the installed
one only by facilitator-only fields the installed copy lacks (a participant
install meeting the facilitator pack) updates it: nothing installed is lost.

Items installed but absent from the pack are kept (reported as unchanged):
an import never deletes content. A pack whose ID is not installed yet is
installed beside the others and becomes the current workshop. An installed
workshop that is signed (the bundled one by the pinned bundled publisher) is
updated only by a pack signed with the same key (:mod:`.publisher`); any
other pack is refused before anything is planned, or, when the user chooses,
installed beside it under a new ID, never over it. The merged
workshop is checked as a whole (links and answer keys still resolve) before
anything is written, and then written in one transaction, so notes,
bookmarks and records keyed by (pack, item ID) stay attached, and a failure
or a cancel leaves the store exactly as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from companion.core.content import ContentPack, cross_check, ordered
from companion.core.editions import for_edition, has_facilitator_content
from companion.core.packs.format import PackError, version_key
from companion.core.packs.publisher import beside_id, installed_publisher, refusal
from companion.core.packs.verify import VerifiedPack
from companion.core.progress import CancelCheck, Progress, never_cancelled, no_progress
from companion.core.sources import fingerprint
from companion.i18n import N_, _

POLICIES: tuple[str, ...] = ("newer", "overwrite", "keep")
POLICY_NAMES = {"newer": N_("newer wins"), "overwrite": N_("overwrite"), "keep": N_("keep mine")}
ACTIONS: tuple[str, ...] = ("added", "updated", "unchanged", "skipped")
ACTION_NAMES = {
    "added": N_("Added"),
    "updated": N_("Updated"),
    "unchanged": N_("Unchanged"),
    "skipped": N_("Skipped"),
}
Action = Literal["added", "updated", "unchanged", "skipped"]


@dataclass(frozen=True)
class Change:
    item_id: str
    kind: str
    action: Action
    reason: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, before it runs, would do), item by item."""

    pack_id: str
    policy: str
    version_before: str | None
    version_after: str
    changes: tuple[Change, ...]
    warnings: tuple[str, ...] = ()
    new_pack: bool = False
    written: bool = False  # False for a preview, and when nothing needed to change
    whole_pack: bool = False  # the result is exactly the pack's content, so its signature vouches for it
    # The workshop that refused this pack (same-publisher rule) and is kept as it was; the pack
    # goes beside it as ``pack_id``. None for an ordinary import.
    beside_of: str | None = None
    # The workshop as it will be after the import; None when nothing changes.
    merged: ContentPack | None = field(default=None, repr=False, compare=False)

    def of(self, action: str) -> list[Change]:
        return [change for change in self.changes if change.action == action]

    def counts(self) -> dict[str, int]:
        return {action: len(self.of(action)) for action in ACTIONS}

    @property
    def changes_anything(self) -> bool:
        return self.merged is not None

    def summary(self) -> str:
        counts = self.counts()
        return ", ".join(
            _("{label}: {value}").format(label=_(ACTION_NAMES[action]), value=counts[action])
            for action in ACTIONS
        )

    def lines(self, title: Callable[[str], str] | None = None) -> list[str]:
        """The report for people: a heading line, warnings, then every item that did not stay as it was.

        ``title`` names an item for people (the window passes one: titles, not "cs-01").
        """
        if self.version_before is None:
            head = _("Installed {pack_id} version {version} (policy: {policy}).")
        elif self.written:
            head = _("Imported {pack_id} version {version} (policy: {policy}).")
        elif self.changes_anything:  # a preview: what importing would do, never "nothing" above "Updated: 10"
            head = _("Importing changes {pack_id} to version {version} (policy: {policy}).")
        else:
            head = _("Nothing to change in {pack_id} version {version} (policy: {policy}).")
        lines = [
            head.format(
                pack_id=self.pack_id, version=self.version_after, policy=_(POLICY_NAMES[self.policy])
            ),
            self.summary(),
        ]
        if self.beside_of is not None:
            lines.append(self.beside_line())
        lines += [_("Warning: {message}").format(message=w) for w in self.warnings]
        for change in self.changes:
            if change.action != "unchanged":
                name = title(change.item_id) if title is not None else change.item_id
                lines.append(f"{_(ACTION_NAMES[change.action])}  {name}  {change.reason}")
        if self.new_pack and self.written:
            lines.append(_("It is now the current workshop."))
        return lines

    def beside_line(self) -> str:
        return _(
            "{original} is kept as it was (this pack is not signed by its publisher); "
            "the pack is installed beside it as {pack_id}."
        ).format(original=self.beside_of, pack_id=self.pack_id)

    def as_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack_id,
            "beside_of": self.beside_of,
            "policy": self.policy,
            "version_before": self.version_before,
            "version_after": self.version_after,
            "written": self.written,
            "counts": self.counts(),
            "warnings": list(self.warnings),
            "items": [
                {"id": c.item_id, "kind": c.kind, "action": c.action, "reason": c.reason}
                for c in self.changes
            ],
        }


def plan_import(store: Any, pack: VerifiedPack, policy: str = "newer", beside: bool = False) -> ImportReport:
    """What importing ``pack`` with ``policy`` would do; changes nothing.

    When the installed workshop's publisher did not sign ``pack`` (the
    same-publisher rule, :mod:`.publisher`), raises
    :class:`~companion.core.packs.publisher.PublisherMismatchError`; with
    ``beside``, plans instead to install the pack beside it under a new ID.
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}")
    pack_id = pack.pack_id
    incoming = pack.content
    beside_of = None
    refused = refusal(store, pack, pack_id)
    if refused is not None:
        if not beside:
            raise refused
        beside_of, pack_id = pack_id, beside_id(store, pack)
        incoming = _renamed(incoming, pack_id)
    before = store.pack_version(pack_id)
    if before is None:
        reason = _("new workshop")  # translated once, not once per item
        added = tuple(Change(i.id, i.kind, "added", reason) for i in incoming.items)
        return ImportReport(
            pack_id,
            policy,
            None,
            incoming.manifest.version,
            added,
            tuple(_signature_warnings(store, pack)),
            new_pack=True,
            whole_pack=True,
            beside_of=beside_of,
            merged=incoming,
        )
    installed = {item.id: item for item in store.items(pack_id=pack_id)}
    newer = version_key(incoming.manifest.version) > version_key(before)
    changes: list[Change] = []
    chosen: dict[str, Any] = {}
    action: Action
    for item in incoming.items:
        mine = installed.get(item.id)
        if mine is None:
            action, reason, winner = "added", _("new in this pack"), item
        elif mine == item:
            action, reason, winner = "unchanged", _("same content"), mine
        elif policy == "overwrite":
            action, reason, winner = "updated", _("replaced (policy: overwrite)"), item
        elif policy == "keep":
            action, reason, winner = "skipped", _("your installed copy is kept (policy: keep mine)"), mine
        elif newer:
            action, reason, winner = "updated", _("the pack is newer ({new} > {old})"), item
        elif policy == "newer" and _completes(mine, item):
            # A participant install (the take-home build) meeting the facilitator edition of the
            # same version: only the facilitator-only fields differ, so nothing of theirs is lost.
            action, reason, winner = "updated", _("the pack adds the facilitator notes and answer keys"), item
        else:
            action, reason, winner = "skipped", _("the pack is not newer ({new} ≤ {old})"), mine
        reason = reason.format(new=incoming.manifest.version, old=before)
        changes.append(Change(item.id, item.kind, action, reason))
        chosen[item.id] = winner
    for item_id, mine in installed.items():
        if item_id not in chosen:
            changes.append(Change(item_id, mine.kind, "unchanged", _("not in this pack; kept")))
            chosen[item_id] = mine
    replace_manifest = policy == "overwrite" or (policy == "newer" and newer)
    manifest = incoming.manifest if replace_manifest else store.manifest(pack_id)
    warnings = _signature_warnings(store, pack)
    lost = [
        c.item_id
        for c in changes
        if c.action == "updated"
        and has_facilitator_content(installed[c.item_id])
        and not has_facilitator_content(chosen[c.item_id])
    ]
    if lost:
        warnings.append(
            _("This pack has no facilitator notes: {count} updated case studies lose theirs.").format(
                count=len(lost)
            )
        )
    anything = any(c.action in ("added", "updated") for c in changes) or (
        replace_manifest and manifest != store.manifest(pack_id)
    )
    whole = (
        replace_manifest
        and len(chosen) == len(incoming.items)
        and all(c.action != "skipped" for c in changes)
    )
    merged = None
    if anything:
        items = ordered(list(chosen.values()))
        merged = ContentPack(manifest, tuple(items), _merged_fingerprint(incoming, items, whole))
    return ImportReport(
        pack_id,
        policy,
        before,
        manifest.version,
        tuple(changes),
        tuple(warnings),
        whole_pack=whole,
        beside_of=beside_of,
        merged=merged,
    )


def import_pack(
    store: Any,
    pack: VerifiedPack,
    policy: str = "newer",
    progress: Progress = no_progress,
    cancelled: CancelCheck = never_cancelled,
    beside: bool = False,
) -> ImportReport:
    """Plan and apply in one go: all or nothing. Returns the report of what was done.

    ``beside``: see :func:`plan_import`.
    """
    report = plan_import(store, pack, policy, beside)
    merged = report.merged
    if merged is None:
        return report
    problems = [] if report.whole_pack else cross_check(list(merged.items))
    if problems:
        raise PackError(
            _("Importing with this policy would leave the workshop inconsistent: {problem}").format(
                problem=str(problems[0])
            )
        )
    signer = pack.signer if report.whole_pack else _kept_signer(store, report.pack_id, pack)
    from companion.core.store.backups import create_backup

    create_backup(store, "before-import")  # a bad import can be undone: `companion backup restore`
    # A new workshop becomes the current one in the same transaction: one commit, all or nothing.
    store.install_pack(
        merged,
        source="imported",
        signer=signer,
        progress=progress,
        cancelled=cancelled,
        make_current=report.new_pack,
    )
    return replace(report, written=True, merged=None)


def _kept_signer(store: Any, pack_id: str, pack: VerifiedPack) -> str | None:
    """A mixed workshop keeps a signer only when both halves came from the same key.

    The bundled workshop's half counts as signed by the pinned bundled publisher.
    """
    installed = installed_publisher(store, pack_id)
    return installed if installed is not None and installed == pack.signer else None


def _renamed(content: ContentPack, pack_id: str) -> ContentPack:
    """The pack's workshop under another ID (installed beside): the same items, their own fingerprint."""
    manifest = content.manifest.model_copy(update={"id": pack_id})
    return ContentPack(manifest, content.items, _items_fingerprint(list(content.items)))


def _merged_fingerprint(incoming: ContentPack, items: list[Any], whole: bool) -> str:
    return incoming.fingerprint if whole else _items_fingerprint(items)


def _items_fingerprint(items: list[Any]) -> str:
    return fingerprint(
        {
            f"{item.kind}/{item.id}": json.dumps(
                item.model_dump(mode="json", by_alias=True), sort_keys=True
            ).encode()
            for item in items
        }
    )


def _completes(mine: Any, item: Any) -> bool:
    """Whether ``item`` is ``mine`` with the facilitator-only fields ``mine`` lacks filled in."""
    return (
        mine.kind == item.kind
        and not has_facilitator_content(mine)
        and has_facilitator_content(item)
        and for_edition(item, "participant") == mine
    )


def _signature_warnings(store: Any, pack: VerifiedPack) -> list[str]:
    # A pack from another publisher than the installed copy's never gets this far: see .publisher.
    from companion.core.packs.verify import signature_warning

    return [w for w in (signature_warning(pack),) if w]
