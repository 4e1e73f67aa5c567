"""The library shows a document's source line to everyone and never its facilitator-only to-verify list."""

from __future__ import annotations


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_library_document_shows_its_source_and_not_its_to_verify_list(window, bundled_pack) -> None:
    doc = bundled_pack.get("doc-19")
    window.open_item(doc.id)
    assert window.stack.currentWidget() is window.library
    assert window.library.tabs.currentWidget() is window.library.documents
    page = _flat(window.library.documents.reader.toPlainText())
    assert _flat(doc.source.en) in page
    assert doc.to_verify and all(_flat(item.en)[:50] not in page for item in doc.to_verify)
