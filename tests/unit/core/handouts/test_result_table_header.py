"""The practice result's dimension table: no header word is broken across lines ("Mediu/m")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from companion.core.handouts import write_handout
from companion.core.handouts.result import screening_result
from companion.core.screening import evaluate
from tests.unit.pdf_support import text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_header_word_stays_whole(tmp_path: Path, bundled_pack, paper: str) -> None:  # type: ignore[no-untyped-def]
    tool = next(t for t in bundled_pack.by_kind("screening-tool") if t.id == "ilo-adult-labour")
    result = evaluate(tool, {"DR01": "present"})
    handout = screening_result(
        result, tool, bundled_pack.manifest, bundled_pack.fingerprint, "en", date(2026, 11, 28)
    )
    pdf = write_handout(handout, tmp_path / "result.pdf", paper=paper, invariant=True)
    lines = [line.strip() for line in text(pdf).splitlines()]
    for word in ("Dimension", "Strong", "Medium", "Weak", "Unknown", "Status"):
        assert any(word in line for line in lines), word
