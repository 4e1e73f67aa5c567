"""The window's search on a projector: it shows what the room may see, no more.

With "Facilitator notes" unticked, a word that only a model answer, a common
mistake, an answer key or a stage not yet revealed contains finds nothing, and
no hidden text reaches a result row, a tooltip, the window title or the status
bar. Ticking the notes, or revealing the stage, makes it findable; unticking
them takes the hidden hits off a list already on screen. The words come from
the bundled workshop (tests/unit/search_support.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from companion.core.model import CaseStudy, texts_of
from companion.gui.reader import ID_ROLE
from tests.unit.search_support import hidden_sources, seen_by_audience, unseen_word


def _search(window: Any, qtbot: Any, query: str) -> list[tuple[str, str]]:
    """Type ``query`` and press Enter; the result rows as (item ID, text)."""
    window.search_field.setText(query)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.results
    return _rows(window)


def _rows(window: Any) -> list[tuple[str, str]]:
    rows = (window.results.item(n) for n in range(window.results.count()))
    return [(row.data(ID_ROLE), row.text()) for row in rows if row.data(ID_ROLE)]


def _on_screen_but_the_query(window: Any) -> str:
    """Every text the window shows besides what was typed: rows, tooltips, window title, status bar."""
    rows = (window.results.item(n) for n in range(window.results.count()))
    texts = [row.text() + "\n" + row.toolTip() for row in rows if row.data(ID_ROLE)]
    texts += [widget.toolTip() for widget in window.findChildren(QWidget)]
    texts += [window.windowTitle(), window.statusBar().currentMessage()]
    return "\n".join(texts).lower()


@pytest.fixture
def study(bundled_pack: Any) -> CaseStudy:
    found: CaseStudy = bundled_pack.by_kind("case-study")[0]
    return found


@pytest.mark.parametrize("chinese", [0, 2], ids=["english", "chinese"])
@pytest.mark.parametrize("source", ["model answer", "common mistake", "answer key", "last stage"])
def test_hidden_text_is_found_only_with_facilitator_notes_ticked(
    window: Any, qtbot: Any, bundled_pack: Any, study: CaseStudy, source: str, chinese: int
) -> None:
    word = unseen_word(hidden_sources(study)[source], seen_by_audience(bundled_pack), chinese=chinese)
    assert not window.case_studies.notes_box.isChecked()
    assert _search(window, qtbot, word) == []
    assert word not in _on_screen_but_the_query(window)
    window.case_studies.notes_box.setChecked(True)
    rows = _search(window, qtbot, word)
    assert study.id in [item_id for item_id, _text in rows]
    assert word in dict(rows)[study.id].lower()


def test_revealing_a_stage_makes_it_findable(
    window: Any, qtbot: Any, bundled_pack: Any, study: CaseStudy
) -> None:
    word = unseen_word(texts_of(study.stages[1]), seen_by_audience(bundled_pack))
    window.open_item(study.id)  # shows the first stage only
    assert _search(window, qtbot, word) == []
    window.open_item(study.id)
    qtbot.mouseClick(window.case_studies.reveal_button, Qt.MouseButton.LeftButton)
    rows = _search(window, qtbot, word)
    assert study.id in dict(rows)
    assert word in dict(rows)[study.id].lower()


def test_unticking_the_notes_takes_hidden_hits_off_the_results(
    window: Any, qtbot: Any, bundled_pack: Any, study: CaseStudy
) -> None:
    word = unseen_word(hidden_sources(study)["model answer"], seen_by_audience(bundled_pack))
    window.case_studies.notes_box.setChecked(True)
    assert study.id in dict(_search(window, qtbot, word))
    window.case_studies.notes_box.setChecked(False)  # as before turning to the projector
    assert _rows(window) == []
    assert word not in _on_screen_but_the_query(window)
