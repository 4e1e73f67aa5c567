"""Workshop packs: the one file that carries a workshop between laptops.

- :mod:`.format`: the zip layout, ``MANIFEST.json`` and the reader's limits
- :mod:`.reader`: reading a hostile file safely into memory
- :mod:`.signing`: publisher keys, Ed25519 signatures, fingerprints
- :mod:`.verify`: integrity, signature, schema and version, then the content
- :mod:`.importer`: policies, the import report, one transaction
- :mod:`.exporter`: facilitator and participant editions, deterministic zips

:func:`trusted` gathers whom this installation trusts: the bundled workshop's
pinned publisher and the publishers the user added by fingerprint.
"""

from __future__ import annotations

from typing import Any

from companion.core.packs.format import PackError

__all__ = ["PackError", "trusted"]


def trusted(store: Any) -> dict[str, str]:
    """Fingerprint -> publisher name, pinned publishers first (the user cannot rename them).

    This data folder's own publisher key is trusted too: re-importing one's own export is not a
    pack from "a publisher you have not trusted".
    """
    from companion.core.packs.signing import own_fingerprint, pinned_publishers
    from companion.i18n import _

    data_dir = getattr(store, "data_dir", None)
    mine = own_fingerprint(data_dir) if data_dir is not None else None
    own = {mine: _("you (this data folder's publisher key)")} if mine else {}
    return {**own, **store.trusted_publishers(), **pinned_publishers()}
