"""The scriptable interface (docs/contract.md): argparse over the core, no Qt.

Each command group lives in its own module with ``add_parsers(subparsers)``,
which registers its commands and sets ``handler`` on them. Errors print one
line on stderr and exit 1; usage errors exit 2 (argparse). Handlers write to
the stream they are given so tests can capture output without a subprocess.

This module is also the boundary every command passes: :func:`parse_args`
rejects a text argument that is not valid UTF-8, :func:`safe_streams` keeps
printing from failing on a character the terminal's encoding lacks, and
:func:`run` turns whatever a command raises into one line on stderr and exit 1
(``COMPANION_DEBUG=1`` lets an unexpected error through with its traceback).
"""

from __future__ import annotations

import argparse
import codecs
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from companion import APP_NAME, __version__

if TYPE_CHECKING:
    from companion.app.workshop import Workshop

DEBUG_VARIABLE = "COMPANION_DEBUG"
# Standard output writes a non-UTF-8 file name back as the bytes it came from, and any
# character the encoding lacks as a backslash escape, instead of failing mid-way (see safe_streams).
_OUTPUT_ERRORS = "companion-output"
# A value quoted in a message is cut to this many characters, an error line to about
# MESSAGE_LIMIT: one line stays readable whatever the arguments were.
QUOTE_LIMIT = 80
MESSAGE_LIMIT = 1000


class CliError(Exception):
    """A problem to report to the user in one line (exit 1)."""


# The data folders a command opened: closed when it ends (run), so the next open skips reading
# every page of a database it finds as this one left it (companion.core.store.database).
_opened: list[Workshop] = []


def open_workshop(args: argparse.Namespace) -> Workshop:
    """The data folder opened for use, or a one-line :class:`CliError`; its notice goes to stderr."""
    from companion.app.domain import ContentError, StoreError
    from companion.app.workshop import Workshop

    try:
        workshop = Workshop.open(args.data_dir)
    except (StoreError, ContentError) as exc:
        raise CliError(str(exc)) from None
    if workshop.notice:
        print(workshop.notice, file=sys.stderr)
    _opened.append(workshop)
    return workshop


def print_json(value: Any, out: TextIO) -> None:
    """``value`` as JSON; escaped to ASCII where ``out`` cannot encode it, so it stays valid JSON."""
    import json

    text = json.dumps(value, ensure_ascii=False, indent=2)
    try:
        text.encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(value, ensure_ascii=True, indent=2)
    print(text, file=out)


def quoted(value: str) -> str:
    """``value`` quoted for a one-line message, shortened when it is long (arguments can be huge)."""
    return repr(value if len(value) <= QUOTE_LIMIT else value[: QUOTE_LIMIT - 3] + "...")


def build_parser() -> argparse.ArgumentParser:
    from companion.cli import (
        agenda,
        assess,
        attendance,
        certificate,
        content,
        data,
        evaluation,
        export,
        notes,
        pack,
        referral,
        report,
        results,
        roster,
        screen,
        tool,
        workshop,
    )

    parser = argparse.ArgumentParser(
        prog="companion",
        description=f"{APP_NAME}: offline workshop companion. Without a command, opens the window.",
    )
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    groups = (content, workshop, agenda, screen, tool, export, pack, data)
    surfaces = (roster, attendance, assess, results, evaluation, notes, referral, certificate, report)
    for module in (*groups, *surfaces):
        module.add_parsers(sub)
    return parser


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="store_true", help="print versions and exit")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: the user data folder)")


def _window_arguments(argv: list[str] | None) -> argparse.Namespace | None:
    """The arguments of a start that opens the window or prints versions, or None for anything else.

    Only ``--version``, ``--data-dir DIR`` and ``--data-dir=DIR`` are read here, by hand:
    building every command's parser cost a tenth of a frozen start to the first paint (108 M
    instructions of 1,009 M), and even a parser of these two options 18 M more (argparse looks
    its own messages up in the system's catalogues, file by file, for each one). Anything else
    (a command, --help, an abbreviation, a mistake, an empty path) is left to the whole parser,
    which says what is wrong.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    version, data_dir = False, None
    while words:
        word = words.pop(0)
        if word == "--version":
            version = True
        elif word == "--data-dir" and words and not words[0].startswith("-"):
            data_dir = words.pop(0)
        elif word.startswith("--data-dir="):
            data_dir = word.removeprefix("--data-dir=")
        else:
            return None
    if data_dir == "":
        return None
    folder = None if data_dir is None else Path(data_dir)
    return argparse.Namespace(version=version, data_dir=folder, command=None)


def version_text() -> str:
    """Versions of the application and of what it bundles, read without importing Qt."""
    from companion.app.domain import shipped

    lines = [f"{APP_NAME} {__version__}"]
    lines += [f"{c.name} {c.version or '(version unknown)'}" for c in shipped() if c.main]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line; a text argument that is not valid UTF-8 is a usage error (exit 2).

    On Linux and macOS Python decodes each argument with the locale's encoding
    and keeps undecodable bytes as lone surrogates, which fail later wherever
    the text is encoded (SQLite, a file, the terminal). Checked here, once, for
    every command: arguments whose bytes are UTF-8 but were decoded with another
    encoding (a C locale without UTF-8 mode) are decoded again; anything else is
    refused. Paths (``type=Path``) are left as they are: a file name need not be
    UTF-8, and the operating system gets its bytes back unchanged.
    """
    window = _window_arguments(argv)
    if window is not None:
        return window
    parser = build_parser()
    _refuse_empty_paths(parser)
    args = parser.parse_args(argv)
    for dest, value in vars(args).items():
        if isinstance(value, str):
            decoded = decoded_text(value)
            if decoded is None:
                chosen = _chosen_parser(parser, args)
                chosen.error(f"argument {_argument_name(chosen, dest)}: not valid UTF-8 text")
            setattr(args, dest, decoded)
    return args


