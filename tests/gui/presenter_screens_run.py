"""Run by test_presenter_screens.py in a subprocess with two virtual screens; prints what it saw as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(data_dir: str) -> None:
    from PySide6.QtGui import QGuiApplication

    from companion.app.workshop import Workshop
    from companion.gui.app import create_application
    from companion.gui.main_window import MainWindow
    from companion.i18n import set_language

    set_language("en")
    app, font = create_application()
    laptop, projector = QGuiApplication.screens()
    window = MainWindow.of(Workshop.open(Path(data_dir)), font)
    window.setScreen(laptop)
    window.show()
    window.load_content()
    window.present_action.trigger()  # F5
    app.processEvents()
    presenter = window.presenter
    seen: dict[str, object] = {
        "audience_screen": presenter.audience.screen().name(),
        "audience_full": presenter.audience.isFullScreen(),
        "audience_size": [presenter.audience.width(), presenter.audience.height()],
        "console_screen": presenter.console.screen().name(),
        "warning": presenter.console.warning.isVisible(),
    }
    app.screenRemoved.emit(projector)  # the projector's cable is pulled
    app.processEvents()
    seen.update(
        after_screen=presenter.audience.screen().name(),
        after_full=presenter.audience.isFullScreen(),
        after_visible=presenter.audience.isVisible(),
        console_visible=presenter.console.isVisible(),
        active=presenter.active,
        notice=presenter.console.notice.text() if presenter.console.notice.isVisible() else "",
    )
    print(json.dumps(seen))
    presenter.stop()
    window.close()


if __name__ == "__main__":
    main(sys.argv[1])
