"""The window reaches the core only through the application layer (companion.app)."""

from __future__ import annotations

import ast
from pathlib import Path

import companion.gui

GUI = Path(companion.gui.__file__).parent


def core_imports(path: Path) -> list[str]:
    """Every import of ``companion.core`` in a module, at its top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        core = [name for name in modules if name == "companion.core" or name.startswith("companion.core.")]
        found += [f"{path.name}:{node.lineno} {core[0]}"] if core else []  # one line per statement
    return found


def test_no_window_module_imports_the_core() -> None:
    found = [line for path in sorted(GUI.glob("*.py")) for line in core_imports(path)]
    assert found == []


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from companion import core\n    import companion.core.model\n")
    assert core_imports(module) == ["m.py:2 companion.core", "m.py:3 companion.core.model"]
