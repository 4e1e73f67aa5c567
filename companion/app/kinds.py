"""The tables the surfaces build their choices from: content kinds, handout kinds and the other options.

Cheap to import (no model, no reportlab), so the command line builds its
parser from them at every start. The choices that live in heavier core
modules are copied here; tests/unit/app/test_registries.py fails when a copy drifts.
"""

from __future__ import annotations

from companion.core.kinds import (
    BY_ID,
    CONTENT_KINDS,
    HANDOUT_IDS,
    HANDOUT_KINDS,
    KIND_IDS,
    ContentKind,
    HandoutKind,
)

EDITIONS: tuple[str, ...] = ("participant", "facilitator")
HANDOUT_LANGUAGES: tuple[str, ...] = ("en", "zh-Hans", "bilingual")
PAPERS: tuple[str, ...] = ("a4", "letter")
LANGUAGES: tuple[str, ...] = ("en", "zh-Hans")  # of the content, the interface and a search
CHILD_POLICIES: tuple[str, ...] = ("palermo", "ilo-as-adult")
IMPORT_POLICIES: tuple[str, ...] = ("newer", "overwrite", "keep")

__all__ = [
    "BY_ID",
    "CHILD_POLICIES",
    "CONTENT_KINDS",
    "EDITIONS",
    "HANDOUT_IDS",
    "HANDOUT_KINDS",
    "HANDOUT_LANGUAGES",
    "IMPORT_POLICIES",
    "KIND_IDS",
    "LANGUAGES",
    "PAPERS",
    "ContentKind",
    "HandoutKind",
]
