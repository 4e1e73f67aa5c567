"""Workshops of one's own: copy, set, edit, export-dir and import-dir (companion.core.authoring)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from companion import resources
from companion.core.agenda import now_and_next
from companion.core.authoring import (
    WORKING_COPY,
    AuthoringError,
    WorkshopChanges,
    edit_item,
    export_dir,
    import_dir,
    new_workshop,
    set_details,
)
from companion.core.datafolder import ensure_bundled_content, open_data_folder
from companion.core.model import Text
from companion.core.packs.exporter import item_toml
from companion.core.sources import ContentError
from companion.core.store import Store
from companion.core.store.digest import content_digest

BUNDLED = resources.BUNDLED_PACK


@pytest.fixture
def store(data_dir: Path) -> Store:
    opened = open_data_folder(data_dir)
    yield opened
    opened.close()


def _rows(store: Store, pack_id: str) -> list[tuple[str, str, str]]:
    return store.conn.execute(
        "SELECT id, kind, data FROM items WHERE pack_id = ? ORDER BY position", (pack_id,)
    ).fetchall()


def _state(store: Store, pack_id: str) -> tuple[object, ...]:
    """Everything a user could notice about a stored workshop."""
    manifest = store.conn.execute("SELECT manifest, version, source FROM packs WHERE id = ?", (pack_id,))
    search = store.conn.execute(
        "SELECT item_id, lang, part, title, body FROM search_docs WHERE pack_id = ? ORDER BY id", (pack_id,)
    ).fetchall()
    return (manifest.fetchone(), _rows(store, pack_id), search, store.current_pack_id())


def _own(store: Store, new_id: str = "my-workshop") -> str:
    new_workshop(store, new_id, BUNDLED, title_en="My workshop", title_zh="我的培训")
    return new_id


def test_new_workshop_copies_under_a_new_id_and_leaves_the_bundled_one_as_it_was(store: Store) -> None:
    bundled_before = _state(store, BUNDLED)[:3]
    manifest = new_workshop(store, "my-workshop", BUNDLED, title_en="My workshop", title_zh="我的培训")
    assert manifest.id == "my-workshop" and store.current_pack_id() == "my-workshop"
    assert manifest.workshop.title.en == "My workshop" and manifest.workshop.title.zh_hans == "我的培训"
    assert store.pack_source("my-workshop") == WORKING_COPY
    assert store.pack_version("my-workshop") == store.pack_version(BUNDLED)  # raised only on publish
    assert [row[:2] for row in _rows(store, "my-workshop")] == [row[:2] for row in _rows(store, BUNDLED)]
    assert store.search("debt") and all(hit.id for hit in store.search("debt"))
    assert _state(store, BUNDLED)[:3] == bundled_before


@pytest.mark.parametrize(
    ("new_id", "words"),
    [("My Workshop", "not a workshop ID"), (BUNDLED, "installed already"), ("x" * 65, "not a workshop ID")],
)
def test_new_workshop_refuses_a_bad_or_taken_id(store: Store, new_id: str, words: str) -> None:
    before = _state(store, BUNDLED)
    with pytest.raises(AuthoringError, match=words):
        new_workshop(store, new_id, BUNDLED)
    assert store.pack_ids() == [BUNDLED] and _state(store, BUNDLED) == before


def test_new_workshop_refuses_an_id_in_use_and_an_unknown_source(store: Store) -> None:
    _own(store)
    with pytest.raises(AuthoringError, match="installed already"):
        new_workshop(store, "my-workshop", BUNDLED)
    with pytest.raises(AuthoringError, match="No workshop with ID nowhere"):
        new_workshop(store, "other", "nowhere")


def test_set_changes_the_details_and_the_agenda_dates_follow(store: Store) -> None:
    from companion.core.handouts.builder import plan

    pack_id = _own(store)
    trainers = [
        {"role": {"en": "Trainer"}, "organisation": {"en": "IOM", "zh-Hans": "国际移民组织"}, "name": "A. Li"}
    ]
    manifest = set_details(
        store, WorkshopChanges(start_date="2028-01-10", venue_en="Kunming", trainers=trainers)
    )
    assert manifest.workshop.start_date == "2028-01-10" and manifest.workshop.venue.en == "Kunming"
    assert manifest.workshop.venue.zh_hans == "广西南宁（示例会场）"  # the other language stays
    assert manifest.workshop.trainers is not None and manifest.workshop.trainers[0].name == "A. Li"
    stored = store.manifest(pack_id)
    assert stored == manifest
    items = store.items()
    first = min((i for i in items if i.kind == "agenda-item" and i.day == 2), key=lambda i: i.start)
    assert now_and_next(items, stored.workshop.start_date, datetime(2028, 1, 11, 0, 1)).next == first.id
    sign_in = [build() for build in plan(items, stored, "fp", "sign-in", "en")]
    assert "2028-01-11" in repr(sign_in) and "2027-03-16" not in repr(sign_in)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (WorkshopChanges(start_date="2027-02-30"), "workshop: start_date: 2027-02-30 is not a date"),
        (WorkshopChanges(start_date="16/03/2027"), "workshop: start_date: "),
        (WorkshopChanges(days=0), "workshop: days: "),
        (WorkshopChanges(days=15), "workshop: days: "),
        (WorkshopChanges(days=1), "workshop: days: is 1, but the agenda has sessions on day 2"),
        (WorkshopChanges(trainers=[{"role": {"en": "Trainer"}}]), "workshop: trainers[0].organisation: "),
    ],
)
def test_set_with_a_bad_value_names_the_field_and_changes_nothing(
    store: Store, changes: WorkshopChanges, message: str
) -> None:
    pack_id = _own(store)
    before = _state(store, pack_id)
    with pytest.raises(ContentError) as caught:
        set_details(store, changes)
    assert str(caught.value).startswith(message)
    assert _state(store, pack_id) == before


def test_the_bundled_workshop_cannot_be_set_or_edited(store: Store, tmp_path: Path) -> None:
    before = _state(store, BUNDLED)
    term = store.items("glossary-term")[0]
    path = tmp_path / "term.toml"
    path.write_bytes(item_toml(term))
    with pytest.raises(
        AuthoringError, match="make your own copy first: companion workshop new NEW_ID --from"
    ):
        set_details(store, WorkshopChanges(venue_en="Kunming"))
    with pytest.raises(AuthoringError, match="make your own copy first"):
        edit_item(store, term.id, path)
    with pytest.raises(AuthoringError, match="make your own copy first"):
        import_dir(store, tmp_path)
    assert _state(store, BUNDLED) == before


def test_edit_replaces_one_item_and_search_follows(store: Store, tmp_path: Path) -> None:
    pack_id = _own(store)
    term = store.items("glossary-term")[0]
    definition = Text.model_validate({"en": "Zqxwvy marker", "zh-Hans": term.definition.zh_hans})
    path = tmp_path / "term.toml"
    path.write_bytes(item_toml(term.model_copy(update={"definition": definition})))
    edited = edit_item(store, term.id, path)
    assert edited.definition.en == "Zqxwvy marker"
    assert store.item(term.id) == edited
    assert [hit.id for hit in store.search("Zqxwvy")] == [term.id]
    assert store.item(term.id, BUNDLED) == term  # the template is untouched
    stored_digest = store.conn.execute(
        "SELECT content_digest FROM packs WHERE id = ?", (pack_id,)
    ).fetchone()[0]
    assert stored_digest == content_digest(store.conn, pack_id)  # `companion check` finds nothing amiss


def test_edit_with_problems_lists_each_and_changes_nothing(store: Store, tmp_path: Path) -> None:
    pack_id = _own(store)
    before = _state(store, pack_id)
    study = store.items("case-study")[0]
    text = "settting = 'typo'\n" + item_toml(study).decode("utf-8")
    text = text.replace("\n[title]\n", "\n[title]\nfr = 'non'\n", 1)
    path = tmp_path / "item.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        edit_item(store, study.id, path)
    shown = {str(problem) for problem in caught.value.problems}
    assert "item.toml: settting: Extra inputs are not permitted" in shown
    assert "item.toml: title.fr: Extra inputs are not permitted" in shown
    path.write_text("id = 'x\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"item\.toml: not valid TOML"):
        edit_item(store, study.id, path)
    path.write_text(
        item_toml(study).decode("utf-8").replace(f"id = '{study.id}'", "id = 'cs-99'"), encoding="utf-8"
    )
    with pytest.raises(ContentError, match=r"item\.toml: id: is 'cs-99', but the item edited is"):
        edit_item(store, study.id, path)
    with pytest.raises(AuthoringError, match="No content item with ID 'nothing'"):
        edit_item(store, "nothing", path)
    assert _state(store, pack_id) == before


def test_edit_checks_what_spans_items_the_agenda_and_the_workshop_days(store: Store, tmp_path: Path) -> None:
    pack_id = _own(store)
    before = _state(store, pack_id)
    session = next(i for i in store.items("agenda-item") if i.day == 1)
    path = tmp_path / "session.toml"
    path.write_text(item_toml(session).decode("utf-8").replace("day = 1", "day = 3", 1), encoding="utf-8")
    with pytest.raises(
        ContentError, match=rf"agenda/{session.id}\.toml: day: day 3 is after the workshop's last"
    ):
        edit_item(store, session.id, path)
    later = sorted((i for i in store.items("agenda-item") if i.day == 1), key=lambda i: i.start)[1]
    path.write_text(item_toml(later).decode("utf-8").replace(f"start = '{later.start}'", "start = '00:00'"))
    with pytest.raises(
        ContentError, match=r"^agenda/ag-[0-9]+\.toml: start: [0-9:]+ is before ag-[0-9]+ ends"
    ):
        edit_item(store, later.id, path)  # it now starts before the first session of the day ends
    study = next(i for i in store.items("case-study") if i.answer_keys)
    indicator = study.answer_keys[0].indicators[0].indicator
    text = item_toml(study).decode("utf-8").replace(f"'{indicator}'", "'ZZ99'", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=r"indicators\[0\]\.indicator: ZZ99 is not an indicator of"):
        edit_item(store, study.id, path)
    assert _state(store, pack_id) == before


def test_export_dir_then_import_dir_gives_identical_content(store: Store, tmp_path: Path) -> None:
    pack_id = _own(store)
    set_details(store, WorkshopChanges(trainers=[{"role": {"en": "Lead"}, "organisation": {"en": "IOM"}}]))
    before = _state(store, pack_id)
    first = export_dir(store, tmp_path / "a")
    assert (tmp_path / "a" / "pack.toml").is_file() and first.files == len(_rows(store, pack_id)) + 1
    assert "[[workshop.trainers]]" in (tmp_path / "a" / "pack.toml").read_text(encoding="utf-8")
    import_dir(store, tmp_path / "a")
    export_dir(store, tmp_path / "b")
    assert _state(store, pack_id)[:3] == before[:3]
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_import_dir_reports_every_problem_and_changes_nothing(store: Store, tmp_path: Path) -> None:
    pack_id = _own(store)
    folder = tmp_path / "tree"
    export_dir(store, folder)
    before = _state(store, pack_id)
    backups = list((store.data_dir / "backups").glob("*")) if (store.data_dir / "backups").exists() else []
    pack = folder / "pack.toml"
    pack.write_text(
        pack.read_text(encoding="utf-8").replace("start_date = '2027-03-16'", "start_date = '2027-13-01'")
    )
    term = sorted((folder / "glossary").glob("*.toml"))[0]
    term.write_text("see_allso = []\n" + term.read_text(encoding="utf-8"), encoding="utf-8")
    study = sorted((folder / "case-studies").glob("*.toml"))[0]
    study.write_text(study.read_text(encoding="utf-8").replace("[setting]", "[setting", 1), encoding="utf-8")
    (folder / "agneda").mkdir()
    (folder / "agneda" / "x.toml").write_text("id = 'x'\n", encoding="utf-8")
    (folder / "README.md").write_text("notes for authors\n", encoding="utf-8")  # not TOML: ignored
    with pytest.raises(ContentError) as caught:
        import_dir(store, folder)
    shown = [str(problem) for problem in caught.value.problems]
    assert any(s.startswith("pack.toml: workshop.start_date: ") for s in shown)
    assert f"glossary/{term.name}: see_allso: Extra inputs are not permitted" in shown
    assert any(s.startswith(f"case-studies/{study.name}: not valid TOML") for s in shown)
    assert any(s.startswith("agneda/x.toml: not in a folder of a content kind") for s in shown)
    assert len(shown) == 4
    assert _state(store, pack_id) == before
    after = list((store.data_dir / "backups").glob("*")) if (store.data_dir / "backups").exists() else []
    assert after == backups  # nothing was done, not even a backup


def test_import_dir_refuses_another_workshops_tree(store: Store, tmp_path: Path) -> None:
    _own(store, "first")
    export_dir(store, tmp_path / "first")
    _own(store, "second")
    before = _state(store, "second")
    with pytest.raises(
        ContentError, match=r"pack\.toml: id: is 'first', but the workshop it would replace is 'second'"
    ):
        import_dir(store, tmp_path / "first")
    assert _state(store, "second") == before


def test_export_dir_refuses_a_folder_that_is_not_an_export(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(AuthoringError, match=r"not empty and holds no pack\.toml"):
        export_dir(store, folder)
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]


def test_export_dir_removes_the_files_of_items_no_longer_there(store: Store, tmp_path: Path) -> None:
    export_dir(store, tmp_path / "out")
    (tmp_path / "out" / "glossary" / "gone.toml").write_text("id = 'gone'\n", encoding="utf-8")
    done = export_dir(store, tmp_path / "out")
    assert (
        done.removed == ["glossary/gone.toml"] and not (tmp_path / "out" / "glossary" / "gone.toml").exists()
    )


def test_reloading_the_bundled_workshop_leaves_ones_own_alone(store: Store, tmp_path: Path) -> None:
    pack_id = _own(store)
    set_details(store, WorkshopChanges(start_date="2028-01-10"))
    mine = _state(store, pack_id)
    # Make the stored bundled workshop look out of date, as after an update of the application.
    store.conn.execute(
        "UPDATE packs SET source_signature = 'old', fingerprint = 'old' WHERE id = ?", (BUNDLED,)
    )
    store.conn.commit()
    assert ensure_bundled_content(store) is True
    assert _state(store, pack_id) == mine
    assert store.current_pack_id() == pack_id
