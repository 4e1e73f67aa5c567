"""``companion certificates`` and ``companion certificate verify``, as a script uses them."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from companion.__main__ import main
from companion.core.packs import toml_writer
from tests.unit.pack_support import PACK_ID, pack_of, tiny_files

PASSPHRASE = "a long passphrase"
ROSTER = (
    "code,name_latin,name_zh,agency,function\n"
    "P001,Li Weixqz,李伟栋,Qilinville Bureau,Officer\n"
    "P002,Wang Fangqz,王芳芷,Mountvale,Judge\n"
    "P003,Nguyen Van Anqz,,Riverside,Officer\n"
)


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def workshop(capsys, data_dir, tmp_path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """The bundled workshop with three participants: P001 and P003 there throughout, P002 one half-day."""
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    marks = tmp_path / "marks.csv"
    rows = [f"{c},{s},1" for c in ("P001", "P003") for s in ("d1-am", "d1-pm", "d2-am", "d2-pm")]
    marks.write_text("code,session,present\n" + "\n".join([*rows, "P002,d1-am,1"]) + "\n", encoding="utf-8")
    for argv in (
        ("roster", "import", str(roster)),
        ("attendance", "import", str(marks)),
        ("pack", "key", "create"),
    ):
        assert run(capsys, data_dir, *argv)[0] == 0, argv
    return data_dir


def png_of(pdf: Path, scale: float = 150 / 72) -> Path:
    target = pdf.with_suffix(".png")
    pypdfium2.PdfDocument(pdf)[0].render(scale=scale).to_pil().save(target)
    return target


def test_certificates_only_for_the_eligible_and_each_verifies_from_its_image(
    capsys, workshop: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "certificates"
    code, out, err = run(capsys, workshop, "certificates", "--out", str(out_dir), "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["written"] == ["certificate-P001.pdf", "certificate-P003.pdf"]
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "certificate-P001.pdf",
        "certificate-P003.pdf",
        "eligibility.csv",
        "eligibility.json",
    ]
    with (out_dir / "eligibility.csv").open(encoding="utf-8") as handle:
        listed = list(csv.DictReader(handle))
    assert [(r["code"], r["eligible"]) for r in listed] == [("P001", "1"), ("P002", "0"), ("P003", "1")]
    assert "below the minimum attendance of 75%" in listed[1]["reasons"]
    everything = (out_dir / "eligibility.csv").read_text("utf-8") + (out_dir / "eligibility.json").read_text(
        "utf-8"
    )
    assert "Wang" not in everything and "王芳芷" not in everything  # codes only
    names = {"P001": "Li Weixqz 李伟栋", "P003": "Nguyen Van Anqz"}
    ids = set()
    for participant, name in names.items():
        code, out, err = run(
            capsys,
            workshop,
            "certificate",
            "verify",
            "--image",
            str(png_of(out_dir / f"certificate-{participant}.pdf")),
            "--json",
        )
        verdict = json.loads(out)
        assert (code, err, verdict["valid"], verdict["issuer_trusted"], verdict["name"]) == (
            0,
            "",
            True,
            True,
            name,
        )
        assert verdict["workshop"]["id"] == "nanning-workshop"
        assert verdict["dates"] == {"start": "2027-03-16", "end": "2027-03-17"}
        ids.add(verdict["certificate_id"])
    assert len(ids) == 2
    # Issued again: the same IDs (stable, kept by the key, not by the name).
    assert run(capsys, workshop, "certificates", "--out", str(tmp_path / "again"))[0] == 0
    again = run(
        capsys,
        workshop,
        "certificate",
        "verify",
        "--image",
        str(png_of(tmp_path / "again" / "certificate-P001.pdf")),
        "--json",
    )
    assert json.loads(again[1])["certificate_id"] in ids


def test_thresholds_from_the_command_line(capsys, workshop: Path, tmp_path: Path) -> None:
    code, out, _err = run(
        capsys, workshop, "certificates", "--out", str(tmp_path / "a"), "--min-attendance", "0.25", "--json"
    )
    assert (code, json.loads(out)["written"]) == (
        0,
        ["certificate-P001.pdf", "certificate-P002.pdf", "certificate-P003.pdf"],
    )
    code, out, _err = run(
        capsys, workshop, "certificates", "--out", str(tmp_path / "b"), "--require-post-test", "--json"
    )
    assert (code, json.loads(out)["written"]) == (0, [])
    with pytest.raises(SystemExit) as usage:
        main(
            [
                "--data-dir",
                str(workshop),
                "certificates",
                "--out",
                str(tmp_path / "c"),
                "--min-attendance",
                "2",
            ]
        )
    assert usage.value.code == 2 and "fraction from 0 to 1" in capsys.readouterr().err


def _issued_text(capsys, workshop: Path, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    import zxingcpp

    run(capsys, workshop, "certificates", "--out", str(tmp_path / "issued"))
    image = Image.open(png_of(tmp_path / "issued" / "certificate-P001.pdf"))
    return str(zxingcpp.read_barcodes(image)[0].text)


def test_changed_text_bad_images_and_short_codes_are_one_line_and_exit_1(
    capsys, workshop: Path, tmp_path: Path
) -> None:
    text = _issued_text(capsys, workshop, tmp_path)
    code, out, err = run(capsys, workshop, "certificate", "verify", text)
    assert code == 0 and out.startswith("Valid: signed by you") and err == ""
    position = len(text) // 2
    changed = text[:position] + ("0" if text[position] != "0" else "1") + text[position + 1 :]
    code, out, err = run(capsys, workshop, "certificate", "verify", changed, "--json")
    assert (code, json.loads(out)["valid"], err.count("\n")) == (1, False, 1)
    code, out, err = run(capsys, workshop, "certificate", "verify", text[:-5])
    assert (code, out, err) == (
        1,
        "",
        "companion: The certificate code is cut short or altered: it cannot be read.\n",
    )
    blank = tmp_path / "blank.png"
    Image.new("L", (600, 400), 255).save(blank)
    code, out, err = run(capsys, workshop, "certificate", "verify", "--image", str(blank))
    assert (code, out, err) == (1, "", "companion: No QR code was found in the image.\n")
    not_image = tmp_path / "notes.png"
    not_image.write_text("not an image", encoding="utf-8")
    assert run(capsys, workshop, "certificate", "verify", "--image", str(not_image))[2] == (
        "companion: notes.png is not an image this program can read.\n"
    )
    assert run(capsys, workshop, "certificate", "verify", "https://example.org/")[2] == (
        "companion: This is not a Training Companion certificate code.\n"
    )
    assert run(capsys, workshop, "certificate", "verify")[0] == 1


def test_another_data_folder_sees_a_valid_but_untrusted_issuer(
    capsys, workshop: Path, tmp_path: Path, prepared_data_dir: Path
) -> None:
    text = _issued_text(capsys, workshop, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(prepared_data_dir, elsewhere)
    code, out, _err = run(capsys, elsewhere, "certificate", "verify", text, "--json")
    verdict = json.loads(out)
    assert (code, verdict["valid"], verdict["issuer_trusted"]) == (0, True, False)
    assert "not one this computer trusts" in verdict["reason"]


def test_revoked_ids_in_the_issuers_signed_pack_are_honoured(
    capsys, workshop: Path, tmp_path: Path, monkeypatch
) -> None:
    import tomllib

    from companion.app.domain import load_key

    key = load_key(workshop, PASSPHRASE)
    files = tiny_files()
    pack = tmp_path / "tiny.tcpack"
    pack.write_bytes(pack_of(files, key=key))
    assert run(capsys, workshop, "pack", "import", str(pack))[0] == 0
    assert run(capsys, workshop, "pack", "use", PACK_ID)[0] == 0
    marks = tmp_path / "tiny-marks.csv"
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert run(capsys, workshop, "roster", "import", str(roster))[0] == 0
    marks.write_text("code,session\nP001,d1-am\nP001,d1-pm\nP002,d1-am\nP002,d1-pm\n", encoding="utf-8")
    assert run(capsys, workshop, "attendance", "import", str(marks))[0] == 0
    import zxingcpp

    assert run(capsys, workshop, "certificates", "--out", str(tmp_path / "tiny"))[0] == 0
    texts = [
        zxingcpp.read_barcodes(Image.open(png_of(tmp_path / "tiny" / f"certificate-{c}.pdf")))[0].text
        for c in ("P001", "P002")
    ]
    verdicts = [json.loads(run(capsys, workshop, "certificate", "verify", t, "--json")[1]) for t in texts]
    assert [v["valid"] for v in verdicts] == [True, True]
    # The publisher revokes P001's certificate in the next version of its signed pack.
    manifest = tomllib.loads(files["pack.toml"].decode("utf-8"))
    manifest.update(version="1.1.0", revoked_certificates=[verdicts[0]["certificate_id"]])
    files["pack.toml"] = toml_writer.dumps(manifest).encode("utf-8")
    pack.write_bytes(pack_of(files, key=key))
    assert run(capsys, workshop, "pack", "import", str(pack))[0] == 0
    code, out, _err = run(capsys, workshop, "certificate", "verify", texts[0], "--json")
    assert (code, json.loads(out)["reason"]) == (1, "Its issuer has revoked this certificate.")
    assert run(capsys, workshop, "certificate", "verify", texts[1])[0] == 0


def test_a_phone_like_photo_of_the_certificate_verifies(capsys, workshop: Path, tmp_path: Path) -> None:
    from PIL import ImageFilter

    run(capsys, workshop, "certificates", "--out", str(tmp_path / "issued"))
    page = Image.open(png_of(tmp_path / "issued" / "certificate-P001.pdf", scale=200 / 72)).convert("RGB")
    # Held at an angle, a little out of focus, on a grey desk, in a lossy JPEG of a phone's size.
    photo = Image.new("RGB", (page.width + 400, page.height + 400), (120, 115, 110))
    photo.paste(page.rotate(7, expand=True, fillcolor=(120, 115, 110)), (120, 60))
    width, height = photo.size
    photo = photo.transform(
        photo.size,
        Image.Transform.QUAD,
        (40, 0, 0, height, width, height - 60, width - 90, 30),
        Image.Resampling.BICUBIC,
    )
    photo = photo.filter(ImageFilter.GaussianBlur(1.6)).resize((width * 3 // 4, height * 3 // 4))
    target = tmp_path / "photo.jpg"
    photo.save(target, quality=55)
    code, out, err = run(capsys, workshop, "certificate", "verify", "--image", str(target), "--json")
    assert (code, err, json.loads(out)["name"]) == (0, "", "Li Weixqz 李伟栋")


def test_files_that_are_not_images_are_one_line_and_never_block(
    capsys, workshop: Path, tmp_path: Path
) -> None:
    import os

    pipe = tmp_path / "pipe.png"
    os.mkfifo(pipe)
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.7\nnot really")
    for path in (tmp_path, pipe, broken_pdf):
        code, out, err = run(capsys, workshop, "certificate", "verify", "--image", str(path))
        assert (code, out) == (1, "") and err.count("\n") == 1 and "not an image" in err, path
    assert (
        "No such file"
        in run(capsys, workshop, "certificate", "verify", "--image", str(tmp_path / "x.png"))[2]
    )


def test_a_name_that_does_not_open_gets_no_certificate_and_says_why(
    capsys, workshop: Path, tmp_path: Path, monkeypatch
) -> None:
    from companion.core.assess import roster

    opened = roster.Roster.participants

    def damaged(self: roster.Roster) -> list[roster.Participant]:
        # As Roster.participants gives a row that does not open: its code, no name.
        return [p if p.code != "P003" else roster.Participant("P003") for p in opened(self)]

    monkeypatch.setattr(roster.Roster, "participants", damaged)
    code, out, _err = run(capsys, workshop, "certificates", "--out", str(tmp_path / "out"), "--json")
    report = json.loads(out)
    assert (code, report["written"]) == (0, ["certificate-P001.pdf"])
    assert report["eligibility"][2]["eligible"] is False
    assert report["eligibility"][2]["reasons"][-1] == "the name does not open with this passphrase"


def test_issuing_counts_the_certificates_made_and_a_cancel_writes_nothing(
    workshop: Path, tmp_path: Path
) -> None:
    from companion.app.certificates import issue
    from companion.app.domain import Cancelled, load_key
    from companion.app.workshop import Workshop

    opened = Workshop.open(workshop)
    try:
        vault = opened.vault()
        vault.unlock(PASSPHRASE)
        key = load_key(workshop, PASSPHRASE)
        seen: list[tuple[int, int]] = []
        issue(opened, vault, key, tmp_path / "all", progress=lambda done, total: seen.append((done, total)))
        assert seen == [(0, 2), (1, 2), (2, 2)]  # P001 and P003 qualify, P002 came to one half-day
        asked: list[int] = []

        def cancelled_after_the_first() -> bool:
            asked.append(1)
            return len(asked) > 1

        with pytest.raises(Cancelled):
            issue(opened, vault, key, tmp_path / "stopped", cancelled=cancelled_after_the_first)
        assert not (tmp_path / "stopped").exists()  # no certificate, no list: nothing half issued
    finally:
        opened.close()
