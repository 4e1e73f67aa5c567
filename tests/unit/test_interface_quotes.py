"""English interface text uses plain quotation marks; Chinese keeps “ ” (full width in a Chinese font)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import companion

CURLY = re.compile("[“”]")
HAN = re.compile(r"[\u3400-\u9fff]")
MARKERS = {"_", "N_", "ngettext"}


def _messages() -> list[tuple[str, int, str]]:
    """Every string literal handed to _(), N_() or ngettext() in the package, with where it is."""
    root = Path(companion.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.append((str(path.relative_to(root)), node.lineno, arg.value))
    return found


def test_no_english_interface_string_uses_curly_quotes() -> None:
    messages = _messages()
    assert len(messages) > 500  # the walk reaches the interface strings
    english = [(path, line, text) for path, line, text in messages if not HAN.search(text)]
    curly = [(path, line, text[:60]) for path, line, text in english if CURLY.search(text)]
    assert curly == []


def test_a_quoted_passage_takes_the_marks_of_its_language() -> None:
    from companion.core.notes import quoted

    assert quoted("the boss keeps the passports") == '"the boss keeps the passports"'
    assert quoted("老板") == "“老板”"
    assert quoted("ask the 老板") == "“ask the 老板”"  # any Chinese: drawn with the Chinese font
