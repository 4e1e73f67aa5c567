"""Notes, bookmarks and highlights: stored by stable ID, found by the facilitator's search only, printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.app.notes import Marks, NoteError, export_notes, marks_of
from companion.app.workshop import Workshop
from companion.core.notes import locate
from companion.core.packs.importer import import_pack
from companion.core.packs.reader import read_pack_bytes
from companion.core.packs.verify import verify
from companion.core.store import Store
from companion.core.store.migrations import m011_marks
from companion.core.store.search import AUDIENCE, EVERYTHING
from tests.unit import pdf_support
from tests.unit.pack_support import PACK_ID, install, pack_of, tiny_files


@pytest.fixture
def workshop(data_dir: Path):  # type: ignore[no-untyped-def]
    opened = Workshop.open(data_dir)
    yield opened
    opened.close()


def test_a_note_on_a_passage_is_listed_with_where_it_is_in_the_item(workshop: Workshop) -> None:
    study = workshop.item("cs-01")
    passage = study.stages[1].text.en.split(".")[0]  # the first sentence of the second stage
    marks = marks_of(workshop)
    note = marks.add("cs-01", "Ask who holds the passes", passage)
    term = workshop.items("glossary-term")[0].id
    bookmark = marks.add(term, kind="bookmark")
    again = marks.add(bookmark.item_id, kind="bookmark")
    listed = marks.all()
    assert [(m.item_id, m.kind, m.field, m.passage, m.body) for m in listed] == [
        ("cs-01", "note", "stages/1", passage, "Ask who holds the passes"),
        (term, "bookmark", "", "", ""),
    ]
    assert again.id == bookmark.id  # bookmarking twice keeps one bookmark
    assert marks.all("cs-01") == [note]
    assert marks.remove(note.id) and [m.kind for m in marks.all()] == ["bookmark"]


def test_bad_marks_are_refused_with_one_sentence_and_nothing_stored(workshop: Workshop) -> None:
    marks = marks_of(workshop)
    for args, kwargs in [
        (("no-such-item", "text"), {}),
        (("cs-01", "bad\x00text"), {}),
        (("cs-01", ""), {"kind": "note"}),
        (("cs-01", "x" * 20_001), {}),
    ]:
        with pytest.raises(NoteError) as caught:
            marks.add(*args, **kwargs)
        assert "\n" not in str(caught.value)
    assert marks.all() == []


def test_locate_names_a_stage_a_document_section_and_a_tools_indicator(workshop: Workshop) -> None:
    study = workshop.item("cs-01")
    assert locate(study, study.stages[2].text.zh_hans[:10])[0] == "stages/2"
    document = workshop.items("document")[0]
    last = len(document.sections) - 1
    assert locate(document, document.sections[last].body.en[:30])[0] == f"sections/{last}"
    assert locate(document, document.summary.en[:20])[0] == "summary"
    tool = workshop.items("screening-tool")[0]
    indicator = tool.dimensions[-1].indicators[-1]
    where, text = locate(tool, indicator.text.en)
    assert (where, text) == (f"indicators/{indicator.id}", indicator.text)
    assert locate(tool, "no such passage anywhere") == ("", None)


def test_marks_survive_an_update_of_the_workshop(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    try:
        install(store, tiny_files())
        marks = Marks(store, PACK_ID)
        marks.add("cs-01", "Mai's advert: ask where it was posted", "Mai answered")
        newer = verify(
            read_pack_bytes(pack_of(tiny_files("1.1.0", story="Mai answered an online advert."))), {}
        )
        import_pack(store, newer)
        assert store.pack_version(PACK_ID) == "1.1.0"
        (kept,) = Marks(store, PACK_ID).all()
        assert (kept.item_id, kept.body, kept.passage) == (
            "cs-01",
            "Mai's advert: ask where it was posted",
            "Mai answered",
        )
        assert locate(store.item("cs-01"), kept.passage)[0] == "stages/0"  # still found in the new text
    finally:
        store.close()


def test_notes_are_found_by_the_facilitators_search_and_never_by_the_audiences(workshop: Workshop) -> None:
    marks_of(workshop).add("cs-01", "Qilinville follow-up with the labour inspector")
    assert [hit.id for hit in workshop.search("Qilinville follow", "en", EVERYTHING)] == ["cs-01"]
    assert "Qilinville" in workshop.search("Qilinville follow", "en", EVERYTHING)[0].snippet
    assert workshop.search("Qilinville follow", "en", AUDIENCE) == []
    assert workshop.search("Qilinville follow") == []  # the default is what a room may see


def test_exported_notes_hold_the_note_the_passage_and_the_title_in_both_languages(
    workshop: Workshop, tmp_path: Path
) -> None:
    study = workshop.item("cs-01")
    passage = study.stages[0].text.zh_hans[:12]
    marks_of(workshop).add("cs-01", "Write down the hours he kept 记下工时", passage)
    written = export_notes(workshop, tmp_path / "notes.pdf")
    text = pdf_support.squeeze(pdf_support.text(written))
    for expected in (
        "Write down the hours he kept 记下工时",
        passage,
        study.title.en,
        study.title.zh_hans,
        study.stages[0].text.en[:40],  # the passage's text in the other language
    ):
        assert pdf_support.squeeze(expected) in text


def test_the_notes_and_bookmarks_of_the_first_tables_are_carried_into_marks(store: Store) -> None:
    import sqlite_utils

    pack_id = store.current_pack_id()
    with store.transaction() as conn:
        conn.execute("DROP TABLE marks")
        conn.execute("INSERT INTO notes VALUES (?, 'cs-01', 'ask about the debt', '2027-03-16')", (pack_id,))
        conn.execute("INSERT INTO bookmarks VALUES (?, 'doc-05', '2027-03-17')", (pack_id,))
        m011_marks(sqlite_utils.Database(conn))  # as it runs on a database from before it
    assert [(m.item_id, m.kind, m.body) for m in Marks(store, pack_id).all()] == [
        ("cs-01", "note", "ask about the debt"),
        ("doc-05", "bookmark", ""),
    ]
