"""The Export dialog: choose handouts, language, edition and paper; write them; open or print.

The choices are remembered in the workshop's settings. The PDFs are written by
:meth:`companion.app.workshop.Workshop.export_handouts` on a worker
(:mod:`companion.gui.worker`) behind a progress bar with Cancel; a stopped
export keeps the files already finished and says how many. The handouts on
offer are :data:`companion.app.kinds.HANDOUT_KINDS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.app.kinds import HANDOUT_KINDS
from companion.app.workshop import HandoutRequest
from companion.gui.fields import FolderRow
from companion.gui.render import plain
from companion.gui.result_pdf import default_folder
from companion.gui.worker import Task, run_with_progress
from companion.i18n import N_, _, current_language

if TYPE_CHECKING:
    from companion.app.domain import CancelCheck, Progress
    from companion.app.workshop import HandoutFacts, HandoutsWritten, Workshop
    from companion.gui.print_preview import HandoutPreviewDialog

KIND_NAMES = {kind.id: kind.label for kind in HANDOUT_KINDS}  # labels marked for translation there
LANGUAGE_NAMES = {"en": "English", "zh-Hans": "中文", "bilingual": N_("Both (English and 中文)")}
EDITION_NAMES = {
    "participant": N_("Participant"),
    "facilitator": N_("Facilitator (with notes and answer keys)"),
}
PAPER_NAMES = {"a4": "A4", "letter": "Letter"}


class ExportDialog(QDialog):
    def __init__(self, workshop: Workshop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export-dialog")
        self.workshop = workshop
        self.written: list[Path] = []
        self.task: Task[HandoutsWritten] | None = None
        self.preview_task: Task[list[HandoutFacts]] | None = None
        self.preview_window: HandoutPreviewDialog | None = None  # the pages of the last preview

        self.kinds: dict[str, QCheckBox] = {}
        kinds_box = QVBoxLayout()
        chosen = (workshop.setting("export_kinds") or ",".join(KIND_NAMES)).split(",")
        for kind in KIND_NAMES:
            box = QCheckBox()
            box.setChecked(kind in chosen)
            box.toggled.connect(self._update_buttons)
            self.kinds[kind] = box
            kinds_box.addWidget(box)
        self.language = self._choice(LANGUAGE_NAMES, workshop.setting("export_language") or "en")
        self.edition = self._choice(EDITION_NAMES, workshop.setting("export_edition") or "participant")
        self.paper = QComboBox()
        for key, name in PAPER_NAMES.items():
            self.paper.addItem(name, key)
        self.paper.setCurrentIndex(max(0, self.paper.findData(workshop.setting("export_paper") or "a4")))
        chosen_folder = workshop.setting("export_folder") or str(default_folder() / "handouts")
        self.folder_row = FolderRow(chosen_folder, N_("Where to save the handouts"))
        self.folder = self.folder_row.edit

        # Which case studies and library documents to print: all unless some are unticked.
        from companion.app.domain import CaseStudy, Document

        self.items = QListWidget()
        self.items.setObjectName("export-items")
        self.items.setMaximumHeight(160)
        left_out = set(filter(None, (workshop.setting("export_left_out") or "").split(",")))
        for item in workshop.items():
            if isinstance(item, (CaseStudy, Document)):  # the kinds of SELECTABLE_KINDS
                entry = QListWidgetItem()
                entry.setData(Qt.ItemDataRole.UserRole, item.id)
                entry.setData(Qt.ItemDataRole.UserRole + 1, item.title)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = item.id not in left_out
                entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.items.addItem(entry)
        self.items.itemChanged.connect(lambda _entry: self._update_buttons())

        self.form = QFormLayout()
        self.labels = [QLabel() for _n in range(6)]
        self.form.addRow(self.labels[0], kinds_box)
        self.form.addRow(self.labels[5], self.items)
        self.form.addRow(self.labels[1], self.language[0])
        self.form.addRow(self.labels[2], self.edition[0])
        self.form.addRow(self.labels[3], self.paper)
        self.form.addRow(self.labels[4], self.folder_row)

        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.files = QListWidget()
        self.files.setObjectName("written-files")
        self.files.itemActivated.connect(lambda item: self._open(Path(item.data(Qt.ItemDataRole.UserRole))))
        self.files.hide()

        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setObjectName("preview")
        self.preview_button.clicked.connect(self.start_preview)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.open_button.clicked.connect(lambda: self._open(Path(self.folder.text())))
        self.print_button.clicked.connect(self.print_selected)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.outcome)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update_buttons()

    def _choice(
        self, names: dict[str, str], current: str
    ) -> tuple[QWidget, QButtonGroup, dict[str, QRadioButton]]:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(row)
        buttons: dict[str, QRadioButton] = {}
        for key in names:
            button = QRadioButton()
            button.setChecked(key == current)
            group.addButton(button)
            buttons[key] = button
            line.addWidget(button)
        line.addStretch(1)
        if not any(b.isChecked() for b in buttons.values()):
            next(iter(buttons.values())).setChecked(True)
        return row, group, buttons

    @staticmethod
    def _chosen(choice: tuple[QWidget, QButtonGroup, dict[str, QRadioButton]]) -> str:
        return next(key for key, button in choice[2].items() if button.isChecked())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Export handouts"))
        for kind, box in self.kinds.items():
            box.setText(_(KIND_NAMES[kind]))
        for names, choice in ((LANGUAGE_NAMES, self.language), (EDITION_NAMES, self.edition)):
            for key, button in choice[2].items():
                button.setText(_(names[key]) if key not in ("en", "zh-Hans") else names[key])
        labels = (_("Handouts"), _("Language"), _("Edition"), _("Paper"), _("Folder"), _("Which ones"))
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        lang = current_language()
        for row in range(self.items.count()):
            entry = self.items.item(row)
            item_id = entry.data(Qt.ItemDataRole.UserRole)
            entry.setText(f"{item_id} · {plain(entry.data(Qt.ItemDataRole.UserRole + 1), lang)}")
        self.items.setToolTip(_("The case studies and library documents to print; the others are left out."))
        self.folder_row.retranslate()
        self.export_button.setText(_("Export"))
        self.preview_button.setText(_("Preview"))
        self.open_button.setText(_("Open the folder"))
        self.print_button.setText(_("Print…"))
        if self.preview_window is not None:
            self.preview_window.retranslate()

    def _update_buttons(self) -> None:
        kinds = [kind for kind, box in self.kinds.items() if box.isChecked()]
        # Case studies or documents with none of them ticked would print nothing of them.
        none_ticked = bool(self._entries()) and not any(checked for _id, checked in self._entries())
        empty = none_ticked and any(kind in ("case-studies", "documents") for kind in kinds)
        self.export_button.setEnabled(bool(kinds) and not empty)
        self.preview_button.setEnabled(bool(kinds) and not empty)
        self.open_button.setEnabled(bool(self.written))
        self.print_button.setEnabled(bool(self.written))

    # --- exporting ------------------------------------------------------------------------------

    def selection(self) -> HandoutRequest:
        return HandoutRequest(
            kinds=[kind for kind, box in self.kinds.items() if box.isChecked()],
            lang=self._chosen(self.language),
            folder=Path(self.folder.text()).expanduser(),
            edition=self._chosen(self.edition),
            paper=str(self.paper.currentData()),
            items=self.chosen_items(),
        )

    def _entries(self) -> list[tuple[str, bool]]:
        entries = (self.items.item(row) for row in range(self.items.count()))
        return [
            (entry.data(Qt.ItemDataRole.UserRole), entry.checkState() == Qt.CheckState.Checked)
            for entry in entries
        ]

    def chosen_items(self) -> tuple[str, ...]:
        """The ticked case studies and documents; none when all are ticked (print everything)."""
        entries = self._entries()
        if all(checked for _id, checked in entries):
            return ()
        return tuple(item_id for item_id, checked in entries if checked)

    def _remember(self, chosen: HandoutRequest) -> None:
        for key, value in (
            ("export_kinds", ",".join(chosen.kinds)),
            ("export_language", chosen.lang),
            ("export_edition", chosen.edition),
            ("export_paper", chosen.paper),
            ("export_folder", str(chosen.folder)),
            ("export_left_out", ",".join(item_id for item_id, checked in self._entries() if not checked)),
        ):
            self.workshop.set_setting(key, value)

    def start_export(self) -> None:
        chosen = self.selection()
        self._remember(chosen)
        workshop = self.workshop
        self.export_button.setEnabled(False)
        self.outcome.clear()

        def work(progress: Progress, cancelled: CancelCheck) -> HandoutsWritten:
            return workshop.export_handouts(chosen, progress, cancelled)

        self.task = run_with_progress(self, _("Writing the handouts…"), work, self._finished, self._failed)

    def _finished(self, outcome: HandoutsWritten) -> None:
        written, stopped, total = outcome.files, outcome.stopped, outcome.total
        self.written = written
        if stopped:
            message = _("Export stopped: {done} of {total} files were written.")
        else:
            message = _("{done} of {total} files were written.")
        self.outcome.setText(message.format(done=len(written), total=total))
        self.files.clear()
        for path in written:
            entry = QListWidgetItem(path.name)
            entry.setData(Qt.ItemDataRole.UserRole, str(path))
            self.files.addItem(entry)
        self.files.setVisible(bool(written))
        if written:
            self.files.setCurrentRow(0)
        self._update_buttons()

    def start_preview(self) -> None:
        """Make the chosen handouts in memory and say, file by file, how many pages on which paper."""
        chosen = self.selection()
        workshop = self.workshop
        self.outcome.clear()

        def work(progress: Progress, cancelled: CancelCheck) -> list[HandoutFacts]:
            return workshop.preview_handouts(chosen, progress, cancelled)

        self.preview_task = run_with_progress(
            self, _("Laying out the handouts…"), work, self._previewed, self._failed
        )

    def _previewed(self, found: list[HandoutFacts]) -> None:
        paper = self.paper.currentText()
        lines = [
            _("{name}: {pages} pages, {paper} ({width} × {height} mm)").format(
                name=facts.stem, pages=facts.pages, paper=paper, width=facts.width_mm, height=facts.height_mm
            )
            for facts in found
        ]
        total = sum(facts.pages for facts in found)
        heading = _("Before printing: {files} files, {pages} pages in all.")
        heading = heading.format(files=len(found), pages=total)
        self.outcome.setText("\n".join([heading, *lines]))
        # The pages themselves, before anything is written (Export there writes them as here).
        from companion.gui.print_preview import HandoutPreviewDialog

        if self.preview_window is not None:
            self.preview_window.close()
        if found:
            self.preview_window = HandoutPreviewDialog(found, self.start_export, self)
            self.preview_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.preview_window.destroyed.connect(self._preview_closed)
            self.preview_window.show()

    def _preview_closed(self) -> None:
        self.preview_window = None

    def _failed(self, error: BaseException) -> None:
        reason = getattr(error, "strerror", None) or str(error)
        self.outcome.setText(_("The handouts were not written: {reason}").format(reason=reason))
        self._update_buttons()

    def _open(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def print_selected(self) -> None:
        from companion.app.domain import PrintError, send_to_printer

        item = self.files.currentItem()
        if item is None:
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        try:
            send_to_printer(path)
        except PrintError as exc:
            self.outcome.setText(str(exc))
            return
        self.outcome.setText(_("{name} was sent to the printer.").format(name=path.name))
