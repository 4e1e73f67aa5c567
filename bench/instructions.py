"""Counting the instructions a child process executes (valgrind's callgrind).

A count, not a time: the same however busy the machine is, so it settles what
wall-clock medians on a shared machine cannot. Under valgrind a program runs
about fifty times slower. Used with ``--instructions`` by ``startup.py`` and
``bundle.py`` (up to the first paint) and ``export.py`` (stretches it marks).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path


def to_first_paint(command: list[str], env: dict[str, str]) -> int:
    """Instructions ``command`` executes until it prints "painted" and exits."""
    with tempfile.TemporaryDirectory() as out:
        # A frozen program's boot loader may start itself again: follow it (--trace-children).
        valgrind = ["valgrind", "--tool=callgrind", "--trace-children=yes", f"--callgrind-out-file={out}/%p"]
        result = subprocess.run(
            [*valgrind, *command],
            capture_output=True,
            text=True,
            env=env,
            timeout=3600,
        )
    found = re.findall(r"Collected : (\d+)", result.stderr)
    if "painted" not in result.stdout or not found:
        raise RuntimeError(f"{command[0]} never painted a window under valgrind")
    return sum(int(count) for count in found)  # every process of the chain


def between_marks(command: list[str]) -> list[int]:
    """Instructions ``command`` executes between its calls of ``os.getppid()``, one count a stretch.

    The program marks the stretches to count by calling ``os.getppid()``, a
    system call Python makes for nothing else; callgrind writes its counts out
    before each call (``--dump-before``), numbered in order.
    """
    with tempfile.TemporaryDirectory() as out:
        valgrind = ["valgrind", "--tool=callgrind", "--dump-before=getppid", f"--callgrind-out-file={out}/cg"]
        subprocess.run([*valgrind, *command], capture_output=True, check=True, timeout=3600)
        dumps = sorted(Path(out).glob("cg.*"), key=lambda path: int(path.suffix[1:]))
        counts = [int(re.search(r"^totals: (\d+)", path.read_text(), re.M).group(1)) for path in dumps]
    return counts[1:]  # the first dump is everything before the first mark


def report(bare: int, application: int) -> str:
    return (
        f"instructions to first paint: bare {bare / 1e6:.0f} M, "
        f"application {application / 1e6:.0f} M; ratio {application / bare:.2f}"
    )
