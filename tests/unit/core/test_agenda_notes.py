"""An agenda item's facilitator notes (e.g. ag-13's model answer) never reach an audience."""

from __future__ import annotations

from typing import Any

from companion.core.editions import for_edition
from companion.core.model import texts_of
from companion.core.packs.reader import read_pack_bytes
from companion.core.packs.verify import verify
from companion.core.store import Store
from companion.core.store.search import EVERYTHING
from tests.unit.pack_support import entries_of, pack_of, text, tiny_files
from tests.unit.search_support import seen_by_audience, unseen_word


def _tiny_with_agenda_notes() -> dict[str, bytes]:
    import tomllib

    from companion.core.packs import toml_writer

    files = tiny_files()
    agenda = tomllib.loads(files["agenda/ag-01.toml"].decode("utf-8"))
    agenda["facilitator_notes"] = text("HIDDEN exercise answer", "隐藏的练习答案")
    files["agenda/ag-01.toml"] = toml_writer.dumps(agenda).encode("utf-8")
    return files


def test_the_four_level_exercise_has_a_model_answer_in_both_languages(bundled_pack: Any) -> None:
    notes = bundled_pack.get("ag-13").facilitator_notes
    assert notes is not None and not notes.missing()
    for word in ("Individual", "Household", "Community", "Structural"):
        assert word in str(notes.en)
    for word in ("个人层面", "家庭层面", "社区层面", "结构层面"):
        assert word in str(notes.zh_hans)


def test_a_participant_edition_drops_agenda_notes(bundled_pack: Any) -> None:
    item = bundled_pack.get("ag-13")
    assert for_edition(item, "participant").facilitator_notes is None
    assert for_edition(item, "facilitator").facilitator_notes == item.facilitator_notes
    pack = pack_of(_tiny_with_agenda_notes(), "participant")
    raw = b"".join(data for _name, data in entries_of(pack))
    assert b"HIDDEN" not in raw and "隐藏的练习答案".encode() not in raw
    assert verify(read_pack_bytes(pack), {}).content.get("ag-01").facilitator_notes is None
    kept = verify(read_pack_bytes(pack_of(_tiny_with_agenda_notes(), "facilitator")), {}).content.get("ag-01")
    assert kept.facilitator_notes.en == "HIDDEN exercise answer"


def test_an_audience_search_does_not_find_agenda_notes(store: Store, bundled_pack: Any) -> None:
    hidden = texts_of(bundled_pack.get("ag-13").facilitator_notes)
    for chinese in (0, 2):
        word = unseen_word(hidden, seen_by_audience(bundled_pack), chinese=chinese)
        assert all(hit.id != "ag-13" for hit in store.search(word))
        assert "ag-13" in [hit.id for hit in store.search(word, visibility=EVERYTHING)]
