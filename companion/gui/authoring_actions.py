"""The window's authoring actions: New workshop from…, Workshop details…, Publish…, Edit agenda…,
Tools ▸ Translation status….

Each opens its dialog (imported when asked for, to keep the start fast); when
one changes the current workshop the window reloads on it, so every section
shows what the store holds now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QPushButton, QWidget

from companion.i18n import _

if TYPE_CHECKING:
    from companion.gui.main_window import MainWindow
    from companion.gui.sections import AgendaSection


class AuthoringActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workshop = window.workshop
        self.dialog: QDialog | None = None  # the one open, kept for tests and screenshots

        def action(name: str, slot: object, shortcut: str = "") -> QAction:
            act = QAction(window)
            act.setObjectName(name)
            if shortcut:
                act.setShortcuts([QKeySequence(shortcut)])
            act.triggered.connect(slot)
            return act

        self.new_action = action("new-workshop", self.open_new_workshop)
        self.details_action = action("workshop-details", self.open_workshop_page, "Ctrl+Shift+W")
        self.publish_action = action("publish", self.open_publish)
        self.agenda_action = action("edit-agenda", self.open_agenda_editor)
        self.status_action = action("translation-status", self.open_translation_status)
        self.tools_menu = QMenu(window)
        self.tools_menu.setObjectName("tools-menu")
        self.tools_menu.addAction(self.status_action)
        self.agenda_button = QPushButton()
        self.agenda_button.setObjectName("edit-agenda")
        self.agenda_button.clicked.connect(self.open_agenda_editor)

    def add_to(self, file_menu: QMenu, before: QAction, help_menu: QMenu, agenda: AgendaSection) -> None:
        """The File menu's actions before ``before``, the Tools menu before Help, the agenda's button."""
        for act in (self.new_action, self.details_action, self.agenda_action, self.publish_action):
            file_menu.insertAction(before, act)
        file_menu.insertSeparator(before)
        bar = self.window.menuBar()
        bar.insertMenu(help_menu.menuAction(), self.tools_menu)
        _add_beside(agenda, agenda.notes_box, self.agenda_button)

    def retranslate(self) -> None:
        self.new_action.setText(_("New workshop from…"))
        self.details_action.setText(_("Workshop details…"))
        self.publish_action.setText(_("Publish…"))
        self.agenda_action.setText(_("Edit agenda…"))
        self.status_action.setText(_("Translation status…"))
        self.tools_menu.setTitle(_("&Tools"))
        self.agenda_button.setText(_("Edit agenda…"))

    def _open(self, dialog: QDialog, modal: bool = True) -> QDialog:
        """Open ``dialog`` (closing the one open before), window-modal unless the user works beside it."""
        from PySide6.QtCore import Qt

        from companion.gui.main_window import _open_dialog

        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.destroyed.connect(lambda _gone=None: self._forget(dialog))
        if modal:
            return _open_dialog(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def reload(self) -> None:
        self.window.load_content()

    def open_new_workshop(self) -> QDialog:
        from companion.gui.new_workshop_dialog import NewWorkshopDialog

        dialog = NewWorkshopDialog(self.workshop, self.window)
        dialog.sig_created.connect(lambda _id: self.reload())
        return self._open(dialog)

    def open_workshop_page(self) -> QDialog:
        from companion.gui.workshop_page import WorkshopPage

        page = WorkshopPage(self.workshop, self.window)
        page.sig_saved.connect(lambda _manifest: self.reload())
        page.sig_copy_requested.connect(self.open_new_workshop)
        return self._open(page)

    def open_agenda_editor(self) -> QDialog:
        from companion.gui.agenda_editor import AgendaEditor

        editor = AgendaEditor(self.workshop, self.window)
        editor.sig_changed.connect(self.reload)
        return self._open(editor)

    def open_translation_status(self) -> QDialog:
        from companion.gui.translation_status import TranslationStatus

        view = TranslationStatus(self.workshop, self.window)
        view.sig_open_item.connect(self.window.open_item)
        view.sig_changed.connect(self.reload)
        return self._open(view, modal=False)  # open beside the window: a double-click shows an item there

    def open_publish(self) -> QDialog:
        from companion.gui.publish_dialog import PublishDialog

        return self._open(PublishDialog(self.workshop, self.window))


def _add_beside(section: QWidget, beside: QWidget, button: QPushButton) -> None:
    """Put ``button`` first in the row of ``section``'s controls that holds ``beside``."""
    for row in section.findChildren(QHBoxLayout):
        if row.indexOf(beside) >= 0:
            row.insertWidget(0, button)
            return
