"""Composition root: parse arguments, then run a CLI command or open the window.

Kept tiny on purpose: nothing heavy is imported before we know which of the
two is wanted, so the command line never loads Qt and the window comes up fast.
It is the one place that knows both surfaces: the self-test's window check is
handed from here to the command line, which never imports the window.
"""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    from companion import cli

    cli.safe_streams()
    args = cli.parse_args(argv)
    if args.version or args.command:
        args.window_check = _check_main_window  # for `self-test`: the CLI never imports the window
        return cli.run(args)
    # No cycle collection until the window has painted (companion.gui.app turns it back on):
    # the start makes objects that live all session (Qt's types, the modules), and some forty
    # collections walked them again and again before the first paint (about 4 ms).
    gc.disable()
    from companion.gui.app import run_gui

    return run_gui(args.data_dir)


def _check_main_window() -> str:
    """The self-test's one check that needs Qt: open the main window offscreen and close it."""
    from companion.gui.selfcheck import open_and_close_main_window

    return open_and_close_main_window()


if __name__ == "__main__":
    sys.exit(main())
