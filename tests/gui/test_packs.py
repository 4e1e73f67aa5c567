"""Packs in the window: the summary comes before any change; import by menu or drop; export; switching."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from companion.core.packs.reader import read_pack
from companion.gui import packs
from tests.unit.pack_support import BUNDLED_VERSION, PACK_ID, bundled_files, pack_of, snapshot, tiny_files


def tiny_pack(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.ctpack"
    path.write_bytes(pack_of(tiny_files()))
    return path


def test_import_from_the_menu_shows_the_summary_before_anything_changes(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    path = tiny_pack(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    shown: list[str] = []

    def accept(dialog: packs.ImportSummaryDialog) -> int:
        assert window.workshop.store.pack_version(PACK_ID) is None  # nothing written yet
        shown.append(dialog.findChild(object, "verification").text())
        shown.append(dialog.changes.toPlainText())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(packs.ImportSummaryDialog, "exec", accept)
    window.packs.import_action.trigger()
    qtbot.waitUntil(lambda: window.workshop.store.pack_version(PACK_ID) == "1.0.0", timeout=60_000)
    qtbot.waitUntil(lambda: "Tiny workshop" in window.windowTitle(), timeout=10_000)
    assert "tiny-workshop, version 1.0.0" in shown[0] and "every SHA-256 matches" in shown[0]
    assert "Added: 5" in shown[1]
    assert window.banner.isVisible() and "Added: 5" in window.banner.text()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Qt 6 keeps only the QPoint constructor
def test_dropping_a_pack_on_the_window_asks_first_and_cancel_changes_nothing(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    path = tiny_pack(tmp_path)
    before = snapshot(window.workshop.store.path)
    asked: list[bool] = []

    def decline(dialog: packs.ImportSummaryDialog) -> int:
        asked.append(True)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(packs.ImportSummaryDialog, "exec", decline)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()  # the window offers to take the file
    # Qt delivers a Drop only inside a real drag, so hand it to the window's filter as Qt would.
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    assert window.packs.eventFilter(window, drop)
    qtbot.waitUntil(lambda: asked == [True], timeout=60_000)
    assert snapshot(window.workshop.store.path) == before


def test_a_damaged_pack_is_one_message_and_changes_nothing(window, qtbot, tmp_path, monkeypatch) -> None:
    path = tmp_path / "damaged.ctpack"
    path.write_bytes(b"not a zip at all")
    before = snapshot(window.workshop.store.path)
    told: list[str] = []
    monkeypatch.setattr(packs, "tell", lambda parent, message: told.append(message))
    window.packs.import_file(path)
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert "not a workshop pack" in told[0]
    assert snapshot(window.workshop.store.path) == before


def test_export_writes_the_chosen_edition(window, qtbot, tmp_path, monkeypatch) -> None:
    target = tmp_path / "out.ctpack"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(packs.ExportDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    window.packs.export_action.trigger()
    qtbot.waitUntil(target.is_file, timeout=120_000)
    raw = read_pack(target)
    assert b'"edition": "participant"' in raw.manifest
    assert not any(b"facilitator_notes" in data for data in raw.files.values())


def test_the_current_workshop_is_chosen_from_the_menu(window, qtbot, tmp_path) -> None:
    from companion.core.packs.importer import import_pack
    from companion.core.packs.verify import verify_file

    bundled = window.workshop.store.current_pack_id()
    import_pack(window.workshop.store, verify_file(tiny_pack(tmp_path), {}))
    window.packs.fill_workshop_menu()
    choices = {action.data(): action for action in window.packs.workshop_menu.actions()}
    assert set(choices) == {bundled, PACK_ID} and choices[PACK_ID].isChecked()
    choices[bundled].trigger()
    assert window.workshop.store.current_pack_id() == bundled
    assert "Tiny workshop" not in window.windowTitle()


def test_a_publisher_key_is_created_in_the_export_dialog_and_signs_the_pack(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    from companion.core.packs import signing

    data_dir = window.workshop.store.path.parent
    dialog = packs.ExportDialog(data_dir, window)
    qtbot.addWidget(dialog)
    assert not dialog.sign.isEnabled() and not dialog.create_key.isHidden()

    def fill_in(created: packs.CreateKeyDialog) -> QDialog.DialogCode:
        created.passphrase.setText("a long passphrase")
        created.repeat.setText("a long passphrase!")
        created.accept()  # the two differ: refused, nothing written
        assert created.error.text() and not signing.has_key(data_dir)
        created.repeat.setText("a long passphrase")
        created.accept()
        return created.result()

    monkeypatch.setattr(packs.CreateKeyDialog, "exec", fill_in)
    dialog.create_key.click()
    fingerprint = signing.own_fingerprint(data_dir)
    assert fingerprint and dialog.sign.isChecked() and dialog.create_key.isHidden()
    assert signing.show_fingerprint(fingerprint) in dialog.key_note.text()

    target = tmp_path / "signed.ctpack"
    window.packs.export_to(target, "participant", "a long passphrase")
    qtbot.waitUntil(target.is_file, timeout=120_000)
    signature = signing.read_signature(read_pack(target).signature or b"")
    assert signature.fingerprint == fingerprint


def test_a_pack_its_workshops_publisher_did_not_sign_is_refused_or_goes_beside(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QLabel

    bundled = window.workshop.store.current_pack_id()
    path = tmp_path / "rewritten.ctpack"
    path.write_bytes(pack_of(bundled_files("9.0.0", overall="E")))
    before = snapshot(window.workshop.store.path)
    seen: list[dict[str, object]] = []
    tick = [False]

    def answer(dialog: packs.ImportSummaryDialog) -> int:
        refusal = dialog.findChild(QLabel, "refusal")
        seen.append(
            {
                "refusal": refusal.text() if refusal is not None else "",
                "offered": not dialog.beside.isHidden(),
                "enabled before": dialog.import_button.isEnabled(),
                "choice": dialog.beside.text(),
            }
        )
        dialog.beside.setChecked(tick[0])
        seen[-1]["enabled after"] = dialog.import_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(packs.ImportSummaryDialog, "exec", answer)
    window.packs.import_file(path)  # the user says Import without choosing to install it beside
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=60_000)
    first = seen[0]
    assert "cannot replace it" in str(first["refusal"]) and "not signed" in str(first["refusal"])
    assert first["offered"] and not first["enabled before"] and not first["enabled after"]
    assert f"{bundled}-unsigned" in str(first["choice"])
    assert snapshot(window.workshop.store.path) == before

    tick[0] = True
    window.packs.import_file(path)
    store = window.workshop.store
    qtbot.waitUntil(lambda: store.pack_version(f"{bundled}-unsigned") == "9.0.0", timeout=60_000)
    assert seen[1]["enabled after"]
    assert store.pack_version(bundled) == BUNDLED_VERSION
    assert store.item("ilo-adult-labour", pack_id=bundled).scoring.overall == "R and E and D"
    qtbot.waitUntil(lambda: "beside it" in window.banner.text(), timeout=10_000)
    # Two workshops with one title: the menu tells them apart by ID.
    window.packs.fill_workshop_menu()
    labels = [action.text() for action in window.packs.workshop_menu.actions()]
    assert len(set(labels)) == 2 and any(f"{bundled}-unsigned" in label for label in labels)


def test_the_summary_names_a_signer_with_a_short_fingerprint(window, qtbot, tmp_path, monkeypatch) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from companion.core.packs import signing

    path = tmp_path / "signed.ctpack"
    path.write_bytes(pack_of(tiny_files(), key=Ed25519PrivateKey.generate()))
    signer = read_pack(path).signature
    fingerprint = signing.read_signature(signer or b"").fingerprint
    shown: list[str] = []

    def look(dialog: packs.ImportSummaryDialog) -> int:
        shown.append(dialog.findChild(object, "verification").text())
        shown.append(dialog.findChild(object, "signature-warning").text())
        shown.append(dialog.trust.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(packs.ImportSummaryDialog, "exec", look)
    window.packs.import_file(path)
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=60_000)
    short = " ".join(signing.show_fingerprint(fingerprint).split()[:4])
    assert all(short in text for text in shown)
    assert not any(signing.show_fingerprint(fingerprint) in text for text in shown)
    assert "Test publisher" in shown[2]
