"""The scriptable interface (see PRODUCT.md): argparse over the core, no Qt.

Each command group lives in its own module with ``add_parsers(subparsers)``,
which registers its commands and sets ``handler`` on them. Errors print one
line on stderr and exit 1; usage errors exit 2 (argparse). Handlers write to
the stream they are given so tests can capture output without a subprocess.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from companion import APP_NAME, __version__


class CliError(Exception):
    """A problem to report to the user in one line (exit 1)."""


def open_store(args: argparse.Namespace) -> Any:
    """The data folder's store, ready for use, or a one-line :class:`CliError`."""
    from companion.core.datafolder import open_data_folder
    from companion.core.sources import ContentError
    from companion.core.store import StoreError

    try:
        store = open_data_folder(args.data_dir)
    except (StoreError, ContentError) as exc:
        raise CliError(str(exc)) from None
    if store.recovery_message:
        print(store.recovery_message, file=sys.stderr)
    return store


def print_json(value: Any, out: TextIO) -> None:
    import json

    print(json.dumps(value, ensure_ascii=False, indent=2), file=out)


def build_parser() -> argparse.ArgumentParser:
    from companion.cli import content, export, pack, screen

    parser = argparse.ArgumentParser(
        prog="companion",
        description=f"{APP_NAME}: offline workshop companion. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="store_true", help="print versions and exit")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (content, screen, export, pack):
        module.add_parsers(sub)
    return parser


def version_text() -> str:
    """Versions of the application and of what it bundles, read without importing Qt."""
    from companion.core.components import shipped

    lines = [f"{APP_NAME} {__version__}"]
    lines += [f"{c.name} {c.version or '(version unknown)'}" for c in shipped() if c.main]
    return "\n".join(lines)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run a parsed command; one-line error on stderr and exit 1 on failure."""
    out = out or sys.stdout
    if args.version:
        print(version_text(), file=out)
        return 0
    try:
        return int(args.handler(args, out))
    except CliError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped early (`companion content list | head`): nothing to report.
        # Standard output goes to the null device, so the flush at exit cannot fail again.
        if out is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        print(f"companion: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
