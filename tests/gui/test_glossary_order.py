"""The window's glossary list in Chinese is in pinyin order, as the printed glossary is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_chinese_glossary_list_is_in_pinyin_order(window) -> None:  # type: ignore[no-untyped-def]
    window.set_language("zh-Hans")
    glossary = window.library.glossary.list
    firsts = [glossary.item(n).text().split("\n")[0] for n in range(glossary.count())]
    # Code-point order puts 保密 first and 案例 far down; pinyin order: an, ba (《巴勒莫…》), bao, guai.
    order = [firsts.index(term) for term in ("案例", "《巴勒莫议定书》", "保密", "拐卖妇女、儿童罪")]
    assert order == sorted(order)


# Whether pypinyin was imported when a window set to Chinese first painted.
PROBE = """
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from companion.gui.app import open_main_window, show_main_window

class AtFirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("pypinyin imported:", "pypinyin" in sys.modules)
            QApplication.instance().exit()
        return False

window = open_main_window(Path(sys.argv[1]))
probe = AtFirstPaint()
window.installEventFilter(probe)
show_main_window(window)
QApplication.instance().exec()
"""


def test_pypinyin_is_not_imported_before_the_first_paint(data_dir: Path) -> None:
    from companion.core.store import Store

    store = Store.open(data_dir)
    store.set_setting("language", "zh-Hans")
    store.close()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["pypinyin imported: False"]
