"""The referral directory in the library and the "Referral slip…" button of a screening result."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from tests.gui.test_records import PASSPHRASE, records  # noqa: F401 (a fixture)
from tests.unit.pdf_support import squeeze, text


def test_the_directory_shows_confidential_details_only_with_the_box(window) -> None:  # type: ignore[no-untyped-def]
    window.open_item("svc-01")
    services = window.library.services
    assert window.library.tabs.currentWidget() is services
    assert window.library.tabs.tabText(2) == "Referral directory"
    shown = services.reader.toPlainText()
    assert "Sample shelter (fictional)" in shown and "Sample Lane" not in shown
    assert not services.confidential_box.isHidden()  # the bundled workshop is a facilitator's
    services.confidential_box.setChecked(True)
    assert "Sample Lane" in services.reader.toPlainText()


def _choose(monkeypatch, target: Path, confidential: bool) -> None:  # type: ignore[no-untyped-def]
    from companion.gui.referral import SlipDialog

    def accept(dialog: SlipDialog) -> int:
        dialog.service.setCurrentIndex(dialog.service.findData("svc-01"))
        dialog.confidential.setChecked(confidential)
        dialog.unit.setText("Sample unit")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SlipDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))


def test_a_practice_result_prints_a_slip_with_a_blank_case_code(window, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.open_item("ilo-forced-labour")
    window.tools.practise_button.click()
    view = window.tools.interview
    qtbot.keyClick(view, Qt.Key.Key_P)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert view.slip_button.isVisible() and view.slip_button.text() == "Referral slip…"
    target = tmp_path / "slip.pdf"
    _choose(monkeypatch, target, confidential=False)
    view.slip_button.click()
    qtbot.waitUntil(lambda: target.exists(), timeout=90_000)
    words = squeeze(text(target))
    assert squeeze("Case code / 案件编号 ____") in words and "Sampleunit" in words
    assert "SampleLane" not in words and squeeze("不是法律上的身份认定") in words


@pytest.mark.usefixtures("records")
def test_a_records_slip_has_its_case_code_and_not_the_name_in_its_notes(
    records, qtbot, tmp_path, monkeypatch  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.test_records import _record

    _record(records, qtbot, "NN-2026-014", "Her name is Wang Xiaoming")
    records.list.setCurrentRow(0)
    records.open_selected()
    view = records.view
    assert view.slip_button.isVisible()
    target = tmp_path / "slip.pdf"
    _choose(monkeypatch, target, confidential=True)
    view.slip_button.click()
    qtbot.waitUntil(lambda: target.exists(), timeout=90_000)
    words = squeeze(text(target))
    assert "NN-2026-014" in words and "Wang" not in words and "Xiaoming" not in words
    assert "SampleLane" in words  # asked for
