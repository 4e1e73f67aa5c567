"""`companion workshop new|set|show` and `companion content edit|export-dir|import-dir`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.__main__ import main

BUNDLED = "nanning-workshop"


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _own(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _out, err = run(
        capsys, data_dir, "workshop", "new", "my-ws", "--from", BUNDLED, "--title-en", "Mine"
    )
    assert code == 0, err


def _show(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict[str, object]:
    code, out, _err = run(capsys, data_dir, "workshop", "show", "--json")
    assert code == 0
    shown: dict[str, object] = json.loads(out)
    return shown


def test_new_copies_and_show_prints_the_copy(capsys, data_dir: Path) -> None:
    code, out, _err = run(
        capsys, data_dir, "workshop", "new", "my-ws", "--from", BUNDLED, "--title-zh", "我的培训", "--json"
    )
    assert code == 0 and json.loads(out)["id"] == "my-ws"
    shown = _show(capsys, data_dir)
    assert shown["id"] == "my-ws" and shown["workshop"]["title"]["zh-Hans"] == "我的培训"  # type: ignore[index]
    code, out, _err = run(capsys, data_dir, "workshop", "show")
    assert code == 0 and "my-ws" in out and "editable" in out
    code, out, _err = run(capsys, data_dir, "pack", "list", "--json")
    assert {p["id"]: p["source"] for p in json.loads(out)} == {BUNDLED: "bundled", "my-ws": "working-copy"}


def test_new_with_a_taken_id_is_one_line_and_changes_nothing(capsys, data_dir: Path) -> None:
    code, _out, err = run(capsys, data_dir, "workshop", "new", BUNDLED, "--from", BUNDLED)
    assert code == 1 and err.count("\n") == 1 and "installed already" in err
    assert _show(capsys, data_dir)["id"] == BUNDLED


def test_set_changes_details_and_the_agenda_handout_dates(capsys, data_dir: Path, tmp_path: Path) -> None:
    _own(capsys, data_dir)
    trainers = tmp_path / "trainers.toml"
    trainers.write_text(
        "[[trainers]]\nname = 'A. Li'\n[trainers.role]\nen = 'Lead trainer'\n"
        "[trainers.organisation]\nen = 'IOM'\nzh-Hans = '国际移民组织'\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, data_dir, "workshop", "set", "--start-date", "2028-01-10", "--venue-en", "Kunming",
        "--organiser-zh", "主办方", "--trainers", str(trainers), "--json",
    )  # fmt: skip
    assert code == 0, err
    workshop = json.loads(out)["workshop"]
    assert workshop["start_date"] == "2028-01-10" and workshop["venue"]["en"] == "Kunming"
    assert workshop["organiser"]["zh-Hans"] == "主办方"
    assert workshop["trainers"] == [
        {
            "role": {"en": "Lead trainer"},
            "organisation": {"en": "IOM", "zh-Hans": "国际移民组织"},
            "name": "A. Li",
        }
    ]
    code, out, _err = run(capsys, data_dir, "workshop", "show")
    assert "trainer: A. Li, Lead trainer, IOM" in out
    pdfs = tmp_path / "pdfs"
    code, _out, err = run(capsys, data_dir, "export", "--kind", "sign-in", "--lang", "en", "--out", str(pdfs))
    assert code == 0, err
    from tests.unit.pdf_support import text as pdf_text

    text = "".join(pdf_text(path) for path in sorted(pdfs.glob("*.pdf")))
    assert "2028-01-11" in text and "2027-03-16" not in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--start-date", "2027-02-30"), "workshop: start_date: 2027-02-30 is not a date of the calendar"),
        (("--days", "1"), "workshop: days: is 1, but the agenda has sessions on day 2"),
        (("--days", "20"), "workshop: days: "),
    ],
)
def test_set_with_a_bad_value_is_one_line_naming_the_field(capsys, data_dir: Path, argv, message) -> None:
    _own(capsys, data_dir)
    before = _show(capsys, data_dir)
    code, _out, err = run(capsys, data_dir, "workshop", "set", *argv)
    assert code == 1 and err.startswith(f"companion: {message}") and err.count("\n") == 1
    assert _show(capsys, data_dir) == before


def test_edit_on_the_bundled_workshop_says_to_copy_it_first(capsys, data_dir: Path, tmp_path: Path) -> None:
    export = tmp_path / "out"
    assert run(capsys, data_dir, "content", "export-dir", str(export))[0] == 0
    item = sorted((export / "glossary").glob("*.toml"))[0]
    code, _out, err = run(capsys, data_dir, "content", "edit", item.stem, "--file", str(item))
    assert code == 1 and err.count("\n") == 1
    assert f"make your own copy first: companion workshop new NEW_ID --from {BUNDLED}" in err


def test_edit_replaces_an_item_or_lists_its_problems(capsys, data_dir: Path, tmp_path: Path) -> None:
    _own(capsys, data_dir)
    export = tmp_path / "out"
    run(capsys, data_dir, "content", "export-dir", str(export))
    item = sorted((export / "glossary").glob("*.toml"))[0]
    item.write_text("extra = 'x'\n" + item.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run(capsys, data_dir, "content", "edit", item.stem, "--file", str(item), "--json")
    assert code == 1
    assert json.loads(out)["problems"][0]["field"] == "extra"
    assert err == "companion: 1 problem; nothing was changed\n"
    item.write_text(item.read_text(encoding="utf-8").replace("extra = 'x'\n", ""), encoding="utf-8")
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("[term]\nen = ", "[term]\nen = 'Qzxv term'\nold = ", 1), encoding="utf-8")
    code, _out, err = run(capsys, data_dir, "content", "edit", item.stem, "--file", str(item))
    assert code == 1 and f"{item.name}: term.old: Extra inputs are not permitted" in err
    item.write_text(text.replace("[term]\nen = ", "[term]\nen = 'Qzxv term'\n#", 1), encoding="utf-8")
    code, out, err = run(capsys, data_dir, "content", "edit", item.stem, "--file", str(item))
    assert code == 0, err
    code, out, _err = run(capsys, data_dir, "search", "Qzxv", "--json")
    assert [hit["id"] for hit in json.loads(out)] == [item.stem]


def test_export_dir_then_import_dir_round_trip(capsys, data_dir: Path, tmp_path: Path) -> None:
    _own(capsys, data_dir)
    first, second = tmp_path / "first", tmp_path / "second"
    code, out, _err = run(capsys, data_dir, "content", "export-dir", str(first), "--json")
    assert code == 0 and json.loads(out)["removed"] == []
    code, out, err = run(capsys, data_dir, "content", "import-dir", str(first), "--json")
    assert code == 0, err
    assert json.loads(out)["pack_id"] == "my-ws"
    run(capsys, data_dir, "content", "export-dir", str(second))
    files = sorted(p.relative_to(first) for p in first.rglob("*.toml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.toml"))
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in files)


def test_import_dir_lists_every_problem_and_changes_nothing(capsys, data_dir: Path, tmp_path: Path) -> None:
    _own(capsys, data_dir)
    tree = tmp_path / "tree"
    run(capsys, data_dir, "content", "export-dir", str(tree))
    code, before, _err = run(capsys, data_dir, "content", "list", "--json")
    session = sorted((tree / "agenda").glob("*.toml"))[0]
    session.write_text(session.read_text(encoding="utf-8").replace("day = 1", "day = 9", 1), encoding="utf-8")
    tool = sorted((tree / "tools").glob("*.toml"))[0]
    tool.write_text("style = 'fancy'\n" + tool.read_text(encoding="utf-8").replace("style = ", "#", 1))
    (tree / "glossary" / "broken.toml").write_text("id = 'broken'\n", encoding="utf-8")
    code, out, err = run(capsys, data_dir, "content", "import-dir", str(tree))
    lines = err.splitlines()
    assert code == 1 and out == ""
    assert lines[-1] == "companion: 4 problems; nothing was changed"
    assert any(line.startswith(f"tools/{tool.name}: style: ") for line in lines)
    assert "glossary/broken.toml: term: Field required" in lines
    assert "glossary/broken.toml: definition: Field required" in lines
    assert any(line.startswith(f"agenda/{session.name}: day: day 9 is after") for line in lines)
    assert run(capsys, data_dir, "content", "list", "--json")[1] == before


def test_a_pack_exported_from_ones_own_workshop_carries_its_details(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    _own(capsys, data_dir)
    run(capsys, data_dir, "workshop", "set", "--start-date", "2028-01-10", "--days", "3")
    target = tmp_path / "mine.zip"
    code, _out, err = run(capsys, data_dir, "pack", "export", str(target), "--edition", "facilitator")
    assert code == 0, err
    code, _out, err = run(capsys, data_dir, "pack", "verify", str(target))
    assert code == 0, err
    import zipfile

    with zipfile.ZipFile(target) as archive:
        manifest = archive.read("content/pack.toml").decode("utf-8")
    assert "id = 'my-ws'" in manifest and "start_date = '2028-01-10'" in manifest and "days = 3" in manifest
