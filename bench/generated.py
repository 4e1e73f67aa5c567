"""A generated workshop for the benches: its items wrapped in a two-day, bilingual manifest."""

from __future__ import annotations

from collections.abc import Iterable

from companion.core.content import ContentPack
from companion.core.model import Manifest, Text, Workshop


def generated_pack(pack_id: str, name: Text, items: Iterable[object]) -> ContentPack:
    """``items`` as the content of workshop ``pack_id``, named ``name`` (title, venue and organiser)."""
    manifest = Manifest(
        id=pack_id,
        version="1.0.0",
        schema_version=1,
        languages=["en", "zh-Hans"],
        publisher="Benchmark",
        workshop=Workshop(title=name, venue=name, organiser=name, start_date="2027-03-16", days=2),
    )
    return ContentPack(manifest, tuple(items), "generated")
