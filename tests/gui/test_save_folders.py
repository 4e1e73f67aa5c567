"""Save dialogs open in the user's Documents, never in the folder the program was started from."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog

from companion.gui import packs


def suggested_by(monkeypatch, tmp_path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    asked: list[str] = []

    def ask(_parent, _caption, suggested, _filter):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return "", ""  # cancelled: nothing is written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return asked


def test_exporting_a_pack_suggests_documents(window, tmp_path, monkeypatch) -> None:
    asked = suggested_by(monkeypatch, tmp_path)
    monkeypatch.setattr(packs.ExportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    window.packs.export_action.trigger()
    assert asked and Path(asked[0]).parent == tmp_path / "Documents"


def test_exporting_the_calendar_suggests_documents(window, tmp_path, monkeypatch) -> None:
    asked = suggested_by(monkeypatch, tmp_path)
    window.export_calendar()
    assert asked and Path(asked[0]).parent == tmp_path / "Documents" and asked[0].endswith(".ics")


def test_publishing_suggests_documents(window, tmp_path, monkeypatch) -> None:
    from companion.gui.publish_dialog import PublishDialog

    suggested_by(monkeypatch, tmp_path)
    dialog = PublishDialog(window.workshop, window)
    assert Path(dialog.folder.text()) == tmp_path / "Documents"
    dialog.close()


@pytest.mark.parametrize(
    ("module", "dialog_class", "title"),
    [
        ("publish_dialog", "PublishDialog", "Publish into folder"),
        ("certificates_dialog", "CertificatesDialog", "Certificates folder"),
        ("export_dialog", "ExportDialog", "Where to save the handouts"),
    ],
)
def test_choose_opens_a_folder_dialog_at_the_folder_shown_and_takes_the_chosen_one(
    window, tmp_path, monkeypatch, module, dialog_class, title
) -> None:
    import importlib

    opened = getattr(importlib.import_module(f"companion.gui.{module}"), dialog_class)
    dialog = opened(window.workshop, window)
    dialog.folder.setText(str(tmp_path / "before"))
    asked: list[tuple[object, str, str]] = []
    answers = iter(["", str(tmp_path / "chosen")])

    def ask(parent, caption, start):  # type: ignore[no-untyped-def]
        asked.append((parent, caption, start))
        return next(answers)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", ask)
    dialog.folder_row.choose_button.click()  # cancelled: the folder stays
    assert dialog.folder.text() == str(tmp_path / "before")
    assert dialog.folder_row.choose_button.text() == "Choose…"
    dialog.folder_row.choose_button.click()
    assert dialog.folder.text() == str(tmp_path / "chosen")
    assert asked[0] == (dialog, title, str(tmp_path / "before"))
    dialog.close()
