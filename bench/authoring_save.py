"""Autosave speed: ``save_draft`` of one edited item against ``edit_item``'s whole-workshop rewrite.

Copies the bundled workshop as a working copy in a fresh data folder, then
times, over the runs, a valid edit of one case study saved with
``Workshop.save_draft`` (the item's own model, the checks that concern it,
one item row and its search rows in one transaction), an invalid edit kept
as a draft, and the same valid edit through ``Workshop.edit_item`` (the
whole workshop written as TOML, read back and reinstalled). An editor
autosaves every second, so a save should take well under 50 ms.
Prints the median and best of each, in milliseconds.
Usage: ``python bench/authoring_save.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from companion import resources
from companion.app.workshop import Workshop
from companion.core.packs.exporter import item_toml


def timed(runs: int, action: Callable[[int], object]) -> list[float]:
    times = []
    for run in range(runs):
        start = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workshop = Workshop.open(Path(folder))
        workshop.new_workshop("bench-copy", resources.BUNDLED_PACK)
        data = workshop.item_data("cs-01")
        assert data is not None

        def save(run: int) -> None:
            data["title"]["en"] = f"Edited title, run {run}"
            assert workshop.save_draft("case-study", data) == []

        def save_invalid(run: int) -> None:
            broken = {**data, "stages": [{"title": {"en": ""}, "text": {"en": f"run {run}"}}]}
            assert workshop.save_draft("case-study", broken)

        file = Path(folder) / "cs-01.toml"

        def edit(run: int) -> None:
            item = workshop.store.item("cs-01")
            title = item.title.model_copy(update={"en": f"Edited by file, run {run}"})
            file.write_bytes(item_toml(item.model_copy(update={"title": title})))
            workshop.edit_item("cs-01", file)

        for name, action, runs in (
            ("save_draft, valid", save, args.runs),
            ("save_draft, kept as a draft", save_invalid, args.runs),
            ("edit_item (whole workshop)", edit, max(3, args.runs // 5)),
        ):
            times = timed(runs, action)
            print(f"{name:32} median {statistics.median(times):7.1f} ms   best {min(times):7.1f} ms")
        workshop.close()


if __name__ == "__main__":
    main()
