"""The one font of every handout: the bundled WenQuanYi Micro Hei, registered with reportlab once.

It covers Latin and Chinese and is embedded in each PDF as a TrueType subset
(see TECH-NOTES "Chinese in PDFs"). Owns how that font is registered and two
ways it does reportlab's work for less, neither changing a byte of output:
encoding text into subset codes, and reading the font file's tables.
"""

from __future__ import annotations

import functools
from itertools import groupby
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from companion import resources

FONT = "CJK"  # the name handouts use for it

_registered = False


def register_fonts() -> None:
    """Register the bundled font once per process (parsing it takes a while)."""
    global _registered
    if not _registered:
        pdfmetrics.registerFont(HandoutFont(FONT, str(resources.path(resources.CJK_FONT)), subfontIndex=0))
        _registered = True


class HandoutFont(TTFont):
    """The bundled font as reportlab's ``TTFont``, made cheaper where an export spends most.

    - **Encoding.** Every string drawn goes through ``splitString``: each
      character's code in the document's font subset, grouped into runs of one
      subset. reportlab looks each character up in a Python loop, the largest
      single cost of an export. Once a document has used every character of a
      string, the codes are one dictionary lookup each, done by ``map``; a
      string with a character not seen before goes to reportlab, which assigns it.
    - **Subsetting.** Each subset embedded in each PDF read the glyph, metric
      and name tables out of the font file again, copying over 4 MB each time
      (an English print pack embeds seven). The tables are read once per process.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.face.get_table = functools.cache(self.face.get_table)  # the file's tables never change

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # noqa: N802
        state = self.state.get(doc)
        if state is not None and isinstance(text, str):
            try:
                codes = list(map(state.assignments.__getitem__, map(ord, text)))
            except KeyError:  # new to this document (or a no-break space, which reportlab maps itself)
                pass
            else:
                if not codes or max(codes) < 256:
                    return [(0, bytes(codes))] if codes else []
                return [(subset, bytes(n & 0xFF for n in run)) for subset, run in groupby(codes, _subset)]
        return super().splitString(text, doc, encoding)


def _subset(code: int) -> int:
    return code >> 8
