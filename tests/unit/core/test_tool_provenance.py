"""A screening tool states where it comes from; what is still to check is for facilitators only.

Sentences such as "could not be transcribed from the official brochure" or "NOT
confirmed" printed for trainees read as "this tool is not reliable". A tool
carries its provenance as one ``source`` line that everyone sees, and what is
still to be checked against the original as ``to_verify``, a facilitator-only
field that participant packs, handouts and an audience's search drop.
"""

from __future__ import annotations

from typing import Any

from companion.core.editions import for_edition
from companion.core.handouts import builder
from companion.core.model import texts_of
from companion.core.packs.reader import read_pack_bytes
from companion.core.packs.verify import verify
from companion.core.store import Store
from companion.core.store.search import EVERYTHING
from tests.unit.pack_support import bundled_files, entries_of, pack_of
from tests.unit.search_support import seen_by_audience, unseen_word

# The words of an author's caveat about the material itself, in both languages.
CAVEAT_WORDS = {
    "en": (
        "unconfirmed",
        "not confirmed",
        "could not be confirmed",
        "not been confirmed",
        "could not be transcribed",
        "must be verified",
        "not yet verified",
        "verify against",
        "grade of this indicator is uncertain",
        "particularly uncertain",
        "to be checked",
        "check before",
        "must be checked",
    ),
    "zh-Hans": (
        "未经证实",
        "未与官方文本核对",
        "引用前须核实",
        "未经确认",
        "尚未确认",
        "尚未核实",
        "未能核实",
        "未能得到证实",
        "未能依据",
        "尚不确定",
    ),
}
PARTICIPANT_KINDS = ("screening-tool", "case-study", "agenda-item", "glossary-term", "document")


def caveat_hits(texts: list[Any]) -> list[tuple[str, str]]:
    hits = []
    for text in texts:
        for lang, words in CAVEAT_WORDS.items():
            value = " ".join((text.get(lang) or "").split()).casefold()
            hits.extend((lang, word) for word in words if word in value)
    return hits


def _participant_texts(pack: Any) -> list[Any]:
    items = [item for item in pack.items if item.kind in PARTICIPANT_KINDS]
    return [t for item in items for t in texts_of(for_edition(item, "participant"))]


def test_no_participant_text_carries_an_author_caveat(bundled_pack: Any) -> None:
    assert caveat_hits(_participant_texts(bundled_pack)) == []


def test_the_caveat_words_catch_a_caveat() -> None:
    from companion.core.model import Text

    caveat = Text(en="The grades must be verified.", zh_hans="分级未经证实。")
    assert {lang for lang, _ in caveat_hits([caveat])} == {"en", "zh-Hans"}


def test_tool_names_say_nothing_unconfirmed_and_every_tool_states_its_source(bundled_pack: Any) -> None:
    tools = bundled_pack.by_kind("screening-tool")
    assert len(tools) == 5
    for tool in tools:
        assert "unconfirmed" not in tool.title.en.casefold() and "未经证实" not in tool.title.zh_hans
        assert tool.source is not None, tool.id
        assert tool.source.en.startswith("Source:") and tool.source.zh_hans.startswith("来源："), tool.id
    # What was taken out of the caveats is kept, for facilitators.
    to_verify = {tool.id: tool.to_verify for tool in tools}
    assert all(to_verify[t] for t in ("ilo-adult-labour", "ilo-child-labour", "ilo-forced-labour"))
    assert "AVR13" in " ".join(t.en for t in to_verify["ilo-adult-labour"])


def test_grades_are_unchanged_by_the_move(bundled_pack: Any) -> None:
    adult = bundled_pack.get("ilo-adult-labour")
    grades = {i.id: i.grade for d in adult.dimensions for i in d.indicators}
    assert grades["AVR13"] == grades["AVR14"] == "medium"


def test_a_participant_pack_and_the_screening_forms_drop_the_to_verify_list(bundled_pack: Any) -> None:
    hidden = [t for tool in bundled_pack.by_kind("screening-tool") for t in tool.to_verify]
    assert hidden
    raw = b"".join(data for _name, data in entries_of(pack_of(bundled_files(), "participant")))
    for text in hidden:
        assert text.en.encode() not in raw and text.zh_hans.encode() not in raw
    content = verify(read_pack_bytes(pack_of(bundled_files(), "facilitator")), {}).content
    assert content.get("ilo-adult-labour").to_verify == bundled_pack.get("ilo-adult-labour").to_verify
    args = (bundled_pack.items, bundled_pack.manifest, bundled_pack.fingerprint, "bilingual")
    forms = builder.screening_forms(*args)
    words = " ".join(_words(forms))
    assert all(t.en not in words and t.zh_hans not in words for t in hidden)
    assert bundled_pack.get("ilo-adult-labour").source.en in words


