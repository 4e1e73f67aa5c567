"""Workshop packs in the window: import (menu or drop), export, and the current workshop.

A thin adapter over the pack methods of :class:`companion.app.workshop.Workshop`. Importing first verifies the
file and plans every policy on a worker, then shows the verification summary
and what would change; nothing is written until the user says Import. The
write runs on a worker too, in one transaction, with Cancel. When the
installed workshop's publisher did not sign the pack (the same-publisher
rule), the summary says so and offers one choice only: install it beside,
under a new ID.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.app.domain import Cancelled
from companion.app.kinds import IMPORT_POLICIES
from companion.gui import render
from companion.gui.fields import error_label, password_field
from companion.gui.worker import Task, run_with_progress
from companion.i18n import N_, _, current_language

if TYPE_CHECKING:
    from companion.app.domain import CancelCheck, ExportResult, ImportReport, Progress, VerifiedPack
    from companion.gui.main_window import MainWindow

# A verified pack, what importing it would change under each policy, and why the installed
# workshop refuses it (None when it does not).
Checked = tuple["VerifiedPack", dict[str, "ImportReport"], str | None]

PACK_FILTER = N_("Workshop packs (*.ctpack *.zip);;All files (*)")
POLICY_LABELS = {
    "newer": N_("Newer wins: update items when the pack's version is higher"),
    "overwrite": N_("Overwrite: the pack's items replace mine"),
    "keep": N_("Keep mine: only add what I do not have"),
}


def tell(parent: QWidget, message: str) -> None:
    """A problem the user must read: one sentence in a modal box (patched out in tests)."""
    QMessageBox.warning(parent, _("Workshop pack"), message)


class ImportSummaryDialog(QDialog):
    """What was verified, the warnings, and what each policy would change. Nothing is written here.

    ``refusal``: why the installed workshop refuses the pack; ``plans`` then
    install it beside, and Import stays off until the user ticks that choice.
    """

    def __init__(
        self,
        pack: VerifiedPack,
        plans: dict[str, ImportReport],
        parent: QWidget | None = None,
        refusal: str | None = None,
    ) -> None:
        from companion.app.domain import describe_pack, short_fingerprint, signature_warning

        super().__init__(parent)
        self.setObjectName("import-summary")
        self.setWindowTitle(_("Import workshop pack"))
        self.plans = plans
        self.titles = _titles(pack, parent)
        summary = QLabel("\n".join(describe_pack(pack)))
        summary.setObjectName("verification")
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.policy = QComboBox()
        self.policy.setObjectName("policy")
        for policy, label in POLICY_LABELS.items():
            self.policy.addItem(_(label), policy)
        self.changes = QPlainTextEdit()
        self.changes.setObjectName("changes")
        self.changes.setReadOnly(True)
        self.trust = QCheckBox()
        self.trust.setObjectName("trust")
        self.trust.setVisible(pack.signer is not None and not pack.trusted)
        self.trust.setText(
            _("Trust {publisher} from now on (I compared the fingerprint {fingerprint})").format(
                publisher=pack.manifest.publisher, fingerprint=short_fingerprint(pack.signer or "")
            )
        )
        self.beside = QCheckBox()
        self.beside.setObjectName("beside")
        self.beside.setVisible(refusal is not None)
        if refusal is not None:
            self.beside.setText(
                _("Install it beside, as a separate workshop ({pack_id}); {original} stays as it is").format(
                    pack_id=next(iter(plans.values())).pack_id, original=pack.pack_id
                )
            )
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        warning = signature_warning(pack)
        if warning:
            note = QLabel(warning)
            note.setObjectName("signature-warning")
            note.setWordWrap(True)
            note.setStyleSheet("color:#a00")
            layout.addWidget(note)
        if refusal is not None:
            refused = QLabel(refusal)
            refused.setObjectName("refusal")
            refused.setWordWrap(True)
            refused.setStyleSheet("color:#a00; font-weight:bold")
            layout.addWidget(refused)
            layout.addWidget(self.beside)
        layout.addWidget(self.trust)
        form = QFormLayout()
        form.addRow(_("When an item differs:"), self.policy)
        layout.addLayout(form)
        layout.addWidget(self.changes, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.policy.currentIndexChanged.connect(self._show_plan)
        self.beside.toggled.connect(self._show_plan)
        self._show_plan()
        self.resize(640, 520)

    def chosen_policy(self) -> str:
        return str(self.policy.currentData())

    def beside_chosen(self) -> bool:
        return not self.beside.isHidden() and self.beside.isChecked()

    def _show_plan(self) -> None:
        plan = self.plans[self.chosen_policy()]
        self.changes.setPlainText("\n".join(plan.lines(lambda item_id: self.titles.get(item_id, item_id))))
        allowed = plan.beside_of is None or self.beside_chosen()
        self.import_button.setEnabled(plan.changes_anything and allowed)


def _titles(pack: VerifiedPack, parent: QWidget | None) -> dict[str, str]:
    """Item ID -> title in the interface language: the installed items' (removed ones), then the pack's."""
    from companion.app.domain import title_of

    lang = current_language()
    items = list(pack.content.items)
    window_catalogue = getattr(parent, "catalogue", None)
    installed = list(getattr(window_catalogue, "by_id", {}).values())
    return {item.id: render.plain(title_of(item), lang) for item in [*installed, *items]}


class CreateKeyDialog(QDialog):
    """Create this data folder's publisher key: the passphrase twice, then its fingerprint."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("create-key")
        self.setWindowTitle(_("Create a publisher key"))
        self.data_dir = data_dir
        self.fingerprint = ""
        explanation = QLabel(
            _(
                "Packs you sign carry this key's fingerprint, so participants can tell your packs "
                "from anyone else's. The key stays in this computer's data folder, locked by a "
                "passphrase that cannot be recovered: without it you cannot sign again."
            )
        )
        explanation.setWordWrap(True)
        self.passphrase, self.repeat = password_field(), password_field()
        self.passphrase.setObjectName("passphrase")
        self.repeat.setObjectName("repeat")
        self.error = error_label()
        form = QFormLayout()
        form.addRow(_("Passphrase"), self.passphrase)
        form.addRow(_("Passphrase again"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(_("Create key"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        from companion.app.domain import PackError, create_key

        if self.passphrase.text() != self.repeat.text():
            self.error.setText(_("The two passphrases differ."))
            return
        try:
            self.fingerprint = create_key(self.data_dir, self.passphrase.text())
        except PackError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class ExportDialog(QDialog):
    """Edition and signing for an export; the file is chosen afterwards."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export-pack")
        self.setWindowTitle(_("Export workshop pack"))
        self.data_dir = data_dir
        self.participant = QRadioButton(_("Participant edition (no facilitator notes or answer keys)"))
        self.participant.setObjectName("participant")
        self.participant.setChecked(True)
        self.facilitator = QRadioButton(_("Facilitator edition (everything)"))
        self.facilitator.setObjectName("facilitator")
        self.sign = QCheckBox(_("Sign with my publisher key"))
        self.sign.setObjectName("sign")
        self.passphrase = password_field()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.passphrase.setEnabled(False)
        self.sign.toggled.connect(self.passphrase.setEnabled)
        self.key_note = QLabel()
        self.key_note.setObjectName("key-note")
        self.create_key = QPushButton(_("Create a publisher key…"))
        self.create_key.setObjectName("create-key-button")
        self.create_key.clicked.connect(self.ask_for_key)
        layout = QVBoxLayout(self)
        for widget in (self.participant, self.facilitator, self.sign, self.passphrase, self.key_note):
            layout.addWidget(widget)
        layout.addWidget(self.create_key, alignment=Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(_("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_key()

    def _show_key(self) -> None:
        from companion.app.domain import has_key, own_fingerprint, show_fingerprint

        can_sign = has_key(self.data_dir)
        self.sign.setEnabled(can_sign)
        self.create_key.setVisible(not can_sign)
        if can_sign:
            shown = show_fingerprint(own_fingerprint(self.data_dir) or "")
            self.key_note.setText(_("Your key's fingerprint: {fingerprint}").format(fingerprint=shown))
        else:
            self.key_note.setText(_("To sign packs, create a publisher key first."))

    def ask_for_key(self) -> None:
        dialog = CreateKeyDialog(self.data_dir, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._show_key()
            self.sign.setChecked(True)
            self.passphrase.setFocus()

    def edition(self) -> str:
        return "facilitator" if self.facilitator.isChecked() else "participant"


class PackActions(QObject):
    """The File menu's pack actions, the workshop chooser, and drops of pack files on the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workshop = window.workshop
        self.import_action = QAction(window)
        self.import_action.setObjectName("import-pack")
        self.import_action.triggered.connect(self.choose_and_import)
        self.export_action = QAction(window)
        self.export_action.setObjectName("export-pack")
        self.export_action.triggered.connect(self.export)
        self.workshop_menu = QMenu(window)
        self.workshop_menu.setObjectName("workshop-menu")
        self.workshop_menu.aboutToShow.connect(self.fill_workshop_menu)
        self.workshops = QActionGroup(self)
        self.workshops.setExclusive(True)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self.task: Task[Checked] | Task[ImportReport] | Task[ExportResult] | None = None  # kept alive

    def add_to(self, menu: QMenu, before: QAction) -> None:
        menu.insertAction(before, self.import_action)
        menu.insertAction(before, self.export_action)
        menu.insertMenu(before, self.workshop_menu)

    def retranslate(self) -> None:
        self.import_action.setText(_("Import workshop pack…"))
        self.export_action.setText(_("Export workshop pack…"))
        self.workshop_menu.setTitle(_("Current workshop"))

    # --- the current workshop ---------------------------------------------------------

    def fill_workshop_menu(self) -> None:
        self.workshop_menu.clear()
        current = self.workshop.current_pack_id()
        installed = self.workshop.packs()
        titles = [render.plain(info.title, current_language()) for info in installed]
        for info in installed:
            title = render.plain(info.title, current_language())
            # A workshop installed beside another keeps its title: its ID tells the two apart.
            shown = info.version if titles.count(title) == 1 else f"{info.version}, {info.id}"
            action = QAction(f"{title} ({shown})", self.workshop_menu)
            action.setCheckable(True)
            action.setChecked(info.id == current)
            action.setData(info.id)
            action.triggered.connect(lambda _checked=False, pack_id=info.id: self.switch_to(pack_id))
            self.workshops.addAction(action)
            self.workshop_menu.addAction(action)

    def switch_to(self, pack_id: str) -> None:
        if pack_id != self.workshop.current_pack_id():
            self.workshop.use(pack_id)
            self.window.load_content()

    # --- import ---------------------------------------------------------------------------

    def choose_and_import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import workshop pack"), "", _(PACK_FILTER)
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Verify and plan on a worker, then ask; nothing changes before the user agrees."""
        from companion.app.domain import PublisherMismatchError

        workshop = self.workshop

        def work(progress: Progress, cancelled: CancelCheck) -> Checked:
            pack = workshop.verify_pack(path, progress, cancelled)
            try:
                return pack, {policy: workshop.plan_import(pack, policy) for policy in IMPORT_POLICIES}, None
            except PublisherMismatchError as refused:  # the plans install it beside, under a new ID
                beside = {policy: workshop.plan_import(pack, policy, True) for policy in IMPORT_POLICIES}
                return pack, beside, str(refused)

        self.task = run_with_progress(
            self.window, _("Checking the pack…"), work, lambda result: self._confirm(*result), self._failed
        )

    def _confirm(
        self, pack: VerifiedPack, plans: dict[str, ImportReport], refusal: str | None = None
    ) -> None:
        dialog = ImportSummaryDialog(pack, plans, self.window, refusal)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if refusal is not None and not dialog.beside_chosen():
            return  # the workshop refused the pack, and the user did not choose to install it beside
        if dialog.trust.isVisible() and dialog.trust.isChecked() and pack.signer:
            self.workshop.trust_publisher(pack.signer, pack.manifest.publisher)
        self.apply_import(pack, dialog.chosen_policy(), beside=refusal is not None)

    def apply_import(self, pack: VerifiedPack, policy: str, beside: bool = False) -> None:
        workshop = self.workshop

        def work(progress: Progress, cancelled: CancelCheck) -> ImportReport:
            return workshop.import_pack(pack, policy, beside, progress, cancelled)

        self.task = run_with_progress(self.window, _("Importing…"), work, self._imported, self._failed)

    def _imported(self, report: ImportReport) -> None:
        self.window.load_content()
        lines = report.lines()[:2] + ([report.beside_line()] if report.beside_of is not None else [])
        self.window.show_notice(" ".join(lines))

    def _failed(self, error: BaseException) -> None:
        from companion.app.domain import PackError, StoreError

        if isinstance(error, Cancelled):
            self.window.show_notice(_("Stopped: nothing was changed."))
        elif isinstance(error, (PackError, StoreError, OSError)):
            tell(self.window, str(error))
        elif isinstance(error, Exception):
            # A bug, not bad input; the transaction has rolled back, so say so rather than vanish.
            tell(self.window, f"{type(error).__name__}: {error}")
        else:
            raise error

    # --- export ---------------------------------------------------------------------------

    def export(self) -> None:
        dialog = ExportDialog(self.workshop.data_dir, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        from companion.gui.result_pdf import default_folder  # the user's Documents, not the program's folder

        suggested = str(default_folder() / "workshop.ctpack")
        name, _filter = QFileDialog.getSaveFileName(
            self.window, _("Export workshop pack"), suggested, _(PACK_FILTER)
        )
        if name:
            self.export_to(
                Path(name), dialog.edition(), dialog.passphrase.text() if dialog.sign.isChecked() else None
            )

    def export_to(self, path: Path, edition: str, passphrase: str | None = None) -> None:
        from companion.app.domain import load_key

        workshop = self.workshop

        def work(progress: Progress, cancelled: CancelCheck) -> ExportResult:
            key = load_key(workshop.data_dir, passphrase) if passphrase is not None else None
            return workshop.export_pack(path, edition, key, progress=progress, cancelled=cancelled)

        def done(result: ExportResult) -> None:
            self.window.show_notice(_("Exported {file}").format(file=str(result.path)))

        self.task = run_with_progress(self.window, _("Exporting…"), work, done, self._failed)

    # --- drops on the window -----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            if self._dropped_file(event) is not None:
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent):
            path = self._dropped_file(event)
            if path is not None:
                event.acceptProposedAction()
                self.import_file(path)
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _dropped_file(event: QDropEvent | QDragEnterEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return files[0] if len(files) == 1 and files[0].is_file() else None
