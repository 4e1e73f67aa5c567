"""File ▸ Publish…: a new version of one's own workshop as two pack files, and the list of changes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.authoring_support import own_copy


def test_publishing_writes_two_packs_and_lists_the_change(window, qtbot, tmp_path) -> None:
    own_copy(window)
    dialog = window.authoring.open_publish()
    version = window.workshop.manifest().version
    major, minor = version.split(".")[:2]
    assert dialog.version.text() == f"{major}.{int(minor) + 1}.0"
    assert not dialog.publish_button.isEnabled()  # the summary is required
    qtbot.keyClicks(dialog.summary, "Dates and venue for the March workshop")
    dialog.folder.setText(str(tmp_path / "out"))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.published is not None)
    published = dialog.published
    assert published.facilitator_pack.is_file() and published.participant_pack.is_file()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [published.facilitator_pack.name, published.participant_pack.name]
    )
    assert published.facilitator_pack.name in dialog.outcome.text()
    assert published.participant_pack.name in dialog.outcome.text()
    assert "Dates and venue for the March workshop" in dialog.changes.item(0).text()
    assert dialog.version.text() == f"{major}.{int(minor) + 2}.0"  # the next one after this


def test_a_refusal_is_one_line(window, qtbot, tmp_path) -> None:
    own_copy(window)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog = window.authoring.open_publish()
    qtbot.keyClicks(dialog.summary, "First version")
    dialog.folder.setText(str(blocker / "out"))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.error.isHidden())
    assert "\n" not in dialog.error.text()
    assert dialog.published is None
    assert window.workshop.changes() == []


def test_an_installed_workshop_cannot_be_published(window, qtbot) -> None:
    dialog = window.authoring.open_publish()
    qtbot.keyClicks(dialog.summary, "Anything")
    assert not dialog.publish_button.isEnabled()
    assert not dialog.not_yours.isHidden()


def test_with_a_publisher_key_both_packs_are_signed_by_it(window, qtbot, tmp_path) -> None:
    from companion.app.domain import create_key

    fingerprint = create_key(window.workshop.data_dir, "a long enough passphrase")
    own_copy(window)
    dialog = window.authoring.open_publish()
    assert dialog.sign.isChecked()  # packs for others are signed by default
    qtbot.keyClicks(dialog.summary, "Signed version")
    dialog.folder.setText(str(tmp_path / "out"))
    assert not dialog.publish_button.isEnabled()  # the passphrase is still missing
    qtbot.keyClicks(dialog.passphrase, "a long enough passphrase")
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.published is not None)
    for pack in (dialog.published.facilitator_pack, dialog.published.participant_pack):
        assert window.workshop.verify_pack(pack).signer == fingerprint
