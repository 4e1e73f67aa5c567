"""The main window: sections, one search field, language and text size.

The window owns navigation between sections and the user's view settings
(language, text scale, contrast, geometry), which it keeps in the workshop's
settings. It opens in steps so that it appears at once: the frame (tool bar,
navigation, menus) is built from the view settings read before the data folder
is opened (companion.app.view_settings) and shown first; then the opened
folder is handed to :meth:`MainWindow.attach`, and :meth:`MainWindow.load_content`
builds the sections, reads the workshop (which loads the content model) and
fills them. Until then the entries that need the workshop are disabled, and a
setting changed is saved once it is attached. Nothing the frame needs reaches
Qt's ``Qt`` namespace: PySide builds its hundred or so enum classes on first
use, which costs about a fifth of what a bare PySide6 window does to start.

The sections are the rows of :data:`WINDOW_SECTIONS`, and each content kind
names the one that shows it (``section`` in
:data:`companion.app.kinds.CONTENT_KINDS`): adding a section is a row here and
its class in :mod:`companion.gui.sections`.
"""

from __future__ import annotations

import binascii
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from companion.app.kinds import CONTENT_KINDS
from companion.gui.catalogue import Catalogue
from companion.gui.history import History, Place
from companion.gui.shortcuts import BY_ID, keys_of
from companion.i18n import N_, _, current_language, ngettext, set_language

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from companion.app.domain import CheckReport, Manifest
    from companion.app.workshop import Workshop
    from companion.gui.authoring_actions import AuthoringActions
    from companion.gui.editor.entry import EditActions
    from companion.gui.export_dialog import ExportDialog
    from companion.gui.help import HelpActions
    from companion.gui.packs import PackActions
    from companion.gui.presenter.controller import Presenter
    from companion.gui.reader import ItemList
    from companion.gui.records import RecordsWindow
    from companion.gui.sections import (
        AgendaSection,
        AssessmentSection,
        CaseStudySection,
        LibrarySection,
        ToolSection,
    )
    from companion.gui.worker import Task

    Section = AgendaSection | CaseStudySection | ToolSection | LibrarySection | AssessmentSection


class WindowSection(NamedTuple):  # a NamedTuple: a dataclass costs more before the first paint
    id: str  # what a content kind's ``section`` names (companion.app.kinds.CONTENT_KINDS)
    label: str  # in the navigation, marked for translation
    widget: str  # its class in companion.gui.sections, imported after the first paint


# The navigation, in order (Ctrl+1, Ctrl+2... follow it).
WINDOW_SECTIONS: tuple[WindowSection, ...] = (
    WindowSection("agenda", N_("Agenda"), "AgendaSection"),
    WindowSection("case-studies", N_("Case studies"), "CaseStudySection"),
    WindowSection("tools", N_("Screening tools"), "ToolSection"),
    WindowSection("library", N_("Library"), "LibrarySection"),
    WindowSection("assessment", N_("Assessment"), "AssessmentSection"),
)
SECTION_NAMES = [section.label for section in WINDOW_SECTIONS]
SECTION_INDEX = {section.id: n for n, section in enumerate(WINDOW_SECTIONS)}
SECTION_OF_KIND = {kind.id: SECTION_INDEX[kind.section] for kind in CONTENT_KINDS}
MIN_SCALE, MAX_SCALE = 0.8, 2.5
SEARCH_DELAY_MS = 250  # typing pauses this long before the search runs
NOTICE_MS = 8_000  # how long a notice stays before it closes by itself
Dialog = TypeVar("Dialog", bound="QDialog")
SectionType = TypeVar("SectionType", bound=QWidget)


