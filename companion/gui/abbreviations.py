"""The abbreviations a newcomer meets: the screening tools' codes and a few names of bodies.

The codes (DR, CR, AVR, FL, ACT, MNS…) are read from the tools themselves, so
a tool a facilitator adds brings its own codes: a dimension's ID, and the
prefix of its indicators' codes where that differs (MNS01 belongs to MEANS),
each explained by the dimension's title. The names of organisations and
mechanisms are not in the tools' data and are listed here in both languages.

Plain Python, no Qt: Help ▸ Abbreviations and each tool's page both use it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from companion.i18n import N_

if TYPE_CHECKING:
    from companion.app.domain import ScreeningTool, Text


class Code(NamedTuple):
    code: str  # "DR", "MNS"
    meaning: Text  # the dimension's title, in both languages
    tools: tuple[Text, ...]  # the titles of the tools that use it


# Not in any tool's data: the names a workshop uses for bodies and mechanisms. Marked for
# translation, so the Chinese name comes from the catalogue like every interface string.
NAMES: tuple[tuple[str, str], ...] = (
    ("ILO", N_("International Labour Organization")),
    ("IOM", N_("International Organization for Migration")),
    ("UNODC", N_("United Nations Office on Drugs and Crime")),
    ("NRM", N_("National referral mechanism: how a country's agencies and organisations refer victims")),
    ("NGO", N_("Non-governmental organisation")),
)


def indicator_prefix(indicator_id: str) -> str:
    """The letters before an indicator's number: "AVR" of "AVR07"."""
    return re.sub(r"[0-9]+$", "", indicator_id)


def tool_codes(tool: ScreeningTool) -> list[Code]:
    """A tool's codes in its order: each dimension's ID, then its indicators' prefix if another."""
    codes: list[Code] = []
    seen: set[str] = set()
    for dimension in tool.dimensions:
        prefixes = [indicator_prefix(indicator.id) for indicator in dimension.indicators]
        for code in (dimension.id, *prefixes):
            if code and code not in seen:
                seen.add(code)
                codes.append(Code(code, dimension.title, (tool.title,)))
    return codes


def all_codes(tools: list[ScreeningTool]) -> list[Code]:
    """Every tool's codes; a code two tools share (the ILO lists' DR…) once, naming both tools.

    Two tools could give one code different meanings: then each meaning is a row of its own.
    """
    codes: dict[tuple[str, str], Code] = {}
    for tool in tools:
        for code in tool_codes(tool):
            key = (code.code, code.meaning.model_dump_json())
            known = codes.get(key)
            codes[key] = code if known is None else known._replace(tools=(*known.tools, tool.title))
    return list(codes.values())
