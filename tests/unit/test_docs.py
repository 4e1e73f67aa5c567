"""The project's own documents: every page and anchor the code, the tests and docs/ cite exists."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO

DOCS = REPO / "docs"
CITATION = re.compile(r"docs/(\w+\.md)(?:#([\w-]+))?")


def _slug(heading: str) -> str:
    """A heading's anchor, as the common Markdown renderers make it."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors() -> dict[str, set[str]]:
    anchors = {}
    for page in DOCS.glob("*.md"):
        text = re.sub(r"```.*?```", "", page.read_text("utf-8"), flags=re.S)
        anchors[page.name] = {_slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, re.M)}
    return anchors


def test_every_citation_of_docs_in_the_code_names_a_page_and_heading_that_exist() -> None:
    anchors = _anchors()
    broken = []
    for folder in ("companion", "tests", "bench", "build_scripts"):
        for source in (REPO / folder).rglob("*.py"):
            for page, anchor in CITATION.findall(source.read_text("utf-8")):
                if page not in anchors or (anchor and anchor not in anchors[page]):
                    broken.append(f"{source.relative_to(REPO)}: docs/{page}#{anchor}")
    assert broken == []


def test_every_link_between_the_documents_resolves() -> None:
    anchors = _anchors()
    broken = []
    for page in DOCS.glob("*.md"):
        for target in re.findall(r"\]\(([^)]+)\)", page.read_text("utf-8")):
            if target.startswith(("http:", "https:")):
                continue
            file, _, anchor = target.partition("#")
            name = Path(file).name if file else page.name
            if file and not (page.parent / file).exists():
                broken.append(f"{page.name}: {target}")
            elif anchor and name in anchors and anchor not in anchors[name]:
                broken.append(f"{page.name}: {target}")
    assert broken == []


def test_every_markdown_file_the_code_names_is_in_the_repository() -> None:
    """A contributor who clones the project can open every note the code cites."""
    in_repo = {path.name for path in REPO.rglob("*.md") if ".venv" not in path.parts}
    missing = [
        f"{source.relative_to(REPO)}: {name}"
        for folder in ("companion", "tests", "bench", "build_scripts")
        for source in (REPO / folder).rglob("*.py")
        for name in re.findall(r"\b[\w-]+\.md\b", source.read_text("utf-8"))
        if name not in in_repo
    ]
    assert missing == []
