"""PDF handouts: the print pack a facilitator prepares before a workshop.

Owns the export entry point: which files a kind stands for, their names, and
writing them safely. :mod:`.builder` decides what is on paper (plain data) and
:mod:`.render` how it looks (reportlab, imported only when a PDF is written, so
importing this package stays cheap and Qt-free).

File names are built from kind, edition, language and paper only, never from
anything a person typed.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from companion.core.editions import EDITIONS
from companion.core.files import AS_UMASK, write_atomically
from companion.core.handouts.builder import HANDOUT_LANGUAGES, KINDS, Handout, plan

__all__ = [
    "EDITIONS",
    "EXPORT_KINDS",
    "HANDOUT_LANGUAGES",
    "PAPERS",
    "Handout",
    "export",
    "file_name",
    "write_handout",
]

EXPORT_KINDS = (*KINDS, "all")
PAPERS = ("a4", "letter")


def file_name(handout: Handout, paper: str) -> str:
    """``agenda-en-a4.pdf``, ``case-studies-participant-zh-Hans-a4.pdf``."""
    return f"{handout.file_stem}-{paper}.pdf"


def export(
    items: Sequence[Any],
    manifest: Any,
    fingerprint: str,
    kind: str,
    lang: str,
    out_dir: Path,
    edition: str = "participant",
    paper: str = "a4",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    invariant: bool = False,
) -> list[Path]:
    """Write the PDFs of ``kind`` into ``out_dir`` and return their paths.

    ``cancelled`` is checked between documents; when it turns true the files
    already written are kept and returned. A file appears only complete: each
    is written to a temporary file in ``out_dir`` and then renamed over.
    """
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}")
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    builders = plan(items, manifest, fingerprint, kind, lang, edition)
    from companion.core.handouts.render import Renderer  # reportlab: only now

    renderer = Renderer(paper, invariant=invariant)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for done, build in enumerate(builders):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(done, len(builders))
        handout = build()
        buffer = io.BytesIO()
        renderer.render(handout, buffer)
        written.append(write_atomically(out_dir / file_name(handout, paper), buffer.getvalue(), AS_UMASK))
    else:
        if progress is not None:
            progress(len(builders), len(builders))
    return written


def write_handout(handout: Handout, target: Path, paper: str = "a4", invariant: bool = False) -> Path:
    """Write one already-built handout (a screening result) to ``target``."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}")
    from companion.core.handouts.render import Renderer

    buffer = io.BytesIO()
    Renderer(paper, invariant=invariant).render(handout, buffer)
    return write_atomically(Path(target), buffer.getvalue(), AS_UMASK)
