"""Search across both languages, including Chinese words shorter than a trigram."""

from __future__ import annotations

import pytest

from companion.core.store import Store
from companion.core.store.search import EVERYTHING


def test_an_english_word_finds_case_studies(store: Store) -> None:
    hits = store.search("debt")
    assert hits
    assert any(hit.kind == "case-study" for hit in hits)
    assert all("[" in hit.snippet and "]" in hit.snippet for hit in hits)


def test_an_english_phrase_matches_case_insensitively(store: Store) -> None:
    hits = store.search("Debt Bondage")
    assert any(hit.kind == "glossary-term" for hit in hits)
    assert "[debt bondage]" in " ".join(h.snippet for h in hits).lower()


def test_a_three_character_chinese_word_uses_the_index(store: Store) -> None:
    hits = store.search("受害人")
    assert len(hits) >= 5
    assert any("[受害人]" in hit.snippet for hit in hits)


def test_a_two_character_chinese_word_falls_back_to_a_scan(store: Store) -> None:
    # In the case studies, only facilitator notes and a late stage say it.
    hits = store.search("债务", visibility=EVERYTHING)
    assert hits
    assert {"case-study", "glossary-term"} <= {hit.kind for hit in hits}
    assert any("[债务]" in hit.snippet for hit in hits)


def test_a_title_match_ranks_before_a_body_match(store: Store) -> None:
    hits = store.search("债务奴役")
    assert hits[0].kind == "glossary-term"


def test_titles_follow_the_requested_language(store: Store) -> None:
    english = store.search("debt bondage", "en")
    chinese = store.search("debt bondage", "zh-Hans")
    assert [h.id for h in english] == [h.id for h in chinese]
    assert any(e.title != c.title for e, c in zip(english, chinese, strict=True))


@pytest.mark.parametrize("query", ['"', 'a"b', "NEAR(", "*", "x OR", "()"])
def test_query_syntax_characters_are_searched_literally(store: Store, query: str) -> None:
    store.search(query)  # must not raise an FTS syntax error


def test_nothing_and_blank_find_nothing(store: Store) -> None:
    assert store.search("   ") == []
    assert store.search("zzqqxx-never-written") == []


def test_a_snippet_is_one_line_around_the_match_with_its_cut_ends_marked() -> None:
    from companion.core.store.search import SNIPPET_CHARS, _cut_snippet

    text = "Opening.\n\n" + "word " * 40 + "recruitment\tfees were\n\ncharged " + "more " * 40
    snippet = _cut_snippet(text, "fees")
    assert "\n" not in snippet and "\t" not in snippet and "  " not in snippet
    assert "recruitment [fees] were charged" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= SNIPPET_CHARS + len("fees") + 4
    # A match that holds only once the white space is one space each is still found and marked.
    assert "[fees were charged]" in _cut_snippet(text, "fees were charged")