def _refuse_empty_paths(parser: argparse.ArgumentParser) -> None:
    """Every ``type=Path`` argument, in every command, refuses "": ``Path("")`` is the current folder."""
    for action in parser._actions:
        if action.type is Path:
            action.type = _path
    for subparser in _subparsers(parser).values():
        _refuse_empty_paths(subparser)


def _path(text: str) -> Path:
    if not text:
        raise argparse.ArgumentTypeError("an empty path names no file or folder")
    return Path(text)


def decoded_text(value: str) -> str | None:
    """``value`` as valid text: again from its bytes if the locale misread UTF-8; None if not UTF-8."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(value).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _chosen_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The (sub)parser of the command that was given, so a usage error shows that command's usage."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = _subparsers(parser).get(getattr(args, action.dest, None) or "")
            if chosen is not None:
                return _chosen_parser(chosen, args)
    return parser


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The commands ``parser`` offers by name (argparse keeps no public list of them)."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action._name_parser_map)
    return found


def _argument_name(parser: argparse.ArgumentParser, dest: str) -> str:
    for action in parser._actions:
        if action.dest == dest:
            return "/".join(action.option_strings) or str(action.metavar or dest)
    return dest


def safe_streams() -> None:
    """Printing never fails on a character the output's encoding cannot represent.

    Chinese text on a terminal or pipe whose encoding is ASCII or a Windows code
    page, or a file name that is not UTF-8, would otherwise stop a command with
    a ``UnicodeEncodeError`` half-way through its output.
    """
    try:
        codecs.lookup_error(_OUTPUT_ERRORS)
    except LookupError:
        codecs.register_error(_OUTPUT_ERRORS, _escape_output)
    for stream, errors in ((sys.stdout, _OUTPUT_ERRORS), (sys.stderr, "backslashreplace")):
        if isinstance(stream, io.TextIOWrapper) and stream.errors != errors:
            stream.reconfigure(errors=errors)


def _escape_output(exc: UnicodeError) -> tuple[str | bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    try:
        # The bytes of a file name that was not UTF-8, as the operating system gave them.
        return codecs.lookup_error("surrogateescape")(exc)
    except UnicodeEncodeError:
        return codecs.backslashreplace_errors(exc)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run a parsed command; whatever it raises becomes one line on stderr and exit 1."""
    out = out or sys.stdout
    try:
        if args.version:
            print(version_text(), file=out)
            return 0
        return int(args.handler(args, out))
    except CliError as exc:
        return _fail(str(exc))
    except BrokenPipeError:
        # The reader stopped early (`companion content list | head`): nothing to report.
        # Standard output goes to the null device, so the flush at exit cannot fail again.
        if out is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("companion: interrupted", file=sys.stderr)
        return 130  # the shell's code for a command stopped by Ctrl+C
    except Exception as exc:
        if os.environ.get(DEBUG_VARIABLE) == "1":
            raise
        return _fail(_describe(exc, args))
    finally:
        while _opened:
            _opened.pop().close()


def _fail(message: str) -> int:
    # One line, whatever the message holds (a database or library message may span several),
    # and one a person can read: the middle of a line quoting a 100,000-character argument goes.
    line = " ".join(message.split())
    if len(line) > MESSAGE_LIMIT:
        line = f"{line[: MESSAGE_LIMIT * 2 // 3]} ... {line[-MESSAGE_LIMIT // 3 :]}"
    print(f"companion: {line}", file=sys.stderr)
    return 1


def _describe(exc: Exception, args: argparse.Namespace) -> str:
    """One sentence for an error no command turned into a :class:`CliError`."""
    try:
        return _explained(exc, args)
    except Exception:
        # Describing must never fail in turn: the type and message are still worth a line.
        return _unexpected(exc)


def _explained(exc: Exception, args: argparse.Namespace) -> str:
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        from companion.app.domain import explain_database_error
        from companion.app.workshop import Workshop

        folder = Path(args.data_dir) if getattr(args, "data_dir", None) else Workshop.default_folder()
        return explain_database_error(exc, folder)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
    if isinstance(exc, MemoryError):
        return "not enough memory (MemoryError)"
    if type(exc).__module__.startswith("companion.") and str(exc):
        # The application's own errors (store, packs, content, records) are written for the user.
        return str(exc)
    return _unexpected(exc)


def _unexpected(exc: BaseException) -> str:
    detail = str(exc)
    if len(detail) > 200:
        detail = detail[:197] + "..."
    detail = f": {detail}" if detail else ""
    return f"unexpected error ({type(exc).__name__}){detail} (set {DEBUG_VARIABLE}=1 to see where)"
