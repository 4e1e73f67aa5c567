"""The presenter console: what the trainer sees while the room sees the audience view.

It shows the current and next session, the facilitator's notes for what is on
the projector (a session's notes, a case's model answers and answer keys), the
session timer, the wall clock and a thumbnail of the audience view. It only
displays: the controller (:mod:`companion.gui.presenter.controller`) fills it and
owns the keys and buttons' actions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _

THUMB_WIDTH = 384


def clock_text(seconds: int) -> str:
    """``MM:SS`` (minutes run past 59: a session's timer reads 95:00, not 1:35:00)."""
    minutes, secs = divmod(abs(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


def timer_text(elapsed: int, remaining: int) -> tuple[str, bool]:
    """The timer's line, and whether the session has run over (shown in red)."""
    if remaining < 0:
        over = _("+{time} over").format(time=clock_text(remaining))
        return _("Elapsed {elapsed} · {over}").format(elapsed=clock_text(elapsed), over=over), True
    return (
        _("Elapsed {elapsed} · {remaining} left").format(
            elapsed=clock_text(elapsed), remaining=clock_text(remaining)
        ),
        False,
    )


class PresenterConsole(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenter-console")
        self.notice = QLabel()
        self.notice.setObjectName("presenter-notice")
        self.notice.setStyleSheet("background:#fff3cd; padding:4px;")
        self.warning = QLabel()
        self.warning.setObjectName("presenter-warning")
        self.warning.setStyleSheet("background:#fde2e1; color:#8a1c1c; padding:4px;")
        for banner in (self.notice, self.warning):
            banner.setWordWrap(True)
            banner.hide()
        self.now_label, self.now_value = QLabel(), QLabel()
        self.next_label, self.next_value = QLabel(), QLabel()
        self.timer = QLabel()
        self.timer.setObjectName("session-timer")
        self.clock = QLabel()
        self.clock.setObjectName("wall-clock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock.setStyleSheet("font-size:28px; font-weight:600;")
        for value in (self.now_value, self.next_value):
            value.setWordWrap(True)
            value.setStyleSheet("font-weight:600;")
        self.notes_label = QLabel()
        self.notes = QTextBrowser()
        self.notes.setObjectName("presenter-notes")
        self.thumb_label = QLabel()
        self.position = QLabel()
        self.thumbnail = QLabel()
        self.thumbnail.setObjectName("audience-thumbnail")
        self.thumbnail.setFixedSize(THUMB_WIDTH, THUMB_WIDTH * 9 // 16)
        self.thumbnail.setStyleSheet("background:#000; border:1px solid #888;")
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name in (
            "previous",
            "next",
            "session",
            "agenda",
            "selected",
            "pause",
            "black",
            "next-session",
            "earlier",
            "later",
            "leave",
        ):
            button = self.buttons[name] = QPushButton()
            button.setObjectName(f"presenter-{name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the clicker's keys go to the controller
            row.addWidget(button)
        row.insertStretch(2, 1)
        row.insertStretch(8, 1)  # [previous, next] [what to send] [the day's time, leave]

        status = QGridLayout()
        status.addWidget(self.now_label, 0, 0)
        status.addWidget(self.now_value, 0, 1)
        status.addWidget(self.clock, 0, 2, 2, 1)
        status.addWidget(self.next_label, 1, 0)
        status.addWidget(self.next_value, 1, 1)
        status.addWidget(self.timer, 2, 0, 1, 3)
        status.setColumnStretch(1, 1)

        side = QVBoxLayout()
        side.addWidget(self.thumb_label)
        side.addWidget(self.thumbnail)
        side.addWidget(self.position)
        side.addStretch(1)
        middle = QHBoxLayout()
        notes = QVBoxLayout()
        notes.addWidget(self.notes_label)
        notes.addWidget(self.notes, 1)
        middle.addLayout(notes, 1)
        middle.addLayout(side)

        column = QVBoxLayout(self)
        column.addWidget(self.notice)
        column.addWidget(self.warning)
        column.addLayout(status)
        column.addLayout(middle, 1)
        column.addLayout(row)
        self.set_timer(None)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Presenter console"))
        self.now_label.setText(_("Now:"))
        self.next_label.setText(_("Next:"))
        self.notes_label.setText(_("Facilitator notes (not shown to the room)"))
        self.thumb_label.setText(_("The room sees:"))
        for name, text in (
            ("previous", _("◀ Previous")),
            ("next", _("Next ▶")),
            ("session", _("Session")),
            ("agenda", _("Today's agenda")),
            ("selected", _("Selected item")),
            ("pause", _("Break")),
            ("black", _("Black (B)")),
            ("next-session", _("Start next session")),
            ("earlier", _("−5 min")),
            ("later", _("+5 min")),
            ("leave", _("Leave (Esc)")),
        ):
            self.buttons[name].setText(text)

    def set_sessions(self, now: str, upcoming: str) -> None:
        self.now_value.setText(now or _("no session"))
        self.next_value.setText(upcoming or _("none today"))

    def set_timer(self, times: tuple[int, int] | None) -> None:
        """Elapsed and remaining seconds of the current session; None when there is no session."""
        if times is None:
            self.timer.setText(_("No session timer: no session is running."))
            self.timer.setStyleSheet("font-size:22px; color:#555;")
            return
        text, over = timer_text(*times)
        self.timer.setText(text)
        # Overrun is plain to see from a metre away: red, bold, large.
        colour = "#c00000" if over else "#1b5e20"
        self.timer.setStyleSheet(f"font-size:28px; font-weight:700; color:{colour};")

    def set_clock(self, text: str) -> None:
        self.clock.setText(text)

    def set_notes(self, html: str) -> None:
        self.notes.setHtml(html or "<p>" + _("No facilitator notes for what the room sees.") + "</p>")

    def set_thumbnail(self, pixmap: QPixmap, position: str) -> None:
        size = self.thumbnail.size()
        self.thumbnail.setPixmap(
            pixmap.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        self.position.setText(position)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def show_warning(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setVisible(bool(text))
