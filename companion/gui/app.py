"""Starting the Qt application: fonts, translations, the window, then the workshop.

The bundled Chinese font is registered before any widget exists, so Chinese
never shows as boxes, even on a machine with no fonts of its own. The window's
frame is drawn with the view settings read from the data folder before it is
opened; the folder is opened, and the workshop fills the window, right after
the first paint (docs/architecture.md#start-up-cost).
"""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from companion import APP_NAME, __version__, resources
from companion.i18n import normalise, set_language

if TYPE_CHECKING:
    from companion.gui.main_window import MainWindow

_qt_translator: QTranslator | None = None


def application() -> QApplication:
    """The running application: a window exists only inside one."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("no QApplication is running")
    return app


@functools.cache
def _bundled_cjk_families() -> tuple[str, ...]:
    """Add the bundled Chinese font to Qt's font database once per process: it is 5 MB to parse."""
    font_id = QFontDatabase.addApplicationFont(str(resources.path(resources.CJK_FONT)))
    return tuple(QFontDatabase.applicationFontFamilies(font_id)) if font_id >= 0 else ()


def register_fonts(app: QApplication) -> QFont:
    """Register the bundled Chinese font as every text's fallback; return the base font."""
    families = _bundled_cjk_families()
    font = QFont(app.font())
    if families:
        font.setFamilies([font.family(), *families])
    if font.pointSizeF() <= 0:
        font.setPointSizeF(10)
    app.setFont(font)
    return font


def install_qt_translator(lang: str) -> None:
    """Qt's own strings (stock dialogs, context menus) in the interface language."""
    global _qt_translator
    app = application()
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if normalise(lang) == "zh-Hans":
        translator = QTranslator(app)
        chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        for folder in qt_translation_folders():
            if translator.load(chinese, "qtbase", "_", folder):
                app.installTranslator(translator)
                _qt_translator = translator
                return


def qt_translation_folders() -> list[str]:
    """Where Qt's catalogues may be: where Qt says, then beside PySide6 (a frozen bundle keeps them there).

    Qt's own answer can name a folder of the machine that built PySide6, or none at all in a
    bundle; the file dialogs then stayed English ("Look in:") in a Chinese window.
    """
    import PySide6
    from PySide6.QtCore import QLibraryInfo  # only for Chinese: not before an English first paint

    package = Path(PySide6.__file__).parent
    return [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(package / "Qt" / "translations"),
        str(package / "translations"),
    ]


def installed_qt_translator() -> QTranslator | None:
    return _qt_translator


def create_application(argv: list[str] | None = None) -> tuple[QApplication, QFont]:
    running = QApplication.instance()
    if isinstance(running, QApplication):
        app = running
    else:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    # Ties the window to resources/linux/companion.desktop (its icon and name in the task bar).
    app.setDesktopFileName("companion")
    app.setWindowIcon(QIcon(str(resources.path(resources.APP_ICON))))
    return app, register_fonts(app)


def open_main_window(data_dir: Path | None) -> MainWindow:
    """The window's frame for the data folder ``data_dir``, in the language and size it saved.

    The folder itself is opened by :func:`open_workshop` (after the first paint, in a start).
    """
    from companion.app.view_settings import read_view_settings
    from companion.gui.main_window import MainWindow

    _app, base_font = create_application()
    settings = read_view_settings(data_dir)
    lang = settings.get("language") or ("zh-Hans" if QLocale.system().name().startswith("zh") else "en")
    set_language(lang)
    install_qt_translator(lang)
    return MainWindow(base_font, settings, data_dir)


def open_workshop(window: MainWindow) -> bool:
    """Open the window's data folder and fill the window; False, once the user is told why, if it cannot."""
    from companion.app.domain import ContentError, StoreError
    from companion.app.workshop import Workshop

    try:
        workshop = Workshop.open(window.data_dir)
    except (StoreError, ContentError, OSError) as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, APP_NAME, f"{APP_NAME} cannot start: {exc}")
        return False
    window.attach(workshop)
    if workshop.notice:
        print(workshop.notice, file=sys.stderr)
        window.show_notice(workshop.notice)
    window.load_content()
    return True


class AfterFirstPaint(QObject):
    """Calls ``callback`` once, on the turn of the event loop after ``window`` first paints.

    A zero timer started beside ``show()`` fires before the window system asks for
    the first paint (an X server's expose event arrives later), so the window would
    stay blank until the work is done. A window that is not painted because it is
    minimised or hidden gets the callback after ``FALLBACK_MS``; one that is shown
    but slow to paint (a busy machine) is waited for, so the work never delays its
    first paint.
    """

    FALLBACK_MS = 2000

    def __init__(self, window: QWidget, callback: Callable[[], object]):
        super().__init__(window)
        self._window = window
        self._callback: Callable[[], object] | None = callback
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._fallback)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _fallback(self) -> None:
        if self._callback is None:
            return
        if self._window.isVisible() and not self._window.isMinimized():
            QTimer.singleShot(self.FALLBACK_MS, self, self._fallback)  # its paint is on the way
        else:
            self._run()

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


def show_main_window(window: MainWindow) -> None:
    """Show the frame at once; right after its first paint, its data folder is opened to fill it.

    If the folder cannot be opened, the user is told why over the frame and the application
    ends (exit status 1). Cycle collection, which the start turns off (companion.__main__), is
    back on from the first paint.
    """
    window.show()

    def after_first_paint() -> None:
        gc.enable()
        try:
            opened = open_workshop(window)
        except BaseException:
            application().exit(1)  # a bug: its traceback is printed, and the start ends, not an empty frame
            raise
        if not opened:
            window.close()
            application().exit(1)

    AfterFirstPaint(window, after_first_paint)


def run_gui(data_dir: Path | None) -> int:
    window = open_main_window(data_dir)
    show_main_window(window)
    # The guide, at the first start only. Help comes with the sections, after the first paint.
    window.sig_content_loaded.connect(lambda: window.help.first_run())
    status = application().exec()
    from PySide6.QtCore import QThreadPool  # not before the first paint: each Qt type costs its build

    # A clean close lets the next start skip reading every page (Store.close); not while a
    # background task (a check, an export) may still be using the store: that start checks.
    if window.attached and QThreadPool.globalInstance().activeThreadCount() == 0:
        window.workshop.close()
    return status
