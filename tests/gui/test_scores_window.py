"""File ▸ Knowledge check scores…: codes, pre/post and gain, objective and question charts, an empty hint."""

from __future__ import annotations

import pytest

from tests.gui.scores_support import populate


def opened(workshop, qtbot, lang: str = "en"):  # type: ignore[no-untyped-def]
    from companion.gui.app import create_application
    from companion.gui.assess.scores import ScoresWindow
    from companion.i18n import set_language

    create_application()
    set_language(lang)
    dialog = ScoresWindow(workshop)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture(autouse=True)
def english_after():  # type: ignore[no-untyped-def]
    yield
    from companion.i18n import set_language

    set_language("en")


def cells(table, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_an_empty_store_shows_a_hint_and_no_charts(workshop, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(workshop, qtbot)
    assert dialog.pages.currentWidget() is dialog.hint and dialog.hint.isVisible()
    assert "No knowledge check results yet" in dialog.hint.text()
    assert dialog.tabs.count() == 0


def test_participants_are_listed_by_code_with_pre_post_and_gain(workshop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from companion.app import assess

    codes = populate(workshop)
    dialog = opened(workshop, qtbot)
    assert dialog.tabs.count() == 5  # and Feedback
    table = dialog.participants_table
    assert cells(table, 0) == codes
    expected = {row.name: row for row in assess.scores(workshop).participants}
    first = expected["P001"]
    assert cells(table, 1)[0] == f"{first.pre.correct}/{first.pre.total} ({first.pre.share * 100:.0f}%)"
    assert cells(table, 3)[0] == f"{first.gain:+.2f}"
    assert all(float(text) > 0 for text in cells(table, 3))  # every participant learnt something
    assert "6 participants · 12 results" in dialog.summary.text()


def test_a_participant_without_a_post_test_says_why_there_is_no_gain(workshop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from companion.app import assess

    populate(workshop)
    form = assess.form(workshop, "form-a")
    ids = [q.id for q in form.questions]
    assess.merge_results(workshop, [assess.new_result(workshop, "form-a", "P007", "pre", dict.fromkeys(ids))])
    dialog = opened(workshop, qtbot)
    row = cells(dialog.participants_table, 0).index("P007")
    assert dialog.participants_table.item(row, 2).text() == "–"
    assert dialog.participants_table.item(row, 4).text() == "no post-test"
    assert form.questions  # the blank pre-test still counts: every question wrong
    assert dialog.participants_table.item(row, 1).text().startswith("0/")


def test_objectives_are_labelled_with_session_and_objective_text_in_chinese(workshop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from companion.app import assess
    from companion.core.model import AgendaItem

    populate(workshop)
    dialog = opened(workshop, qtbot, "zh-Hans")
    chart = dialog.objectives_chart
    name = assess.scores(workshop).objectives[0].name
    session_id, number = name.split("/")
    session = workshop.item(session_id)
    assert isinstance(session, AgendaItem)
    label = chart.categories[0]
    assert session.title.zh_hans in label and session.objectives[int(number) - 1].zh_hans in label
    assert len(chart.series) == 2
    assert all(v is not None for s in chart.series for v in s.values)
    assert dialog.objectives_table.rowCount() == len(chart.categories)


def test_a_question_nobody_gets_right_is_flagged_with_the_reason_in_its_tooltip(workshop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from companion.app import assess

    populate(workshop)
    dialog = opened(workshop, qtbot)
    first = assess.form(workshop, "form-a").questions[0].id  # always answered wrongly
    assert first in dialog.flagged
    table = dialog.questions_table
    row = cells(table, 0).index(first)
    assert table.item(row, 5).text() == "Check this question"
    assert "answered it correctly" in table.item(row, 5).toolTip()
    assert row in dialog.questions_chart.marked
    assert table.item(row, 3).text() == "0.00"


def test_the_distribution_counts_every_participant_before_and_after(workshop, qtbot) -> None:  # type: ignore[no-untyped-def]
    populate(workshop)
    dialog = opened(workshop, qtbot)
    pre, post = dialog.distribution
    assert sum(pre) == sum(post) == 6
    # After the workshop the room's scores sit higher.
    mean = lambda counts: sum(n * c for n, c in enumerate(counts)) / sum(counts)  # noqa: E731
    assert mean(post) > mean(pre)


def test_the_checks_flag_rules(workshop) -> None:  # type: ignore[no-untyped-def]
    from companion.core.assess.scores import QuestionStats
    from companion.gui.assess.scores import check_reasons

    assert check_reasons(QuestionStats("q", 10, 0.5, 0.4)) == []
    assert check_reasons(QuestionStats("q", 10, 0.1, 0.4))
    assert check_reasons(QuestionStats("q", 10, 0.97, 0.4))
    assert "Discrimination 0.05" in check_reasons(QuestionStats("q", 10, 0.5, 0.05))[0]
    assert check_reasons(QuestionStats("q", 10, 0.5, None))  # enough answers, still no discrimination
    assert check_reasons(QuestionStats("q", 2, 0.5, None)) == []  # too few answers to tell
    assert check_reasons(QuestionStats("q", 0, None, None)) == []


def test_the_file_menu_opens_scores_and_conflicts(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.scores_action.trigger()
    qtbot.waitUntil(lambda: window.scores_window.isVisible())
    assert window.scores_window.windowTitle() == "Knowledge check scores"
    window.scores_window.close()
    window.conflicts_action.trigger()
    qtbot.waitUntil(lambda: window.conflicts_dialog.isVisible())
    window.conflicts_dialog.close()