class MainWindow(QMainWindow):
    sig_content_loaded = Signal()
    workshop: Workshop  # the opened data folder, from attach(); the frame is drawn before it is open
    help: HelpActions  # Help ▸ Getting started, Keyboard shortcuts, Abbreviations: added with the sections

    def __init__(
        self,
        base_font: QFont,
        settings: Mapping[str, str],
        data_dir: Path | None = None,
        parent: QWidget | None = None,
    ):
        """The frame, drawn with ``settings`` (companion.app.view_settings) of the folder ``data_dir``.

        The folder is opened after the first paint and handed to :meth:`attach`.
        """
        super().__init__(parent)
        self.data_dir = data_dir  # None: the default folder
        self.attached = False  # attach() sets self.workshop
        self.settings = dict(settings)  # the view settings shown, as saved (or to be saved)
        self.unsaved: dict[str, str] = {}  # changed before the folder was open: saved by attach()
        self.base_font = QFont(base_font)
        self.manifest: Manifest | None = None  # set by load_content()
        self.catalogue = Catalogue()
        self.sections: list[Section] = []  # built by load_content(), after the first paint
        self.results: ItemList | None = None
        self.results_query = ""  # what the search results list shows hits for
        self.records_window: RecordsWindow | None = None
        self.export_dialog: ExportDialog | None = None
        self.packs: PackActions | None = None  # added with the sections
        self.authoring: AuthoringActions | None = None  # added with the sections
        self.editing: EditActions | None = None  # the Edit menu (item editor), added with the sections
        self.check_task: Task[CheckReport] | None = None  # the running check, kept alive
        self.presenter: Presenter | None = None  # presenter mode (F5), added with the sections
        self.stack = QStackedWidget()

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(180)
        self.nav.currentRowChanged.connect(self.show_section)

        self.history = History()  # Back/Forward (Alt+Left/Right, the mouse's side buttons)
        self.search_delay = QTimer(self)  # search as you type, once the typing pauses
        self.search_delay.setSingleShot(True)
        self.search_delay.setInterval(SEARCH_DELAY_MS)
        self.search_delay.timeout.connect(lambda: self.run_search(focus_results=False))
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner_box = QWidget()  # the notice and its close button; closes itself after a while
        self.banner_box.setObjectName("notice")
        self.banner_box.setStyleSheet("background:#fff3cd;")
        self.banner.setStyleSheet("padding:6px;")
        self.banner_close = QPushButton("×")
        self.banner_close.setObjectName("close-notice")
        self.banner_close.setFlat(True)
        self.banner_close.clicked.connect(self.hide_notice)
        banner_row = QHBoxLayout(self.banner_box)
        banner_row.setContentsMargins(0, 0, 0, 0)
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_close)
        self.banner_box.hide()
        self.banner_timer = QTimer(self)
        self.banner_timer.setSingleShot(True)
        self.banner_timer.setInterval(NOTICE_MS)
        self.banner_timer.timeout.connect(self.hide_notice)

        body = QWidget()
        row = QHBoxLayout()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        column = QVBoxLayout(body)
        column.addWidget(self.banner_box)
        column.addLayout(row)
        self.setCentralWidget(body)

        self._build_toolbar()
        self._build_actions()
        self._build_menus()
        self.scale = _scale_of(self.settings)
        self._apply_scale()
        self.retranslate()
        self.nav.setCurrentRow(0)
        self.clock = QTimer(self)
        self.clock.setInterval(30_000)
        self._restore_geometry()

    @classmethod
    def of(cls, workshop: Workshop, base_font: QFont) -> MainWindow:
        """A window on an already opened ``workshop``, ready for :meth:`load_content`."""
        window = cls(base_font, workshop.view_settings(), workshop.data_dir)
        window.attach(workshop)
        return window

    def attach(self, workshop: Workshop) -> None:
        """Use the opened data folder from now on: save what changed before, show what it holds."""
        self.workshop, self.attached = workshop, True
        for key, value in self.unsaved.items():
            workshop.set_setting(key, value)
        self.unsaved.clear()
        saved = workshop.view_settings()
        if saved != self.settings:  # not readable before it was opened (a first start, a damaged file)
            self.settings = saved
            self._apply_settings()
        for entry in self.needs_workshop:
            entry.setEnabled(True)

    def load_content(self) -> None:
        """Read the current workshop and show it."""
        if not self.sections:
            self._build_sections()
            # The mouse's side buttons (eventFilter). Not before the first paint: a Python filter on
            # the whole application is handed every event of every widget, and PySide then builds a
            # Python type and its enums for each widget class (150 enums, half the cost of a bare start).
            QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        workshop = self.workshop
        pack_id = workshop.current_pack_id()
        self.manifest = manifest = workshop.manifest(pack_id)
        assert manifest is not None  # opening a data folder installs the bundled workshop if it has none
        self.catalogue.load(workshop.items(), manifest, workshop.fingerprint(pack_id))
        self.retranslate()
        self.timing.reload()  # another workshop may have become current
        self.clock.start()
        from companion.gui import room  # after the first paint: drop-downs fit their entries

        room.install_popup_fitter(QApplication.instance())  # type: ignore[arg-type]
        room.fit_popups(self)
        self.sig_content_loaded.emit()

    # --- building ---------------------------------------------------------------

    def _build_sections(self) -> None:
        """The sections, the search results and the pack actions: everything but the frame."""
        from companion.gui import sections
        from companion.gui.authoring_actions import AuthoringActions
        from companion.gui.help import HelpActions
        from companion.gui.packs import PackActions
        from companion.gui.reader import ID_ROLE, ItemList

        # Help's entries first: they go above the Help menu's own, as when they were part of the frame.
        self.help = HelpActions(self)
        self.sections = [getattr(sections, row.widget)(self.catalogue) for row in WINDOW_SECTIONS]
        # The sections the window itself talks to, beyond navigating and retranslating.
        self.agenda = self._section("agenda", sections.AgendaSection)
        self.case_studies = self._section("case-studies", sections.CaseStudySection)
        self.tools = self._section("tools", sections.ToolSection)
        self.library = self._section("library", sections.LibrarySection)
        self.tools.sig_record_requested.connect(self.open_records)
        results = self.results = ItemList()
        results.itemActivated.connect(lambda row: self.open_hit(row.data(ID_ROLE)))
        self.case_studies.sig_visibility_changed.connect(self.refresh_results)
        for section in self.sections:
            self.stack.addWidget(section)
            section.sig_navigate.connect(self.open_item)
            for item_list in section.findChildren(ItemList):
                item_list.sig_item_chosen.connect(lambda item_id, s=section: self._opened(s, item_id))
        self.stack.addWidget(results)
        self.show_section(max(self.nav.currentRow(), 0))
        self.clock.timeout.connect(self.agenda.refresh_now)
        self.packs = PackActions(self)
        self.packs.add_to(self.file_menu, self.file_menu.actions()[0])
        from companion.gui.editor.entry import EditActions

        self.editing = EditActions(self)
        self.authoring = AuthoringActions(self)
        self.authoring.add_to(self.file_menu, self.file_menu.actions()[0], self.help_menu, self.agenda)
        from companion.gui.live_timing import LiveTiming
        from companion.gui.presenter.controller import attach as attach_presenter

        # The shifted times: the agenda's labels and "now", and the presenter console, follow them.
        self.timing = LiveTiming(self.workshop, self)
        self.timing.sig_changed.connect(lambda: self.agenda.set_live(self.timing.times))
        self.calendar_action = QAction(self)
        self.calendar_action.setObjectName("export-calendar")
        self.calendar_action.triggered.connect(self.export_calendar)
        self.file_menu.insertAction(self.export_action, self.calendar_action)
        self.presenter, self.present_action = attach_presenter(self)
        from companion.gui.notes import NoteActions

        self.notes = NoteActions(self)  # notes, bookmarks, highlights: File menu and readers' menus

    def _section(self, section_id: str, cls: type[SectionType]) -> SectionType:
        """The section of WINDOW_SECTIONS with this ID, which is a ``cls``."""
        section = self.sections[SECTION_INDEX[section_id]]
        assert isinstance(section, cls)
        return section

    def _build_toolbar(self) -> None:
        bar = QToolBar()
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("search")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(320)
        self.search_field.returnPressed.connect(self.run_search)
        self.search_field.textChanged.connect(self._typed)
        bar.addWidget(self.search_field)
        # The language button at the right end: a stretch takes the width between (a layout's
        # stretch, not a size policy: PySide builds the QSizePolicy type, 1 ms, on first use).
        spacer = QWidget()
        QHBoxLayout(spacer).addStretch()
        bar.addWidget(spacer)
        self.language_button = QPushButton()
        self.language_button.setObjectName("language")
        self.language_button.clicked.connect(self.toggle_language)
        bar.addWidget(self.language_button)
        self.addToolBar(bar)

    def _build_actions(self) -> None:
        def action(keys: list[QKeySequence], slot: Callable[..., object]) -> QAction:
            act = QAction(self)
            act.setShortcuts(keys)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        # The keys come from companion.gui.shortcuts, the table Help ▸ Keyboard shortcuts shows.
        self.find_action = action(keys_of("find"), self.focus_search)
        self.zoom_in_action = action(keys_of("zoom-in"), lambda: self.zoom(1.15))
        self.zoom_plus_action = self.zoom_in_action  # Ctrl+= is one of its keys
        self.zoom_out_action = action(keys_of("zoom-out"), lambda: self.zoom(1 / 1.15))
        self.zoom_reset_action = action(keys_of("zoom-reset"), lambda: self.zoom(None))
        self.language_action = action(keys_of("language"), self.toggle_language)
        self.quit_action = action(keys_of("quit"), self.close)
        first = BY_ID["sections"].keys[0][:-1]  # "Ctrl+": the series runs Ctrl+1, Ctrl+2, …
        for n in range(len(SECTION_NAMES)):
            action([QKeySequence(f"{first}{n + 1}")], lambda _checked=False, n=n: self.nav.setCurrentRow(n))
        self.about_action = action(keys_of("about"), self.show_about)  # F1
        self.back_action = action(keys_of("back"), self.go_back)
        self.back_action.setObjectName("back")
        self.forward_action = action(keys_of("forward"), self.go_forward)
        self.forward_action.setObjectName("forward")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        """The menu bar; features add their own actions to these menus."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("file-menu")
        self.view_menu = bar.addMenu("")  # View ▸ High contrast (companion.gui.room), before Help
        self.view_menu.setObjectName("view-menu")
        self.high_contrast_action = QAction(self)
        self.high_contrast_action.setObjectName("high-contrast")
        self.high_contrast_action.setCheckable(True)
        self.high_contrast_action.toggled.connect(self.set_high_contrast)
        self.view_menu.addAction(self.high_contrast_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("help-menu")
        self.check_action = QAction(self)
        self.check_action.setObjectName("check-database")
        self.check_action.triggered.connect(self.check_database)
        self.help_menu.addAction(self.check_action)
        self.verify_action = QAction(self)
        self.verify_action.setObjectName("verify-certificate")
        self.verify_action.triggered.connect(self.open_verify)
        self.help_menu.addAction(self.verify_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self.export_action = QAction(self)
        self.export_action.setShortcuts(keys_of("export"))
        self.export_action.triggered.connect(self.open_export)
        self.file_menu.addAction(self.export_action)
        self.records_action = QAction(self)
        self.records_action.setShortcuts(keys_of("records"))
        self.records_action.triggered.connect(lambda: self.open_records())
        self.file_menu.addAction(self.records_action)
        self.participants_action = QAction(self)
        self.participants_action.setObjectName("participants")
        self.participants_action.triggered.connect(self.open_participants)
        self.file_menu.addSeparator()  # the room: participants, knowledge checks, feedback, scans
        self.file_menu.addAction(self.participants_action)
        self.take_check_action = QAction(self)
        self.take_check_action.setObjectName("take-knowledge-check")
        self.take_check_action.triggered.connect(self.open_taking)
        self.file_menu.addAction(self.take_check_action)
        self.evaluation_action = QAction(self)
        self.evaluation_action.setObjectName("take-evaluation")
        self.evaluation_action.triggered.connect(self.open_evaluation)
        self.file_menu.addAction(self.evaluation_action)
        self.scan_review_action = QAction(self)
        self.scan_review_action.setObjectName("read-scanned-sheets")
        self.scan_review_action.triggered.connect(self.open_scan_review)
        self.file_menu.addAction(self.scan_review_action)
        self.scores_action = QAction(self)
        self.scores_action.setObjectName("knowledge-check-scores")
        self.scores_action.triggered.connect(self.open_scores)
        self.file_menu.addAction(self.scores_action)
        self.conflicts_action = QAction(self)
        self.conflicts_action.setObjectName("result-conflicts")
        self.conflicts_action.triggered.connect(self.open_conflicts)
        self.file_menu.addAction(self.conflicts_action)
        self.report_action = QAction(self)
        self.report_action.setObjectName("workshop-report")
        self.report_action.triggered.connect(self.open_report)
        self.file_menu.addSeparator()  # after the workshop: the report and the certificates
        self.file_menu.addAction(self.report_action)
        self.certificates_action = QAction(self)
        self.certificates_action.setObjectName("certificates")
        self.certificates_action.triggered.connect(self.open_certificates)
        self.file_menu.addAction(self.certificates_action)
        self.backups_action = QAction(self)
        self.backups_action.setObjectName("backups")
        self.backups_action.triggered.connect(self.open_backups)
        self.file_menu.addAction(self.backups_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        # Each opens a window on the workshop: enabled once the data folder is open (attach()).
        self.needs_workshop = [
            self.export_action,
            self.records_action,
            self.participants_action,
            self.take_check_action,
            self.evaluation_action,
            self.scan_review_action,
            self.scores_action,
            self.conflicts_action,
            self.report_action,
            self.certificates_action,
            self.backups_action,
            self.check_action,
            self.verify_action,
        ]
        for entry in self.needs_workshop:
            entry.setEnabled(False)

    def _retranslate_menus(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.help_menu.setTitle(_("&Help"))
        self.view_menu.setTitle(_("&View"))
        self.high_contrast_action.setText(_("High contrast (for a washed-out projector)"))
        self.quit_action.setText(_("Quit"))
        self.records_action.setText(_("Field records…"))
        self.participants_action.setText(_("Participants and attendance…"))
        self.take_check_action.setText(_("Take a knowledge check…"))
        self.evaluation_action.setText(_("Give feedback on the workshop…"))
        self.scan_review_action.setText(_("Read scanned answer sheets…"))
        self.scores_action.setText(_("Knowledge check scores…"))
        self.conflicts_action.setText(_("Result conflicts…"))
        self.report_action.setText(_("Workshop report…"))
        self.certificates_action.setText(_("Certificates…"))
        self.verify_action.setText(_("Verify a certificate…"))
        self.export_action.setText(_("Export handouts…"))
        self.backups_action.setText(_("&Backups…"))
        self.check_action.setText(_("&Check database…"))
        self.about_action.setText(_("&About Training Companion"))
        if getattr(self, "help", None) is not None:
            self.help.retranslate()
        if getattr(self, "notes", None) is not None:
            self.notes.retranslate()
        if self.packs is not None:
            self.packs.retranslate()
        if self.editing is not None:
            self.editing.retranslate()
        if self.authoring is not None:
            self.authoring.retranslate()
        if self.presenter is not None:
            self.calendar_action.setText(_("Export agenda to calendar…"))
            self.present_action.setText(_("Present to the room (F5)"))
            self.presenter.retranslate()

    # --- language -----------------------------------------------------------------

    def retranslate(self) -> None:
        lang = current_language()
        app_name = _("Training Companion")
        if self.manifest is None:
            self.setWindowTitle(app_name)
        else:
            from companion.gui import render  # with the workshop, after the first paint

            self.setWindowTitle(f"{render.plain(self.manifest.workshop.title, lang)} — {app_name}")
        self.search_field.setPlaceholderText(_("Search everything (Ctrl+F)"))
        # The button names the language it switches to, in that language.
        self.language_button.setText("中文" if lang == "en" else "English")
        self.language_button.setToolTip(_("Switch language (Ctrl+L)"))
        self.banner_close.setToolTip(_("Close"))
        self.back_action.setText(_("Back"))
        self.forward_action.setText(_("Forward"))
        self._retranslate_menus()
        current = self.nav.currentRow()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.addItems([_(name) for name in SECTION_NAMES])
        self.nav.setCurrentRow(max(current, 0) if current < len(SECTION_NAMES) else -1)
        self.nav.blockSignals(False)
        for section in self.sections:
            section.retranslate()
        if self.records_window is not None:
            self.records_window.retranslate()
        if self.results is not None and self.stack.currentWidget() is self.results:
            self.run_search()
        if self.manifest is not None:
            from companion.gui import render

            venue = render.plain(self.manifest.workshop.venue, lang)
            self.statusBar().showMessage(
                _("{workshop} · pack {version}").format(workshop=venue, version=self.manifest.version)
            )

    def toggle_language(self) -> None:
        self.set_language("zh-Hans" if current_language() == "en" else "en")

    def set_language(self, lang: str) -> None:
        from companion.gui.app import install_qt_translator

        set_language(lang)
        install_qt_translator(lang)
        self._remember("language", current_language())
        self.hide_notice()  # written in the other language: a notice is not kept half-translated
        self.retranslate()

    # --- navigation ---------------------------------------------------------------

    def show_section(self, index: int) -> None:
        if 0 <= index < len(self.sections):
            self.stack.setCurrentIndex(index)
            self._record_shown(index)

    def _record_shown(self, index: int) -> None:
        """Going to a section opens the item it shows: that is a place to come back to."""
        from companion.gui.reader import ItemList

        section = self.sections[index]
        for item_list in section.findChildren(ItemList):
            item_id = item_list.current_id()
            if item_id and item_list.isVisibleTo(section):
                self.history.visit(Place(index, item_id))
                return

    def open_item(self, item_id: str) -> None:
        item = self.catalogue.by_id.get(item_id)
        if item is None:
            return
        index = SECTION_OF_KIND[item.kind]
        moving, self.history.moving = self.history.moving, True  # not the section's item on the way
        try:
            self.nav.setCurrentRow(index)
            self.sections[index].open_item(item_id)
        finally:
            self.history.moving = moving
        self.history.visit(Place(index, item_id))  # also when it was open already in its section

    def _opened(self, section: QWidget, item_id: str) -> None:
        """An item shown in a section: history keeps those the user sees (not the sections behind)."""
        if section.isVisibleTo(self.stack) and section is self.stack.currentWidget():
            self.history.visit(Place(self.sections.index(section), item_id))  # type: ignore[arg-type]

    def go_back(self) -> None:
        self._go(self.history.back())

    def go_forward(self) -> None:
        self._go(self.history.forward())

    def _go(self, place: Place | None) -> None:
        if place is None:
            return
        self.history.moving = True
        try:
            self.open_item(place.item_id)
        finally:
            self.history.moving = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """The mouse's back and forward buttons, wherever in this window they are pressed."""
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            inside = isinstance(watched, QWidget) and watched.window() is self
            button = event.button()
            if inside and button == button.BackButton:
                self.go_back()
                return True
            if inside and button == button.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)

    def open_export(self) -> None:
        from companion.gui.export_dialog import ExportDialog

        if self.manifest is None:
            return
        self.export_dialog = _open_dialog(ExportDialog(self.workshop, self))

    def export_calendar(self, path: str | None = None) -> None:
        """The agenda at its shifted times as an iCalendar file, for participants' phone calendars."""
        from PySide6.QtWidgets import QFileDialog

        if path is None:
            from companion.gui.result_pdf import default_folder  # Documents, not the program's folder

            name = str(default_folder() / f"{self.workshop.current_pack_id() or 'agenda'}.ics")
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Export agenda to calendar"), name, _("Calendar files (*.ics)")
            )
        if not path:
            return
        try:
            count = self.workshop.export_agenda_calendar(Path(path), current_language())
        except (OSError, ValueError) as exc:
            self.show_notice(_("Cannot write {file}: {reason}").format(file=path, reason=exc))
            return
        self.show_notice(_("Wrote {count} sessions to {file}").format(count=count, file=path))

    def open_records(self, tool_id: str = "") -> None:
        """The field records window (one at a time), optionally starting a record with a tool."""
        from companion.gui.records import RecordsWindow

        if self.records_window is None or not self.records_window.isVisible():
            self.records_window = RecordsWindow(self.workshop, self.catalogue, self)
        if tool_id:
            self.records_window.start_with_tool(tool_id)
        self.records_window.show()
        self.records_window.raise_()
        self.records_window.activateWindow()

    def open_participants(self) -> QDialog:
        """The roster and attendance window, sharing the records' vault when that is open."""
        from companion.gui.assess.roster import ParticipantsWindow

        vault = self.records_window.vault if self.records_window is not None else None
        self.participants_window = _open_dialog(ParticipantsWindow(self.workshop, vault, self))
        return self.participants_window

    def open_taking(self) -> QDialog:
        """A participant takes a knowledge check on this laptop (companion.gui.assess.taking)."""
        from companion.gui.assess.taking import TakingDialog

        self.taking_dialog = _open_dialog(TakingDialog(self.workshop, self))
        return self.taking_dialog

    def open_evaluation(self) -> QDialog:
        """A participant fills in the evaluation form, anonymously (companion.gui.assess.evaluation)."""
        from companion.gui.assess.evaluation import EvaluationDialog

        self.evaluation_dialog = _open_dialog(EvaluationDialog(self.workshop, self))
        return self.evaluation_dialog

    def open_scan_review(self) -> QDialog:
        """Read scanned answer sheets and decide their flagged marks (companion.gui.assess.review)."""
        from companion.gui.assess.review import ScanReviewDialog

        self.scan_review_dialog = _open_dialog(ScanReviewDialog(self.workshop, self))
        return self.scan_review_dialog

    def open_scores(self) -> QDialog:
        """Scores per participant, objective and question, with charts (companion.gui.assess.scores)."""
        from companion.gui.assess.scores import ScoresWindow

        self.scores_window = _open_dialog(ScoresWindow(self.workshop, self))
        return self.scores_window

    def open_conflicts(self) -> QDialog:
        """Result conflicts: keep one of two answer sets (companion.gui.assess.conflicts)."""
        from companion.gui.assess.conflicts import ConflictsDialog

        self.conflicts_dialog = _open_dialog(ConflictsDialog(self.workshop, self))
        return self.conflicts_dialog

    def open_report(self) -> QDialog:
        """The workshop report, previewed and saved (companion.gui.report_dialog)."""
        from companion.gui.report_dialog import ReportDialog

        self.report_dialog = _open_dialog(ReportDialog(self.workshop, self))
        return self.report_dialog

    def open_certificates(self) -> QDialog:
        """Signed certificates for who qualified (companion.gui.certificates_dialog)."""
        from companion.gui.certificates_dialog import CertificatesDialog

        self.certificates_dialog = _open_dialog(CertificatesDialog(self.workshop, self))
        return self.certificates_dialog

    def open_verify(self) -> QDialog:
        """Check a certificate offline (companion.gui.verify_dialog)."""
        from companion.gui.verify_dialog import VerifyDialog

        self.verify_dialog = _open_dialog(VerifyDialog(self.workshop, self))
        return self.verify_dialog

    def focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def _typed(self, _text: str) -> None:
        self.search_delay.start()  # (re)started on each key: the search runs when typing pauses

    def run_search(self, focus_results: bool = True) -> None:
        """Show the results for the search field; Enter moves to them, typing stays in the field."""
        self.search_delay.stop()
        query = self.search_field.text().strip()
        if not query or self.results is None:
            return
        found = self._fill_results(query)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(-1)
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(self.results)
        if found:
            self.results.setCurrentRow(1)
            if focus_results:
                self.results.setFocus()

    def refresh_results(self) -> None:
        """Search again for the listed results when what the room may see changes.

        Unticking facilitator notes must take their text off the results too,
        not only off the case study; revealing a stage makes its text findable.
        """
        if self.results is not None and self.results_query:
            row = self.results.currentRow()
            found = self._fill_results(self.results_query)
            if found and row >= 1:  # row 0 is the header
                self.results.setCurrentRow(min(row, found))

    def _fill_results(self, query: str) -> int:
        """List the hits for ``query`` among what the room may see (see CaseStudySection); how many."""
        hits = self.workshop.search(query, current_language(), self.case_studies.visibility())
        self.results_query = query
        results = self.results
        assert results is not None  # a search runs only once the sections are built
        results.clear()
        results.add_header(
            ngettext('{count} result for "{query}"', '{count} results for "{query}"', len(hits)).format(
                count=len(hits), query=query
            )
            if hits
            else _('No results for "{query}"').format(query=query)
        )
        for hit in hits:
            kind = _(SECTION_NAMES[SECTION_OF_KIND[hit.kind]])
            results.add_entry(hit.id, f"{hit.title}   · {kind}\n    {hit.snippet}")
        return len(hits)

    def open_hit(self, item_id: str) -> None:
        """Open a search result with the searched words highlighted and the first one scrolled to."""
        from companion.gui.find_in_text import highlight
        from companion.gui.reader import Reader

        self.open_item(item_id)
        page = self.stack.currentWidget()
        if page is None:
            return
        for reader in page.findChildren(Reader):
            if reader.isVisibleTo(page):
                highlight(reader, self.results_query)

    def show_about(self) -> QWidget:
        # Imported when asked for, like every rarely used dialog, to keep the start fast.
        from companion.gui.about import AboutDialog

        return _open_dialog(AboutDialog(self))

    def open_backups(self) -> QWidget:
        from companion.gui.backups import BackupsDialog

        return _open_dialog(BackupsDialog(self))

    def check_database(self) -> None:
        from companion.gui.check_dialog import check_database

        self.check_task = check_database(self)

    # --- text size ----------------------------------------------------------------

    def zoom(self, factor: float | None) -> None:
        self.scale = 1.0 if factor is None else min(MAX_SCALE, max(MIN_SCALE, self.scale * factor))
        self._apply_scale()
        self._remember("text_scale", f"{self.scale:.3f}")

    def set_high_contrast(self, on: bool) -> None:
        """Black on white, heavier type and strong borders, in the window and its readers; remembered."""
        from companion.gui import room

        if on != room.high_contrast():
            room.set_high_contrast(self, on)
            self._apply_scale()  # the heavier weight
            self.retranslate()  # the readers render again in the new look
            self._remember("high_contrast", "1" if on else "0")

    def _apply_scale(self) -> None:
        from companion.gui.room import contrast_font

        font = contrast_font(QFont(self.base_font))
        font.setPointSizeF(self.base_font.pointSizeF() * self.scale)
        # The application font reaches every widget that has no font of its own. Setting it
        # per widget instead cost seconds before the first paint and froze later widgets' size.
        if QApplication.font() != font:
            QApplication.setFont(font)

    # --- state ----------------------------------------------------------------------

    def show_notice(self, message: str) -> None:
        """A one-line notice above the sections, until closed, replaced or NOTICE_MS later."""
        self.banner.setText(message)
        self.banner_box.show()
        self.banner_timer.start()

    def hide_notice(self) -> None:
        self.banner_timer.stop()
        self.banner_box.hide()
        self.banner.clear()

    def reload_from_workshop(self) -> None:
        """Show what the data folder holds now (after a restore): its view settings and workshop."""
        self.settings = self.workshop.view_settings()
        self._apply_settings()
        self.load_content()  # the current workshop, and every label in the language just read

    def _apply_settings(self) -> None:
        """Language, text size and contrast as :attr:`settings` say; the frame keeps its size and place."""
        from companion.gui.app import install_qt_translator

        set_language(self.settings.get("language") or current_language())
        install_qt_translator(current_language())
        self.scale = _scale_of(self.settings)
        self._apply_scale()
        self.high_contrast_action.setChecked(self.settings.get("high_contrast") == "1")
        self.retranslate()

    def _remember(self, key: str, value: str) -> None:
        """Save a view setting the user changed (once the data folder is open, if it is not yet)."""
        if self.settings.get(key) == value:
            return
        self.settings[key] = value
        if self.attached:
            self.workshop.set_setting(key, value)
        else:
            self.unsaved[key] = value

    def _restore_geometry(self) -> None:
        geometry = self.settings.get("window_geometry")
        state = self.settings.get("window_state")
        from companion.gui import room

        if geometry:
            self.restoreGeometry(_from_base64(geometry))
        # The first window fits the screen's free area (a 1366x768 laptop leaves about 728 rows).
        room.fit_window(self, restored=bool(geometry))
        self.high_contrast_action.setChecked(self.settings.get("high_contrast") == "1")
        if state:
            self.restoreState(_from_base64(state))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        from companion.app.domain import StoreError

        if not self.attached:  # closed before its data folder was open: nothing to save it in
            super().closeEvent(event)
            return
        try:
            self.workshop.set_setting(
                "window_geometry", bytes(self.saveGeometry().toBase64().data()).decode("ascii")
            )
            self.workshop.set_setting(
                "window_state", bytes(self.saveState().toBase64().data()).decode("ascii")
            )
        except StoreError:
            pass  # a read-only or full database keeps the last size it saved; closing must not fail
        super().closeEvent(event)


