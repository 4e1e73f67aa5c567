"""Saving one item as an editor does: drafts, problems by field, crash safety (companion.core.authoring)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from companion import resources
from companion.app.workshop import Workshop
from companion.core.authoring import AuthoringError
from companion.core.store.check import check_store
from companion.core.store.digest import content_digest

from .conftest import COPY


def test_a_valid_item_replaces_the_saved_one_and_search_finds_its_new_text(workshop: Workshop) -> None:
    data = workshop.item_data("cs-01")
    assert data is not None
    data["setting"]["en"] = "A quarry beside the zebrafish hatchery"
    assert workshop.save_draft("case-study", data) == []
    assert workshop.item("cs-01").setting.en == "A quarry beside the zebrafish hatchery"
    assert [hit.id for hit in workshop.search("zebrafish")] == ["cs-01"]
    assert workshop.drafts() == []
    stored = workshop.store.conn.execute("SELECT content_digest FROM packs WHERE id = ?", (COPY,)).fetchone()
    assert stored[0] == content_digest(workshop.store.conn, COPY)  # `companion check` stays green
    assert check_store(workshop.store).ok
    # The bundled workshop it was copied from is untouched.
    assert workshop.store.item("cs-01", resources.BUNDLED_PACK).setting.en != data["setting"]["en"]


def test_an_invalid_item_is_kept_as_a_draft_across_reopening_but_not_saved(data_dir: Path) -> None:
    workshop = Workshop.open(data_dir)
    workshop.new_workshop(COPY, resources.BUNDLED_PACK)
    data = workshop.item_data("cs-01")
    assert data is not None
    before = workshop.item("cs-01")
    data["stages"][0]["text"] = {"en": "", "zh-Hans": ""}
    data["title"]["en"] = "Half-typed zebrafish title"
    problems = workshop.save_draft("case-study", data)
    assert [p.path for p in problems] == [("stages", 0, "text")]
    assert "at least one language" in problems[0].message
    workshop.close()

    reopened = Workshop.open(data_dir)
    try:
        assert reopened.item("cs-01") == before  # not saved as the item
        assert reopened.search("zebrafish") == []
        [draft] = reopened.drafts()
        assert (draft.item_id, draft.kind, draft.data) == ("cs-01", "case-study", data)
        assert "1 unsaved draft of an edited item." in [f.text for f in check_store(reopened.store).findings]
        reopened.discard_draft("cs-01")
        assert reopened.drafts() == []
    finally:
        reopened.close()


def test_problems_name_the_field_path_by_alias(workshop: Workshop) -> None:
    session = workshop.item_data("ag-01")
    assert session is not None
    late = {**session, "start": "10:00", "end": "09:00"}
    assert [m for _p, m in workshop.problems("agenda-item", late)] == ["end 09:00 is not after start 10:00"]
    study = workshop.item_data("cs-01")
    assert study is not None
    study["stages"][0]["text"] = {"en": 5, "zh-Hans": "中文"}
    assert [p.path for p in workshop.problems("case-study", study)] == [("stages", 0, "text", "en")]


def test_cross_item_problems_an_unknown_indicator_an_unknown_tool_and_an_overlap(workshop: Workshop) -> None:
    study = next(i for i in workshop.items("case-study") if i.answer_keys)
    data = workshop.item_data(study.id)
    assert data is not None
    data["answer_keys"][0]["indicators"][0]["indicator"] = "ZZ99"
    found = workshop.problems("case-study", data)
    assert [p.path for p in found] == [("answer_keys", 0, "indicators", 0, "indicator")]
    data["answer_keys"][0]["tool"] = "no-such-tool"
    assert [p.path for p in workshop.problems("case-study", data)] == [("answer_keys", 0, "tool")]

    day_one = [s for s in workshop.items("agenda-item") if s.day == 1]
    first, second = sorted(day_one, key=lambda s: s.start)[:2]
    moved = workshop.item_data(second.id)
    assert moved is not None
    moved["start"] = first.start
    moved["end"] = first.end
    overlap = workshop.problems("agenda-item", moved)
    assert [p.path for p in overlap] == [("start",)]
    assert first.id in overlap[0].message


def test_a_rule_that_does_not_parse_is_a_problem_of_its_field(workshop: Workshop) -> None:
    tool = next(t for t in workshop.items("screening-tool") if t.scoring is not None)
    data = workshop.item_data(tool.id)
    assert data is not None
    data["scoring"]["overall"] = "(("
    assert [p.path for p in workshop.problems("screening-tool", data)] == [("scoring", "overall")]


def test_a_new_item_gets_a_fresh_id_and_is_saved_once_it_validates(workshop: Workshop) -> None:
    data = workshop.new_item_data("glossary-term")
    assert workshop.item(data["id"]) is None
    assert workshop.save_draft("glossary-term", data)  # empty texts: a draft
    assert workshop.new_item_data("glossary-term")["id"] != data["id"]  # the draft's ID is taken
    data["term"] = {"en": "Zebrafish clause", "zh-Hans": "斑马鱼条款"}
    data["definition"] = {"en": "A made-up term for a test.", "zh-Hans": "测试用的虚构术语。"}
    assert workshop.save_draft("glossary-term", data) == []
    assert workshop.item(data["id"]) is not None
    assert [hit.id for hit in workshop.search("Zebrafish clause")] == [data["id"]]
    assert workshop.drafts() == []


def test_only_a_working_copy_is_edited(data_dir: Path) -> None:
    workshop = Workshop.open(data_dir)
    try:
        assert not workshop.editable
        data = workshop.item_data("cs-01")
        assert data is not None
        with pytest.raises(AuthoringError):
            workshop.save_draft("case-study", data)
    finally:
        workshop.close()


def test_an_item_named_elsewhere_is_not_deleted_and_notes_keep_a_deleted_id(workshop: Workshop) -> None:
    used = workshop.items("agenda-item")
    named = next(s.case_studies[0] for s in used if s.case_studies)
    with pytest.raises(AuthoringError, match="remove it there first"):
        workshop.delete_item(named)
    terms = workshop.items("glossary-term")
    term = next(t for t in terms if not any(t.id in other.see_also for other in terms))
    workshop.store.conn.execute(
        "INSERT INTO notes(pack_id, item_id, body, updated_at) VALUES (?, ?, 'mine', 'now')", (COPY, term.id)
    )
    workshop.delete_item(term.id)
    assert workshop.item(term.id) is None
    assert all(hit.id != term.id for hit in workshop.search(term.term.en or ""))
    assert workshop.store.conn.execute("SELECT body FROM notes WHERE item_id = ?", (term.id,)).fetchone() == (
        "mine",
    )
    assert check_store(workshop.store).ok


CRASH = """
import json, os, signal, sys
from pathlib import Path
from companion.app.workshop import Workshop
workshop = Workshop.open(Path(sys.argv[1]))
data = json.loads(sys.argv[2])
problems = workshop.save_draft("case-study", data)
print(len(problems), flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # right after save_draft returned: no close, no clean exit
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_draft_survives_the_process_being_killed_right_after_the_save(workshop: Workshop) -> None:
    data = workshop.item_data("cs-01")
    assert data is not None
    data["questions"] = []  # invalid: kept as a draft
    folder = workshop.data_dir
    workshop.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[4])}
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(folder), json.dumps(data)], capture_output=True, text=True, env=env
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert done.stdout.strip() == "1"
    reopened = Workshop.open(folder)
    try:
        [draft] = reopened.drafts()
        assert draft.data == data
    finally:
        reopened.close()
