"""Composition root: parse arguments, then run a CLI command or open the window.

Kept tiny on purpose: nothing heavy is imported before we know which of the
two is wanted, so the command line never loads Qt and the window comes up fast.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from companion import cli

    cli.safe_streams()
    args = cli.parse_args(argv)
    if args.version or args.command:
        return cli.run(args)
    from companion.gui.app import run_gui

    return run_gui(args.data_dir)


if __name__ == "__main__":
    sys.exit(main())
