"""The Export dialog: handouts written with progress, a stop that keeps what was done, open and print."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QProgressDialog, QPushButton

from tests.unit.pdf_support import squeeze, text


def _dialog(window, qtbot, folder: Path):  # type: ignore[no-untyped-def]
    window.export_action.trigger()
    dialog = window.export_dialog
    qtbot.waitExposed(dialog)
    dialog.folder.setText(str(folder))
    return dialog


def test_chosen_handouts_are_written_and_the_choice_is_remembered(
    window, qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(window, qtbot, tmp_path / "out")
    for kind, box in dialog.kinds.items():
        box.setChecked(kind == "sign-in")
    dialog.language[2]["zh-Hans"].setChecked(True)
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.files.count() == 1, timeout=90_000)
    written = tmp_path / "out" / "sign-in-zh-Hans-letter.pdf"
    assert written.exists() and "签" in text(written)
    assert dialog.outcome.text() == "1 of 1 files were written."
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog.open_button.click()
    assert opened == [str(tmp_path / "out")]
    dialog.close()
    again = _dialog(window, qtbot, tmp_path / "out")
    assert [k for k, box in again.kinds.items() if box.isChecked()] == ["sign-in"]
    assert again.selection().lang == "zh-Hans" and again.selection().paper == "letter"
    again.close()


def test_the_dialog_offers_the_handout_kinds_of_the_registry_in_order(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from companion.app.kinds import HANDOUT_KINDS
    from companion.i18n import set_language

    dialog = _dialog(window, qtbot, tmp_path / "out")
    assert list(dialog.kinds) == [kind.id for kind in HANDOUT_KINDS]
    assert [box.text() for box in dialog.kinds.values()] == [kind.label for kind in HANDOUT_KINDS]
    set_language("zh-Hans")
    dialog.retranslate()
    assert dialog.kinds["glossary"].text() == "术语表"  # the registry's labels keep their translations
    dialog.close()


def test_cancel_stops_the_export_and_keeps_finished_files(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(window, qtbot, tmp_path / "out")
    for box in dialog.kinds.values():
        box.setChecked(True)
    dialog.export_button.click()
    progress = dialog.findChild(QProgressDialog)
    progress.findChild(QPushButton).click()  # Cancel
    qtbot.waitUntil(lambda: dialog.outcome.text().startswith("Export stopped"), timeout=90_000)
    on_disk = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert on_disk == sorted(dialog.files.item(n).text() for n in range(dialog.files.count()))
    assert len(on_disk) < 6
    assert not list((tmp_path / "out").glob("*.part"))
    dialog.close()


def test_print_sends_the_chosen_file_to_the_print_service(window, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "printed.txt"
    fake_lp = bin_dir / "lp"
    fake_lp.write_text(f'#!/bin/sh\necho "$@" > {log}\n')
    fake_lp.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    dialog = _dialog(window, qtbot, tmp_path / "out")
    for kind, box in dialog.kinds.items():
        box.setChecked(kind == "glossary")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.files.count() == 1, timeout=90_000)
    dialog.print_button.click()
    assert log.read_text().strip() == str(tmp_path / "out" / "glossary-en-a4.pdf")
    assert "sent to the printer" in dialog.outcome.text()
    assert squeeze("Glossary") in squeeze(text(tmp_path / "out" / "glossary-en-a4.pdf"))
    dialog.close()


def test_only_the_ticked_case_studies_and_documents_are_printed(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    dialog = _dialog(window, qtbot, tmp_path / "out")
    for kind, box in dialog.kinds.items():
        box.setChecked(kind == "documents")
    ids = [dialog.items.item(row).data(Qt.ItemDataRole.UserRole) for row in range(dialog.items.count())]
    assert "cs-01" in ids and "doc-04" in ids
    for row, item_id in enumerate(ids):
        wanted = item_id in ("doc-04", "doc-14")
        dialog.items.item(row).setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    assert "Criminal Law" in dialog.items.item(ids.index("doc-04")).text()  # titled, not a bare ID
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.files.count() == 1, timeout=90_000)
    printed = squeeze(text(tmp_path / "out" / "documents-en-a4.pdf"))
    assert squeeze("Beside Chinese law") in printed
    assert squeeze("There is no 2021-2025 Chinese plan") not in printed  # doc-05 was left out
    for row in range(dialog.items.count()):
        dialog.items.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled()  # nothing ticked would print nothing
    dialog.close()
    again = _dialog(window, qtbot, tmp_path / "out")  # the choice is remembered
    ticked = {
        again.items.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(again.items.count())
        if again.items.item(row).checkState() == Qt.CheckState.Checked
    }
    assert ticked == {"doc-04", "doc-14"}


def test_preview_says_pages_and_paper_and_writes_nothing(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    dialog = _dialog(window, qtbot, tmp_path / "out")
    for kind, box in dialog.kinds.items():
        box.setChecked(kind == "documents")
    for row in range(dialog.items.count()):
        entry = dialog.items.item(row)
        wanted = entry.data(Qt.ItemDataRole.UserRole) == "doc-14"
        entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: "pages" in dialog.outcome.text(), timeout=90_000)
    shown = dialog.outcome.text()
    assert "documents-en: " in shown and "Letter (216 × 279 mm)" in shown
    assert not (tmp_path / "out").exists()
    dialog.export_button.click()  # the same, written: as many pages as the preview said
    qtbot.waitUntil(lambda: dialog.files.count() == 1, timeout=90_000)
    from tests.unit.pdf_support import pages

    assert f"documents-en: {pages(tmp_path / 'out' / 'documents-en-letter.pdf')} pages" in shown
