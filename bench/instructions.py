"""Counting the instructions a child process executes up to its first paint (valgrind's callgrind).

A count, not a time: the same however busy the machine is, so it settles what
wall-clock medians on a shared machine cannot. Under valgrind a start takes
minutes. Used by ``startup.py`` and ``bundle.py`` with ``--instructions``.
"""

from __future__ import annotations

import re
import subprocess
import tempfile


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


def report(bare: int, application: int) -> str:
    return (
        f"instructions to first paint: bare {bare / 1e6:.0f} M, "
        f"application {application / 1e6:.0f} M; ratio {application / bare:.2f}"
    )
