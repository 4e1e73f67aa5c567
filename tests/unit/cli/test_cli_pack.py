"""``companion pack``: export, verify and import (docs/contract.md#pack), plus workshops, keys, trust."""

from __future__ import annotations

import json
import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from companion.__main__ import main
from tests.unit.pack_support import pack_of, tiny_files

PASSPHRASE = "correct horse battery"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, prepared_data_dir: Path) -> Path:
    """A participant pack of the bundled workshop, exported once through the command line."""
    folder = tmp_path_factory.mktemp("exported")
    shutil.copytree(prepared_data_dir, folder / "data")
    target = folder / "workshop.ctpack"
    assert main(["--data-dir", str(folder / "data"), "pack", "export", str(target)]) == 0
    return target


def test_export_verify_import_round_trip_through_the_command_line(
    capsys: pytest.CaptureFixture[str], exported: Path, data_dir: Path, tmp_path: Path
) -> None:
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "pack", "verify", str(exported))
    assert code == 0
    assert "participant edition" in out and "every SHA-256 matches" in out and "not signed" in out
    # The bundled workshop is signed by its publisher: an unsigned copy of it can only go beside it.
    assert "cannot replace it" in out and out.rstrip().endswith("(--beside).")

    fresh = tmp_path / "participant"
    shutil.copytree(data_dir, fresh)
    argv = ("--data-dir", str(fresh), "pack", "import", str(exported), "--policy", "overwrite", "--json")
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == "" and "not signed" in err and err.count("\n") == 1
    code, out, _err = run(capsys, *argv, "--beside")
    report = json.loads(out)
    assert code == 0 and report["written"] and report["policy"] == "overwrite"
    assert report["pack"] == "nanning-workshop-unsigned" and report["beside_of"] == "nanning-workshop"
    code, out, _err = run(capsys, "--data-dir", str(fresh), "content", "show", "cs-01", "--json")
    shown = json.loads(out)
    assert shown["facilitator_notes"] is None and shown["answer_keys"] == []


def test_verify_names_the_file_in_which_one_byte_changed(
    capsys: pytest.CaptureFixture[str], exported: Path, data_dir: Path, tmp_path: Path
) -> None:
    data = bytearray(exported.read_bytes())
    with zipfile.ZipFile(exported) as archive:
        info = archive.getinfo("content/glossary/gl-002.toml")
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    data[start + info.compress_size // 2] ^= 0x01
    damaged = tmp_path / "damaged.ctpack"
    damaged.write_bytes(bytes(data))
    code, out, err = run(capsys, "--data-dir", str(data_dir), "pack", "verify", str(damaged))
    assert code == 1 and out == ""
    assert "content/glossary/gl-002.toml" in err and err.count("\n") == 1


def test_a_signed_pack_is_trusted_after_its_fingerprint_is(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    publisher = tmp_path / "publisher"
    shutil.copytree(data_dir, publisher)
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    code, fingerprint, _err = run(capsys, "--data-dir", str(publisher), "pack", "key", "create")
    assert code == 0 and len(fingerprint.split()) == 16
    assert run(capsys, "--data-dir", str(publisher), "pack", "key", "show")[1] == fingerprint
    pack = tmp_path / "signed.ctpack"
    assert run(capsys, "--data-dir", str(publisher), "pack", "export", str(pack), "--sign")[0] == 0

    code, out, _err = run(capsys, "--data-dir", str(data_dir), "pack", "verify", str(pack))
    short = " ".join(fingerprint.split()[:4])  # people compare four groups; `pack trust` takes all 16
    assert code == 0 and "have not trusted" in out and short in out and fingerprint.strip() not in out
    code, out, _err = run(
        capsys, "--data-dir", str(data_dir), "pack", "trust", fingerprint.strip(), "--name", "Academy"
    )
    assert code == 0
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "pack", "verify", str(pack))
    assert f"Signature: valid, by Academy ({short})" in out
    assert "Warning: This pack is signed by a publisher you have not trusted" not in out

    monkeypatch.setenv("COMPANION_PASSPHRASE", "wrong passphrase")
    code, out, err = run(capsys, "--data-dir", str(publisher), "pack", "export", str(pack), "--sign")
    assert code == 1 and "passphrase" in err and err.count("\n") == 1


def test_workshops_side_by_side_and_the_current_one(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    pack = tmp_path / "tiny.ctpack"
    pack.write_bytes(pack_of(tiny_files()))
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "pack", "import", str(pack))
    assert code == 0 and "Installed tiny-workshop version 1.0.0" in out and "current workshop" in out
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "pack", "list", "--json")
    listed = {entry["id"]: entry for entry in json.loads(out)}
    assert set(listed) == {"nanning-workshop", "tiny-workshop"} and listed["tiny-workshop"]["current"]
    assert run(capsys, "--data-dir", str(data_dir), "pack", "use", "nanning-workshop")[0] == 0
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "pack", "list")
    assert out.startswith("* nanning-workshop")
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "pack", "use", "no-such-workshop")
    assert code == 1 and "no-such-workshop" in err


def test_usage_errors_exit_2_and_bad_input_exits_1(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(data_dir), "pack", "import", "x.ctpack", "--policy", "sometimes"])
    assert caught.value.code == 2
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "pack", "trust", "not-hex", "--name", "X")
    assert code == 1 and "64 hexadecimal" in err
    code, _out, err = run(
        capsys, "--data-dir", str(data_dir), "pack", "verify", str(data_dir / "missing.ctpack")
    )
    assert code == 1 and "missing.ctpack" in err and err.count("\n") == 1
