"""bench/summary.py reads the figures the other benches print, and says when one is missing."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "bench_summary", Path(__file__).resolve().parents[2] / "bench" / "summary.py"
)
assert _spec is not None and _spec.loader is not None
summary = sys.modules["bench_summary"] = importlib.util.module_from_spec(_spec)  # dataclasses look it up
_spec.loader.exec_module(summary)

STARTUP = """\
ratio, wall-clock medians: 1.54  (target: at most 1.3)
ratio, CPU-time medians  : 1.58
instructions to first paint: bare 587 M, application 895 M; ratio 1.53
instructions to the first frame drawn: bare 628 M, application 930 M; ratio 1.48  (text laid out and drawn)
idle memory (max RSS, window open): bare 55.0 MiB, application 108.0 MiB; ratio 1.96  (target: at most 2)
"""

EXPORT = """\
median of 7: print pack (all kinds, en) 412.2 pages/s (CPU 419.2); bare reportlab, same font and 151 pages
  ratio (bare / pack): 1.27 wall, 1.28 CPU (target at most 1.5)
best of 7: print pack (all kinds, en) 474.7 pages/s (CPU 479.5); bare reportlab, same font and 151 pages
  ratio (bare / pack): 1.22 wall, 1.21 CPU (target at most 1.5)
"""

SEARCH = """\
library: 10000 items, 22500 search rows, installed in 9.1 s; 5 runs x 40 queries per kind
english word       24.5    1.61 [1.61-1.70]     4.17 [4.11-4.27]     0.30 [0.30-0.30]     2.74 [2.70-2.80]
single letter      50.0    0.70 [0.70-0.70]     6.10 [5.90-6.20]     2.82 [2.82-2.82]    41.37 [40.1-42.0]
"""


def test_the_start_up_is_judged_on_its_instructions_to_the_frame_drawn_and_memory_on_its_peak() -> None:
    paint, memory = summary.startup_rows(STARTUP)
    assert paint.cells()[2:5] == ["1.48", "at most 1.3", "NO"]
    assert "wall 1.54" in paint.note and "CPU 1.58" in paint.note and "paint event 1.53" in paint.note
    without_drawn = "\n".join(line for line in STARTUP.splitlines() if "frame drawn" not in line)
    assert summary.startup_rows(without_drawn)[0].cells()[2] == "1.53"  # then the paint event
    assert memory.cells()[2:5] == ["1.96", "at most 2", "yes"]


def test_the_print_pack_is_judged_on_cpu_time() -> None:
    (row,) = summary.export_rows(EXPORT)
    assert row.cells()[2:5] == ["1.28", "at most 1.5", "yes"]


def test_every_kind_of_search_has_its_p95_in_milliseconds() -> None:
    rows = {row.measure: row for row in summary.search_rows(SEARCH)}
    assert rows["search p95, english word"].cells()[1:5] == [
        "(absolute, 10,000 items)",
        "4.17 ms",
        "at most 5 ms",
        "yes",
    ]
    assert rows["search p95, single letter"].cells()[4] == "NO"
    assert "41.37" in rows["search p95, single letter"].note
    assert rows["search p95, chinese 2 chars"].cells()[4] == "not measured"


def test_a_bench_that_printed_nothing_leaves_its_rows_not_measured() -> None:
    rows = summary.bundle_rows("", " (run with --bundle)") + summary.import_rows("") + summary.report_rows("")
    assert [row.cells()[4] for row in rows] == ["not measured"] * 4
    assert "| frozen start | bare frozen window | - |" in summary.table(rows)
