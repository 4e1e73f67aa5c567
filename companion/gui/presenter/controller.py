"""Presenter mode's state and keys: what the room sees, where, and what the trainer sees.

:class:`Presenter` owns the audience view and the console, the sequence of
slides on the projector (the stages of a case, the dimensions of a tool) and
where it is in it, black, the pinned session and its timer, and the clicker's
keys (an application event filter while presenting, so a key reaches it whichever
of the two windows has focus). The wall clock is a callable, so tests set the
time instead of waiting for it. :func:`attach` gives the main window F5.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import QWidget

from companion.app.domain import AgendaItem, CaseStudy, day_date, now_and_next
from companion.gui import render
from companion.gui.live_timing import SHIFT_STEP
from companion.gui.presenter import slides as build
from companion.gui.presenter.audience import AudienceView
from companion.gui.presenter.console import PresenterConsole
from companion.gui.presenter.screens import (
    other_screen,
    put_full_screen,
    put_in_window,
    same_screen,
    screen_of,
)
from companion.gui.presenter.slides import Slide
from companion.i18n import _, current_language

if TYPE_CHECKING:
    from companion.gui.catalogue import Catalogue
    from companion.gui.live_timing import LiveTiming
    from companion.gui.main_window import MainWindow

Clock = Callable[[], datetime]
NEXT_KEYS = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down}
PREVIOUS_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up}
BLACK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


class Presenter(QObject):
    def __init__(
        self,
        catalogue: Catalogue,
        home: QWidget,
        selected: Callable[[], str | None] = lambda: None,
        clock: Clock = datetime.now,
        on_stage: Callable[[str, int], None] | None = None,
        timing: LiveTiming | None = None,
    ) -> None:
        super().__init__(home)
        self.catalogue = catalogue
        self.home = home  # the main window: the console goes on its screen
        self.selected = selected
        self.clock = clock
        self.on_stage = on_stage
        self.timing = timing  # the shifted times; None: the plan, and no moves
        self.audience = AudienceView()
        self.console = PresenterConsole()
        self.active = False
        self.black = False
        self.source: Callable[[str], list[Slide]] | None = None  # rebuilds the slides in a language
        self.slides: list[Slide] = []
        self.index = 0
        self.session_id: str | None = None  # the session the timer times
        self.session_started: datetime | None = None
        self.audience_screen: QScreen | None = None  # None: the audience view is a window
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        for name, slot in (
            ("previous", self.previous),
            ("next", self.next),
            ("session", self.send_session),
            ("agenda", self.send_agenda),
            ("selected", self.send_selected),
            ("pause", self.send_pause),
            ("black", self.toggle_black),
            ("next-session", self.start_next_session),
            ("later", lambda: self.shift_rest_of_day(SHIFT_STEP)),
            ("earlier", lambda: self.shift_rest_of_day(-SHIFT_STEP)),
            ("leave", self.stop),
        ):
            self.console.buttons[name].clicked.connect(slot)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        self.app = app
        app.screenRemoved.connect(self.screen_removed)

    # --- starting and leaving ---------------------------------------------------------

    def start(self) -> None:
        """Start presenting, or resume (F5 again puts each window back where it belongs)."""
        if not self.active:
            self.active = True
            now = now_and_next(self._agenda(), self.catalogue.start_date, self.clock())
            if self.session_id is None and now.now is not None:
                self.pin_session(now.now)
            self.app.installEventFilter(self)
            self.ticker.start()
        self.place()
        if self.source is None:
            if self.session_id is not None:
                self.send_session()
            else:
                self.send_agenda()
        self.tick()

    def stop(self) -> None:
        if not self.active:
            return
        self.active = False
        self.ticker.stop()
        self.app.removeEventFilter(self)
        self.audience.hide()
        self.console.hide()
        self.home.activateWindow()

    def place(self) -> None:
        console_screen = screen_of(self.home)
        self.console.setScreen(console_screen)
        self.console.setGeometry(console_screen.availableGeometry())
        self.console.show()
        self.audience_screen = other_screen(console_screen)
        if self.audience_screen is not None:
            put_full_screen(self.audience, self.audience_screen)
        else:
            put_in_window(self.audience, console_screen)
        self.console.raise_()
        self.console.activateWindow()
        self.check_screens()

    def check_screens(self) -> None:
        warn = self.active and same_screen(self.console, self.audience)
        self.console.show_warning(
            _("The audience view is on the same screen as this console: the room may see your notes.")
            if warn
            else ""
        )

    def screen_removed(self, screen: QScreen) -> None:
        """A screen was unplugged: bring the audience view back to the laptop, keep presenting."""
        if not self.active or screen is not self.audience_screen:
            return
        self.audience_screen = None
        home = next((s for s in QGuiApplication.screens() if s is not screen), None)
        put_in_window(self.audience, home or screen_of(self.console))
        self.console.show_notice(
            _("The second screen was disconnected: the audience view is a window on this screen now.")
        )
        self.check_screens()
        self.refresh()

    # --- what the room sees -------------------------------------------------------------

    def send(self, source: Callable[[str], list[Slide]], index: int = 0) -> None:
        self.source = source
        self.slides = source(current_language())
        self.index = max(0, min(index, len(self.slides) - 1))
        self.black = False
        self.audience.set_black(False)
        self.refresh()

    def send_item(self, item_id: str) -> None:
        item = self.catalogue.by_id.get(item_id)
        if item is not None:
            self.send(lambda lang: build.sequence(item, lang, self.catalogue.by_id.get))

    def send_selected(self) -> None:
        item_id = self.selected()
        if item_id:
            self.send_item(item_id)

    def send_session(self) -> None:
        if self.session_id is not None:
            self.send_item(self.session_id)

    def send_agenda(self) -> None:
        day = self._day()
        items = [i for i in self._agenda() if i.day == day]

        def agenda_slides(lang: str) -> list[Slide]:
            when = day_date(self.catalogue.start_date, day).isoformat()
            return [build.agenda(items, _("Day {number} · {date}").format(number=day, date=when), lang)]

        self.send(agenda_slides)

    def send_pause(self) -> None:
        upcoming = self.catalogue.get(self._next_session_id(), AgendaItem)
        back_at = upcoming.start if upcoming is not None else None
        self.send(lambda _lang: [build.pause(back_at)])

    def next(self) -> None:
        self._move(1)

    def previous(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        index = max(0, min(self.index + step, len(self.slides) - 1))
        if index != self.index:
            self.index = index
            self.refresh()

    def toggle_black(self) -> None:
        self.black = not self.black
        self.audience.set_black(self.black)
        self.refresh_thumbnail()

    def current(self) -> Slide | None:
        return self.slides[self.index] if self.slides else None

    def refresh(self) -> None:
        slide = self.current()
        self.audience.show_slide(slide)
        self.console.set_notes(self._notes(slide))
        if slide is not None and slide.kind == "stage" and self.on_stage is not None:
            self.on_stage(slide.item_id, self.index + 1)  # the main window's case keeps up
        self.refresh_thumbnail()

    def refresh_thumbnail(self) -> None:
        slide = self.current()
        position = slide.footer if slide and slide.footer else ""
        if self.black:
            position = _("Black screen (B to show)")
        self.console.set_thumbnail(self.audience.grab(), position)

    def _notes(self, slide: Slide | None) -> str:
        """The trainer's notes for what the room sees: model answers, answer keys, session notes."""
        lang = current_language()
        item = self.catalogue.by_id.get(slide.item_id if slide else "")
        if isinstance(item, CaseStudy):
            return render.facilitator_notes(item, lang, self.catalogue.title)
        session = item if isinstance(item, AgendaItem) else self.catalogue.get(self.session_id, AgendaItem)
        if session is not None and session.facilitator_notes is not None:
            return render.paragraphs(session.facilitator_notes, lang)
        return ""

    # --- sessions and time --------------------------------------------------------------

    def _agenda(self) -> list[AgendaItem]:
        return self.catalogue.of_type(AgendaItem)

    def _day(self) -> int:
        session = self.catalogue.get(self.session_id, AgendaItem)
        if session is not None:
            return session.day
        today = self.clock().date()
        days = sorted({i.day for i in self._agenda()}) or [1]
        return next((d for d in days if day_date(self.catalogue.start_date, d) == today), days[0])

    def _next_session_id(self) -> str | None:
        session = self.catalogue.get(self.session_id, AgendaItem)
        if session is None:
            return now_and_next(self._agenda(), self.catalogue.start_date, self.clock(), self._times()).next
        later = sorted(
            (i for i in self._agenda() if i.day == session.day and i.start > session.start),
            key=lambda i: i.start,
        )
        return later[0].id if later else None

    def pin_session(self, session_id: str) -> None:
        """Time ``session_id`` from now (the timer counts from when the trainer starts it)."""
        self.session_id = session_id
        self.session_started = self.clock()

    def _times(self) -> dict[str, tuple[str, str]]:
        return self.timing.times if self.timing is not None else {}

    def _start_end(self, session: AgendaItem) -> tuple[str, str]:
        return self._times().get(session.id, (session.start, session.end))

    def start_next_session(self) -> None:
        """Time the next session from now; the rest of its day moves to follow (live timing)."""
        upcoming = self._next_session_id()
        if upcoming is None:
            return
        if self.timing is not None:
            self.console.show_notice(self.timing.start_now(upcoming, self.clock()) or "")
        self.pin_session(upcoming)
        self.send_session()
        self.tick()

    def shift_rest_of_day(self, minutes: int) -> None:
        """"+5 min" / "−5 min": the running session (else the next) and the rest of its day move."""
        target = self.session_id or self._next_session_id()
        if self.timing is None or target is None:
            return
        self.console.show_notice(self.timing.shift(target, minutes, self.clock()) or "")
        self.tick()

    def timer(self) -> tuple[int, int] | None:
        """Elapsed and remaining seconds of the pinned session (remaining < 0: it has run over)."""
        session = self.catalogue.get(self.session_id, AgendaItem)
        if session is None or self.session_started is None:
            return None
        elapsed = int((self.clock() - self.session_started).total_seconds())
        start, end = self._start_end(session)  # a break that absorbs a delay is shorter
        planned = (_minutes(end) - _minutes(start)) * 60
        return elapsed, planned - elapsed

    def tick(self) -> None:
        """Once a second: the clock, the timer, the sessions, the thumbnail."""
        lang = current_language()

        def line(item_id: str | None) -> str:
            item = self.catalogue.get(item_id, AgendaItem)
            if item is None:
                return ""
            start, end = self._start_end(item)
            return f"{start}–{end}  {render.plain(item.title, lang)}"

        self.console.set_clock(self.clock().strftime("%H:%M:%S"))
        self.console.set_sessions(line(self.session_id), line(self._next_session_id()))
        self.console.set_timer(self.timer())
        self.check_screens()
        if self.active:
            self.refresh_thumbnail()

    # --- keys -----------------------------------------------------------------------------

    def key(self, key: int) -> bool:
        """Act on a clicker's key; whether it was one."""
        if key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key in BLACK_KEYS:
            self.toggle_black()
        elif key == Qt.Key.Key_F5:
            self.start()
        elif key == Qt.Key.Key_Escape:
            self.stop()
        else:
            return False
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            self.active
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and watched.window() in (self.console, self.audience)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            return self.key(event.key())
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.console.retranslate()
        self.audience.setWindowTitle(_("Audience view"))
        if self.source is not None:
            self.slides = self.source(current_language())
            self.index = min(self.index, len(self.slides) - 1)
            self.refresh()
        self.tick()


def selected_item(window: MainWindow) -> str | None:
    """The item selected in the main window's current section, if any."""
    from companion.gui.reader import ListReader
    from companion.gui.sections import LibrarySection

    widget = window.stack.currentWidget()
    if isinstance(widget, LibrarySection):
        widget = widget.tabs.currentWidget()
    return widget.list.current_id() if isinstance(widget, ListReader) else None


def attach(window: MainWindow) -> tuple[Presenter, QAction]:
    """Presenter mode for ``window``: F5 starts it, from the File menu too."""
    presenter = Presenter(
        window.catalogue,
        window,
        selected=lambda: selected_item(window),
        on_stage=window.case_studies.reveal_at_least,
        timing=window.timing,
    )
    action = QAction(window)
    action.setObjectName("present")
    action.setShortcuts([QKeySequence("F5")])
    action.triggered.connect(presenter.start)
    window.addAction(action)
    window.file_menu.insertAction(window.export_action, action)
    return presenter, action
