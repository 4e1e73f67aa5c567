"""``companion tool export-xlsform`` and ``import-xlsform``, as a script or a field team uses them."""

from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import load_workbook

from companion.__main__ import main
from companion.core.content import parse_item


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("tool_id", ["ilo-adult-labour", "first-contact-guide"])
def test_export_then_import_gives_the_installed_tool_as_a_content_file(
    capsys, data_dir, bundled_pack, tool_id
) -> None:
    form, item = data_dir / "form.xlsx", data_dir / "item.toml"
    code, out, err = run(capsys, "--data-dir", str(data_dir), "tool", "export-xlsform", tool_id, str(form))
    assert (code, out.strip(), err) == (0, str(form), "")
    code, out, err = run(capsys, "tool", "import-xlsform", str(form), "--out", str(item))
    assert (code, err) == (0, "") and tool_id in out
    imported = parse_item(item.read_bytes(), "item.toml", "screening-tool", tool_id)
    assert imported == bundled_pack.get(tool_id)


def test_import_without_out_prints_the_toml(capsys, data_dir) -> None:
    form = data_dir / "form.xlsx"
    assert (
        run(capsys, "--data-dir", str(data_dir), "tool", "export-xlsform", "palermo-elements", str(form))[0]
        == 0
    )
    code, out, err = run(capsys, "tool", "import-xlsform", str(form))
    assert code == 0 and err == ""
    assert out.startswith("id = 'palermo-elements'\n") and "[scoring]" in out


def test_an_unknown_tool_is_one_line_and_writes_nothing(capsys, data_dir) -> None:
    form = data_dir / "form.xlsx"
    code, out, err = run(capsys, "--data-dir", str(data_dir), "tool", "export-xlsform", "cs-01", str(form))
    assert code == 1 and out == ""
    assert err == "companion: no screening tool with id 'cs-01' in the current workshop\n"
    assert not form.exists()


def test_a_broken_form_gives_one_line_per_row_and_leaves_the_output_alone(capsys, data_dir) -> None:
    form, item = data_dir / "form.xlsx", data_dir / "item.toml"
    item.write_text("kept", encoding="utf-8")
    run(capsys, "--data-dir", str(data_dir), "tool", "export-xlsform", "palermo-elements", str(form))
    book = load_workbook(form)
    rows = {row[1].value: row[0] for row in book["survey"].iter_rows(min_row=2)}
    rows["ACT01"].value = "text"
    rows["MNS01"].value = "geopoint"
    book.save(form)
    code, out, err = run(capsys, "tool", "import-xlsform", str(form), "--out", str(item))
    lines = err.splitlines()
    assert code == 1 and out == "" and len(lines) == 2
    assert lines[0].startswith(
        f"companion: {form}: sheet 'survey', row {rows['ACT01'].row}: unknown question type 'text'"
    )
    assert f"row {rows['MNS01'].row}: unknown question type 'geopoint'" in lines[1]
    assert item.read_text(encoding="utf-8") == "kept"


def test_the_command_line_starts_without_loading_openpyxl() -> None:
    code = (
        "import sys\n"
        "from companion.cli import build_parser\n"
        "import companion.app.xlsform, companion.cli.tool\n"
        "build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'pyxform')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
