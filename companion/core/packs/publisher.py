"""The same-publisher rule: who may update an installed workshop, and where a refused pack may go.

An installed workshop that is signed is bound to the key that signed it; the
bundled workshop is bound to the pinned bundled publisher key. Only a pack
signed with that same key may update it (as app stores and TUF do for
updates). An unsigned pack, or one signed by any other key, is refused: a
screening tool that decides whether a person is referred as a presumed victim
must not be rewritten by whatever file is on a USB stick. Keys do not endorse
other keys: a publisher who changes keys publishes under a new workshop ID.

A workshop that is not signed binds nobody: any pack with its ID may update
it, and a signed one binds it from then on.

If the user chooses, a refused pack is installed *beside* the workshop under
an ID derived from the pack's own ID and who signed it (``-unsigned``, or the
first eight hexadecimal digits of the key's fingerprint): never from a title,
and never over the protected workshop. The same publisher's later packs find
the same beside copy again and update it under the same rule.

A workshop of one's own (a *working copy*, companion.core.authoring) is never
replaced by a pack, whoever signed it, the user's own published packs
included: publishing leaves the copy as it is, so re-importing one of its
packs would add nothing and could only overwrite edits made since, and the
imported workshop could no longer be edited. Such a pack goes beside it.
"""

from __future__ import annotations

from typing import Any

from companion.core.packs import signing
from companion.core.packs.format import PackError
from companion.core.packs.verify import VerifiedPack
from companion.i18n import _

MAX_ID = 64  # as the manifest allows
MAX_BESIDE = 99  # numbered alternatives tried when the derived ID is taken by another publisher


class PublisherMismatchError(PackError):
    """The installed workshop is signed, and this pack is not signed with the same key."""

    def __init__(self, message: str, pack_id: str) -> None:
        super().__init__(message)
        self.pack_id = pack_id


def installed_publisher(store: Any, pack_id: str) -> str | None:
    """The fingerprint ``pack_id`` is bound to, or None when it is unsigned or not installed."""
    source = store.pack_source(pack_id)
    if source is None:
        return None
    if source == "bundled":
        return next(iter(signing.pinned_publishers()))
    signer: str | None = store.pack_signer(pack_id)
    return signer


def publisher_name(store: Any, fingerprint: str, pack_id: str | None = None) -> str:
    """Who holds ``fingerprint``, as people read it: a trusted name, else what the workshop says."""
    from companion.core.packs import trusted

    name = trusted(store).get(fingerprint)
    if name is None and pack_id is not None:
        manifest = store.manifest(pack_id)
        name = manifest.publisher if manifest is not None else None
    return signing.signer_label(name, fingerprint)


def refusal(store: Any, pack: VerifiedPack, pack_id: str) -> PublisherMismatchError | None:
    """Why ``pack`` may not update the workshop installed as ``pack_id``; None when it may."""
    if store.pack_source(pack_id) == "working-copy":  # companion.core.authoring.WORKING_COPY
        return PublisherMismatchError(
            _(
                "{pack_id} is your own workshop, which you edit: a pack cannot replace it; "
                "it can be installed beside it as a separate workshop."
            ).format(pack_id=pack_id),
            pack_id,
        )
    publisher = installed_publisher(store, pack_id)
    if publisher is None or pack.signer == publisher:
        return None
    who = publisher_name(store, publisher, pack_id)
    if pack.signer is None:
        message = _(
            "The installed workshop {pack_id} is signed by {publisher}; this pack is not signed, "
            "so it cannot replace it."
        )
    else:
        message = _(
            "The installed workshop {pack_id} is signed by {publisher}; this pack is signed by another "
            "key ({fingerprint}), so it cannot replace it."
        )
    return PublisherMismatchError(
        message.format(
            pack_id=pack_id,
            publisher=who,
            fingerprint=signing.short_fingerprint(pack.signer or ""),
        ),
        pack_id,
    )


def beside_id(store: Any, pack: VerifiedPack) -> str:
    """The ID ``pack`` is installed under beside the workshop that refused it."""
    suffix = pack.signer[:8] if pack.signer else "unsigned"
    stem = pack.pack_id[: MAX_ID - len(suffix) - 4].rstrip("-")  # room for "-", the suffix and "-NN"
    for number in range(1, MAX_BESIDE + 1):
        candidate = f"{stem}-{suffix}" + (f"-{number}" if number > 1 else "")
        if candidate != pack.pack_id and refusal(store, pack, candidate) is None:
            return candidate
    raise PackError(
        _("No free workshop ID is left beside {pack_id}; nothing was changed.").format(pack_id=pack.pack_id)
    )
