"""The About dialog: the application's version and licence, and every bundled component's.

The component list, versions and licence texts come from
:func:`companion.app.domain.shipped`; selecting a component shows its licence in
full (the LGPL asks that Qt's users can read it). Opened from Help › About (F1).
"""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion import __version__, resources
from companion.app.domain import Component, shipped
from companion.i18n import _

APPLICATION_LICENCE = "Apache-2.0"


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle(_("About {app}").format(app=_("Training Companion")))
        self.components: list[Component] = shipped()

        icon = QLabel()
        icon.setPixmap(QIcon(str(resources.path(resources.APP_ICON))).pixmap(64, 64))
        self.heading = QLabel(
            "<h2>{app}</h2><p>{version}</p><p>{summary}</p><p>{licence}</p><p>{qt}</p>".format(
                app=_("Training Companion"),
                version=_("Version {version}").format(version=__version__),
                summary=_(
                    "An offline companion for workshops on identifying, protecting and assisting "
                    "victims of trafficking."
                ),
                licence=_("Licence: {licence}").format(licence=APPLICATION_LICENCE),
                qt=_("Running on Qt {qt} with Qt for Python {pyside}.").format(
                    qt=qVersion(), pyside=pyside_version
                ),
            )
        )
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.heading, 1)

        self.list = QTreeWidget()
        self.list.setObjectName("components")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([_("Bundled component"), _("Version"), _("Licence")])
        for component in self.components:
            QTreeWidgetItem(self.list, [component.name, component.version, component.licence])
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.list.currentItemChanged.connect(self._show_licence)

        self.licence_text = QPlainTextEdit()
        self.licence_text.setObjectName("licence-text")
        self.licence_text.setReadOnly(True)
        self.licence_text.setPlaceholderText(_("Select a component to read its licence."))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.licence_text, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def select(self, name: str) -> None:
        """Select a component by name, showing its licence."""
        for row, component in enumerate(self.components):
            item = self.list.topLevelItem(row)
            if component.name == name and item is not None:
                self.list.setCurrentItem(item)
                return
        raise KeyError(name)

    def _show_licence(self, current: QTreeWidgetItem | None) -> None:
        if current is None:
            self.licence_text.clear()
            return
        component = self.components[self.list.indexOfTopLevelItem(current)]
        text = component.licence_text()
        self.licence_text.setPlainText(
            text
            or _("{component} is distributed under {licence}; no licence text is bundled with it.").format(
                component=component.name, licence=component.licence
            )
        )
