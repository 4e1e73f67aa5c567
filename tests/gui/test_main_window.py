"""The main window as a trainer uses it: sections, language, search, reading, text size."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QPicture
from PySide6.QtWidgets import QApplication

from companion.core.model import CaseStudy


def visible_texts(list_widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [list_widget.item(n).text() for n in range(list_widget.count())]


def draws_an_ellipsis(widget) -> bool:  # type: ignore[no-untyped-def]
    """Whether painting ``widget`` draws "…": Qt's mark of text cut short.

    A QPicture records the paint commands, text included (as UTF-16).
    """
    picture = QPicture()
    widget.render(picture)
    return "…".encode("utf-16-be") in bytes(picture.data())


def test_the_window_opens_on_the_agenda_in_both_languages(window, bundled_pack) -> None:
    assert window.stack.currentWidget() is window.agenda
    rows = visible_texts(window.agenda.list)
    first = bundled_pack.by_kind("agenda-item")[0]
    assert rows[0].startswith("Day 1")
    assert any(first.title.en in row and first.title.zh_hans in row for row in rows)
    assert bundled_pack.manifest.workshop.title.en in window.windowTitle()


def test_keyboard_shortcuts_move_between_sections(window, qtbot) -> None:
    for key, section in (
        (Qt.Key.Key_2, window.case_studies),
        (Qt.Key.Key_3, window.tools),
        (Qt.Key.Key_4, window.library),
        (Qt.Key.Key_1, window.agenda),
    ):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is section


def test_the_language_switch_changes_interface_and_content(window, qtbot, bundled_pack) -> None:
    window.nav.setCurrentRow(1)
    study = bundled_pack.by_kind("case-study")[0]
    assert window.nav.item(0).text() == "Agenda"
    assert study.title.en in window.case_studies.reader.toPlainText()
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    assert window.nav.item(0).text() == "议程"
    assert window.language_button.text() == "English"
    assert study.title.zh_hans in window.case_studies.reader.toPlainText()
    assert window.stack.currentWidget() is window.case_studies  # the reader stays where it was
    assert window.workshop.setting("language") == "zh-Hans"


def test_a_search_hit_opens_its_case_study(window, qtbot, bundled_pack) -> None:
    study = bundled_pack.by_kind("case-study")[3]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    qtbot.keyClicks(window.search_field, study.title.en)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.results
    assert window.results.current_id() == study.id
    qtbot.keyClick(window.results, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.case_studies
    assert window.case_studies.list.current_id() == study.id
    assert study.stages[0].title.en in window.case_studies.reader.toPlainText()


def test_a_chinese_two_character_search_finds_results(window, qtbot) -> None:
    window.search_field.setText("债务")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.results.count() > 1
    assert "[债务]" in "\n".join(visible_texts(window.results))


def test_stages_are_revealed_one_by_one(window, qtbot, bundled_pack) -> None:
    window.nav.setCurrentRow(1)
    study = window.case_studies.current_study()
    assert isinstance(study, CaseStudy)
    reader = window.case_studies.reader
    second = study.stages[1].title.en
    assert second not in reader.toPlainText()
    assert study.questions[0].en not in reader.toPlainText()
    qtbot.keyClick(window.case_studies.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert second in reader.toPlainText()
    qtbot.mouseClick(window.case_studies.reveal_all_button, Qt.MouseButton.LeftButton)
    assert study.questions[0].en in reader.toPlainText()
    assert not window.case_studies.reveal_button.isEnabled()


def test_facilitator_notes_show_only_when_asked(window, bundled_pack) -> None:
    window.nav.setCurrentRow(1)
    study = window.case_studies.current_study()
    answer = study.facilitator_notes.model_answers[0].en
    assert answer not in window.case_studies.reader.toPlainText()
    window.case_studies.notes_box.setChecked(True)
    assert " ".join(answer.split())[:40] in " ".join(window.case_studies.reader.toPlainText().split())


def test_text_size_grows_and_is_remembered(window, qtbot) -> None:
    before = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() > before
    assert float(window.workshop.setting("text_scale")) > 1.0
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == before


def test_no_agenda_row_is_cut_short_at_any_window_width(window) -> None:
    # Bilingual rows wrap to the list's width; at some widths Qt sized a row one line
    # short and drew its title ending in "…" (seen in Chinese at 1280 pixels).
    assert not any("…" in text for text in visible_texts(window.agenda.list))
    for lang in ("en", "zh-Hans"):
        window.set_language(lang)
        for width in range(640, 1367, 8):
            window.resize(width, 600)
            QApplication.processEvents()
            assert not draws_an_ellipsis(window.agenda.list.viewport()), (lang, width)


def test_library_shows_documents_and_glossary(window, bundled_pack) -> None:
    term = bundled_pack.by_kind("glossary-term")[0]
    window.open_item(term.id)
    assert window.stack.currentWidget() is window.library
    assert window.library.tabs.currentWidget() is window.library.glossary
    assert term.term.en in window.library.glossary.reader.toPlainText()
    window.library.glossary.filter.setText(term.term.zh_hans)
    assert window.library.glossary.list.count() >= 1


def test_every_kind_opens_in_the_section_its_registry_row_names(window) -> None:
    """The navigation is WINDOW_SECTIONS; each content kind's ``section`` picks its row."""
    from companion.app.kinds import CONTENT_KINDS
    from companion.gui.main_window import WINDOW_SECTIONS

    assert [window.nav.item(n).text() for n in range(window.nav.count())] == [
        "Agenda",
        "Case studies",
        "Screening tools",
        "Library",
        "Assessment",
    ]
    assert [row.id for row in WINDOW_SECTIONS] == ["agenda", "case-studies", "tools", "library", "assessment"]
    for kind in CONTENT_KINDS:
        item = window.catalogue.of_kind(kind.id)[0]
        row = [section.id for section in WINDOW_SECTIONS].index(kind.section)
        window.nav.setCurrentRow((row + 1) % len(WINDOW_SECTIONS))  # another section first
        window.open_item(item.id)
        assert window.nav.currentRow() == row, kind.id
        assert window.stack.currentWidget() is window.sections[row], kind.id


