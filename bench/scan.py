"""Reading scanned answer sheets: speed and accuracy on degraded specimen pages.

Prints specimen sheets of the bundled workshop's forms A and B for 85
participants (random answers, some left blank; seeded, so every run reads the
same pages), renders each with pdftoppm at 150 and 300 dpi, degrades every
image as a scanner or a phone would (rotation up to 3 degrees, blur, uneven
light, JPEG noise) and reads it back. Reports pages per second (reading only,
not rendering), marks read wrongly without a flag (the goal: 0) and the share
of marks flagged (the goal: at most 1 %).

Usage: ``python bench/scan.py [--pages N] [--dpi 150 300] [--seed S]``
(N sheets per resolution, default 170 = 85 participants x 2 forms).
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from companion.app import scanning  # noqa: E402
from companion.app.assess import forms  # noqa: E402
from companion.app.workshop import Workshop  # noqa: E402
from companion.core.assess.scan import read_page  # noqa: E402


def degrade(image: Image.Image, rng: random.Random) -> Image.Image:
    """Rotation up to 3 degrees, blur, light falling off across the page, then JPEG at 60-85 quality."""
    gray = image.convert("L")
    gray = gray.rotate(rng.uniform(-3, 3), resample=Image.Resampling.BILINEAR, expand=True, fillcolor=235)
    gray = gray.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.3) * gray.width / 1240))
    # Uneven light: a gradient from full light to 60-75 % of it, in a random direction.
    ramp = Image.linear_gradient("L").rotate(rng.choice((0, 90, 180, 270))).resize(gray.size)
    low = rng.uniform(0.60, 0.75)
    ramp = ramp.point(lambda v: round(255 * (low + (1 - low) * v / 255)))
    gray = ImageChops.multiply(gray, ramp)
    buffer = io.BytesIO()
    gray.save(buffer, format="JPEG", quality=rng.randint(60, 85))
    buffer.seek(0)
    return Image.open(buffer)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=170, help="sheets per resolution (default 170)")
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 300])
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workshop = Workshop.open(folder / "data")
        found = {f.form.id: f for f in forms(workshop)}
        wanted = [form_id for form_id in ("form-a", "form-b") if form_id in found]
        choices = {f: [(q.id, len(q.choices)) for q in found[f].questions] for f in found}
        sheets: list[tuple[str, str, dict[str, str | None]]] = []
        for n in range(1, 86):
            for form_id in wanted:
                marks = {
                    q.id: None if rng.random() < 0.1 else rng.choice([c.id for c in q.choices])
                    for q in found[form_id].questions
                }
                sheets.append((f"P{n:03d}", form_id, marks))
        sheets = sheets[: args.pages]
        truth = {}
        for code, form_id, marks in sheets:
            scanning.print_sheets(workshop, form_id, folder / "pdf", [code], {code: marks})
            truth[(code, form_id)] = marks
        for dpi in args.dpi:
            images = []
            for code, form_id, _ in sheets:
                stem = folder / f"{form_id}-{code}-{dpi}"
                pdf = folder / "pdf" / f"{form_id}-{code}.pdf"
                command = ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", pdf, stem]
                subprocess.run(command, check=True)
                images.append(degrade(Image.open(f"{stem}.png"), rng))
            wrong = flagged = marks_total = problems = 0
            start = time.perf_counter()
            pages = [read_page(image, choices, "bench", n) for n, image in enumerate(images, 1)]
            elapsed = time.perf_counter() - start
            for page in pages:
                if page.problem or page.participant is None or page.form is None:
                    problems += 1
                    print(f"  page {page.page}: {page.problem}")
                    continue
                expected = truth[(page.participant, page.form)]
                for question, answer in expected.items():
                    marks_total += 1
                    if question in page.flagged:
                        flagged += 1
                    elif page.answers.get(question) != answer:
                        wrong += 1
            print(
                f"{dpi} dpi: {len(pages)} pages in {elapsed:.1f} s = {len(pages) / elapsed:.2f} pages/s; "
                f"{marks_total} marks, {wrong} read wrongly without a flag, "
                f"{flagged} flagged ({100 * flagged / max(marks_total, 1):.2f} %), "
                f"{problems} pages with a problem"
            )
        workshop.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
