"""The one font of every handout: the bundled WenQuanYi Micro Hei, registered with reportlab once.

It covers Latin and Chinese and is embedded in each PDF as a TrueType subset
(docs/domain.md#chinese-in-pdfs). Owns which font that is and registering
it, as :class:`.reportlab_private.HandoutFont`: reportlab's ``TTFont`` made to
encode text and read the font file for less, without changing a byte of output.
"""

from __future__ import annotations

from companion import resources
from companion.core.handouts.reportlab_private import HandoutFont
from companion.core.handouts.reportlab_public import registerFont

FONT = "CJK"  # the name handouts use for it

_registered = False


def register_fonts() -> None:
    """Register the bundled font once per process (parsing it takes a while)."""
    global _registered
    if not _registered:
        registerFont(HandoutFont(FONT, str(resources.path(resources.CJK_FONT)), subfontIndex=0))
        _registered = True