def _scale_of(settings: Mapping[str, str]) -> float:
    """The saved text scale, within MIN_SCALE..MAX_SCALE; 1.0 if none or garbled."""
    try:
        scale = float(settings.get("text_scale") or 1.0)
    except ValueError:
        return 1.0
    return min(MAX_SCALE, max(MIN_SCALE, scale)) if scale == scale else 1.0  # NaN is not a size


def _from_base64(text: str) -> bytes:
    """A saved geometry or state; nothing (Qt then keeps its default) if the setting is garbled.

    Plain bytes, which Qt takes for a QByteArray: that type costs 1.6 M instructions to
    build, and this runs before the first paint.
    """
    try:
        return binascii.a2b_base64(text)
    except (binascii.Error, ValueError):
        return b""


def _set_shortcut(action: QAction, shortcut: QKeySequence.StandardKey | str) -> None:
    """Give ``action`` its key: a standard key brings every binding the platform has for it.

    Through setShortcuts(), not setShortcut(): PySide resolves setShortcut()'s
    overloads through the ``Qt`` namespace, and so would build its enum classes
    before the first paint.
    """
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    else:
        action.setShortcuts([QKeySequence(shortcut)])


def _open_dialog(dialog: Dialog) -> Dialog:
    """Open ``dialog`` window-modal; it deletes itself when closed."""
    from PySide6.QtCore import Qt

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