def test_window_geometry_and_language_survive_a_restart(window, qtbot, workshop) -> None:
    from companion.gui.main_window import MainWindow

    window.resize(720, 500)  # fits the offscreen screen (800x600)
    window.set_language("zh-Hans")
    window.close()
    again = MainWindow.of(workshop, QApplication.font())
    qtbot.addWidget(again)
    assert (again.size().width(), again.size().height()) == (720, 500)
    assert workshop.setting("language") == "zh-Hans"


def test_a_garbled_saved_size_opens_the_window_at_its_default_size(window, qtbot, workshop) -> None:
    from companion.gui.main_window import MainWindow

    window.resize(720, 500)
    window.close()
    workshop.set_setting("window_geometry", "not base64 at all!")  # edited by hand, or cut short
    workshop.set_setting("window_state", "AAA")
    again = MainWindow.of(workshop, QApplication.font())
    qtbot.addWidget(again)
    assert (again.size().width(), again.size().height()) != (720, 500)  # the saved size is not used
    assert again.width() > 0 and again.height() > 0


def test_a_damaged_store_is_announced_in_the_window(qtbot, tmp_path) -> None:
    from companion.gui.app import open_main_window, open_workshop

    (tmp_path / "companion.db").write_bytes(b"garbage" * 1000)
    win = open_main_window(tmp_path)
    qtbot.addWidget(win)
    assert open_workshop(win)
    assert win.catalogue.of_kind("case-study")
    (kept,) = [
        p for p in tmp_path.iterdir() if ".unreadable-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert f"kept as {kept}" in win.banner.text()  # the full path: the user can find the old file


def test_opening_the_main_window_does_not_import_reportlab(data_dir) -> None:
    code = (
        "import sys\n"
        "from companion.gui.app import open_main_window, open_workshop\n"
        f"win = open_main_window(__import__('pathlib').Path({str(data_dir)!r}))\n"
        "win.show()\n"
        "assert open_workshop(win)\n"
        "print('reportlab' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_sessions_model_answer_shows_only_when_facilitator_notes_are_ticked(window) -> None:
    window.nav.setCurrentRow(0)
    assert window.agenda.open_item("ag-13")
    hidden = window.agenda.reader.toPlainText()
    assert "Model answer" not in hidden  # the room sees the session, not the exercise's answer
    window.agenda.notes_box.setChecked(True)
    assert "Model answer: Hui" in window.agenda.reader.toPlainText()
    window.agenda.notes_box.setChecked(False)
    assert "Model answer" not in window.agenda.reader.toPlainText()


def test_the_language_button_sits_at_the_right_end_and_the_search_field_does_not_fill_the_bar(
    window, qtbot
) -> None:
    window.resize(780, 500)
    window.show()
    qtbot.waitExposed(window)
    button, field = window.language_button, window.search_field
    assert window.width() - 20 < button.mapTo(window, button.rect().topRight()).x() <= window.width()
    gap = button.mapTo(window, button.rect().topLeft()).x() - field.mapTo(window, field.rect().topRight()).x()
    assert gap > 100  # the space between is the bar's, shared with the field
