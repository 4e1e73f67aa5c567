"""reportlab is reached through two modules only, and its private names through one.

``companion.core.handouts.reportlab_public`` types the documented API the
handouts use; ``reportlab_private`` holds every undocumented name and says
why each is needed. An upgrade of reportlab is then checked in one place.
"""

from __future__ import annotations

import ast
import re

from tests.conftest import REPO

HANDOUTS = REPO / "companion" / "core" / "handouts"
ADAPTERS = {"reportlab_public.py", "reportlab_private.py"}
# reportlab's undocumented names the handouts use or used (see reportlab_private's docstring).
PRIVATE = re.compile(
    r"\bblPara\b|\b_wrapWidths\b|\b_width_max\b|\b_splitpara\b|\b_splitLongWordCount\b|\b_hyphenations\b"
    r"|\b_offsets\b|\b_hAlignAdjust\b|\bbreakLines(CJK)?\b|\bfrags=|\b_startPage\b|\b_pageNumber\b"
    r"|\b_rowHeights\b|\b_calc\b|\b_splitRows\b|\.face\.|\.state\.get\b|\bassignments\b|\bcleanBlockQuotedText\b"
    r"|\bframe\._"
)


def _imported(path):  # type: ignore[no-untyped-def]
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_only_the_two_adapter_modules_import_reportlab() -> None:
    importers = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "companion").rglob("*.py")
        if any(name == "reportlab" or name.startswith("reportlab.") for name in _imported(path))
    }
    assert importers == {f"companion/core/handouts/{name}" for name in ADAPTERS}


def test_reportlabs_private_names_appear_only_in_the_private_adapter() -> None:
    found = {
        f"{path.name}: {match.group(0)}"
        for path in HANDOUTS.glob("*.py")
        if path.name != "reportlab_private.py"
        for match in PRIVATE.finditer(path.read_text("utf-8"))
    }
    assert found == set()
    assert PRIVATE.search((HANDOUTS / "reportlab_private.py").read_text("utf-8"))  # the pattern still bites
