"""Export speed: pages per second of the full English print pack against bare reportlab.

Renders every kind (``all``, English, participant edition) through the real
export, counts its pages, then builds a bare platypus document with the same
number of pages, the same font and plain paragraphs of text from the pack,
in the same process. Prints both rates and their ratio (target: at most 2).
Usage: ``python bench/export.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from companion import resources
from companion.core.content import load_folder
from companion.core.handouts import export
from companion.core.handouts.render import FONT, register_fonts


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def _pack_run(pack, out: Path) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    paths = export(pack.items, pack.manifest, pack.fingerprint, "all", "en", out, invariant=True)
    elapsed = time.perf_counter() - start
    return elapsed, sum(_pages(p) for p in paths)


def _bare_run(pack, page_count: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """A plain platypus document: same font, one page of pack text per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    style = ParagraphStyle("bare", fontName=FONT, fontSize=10, leading=14)
    texts = [stage.text.en for study in pack.by_kind("case-study") for stage in study.stages]
    start = time.perf_counter()
    story = []
    for page in range(page_count):
        story += [Paragraph(" ".join(texts[(page + n) % len(texts)].split())[:900], style) for n in range(3)]
        story.append(PageBreak())
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=FONT)
    doc.build(story[:-1])
    return time.perf_counter() - start, doc.page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    pack = load_folder(resources.bundled_pack_dir())
    register_fonts()  # both sides use the already registered font
    pack_times, bare_times = [], []
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as tmp:
        _, page_count = _pack_run(pack, Path(tmp))  # warm-up: imports, first subset
        for _ in range(runs):
            elapsed, page_count = _pack_run(pack, Path(tmp))
            pack_times.append(elapsed)
            elapsed, bare_pages = _bare_run(pack, page_count)
            bare_times.append(elapsed)
    pack_rate = page_count / statistics.median(pack_times)
    bare_rate = bare_pages / statistics.median(bare_times)
    print(f"print pack (all kinds, en): {page_count} pages, {pack_rate:.1f} pages/s")
    print(f"bare reportlab, same font:  {bare_pages} pages, {bare_rate:.1f} pages/s")
    print(f"ratio (bare / pack): {bare_rate / pack_rate:.2f} (target at most 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
