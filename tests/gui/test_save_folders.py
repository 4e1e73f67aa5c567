"""Save dialogs open in the user's Documents, never in the folder the program was started from."""

from __future__ import annotations

from pathlib import Path

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
