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
    """Fingerprint -> publisher name, pinned publishers first (the user cannot rename them)."""
    from companion.core.packs.signing import pinned_publishers

    return {**store.trusted_publishers(), **pinned_publishers()}
