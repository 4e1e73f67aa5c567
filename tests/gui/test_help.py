"""Help: the first-run guide, Help ▸ Keyboard shortcuts and Help ▸ Abbreviations, in both languages."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from companion.gui import help as help_module
from companion.gui.shortcuts import CASES, PRACTICE, SHORTCUTS, WINDOW, keys_of
from companion.i18n import set_language

REPO = Path(__file__).resolve().parents[2]
PORTABLE = QKeySequence.SequenceFormat.PortableText


def _pane_texts(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return [title.text() + text.text() for title, text in zip(dialog.titles, dialog.texts, strict=True)]


def test_the_guide_shows_once_at_the_first_start_and_again_from_the_help_menu(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    guide = window.help.first_run()
    assert guide is not None and guide.isVisible()
    assert guide.pages.count() == len(help_module.GUIDE_PANES) >= 3
    guide.close()
    assert window.help.first_run() is None  # remembered in the data folder
    window.help.guide_action.trigger()
    assert window.help.dialogs["guide"].isVisible()
    assert window.help.guide_action in window.help_menu.actions()


def test_the_guide_walks_its_panes_with_next_and_back(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    guide = window.help.open_guide()
    assert not guide.back_button.isEnabled()
    for _pane in range(guide.pages.count() - 1):
        guide.next_button.click()
    assert guide.pages.currentIndex() == guide.pages.count() - 1
    assert guide.next_button.text() == "Start"
    guide.back_button.click()
    assert guide.pages.currentIndex() == guide.pages.count() - 2
    guide.next_button.click()
    guide.next_button.click()  # "Start" on the last pane closes the guide
    assert not guide.isVisible()


def test_every_pane_is_translated_and_follows_a_language_switch(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    guide = window.help.open_guide()
    english = _pane_texts(guide)
    window.set_language("zh-Hans")
    chinese = _pane_texts(guide)
    assert all(zh != en for zh, en in zip(chinese, english, strict=True))
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in chinese)
    assert guide.windowTitle() != "Getting started"
    set_language("en")


def _bound(window) -> set[str]:  # type: ignore[no-untyped-def]
    """Every key the window binds now: its actions' and its shortcuts' (those of open views too)."""
    keys = set()
    for action in window.findChildren(QAction):
        keys.update(key.toString(PORTABLE) for key in action.shortcuts())
    for shortcut in window.findChildren(QShortcut):
        keys.update(key.toString(PORTABLE) for key in shortcut.keys())
    return keys


def _listed(scopes: tuple[str, ...], sections: int) -> set[str]:
    keys = set()
    for shortcut in SHORTCUTS:
        if shortcut.scope not in scopes:
            continue
        if shortcut.series:
            keys.update(f"{shortcut.keys[0][:-1]}{n}" for n in range(1, sections + 1))
        else:
            keys.update(key.toString(PORTABLE) for key in keys_of(shortcut.id))
    return keys


def test_the_shortcuts_table_is_what_the_window_binds(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    sections = window.nav.count()
    assert _bound(window) == _listed((WINDOW, CASES), sections)
    window.open_item("ilo-forced-labour")
    window.tools.practise_button.click()
    assert window.tools.interview is not None
    assert _bound(window) == _listed((WINDOW, CASES, PRACTICE), sections)


def test_the_shortcuts_dialog_lists_every_shortcut_in_the_language(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.help.shortcuts_action.trigger()
    dialog = window.help.dialogs["shortcuts"]
    table = dialog.table
    assert table.rowCount() == len(SHORTCUTS)
    cells = {table.item(row, 1).text() for row in range(table.rowCount())}
    assert "Search everything" in cells
    window.set_language("zh-Hans")
    cells = {table.item(row, 1).text() for row in range(table.rowCount())}
    assert "Search everything" not in cells and table.horizontalHeaderItem(0).text() != "Keys"
    set_language("en")


def test_the_readme_table_is_the_generated_one() -> None:
    script = REPO / "build_scripts" / "shortcuts_table.py"
    spec = importlib.util.spec_from_file_location("shortcuts_table", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert module.table() in readme
    assert module.with_table(readme) == readme


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_abbreviations_cover_every_code_of_the_bundled_tools(window, qtbot, bundled_pack, lang: str) -> None:  # type: ignore[no-untyped-def]
    window.set_language(lang)
    dialog = window.help.open_abbreviations()
    table = dialog.table
    rows = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    tools = [item for item in bundled_pack.items if item.kind == "screening-tool"]
    for tool in tools:
        for dimension in tool.dimensions:
            assert rows[dimension.id] == dimension.title.resolve(lang)[0]
            for indicator in dimension.indicators:
                assert indicator.id.rstrip("0123456789") in rows
    named = ("DR", "CR", "AVR", "EXP", "CD", "AVD", "ACT", "MNS", "PUR", "FL", "ILO", "IOM", "UNODC", "NRM")
    assert set(named) <= set(rows)
    if lang == "zh-Hans":
        assert rows["IOM"] == "国际移民组织" and rows["NRM"] != "National referral mechanism"
    set_language("en")


def test_a_tools_page_explains_its_codes(window, qtbot, bundled_pack) -> None:  # type: ignore[no-untyped-def]
    window.open_item("palermo-elements")
    shown = _page_text(window.tools)
    assert "Codes" in shown and "MNS: Means" in shown.replace("\u00a0", " ")


def _page_text(section) -> str:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTextBrowser

    return "\n".join(view.toPlainText() for view in section.findChildren(QTextBrowser) if view.isVisible())
