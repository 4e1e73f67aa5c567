"""Specimen answer sheets rendered to images, for the sheet and scan tests (pdftoppm does the rendering)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image, ImageDraw

from companion.core.assess import sheet_layout as layout
from companion.core.assess.sheets import SheetForm, write_sheets

DPI = 150
FORM = SheetForm(
    "form-a",
    "Knowledge check A",
    "知识测验A卷",
    tuple((f"q-{n:02d}", 2 if n % 4 == 0 else 4) for n in range(1, 31)),
)
CHOICES = {FORM.id: list(FORM.questions)}
MARKED: dict[str, str | None] = {"q-01": "B", "q-02": "A", "q-03": "D", "q-04": "B", "q-10": "C", "q-25": "A"}


def expected(marked: dict[str, str | None]) -> dict[str, str | None]:
    return {question: marked.get(question) for question, _ in FORM.questions}


def render(tmp: Path, participant: str, marks: dict[str, str | None], form: SheetForm = FORM) -> Image.Image:
    """The sheet of ``participant`` with ``marks`` filled, as a grey image at :data:`DPI`."""
    (pdf,) = write_sheets(tmp, "nanning-workshop", form, [participant], {participant: marks})
    stem = tmp / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(pdf), str(stem)], check=True
    )
    with Image.open(f"{stem}.png") as image:
        return image.convert("L")


def bubble_px(question_number: int, choice: int) -> tuple[float, float]:
    """Where a bubble is on an image from :func:`render` (pixels)."""
    row = layout.rows(FORM.questions)[question_number - 1]
    x, y = row.centres[choice]
    return x * DPI / 25.4, y * DPI / 25.4


def mark(image: Image.Image, question_number: int, choice: int, gray: int = 20, cross: bool = False) -> None:
    """Fill a bubble by hand (``gray`` 0 black .. 255 white), or cross it out with an X."""
    x, y = bubble_px(question_number, choice)
    r = layout.BUBBLE_R * DPI / 25.4
    draw = ImageDraw.Draw(image)
    if cross:
        big = r * 1.7
        draw.line((x - big, y - big, x + big, y + big), fill=gray, width=3)
        draw.line((x - big, y + big, x + big, y - big), fill=gray, width=3)
    else:
        draw.ellipse((x - r * 0.9, y - r * 0.9, x + r * 0.9, y + r * 0.9), fill=gray)
