"""The handout builder as plain data, and the export edges: paper, odd content, CLI, cancel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from companion.core.handouts import builder, export
from companion.core.model import CaseStudy, GlossaryTerm, ScreeningTool


def _words(handout: builder.Handout) -> list[str]:
    found: list[str] = []

    def cells(value: object) -> None:
        if isinstance(value, builder.Words):
            found.append(value.text)
        elif isinstance(value, tuple):
            for entry in value:
                cells(entry)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                cells(getattr(value, name))

    cells(handout.blocks)
    return found


def test_the_builder_is_plain_data_and_never_loads_reportlab() -> None:
    code = (
        "import sys\n"
        "from companion import resources\n"
        "from companion.core.content import load_folder\n"
        "from companion.core.handouts import builder\n"
        "p = load_folder(resources.bundled_pack_dir())\n"
        "h = builder.case_studies(p.items, p.manifest, p.fingerprint, 'zh-Hans')\n"
        "print(h.file_stem, len(h.blocks), any(m.startswith('reportlab') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    stem, blocks, loaded = result.stdout.split()
    assert stem == "case-studies-participant-zh-Hans" and int(blocks) > 10 and loaded == "False"


def test_participant_blocks_hold_no_facilitator_text_and_facilitator_blocks_do(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    args = (bundled_pack.items, bundled_pack.manifest, bundled_pack.fingerprint, "bilingual")
    participant = " ".join(_words(builder.case_studies(*args)))
    facilitator = " ".join(_words(builder.case_studies(*args, edition="facilitator")))
    study = bundled_pack.by_kind("case-study")[0]
    answer = study.facilitator_notes.model_answers[0]
    for lang in ("en", "zh-Hans"):
        first_paragraph = answer.get(lang).split("\n\n")[0]
        assert first_paragraph not in participant and first_paragraph in facilitator


def test_a_missing_translation_shows_the_other_language_marked(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    study = bundled_pack.by_kind("case-study")[0]
    data = study.model_dump(by_alias=True)
    data["title"] = {"en": "Only in English"}
    lonely = CaseStudy.model_validate(data)
    handout = builder.case_studies([lonely], bundled_pack.manifest, "", "zh-Hans")
    heading = next(
        b for b in handout.blocks if isinstance(b, builder.Heading) and b.parts[0].text == "Only in English"
    )
    assert heading.parts[0].lang == "en" and heading.parts[0].mark  # marked as a fallback
    assert len(heading.parts) == 1


def test_unknown_kind_language_or_edition_is_refused(bundled_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    args = (bundled_pack.items, bundled_pack.manifest, "")
    with pytest.raises(ValueError):
        export(*args, "posters", "en", tmp_path)
    with pytest.raises(ValueError):
        export(*args, "agenda", "fr", tmp_path)
    with pytest.raises(ValueError):
        export(*args, "agenda", "en", tmp_path, edition="teacher")


def test_long_words_empty_fields_and_letter_paper_render(bundled_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    study = bundled_pack.by_kind("case-study")[0]
    data = study.model_dump(by_alias=True)
    data["setting"] = {"en": "x" * 3000, "zh-Hans": "长" * 3000}
    data["content_note"] = None
    data["persona"] = {"en": "<b>not markup</b> & " + "Ünterbrechungsfreiestromversorgung" * 40}
    data["questions"] = [{"en": "Why?"}] * 60
    odd = CaseStudy.model_validate(data)
    paths = export(
        [odd],
        bundled_pack.manifest,
        "",
        "case-studies",
        "bilingual",
        tmp_path,
        paper="letter",
        invariant=True,
    )
    assert [p.name for p in paths] == ["case-studies-participant-bilingual-letter.pdf"]
    info = subprocess.run(["pdfinfo", str(paths[0])], capture_output=True, text=True, check=True).stdout
    assert "612 x 792" in info  # Letter, in points
    extracted = subprocess.run(["pdftotext", str(paths[0]), "-"], capture_output=True, text=True).stdout
    assert "<b>not markup</b> &" in extracted


def test_overlong_form_row_and_glossary_entry_are_printed_whole(bundled_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Rows go to the next page whole; one that cannot fit on any page must still be printed, cut.
    tool = bundled_pack.by_kind("screening-tool")[0].model_dump(by_alias=True)
    long_guidance = " ".join(f"zqg{n:03d}" for n in range(700))
    tool["dimensions"][0]["indicators"][1]["guidance"] = {"en": long_guidance}
    tool["dimensions"][0]["indicators"][2]["guidance"] = None
    tool["dimensions"][0]["indicators"][2]["note"] = None
    term = bundled_pack.get("gl-001").model_dump(by_alias=True)
    long_definition = " ".join(f"zqd{n:03d}" for n in range(700))
    term["definition"] = {"en": long_definition}
    items = [ScreeningTool.model_validate(tool), GlossaryTerm.model_validate(term)]
    for kind, expected in (("screening-forms", long_guidance), ("glossary", long_definition)):
        (path,) = export(items, bundled_pack.manifest, "", kind, "en", tmp_path, invariant=True)
        extracted = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        words = expected.split()
        assert [w for w in extracted.split() if w.startswith(words[0][:3])] == words, kind


def test_progress_is_reported_and_cancel_stops_between_documents(bundled_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[int, int]] = []
    paths = export(
        bundled_pack.items,
        bundled_pack.manifest,
        "",
        "all",
        "en",
        tmp_path,
        progress=lambda done, total: calls.append((done, total)),
        cancelled=lambda: len(calls) >= 1,
    )
    assert [p.name for p in paths] == ["agenda-en-a4.pdf"]
    assert calls == [(0, 7)]  # agenda, wall agenda, case studies, forms, glossary, sign-in, documents


def export_sign_in(data_dir: Path, lang: str, out: Path) -> int:
    from companion.__main__ import main

    return main(
        ["--data-dir", str(data_dir), "export", "--kind", "sign-in", "--lang", lang, "--out", str(out)]
    )


def test_cli_export_prints_one_path_per_line(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "print"
    code = export_sign_in(data_dir, "zh-Hans", out)
    printed = capsys.readouterr().out.splitlines()
    assert code == 0
    assert printed == [str(out / "sign-in-zh-Hans-a4.pdf")]
    assert Path(printed[0]).is_file()


def test_cli_export_to_an_unwritable_folder_is_one_line_and_exit_1(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code = export_sign_in(data_dir, "en", blocker / "sub")
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("companion: cannot write handouts to") and err.count("\n") == 1
    assert "Traceback" not in err