def test_an_audience_search_does_not_find_the_to_verify_list(store: Store, bundled_pack: Any) -> None:
    tool = bundled_pack.get("ilo-adult-labour")
    for chinese in (0, 2):
        word = unseen_word(tool.to_verify, seen_by_audience(bundled_pack), chinese=chinese)
        assert all(hit.id != tool.id for hit in store.search(word))
        assert tool.id in [hit.id for hit in store.search(word, visibility=EVERYTHING)]


def _words(handout: builder.Handout) -> list[str]:
    found: list[str] = []

    def cells(value: object) -> None:
        if isinstance(value, builder.Words):
            found.append(" ".join(value.text.split()))
        elif isinstance(value, tuple):
            for entry in value:
                cells(entry)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                cells(getattr(value, name))

    cells(handout.blocks)
    return found


def test_the_window_shows_the_source_line_and_never_the_to_verify_list(bundled_pack: Any) -> None:
    from companion.gui import render

    tool = bundled_pack.get("ilo-child-labour")
    for lang in ("en", "zh-Hans"):
        page = " ".join(render.screening_tool(tool, lang).split())
        assert render.inline(tool.source, lang) in page
        assert all(render.inline(item, lang) not in page for item in tool.to_verify)
        assert caveat_hits([tool.title]) == []


# --- Library documents: the same treatment ------------------------------------------------------


def test_every_document_states_its_source_and_keeps_its_doubts_for_facilitators(bundled_pack: Any) -> None:
    documents = bundled_pack.by_kind("document")
    for doc in documents:
        assert doc.source is not None, doc.id
        assert doc.source.en.startswith("Source:") and doc.source.zh_hans.startswith("来源："), doc.id
        assert caveat_hits([doc.title, *(s.heading for s in doc.sections)]) == [], doc.id
    # What was taken out of the text is kept, for facilitators, in both languages.
    for doc_id in ("doc-01", "doc-02", "doc-03", "doc-18", "doc-19"):
        to_verify = bundled_pack.get(doc_id).to_verify
        assert to_verify and all(t.en and t.zh_hans for t in to_verify), doc_id


def test_the_new_documents_are_in_the_library_and_on_the_agenda(bundled_pack: Any) -> None:
    linked = {d for item in bundled_pack.by_kind("agenda-item") for d in item.documents}
    for doc_id, words in (("doc-18", ("2014", "1930")), ("doc-19", ("COMMIT", "Viet Nam"))):
        doc = bundled_pack.get(doc_id)
        assert doc.category in ("legal", "referral") and doc_id in linked
        text = " ".join(t.en for t in texts_of(for_edition(doc, "participant")))
        assert all(word in text for word in words)
        assert all(t.zh_hans for t in texts_of(doc)), doc_id


def test_a_participant_pack_drops_the_documents_to_verify_list(bundled_pack: Any) -> None:
    hidden = [t for doc in bundled_pack.by_kind("document") for t in doc.to_verify]
    assert hidden
    raw = b"".join(data for _name, data in entries_of(pack_of(bundled_files(), "participant")))
    for text in hidden:
        assert text.en.encode() not in raw and text.zh_hans.encode() not in raw
    content = verify(read_pack_bytes(pack_of(bundled_files(), "facilitator")), {}).content
    assert content.get("doc-01").to_verify == bundled_pack.get("doc-01").to_verify


def test_an_audience_search_does_not_find_a_documents_to_verify_list(store: Store, bundled_pack: Any) -> None:
    doc = bundled_pack.get("doc-01")
    for chinese in (0, 2):
        word = unseen_word(doc.to_verify, seen_by_audience(bundled_pack), chinese=chinese)
        assert all(hit.id != doc.id for hit in store.search(word))
        assert doc.id in [hit.id for hit in store.search(word, visibility=EVERYTHING)]


def test_the_window_shows_a_documents_source_line_and_never_its_to_verify_list(bundled_pack: Any) -> None:
    from companion.gui import render

    doc = bundled_pack.get("doc-01")
    for lang in ("en", "zh-Hans"):
        page = " ".join(render.document(doc, lang).split())
        assert render.inline(doc.source, lang) in page
        assert all(render.inline(item, lang) not in page for item in doc.to_verify)
