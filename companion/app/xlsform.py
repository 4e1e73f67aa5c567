"""Exchanging screening tools with ODK Collect and KoboToolbox as XLSForms (both surfaces use it).

Export reads a tool of the current workshop; import gives the tool as the TOML of a content
file, for ``companion content edit ID --file`` to install, so that reading a form never changes
the data folder. The core package is imported when a form is written or read, not before.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from companion.app.workshop import Workshop
    from companion.core.model import ScreeningTool


class XlsformError(ValueError):
    """A form that gives no tool; ``problems`` has one line per sheet row that cannot be used."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


class ImportedTool(NamedTuple):
    tool: ScreeningTool
    toml: str  # the tool as a content file (resources/content/FORMAT.md)


def export_xlsform(workshop: Workshop, tool_id: str, target: Path) -> Path | None:
    """Write tool ``tool_id`` of the current workshop as an XLSForm; None when there is no such tool."""
    from companion.core.xlsform import write_xlsform

    item = workshop.item(tool_id)
    if item is None or item.kind != "screening-tool":
        return None
    return write_xlsform(item, target)


def import_xlsform(source: Path, out: Path | None = None) -> ImportedTool:
    """The tool an XLSForm describes, validated, with its TOML, also written to ``out`` if given.

    :class:`XlsformError` when the form gives no tool; ``out`` is then left as it was.
    """
    from companion.core.files import write_atomically
    from companion.core.packs.exporter import item_toml
    from companion.core.xlsform import XlsformError as Unreadable
    from companion.core.xlsform import read_xlsform

    try:
        tool = read_xlsform(source)
    except Unreadable as exc:
        raise XlsformError(exc.problems) from None
    data = item_toml(tool)
    if out is not None:
        write_atomically(out, data)
    return ImportedTool(tool, data.decode("utf-8"))
