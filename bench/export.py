"""Export speed: pages per second of the full English print pack against bare reportlab.

Renders every kind (``all``, English, participant edition) through the real
export (builder, renderer, atomic file writes), counts its pages, then builds
a bare platypus document in the same process: the same number of pages, the
same embedded font file (registered as reportlab ships it), plain paragraphs of
text from the pack, about as much text per page as the pack (1,920 characters
against 1,969), no header, footer, table or outline. Prints both rates and
their ratio (target: at most 1.5).

The machine this runs on is shared and its timings are very noisy, so the two
sides take turns (which goes first alternates), each run is printed, and the
rates are given for the median and for the best run of each side: noise only
ever adds time, so the best runs are the closest to what each side costs. CPU
time is printed beside wall time; on a sandboxed machine it is sampled coarsely
and is not more reliable, only different. With ``--instructions`` it also runs
one pack and one bare document under valgrind's callgrind, after a warm-up of
each, and prints the instructions each executed: a count that noise cannot
change (about four minutes). Usage: ``python bench/export.py [--runs N] [--instructions]``.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

import instructions  # bench/instructions.py, beside this script

from companion import resources
from companion.core.content import load_folder
from companion.core.handouts import export
from companion.core.handouts.fonts import register_fonts


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def _timed(work: Callable[[], int]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and the page count that ``work`` returns."""
    wall, cpu = time.perf_counter(), time.process_time()
    pages = work()
    return time.perf_counter() - wall, time.process_time() - cpu, pages


def _pack(pack, out: Path) -> Callable[[], int]:  # type: ignore[no-untyped-def]
    def run() -> int:
        paths = export(pack.items, pack.manifest, pack.fingerprint, "all", "en", out, invariant=True)
        return len(paths)

    return run


BARE_FONT = "bare-CJK"


def _bare(pack, page_count: int) -> Callable[[], int]:  # type: ignore[no-untyped-def]
    """A plain platypus document: the same font file, three paragraphs of pack text a page.

    The font is registered as reportlab ships it (``TTFont``), not as the
    export registers it: the export's font encodes text faster, and the bare
    side is meant to cost what reportlab alone costs.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    if BARE_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(BARE_FONT, str(resources.path(resources.CJK_FONT)), subfontIndex=0))
    style = ParagraphStyle("bare", fontName=BARE_FONT, fontSize=10, leading=14)
    texts = [stage.text.en for study in pack.by_kind("case-study") for stage in study.stages]

    def run() -> int:
        story = []
        for page in range(page_count):
            picked = (texts[(page + n) % len(texts)] for n in range(3))
            story += [Paragraph(" ".join(text.split())[:900], style) for text in picked]
            story.append(PageBreak())
        doc = SimpleDocTemplate(io.BytesIO(), pagesize=A4, invariant=1, initialFontName=BARE_FONT)
        doc.build(story[:-1])
        return doc.page

    return run


def marked_run(page_count: int) -> None:
    """One warm-up of each side, then each side once between marks (see instructions.between_marks)."""
    pack = load_folder(resources.bundled_pack_dir())
    register_fonts()
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as tmp:
        sides = _pack(pack, Path(tmp)), _bare(pack, page_count)
        for side in sides:
            side()
        os.getppid()
        for side in sides:
            side()
            os.getppid()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    parser.add_argument("--marked-run", type=int, metavar="PAGES", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.marked_run:
        marked_run(args.marked_run)
        return 0
    runs = args.runs
    pack = load_folder(resources.bundled_pack_dir())
    register_fonts()  # both sides use the already registered font
    with tempfile.TemporaryDirectory(prefix="companion-bench-") as tmp:
        out = Path(tmp)
        export(pack.items, pack.manifest, pack.fingerprint, "all", "en", out, invariant=True)  # warm-up
        page_count = sum(_pages(p) for p in out.glob("*.pdf"))
        sides = {"pack": _pack(pack, out), "bare": _bare(pack, page_count)}
        sides["bare"]()  # warm-up
        timings: dict[str, list[tuple[float, float]]] = {"pack": [], "bare": []}
        print(f"{'run':>3}  {'pack wall':>9} {'cpu':>6}  {'bare wall':>9} {'cpu':>6}  {'ratio':>5}")
        for n in range(runs):
            order = ("pack", "bare") if n % 2 == 0 else ("bare", "pack")
            for side in order:
                wall, cpu, result = _timed(sides[side])
                timings[side].append((wall, cpu))
                if side == "bare" and result != page_count:
                    raise SystemExit(f"bare document has {result} pages, not {page_count}")
            (pw, pc), (bw, bc) = timings["pack"][-1], timings["bare"][-1]
            print(f"{n + 1:>3}  {pw:8.2f}s {pc:5.2f}s  {bw:8.2f}s {bc:5.2f}s  {pw / bw:5.2f}")
    for label, pick in (("median", statistics.median), ("best", min)):
        rate = {side: [page_count / pick(t[i] for t in timings[side]) for i in (0, 1)] for side in timings}
        print(
            f"{label} of {runs}: print pack (all kinds, en) {rate['pack'][0]:.1f} pages/s "
            f"(CPU {rate['pack'][1]:.1f}); bare reportlab, same font and {page_count} pages, "
            f"{rate['bare'][0]:.1f} pages/s (CPU {rate['bare'][1]:.1f})"
        )
        print(
            f"  ratio (bare / pack): {rate['bare'][0] / rate['pack'][0]:.2f} wall, "
            f"{rate['bare'][1] / rate['pack'][1]:.2f} CPU (target at most 1.5)"
        )
    if args.instructions:
        packed, bare = instructions.between_marks([sys.executable, __file__, "--marked-run", str(page_count)])
        print(
            f"instructions: print pack {packed / 1e6:.0f} M, bare reportlab {bare / 1e6:.0f} M; "
            f"ratio {packed / bare:.2f} (target at most 1.5)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
