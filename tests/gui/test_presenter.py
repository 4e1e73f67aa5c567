"""Presenter mode on one screen: keys, black, the timer, stages, and nothing facilitator-only on show."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from companion.app.kinds import CONTENT_KINDS

KINDS = [kind.id for kind in CONTENT_KINDS]


@pytest.fixture
def presenter(window: Any) -> Any:
    presenter = window.presenter
    moment = [datetime(2026, 1, 1, 9, 0)]
    presenter.clock = lambda: moment[0]
    presenter.moment = moment  # the test moves the clock by hand: no sleeping
    window.present_action.trigger()  # F5
    yield presenter
    presenter.stop()


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list | tuple):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return set()


def _facilitator_only(item: Any) -> set[str]:
    """Texts found only in the item's facilitator-only fields (not also in what participants get)."""
    from companion.app.kinds import CONTENT_KINDS

    hidden = next(kind.hidden for kind in CONTENT_KINDS if kind.id == item.kind)
    secret = _strings(item.model_dump(include=set(hidden), by_alias=True))
    public = "\n".join(_strings(item.model_dump(exclude=set(hidden), by_alias=True)))
    # Short codes (indicator and tool IDs) are named in participant text too, and an answer key
    # may quote the case: neither is a secret.
    return {text for text in secret if len(text) >= 12 and text not in public}


def _shown(presenter: Any) -> str:
    return "\n".join(presenter.audience.texts())


def test_single_screen_audience_is_a_window_and_the_console_warns(presenter: Any) -> None:
    assert presenter.active
    assert presenter.audience.isVisible() and not presenter.audience.isFullScreen()
    assert presenter.console.isVisible()
    assert "same screen" in presenter.console.warning.text()
    assert presenter.console.thumbnail.pixmap() is not None


def test_clicker_keys_move_through_stages_and_black_toggles(window: Any, presenter: Any, qtbot: Any) -> None:
    from companion.app.domain import CaseStudy

    study = window.catalogue.of_type(CaseStudy)[0]
    presenter.send_item(study.id)
    stage = [s.title.get("en") for s in study.stages]
    assert stage[0] in _shown(presenter)
    qtbot.keyClick(presenter.console, Qt.Key.Key_PageDown)
    assert stage[1] in _shown(presenter) and stage[0] not in _shown(presenter)
    assert window.case_studies.revealed[study.id] >= 2  # the main window's case keeps up
    qtbot.keyClick(presenter.audience, Qt.Key.Key_Right)
    qtbot.keyClick(presenter.console, Qt.Key.Key_Left)
    qtbot.keyClick(presenter.console, Qt.Key.Key_Up)
    assert stage[0] in _shown(presenter)
    qtbot.keyClick(presenter.console, Qt.Key.Key_B)
    assert presenter.audience.pages.currentIndex() == 1  # black
    qtbot.keyClick(presenter.console, Qt.Key.Key_Period)
    assert presenter.audience.pages.currentIndex() == 0
    qtbot.keyClick(presenter.console, Qt.Key.Key_Escape)
    assert not presenter.active and not presenter.audience.isVisible()
    window.present_action.trigger()  # F5 resumes where it was
    assert presenter.active and stage[0] in _shown(presenter)


def test_timer_shows_overrun_in_red(window: Any, presenter: Any) -> None:
    from companion.app.domain import AgendaItem

    session = window.catalogue.of_type(AgendaItem)[0]
    presenter.pin_session(session.id)
    presenter.tick()
    assert "left" in presenter.console.timer.text()
    hours, minutes = (int(x) for x in session.end.split(":"))
    start_h, start_m = (int(x) for x in session.start.split(":"))
    length = (hours * 60 + minutes) - (start_h * 60 + start_m)
    presenter.moment[0] += timedelta(minutes=length, seconds=125)
    presenter.tick()
    assert "+02:05 over" in presenter.console.timer.text()
    assert "#c00000" in presenter.console.timer.styleSheet()
    assert presenter.console.clock.text() == presenter.moment[0].strftime("%H:%M:%S")


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_facilitator_only_reaches_the_audience(window: Any, presenter: Any, kind: str) -> None:
    items = window.catalogue.of_kind(kind)
    assert items, kind
    for item in items:
        secrets = _facilitator_only(item)
        presenter.send_item(item.id)
        for n in range(len(presenter.slides)):
            shown = _shown(presenter)
            leaked = [text for text in secrets if text in shown]
            assert not leaked, (item.id, leaked[:1])
            if kind == "case-study" and n < len(item.stages):
                later = [s.text.get("en") for s in item.stages[n + 1 :]]
                assert not any(text and text.split("\n\n")[0][:40] in shown for text in later), item.id
            presenter.next()
    if kind == "agenda-item":
        presenter.send_agenda()
        shown = _shown(presenter)
        assert not any(text in shown for item in items for text in _facilitator_only(item))


def test_reset_for_the_next_group_hides_the_stages(window: Any, qtbot: Any) -> None:
    from companion.app.domain import CaseStudy

    section = window.case_studies
    window.nav.setCurrentRow(1)
    study = next(s for s in window.catalogue.of_type(CaseStudy) if len(s.stages) >= 3)
    section.open_item(study.id)
    section.reveal_next()
    section.reveal_next()
    last = study.stages[2].title.get("en")
    assert last in section.reader.toPlainText()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(section.reader, Qt.Key.Key_G, keys)
    assert section.revealed == {} or section.revealed.get(study.id, 1) <= 1
    assert last not in section.reader.toPlainText()
    assert section.reset_button.text().startswith("Reset for the next group")


def test_revealing_a_stage_scrolls_it_into_view(window: Any) -> None:
    from companion.app.domain import CaseStudy

    section = window.case_studies
    window.nav.setCurrentRow(1)
    window.resize(900, 500)
    study = max(window.catalogue.of_type(CaseStudy), key=lambda s: len(s.stages))
    section.open_item(study.id)
    bar = section.reader.verticalScrollBar()
    assert bar.value() == 0
    for _ in study.stages:
        section.reveal_next()
    assert bar.value() > 0
