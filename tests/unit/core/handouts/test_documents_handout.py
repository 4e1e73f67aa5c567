"""Library documents as a handout: what is printed, what never is, and printing a chosen few."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.__main__ import main
from companion.core.handouts import builder, export
from companion.core.kinds import HANDOUT_IDS
from tests.unit.pdf_support import squeeze, text


def _document(pack, doc_id: str):  # type: ignore[no-untyped-def]
    return next(item for item in pack.items if item.id == doc_id)


def test_documents_is_a_handout_kind() -> None:
    assert "documents" in HANDOUT_IDS and "documents" in builder.KINDS


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "bilingual"])
def test_the_pdf_has_a_documents_sections_and_source_but_never_its_to_verify(
    bundled_pack, tmp_path: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    doc = _document(bundled_pack, "doc-04")
    assert doc.to_verify, "the test needs a document with something to verify"
    [pdf] = export(
        bundled_pack.items, bundled_pack.manifest, bundled_pack.fingerprint, "documents", lang, tmp_path
    )
    printed = squeeze(text(pdf))
    slot = "en" if lang == "bilingual" else lang
    for section in doc.sections:
        assert squeeze(section.heading.resolve(slot)[0]) in printed
    assert squeeze(doc.summary.resolve(slot)[0])[:40] in printed
    for entry in doc.to_verify:
        assert squeeze(entry.resolve("en")[0])[:40] not in printed
    if lang == "bilingual":
        assert squeeze(doc.sections[0].heading.resolve("zh-Hans")[0]) in printed


def test_cli_prints_only_the_chosen_documents(capsys, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "pdfs"
    argv = ["--data-dir", str(data_dir), "export", "--kind", "documents", "--lang", "en", "--out", str(out)]
    assert main([*argv, "--items", "doc-04,doc-14"]) == 0, capsys.readouterr().err
    printed = squeeze(text(out / "documents-en-a4.pdf"))
    assert "Beside Chinese law".replace(" ", "") in printed  # doc-14
    assert "Scope of this summary".replace(" ", "") in printed  # doc-04
    assert squeeze("There is no 2021-2025 Chinese plan") not in printed  # doc-05 was not chosen


def test_cli_refuses_an_unknown_item_in_one_line(capsys, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    argv = ["--data-dir", str(data_dir), "export", "--kind", "case-studies", "--lang", "en"]
    code = main([*argv, "--out", str(tmp_path / "x"), "--items", "cs-01,doc-99"])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "doc-99" in err
    assert not (tmp_path / "x").exists()
