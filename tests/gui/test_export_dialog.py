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
