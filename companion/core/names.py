"""Display names of the content model's fixed values, marked for translation.

One table each for what the screen and the handouts both show (session
formats, indicator grades, library categories, screening outcomes); translate with ``_`` or a
catalogue's ``gettext`` at the moment of display.
"""

from __future__ import annotations

from companion.core.kinds import CONTENT_KINDS
from companion.i18n import N_

KIND_NAMES = {kind.id: kind.label for kind in CONTENT_KINDS}
FORMAT_NAMES = {
    "opening": N_("Opening"),
    "presentation": N_("Presentation"),
    "panel": N_("Panel"),
    "discussion": N_("Discussion"),
    "group-work": N_("Group work"),
    "exercise": N_("Exercise"),
    "break": N_("Break"),
    "closing": N_("Closing"),
}
GRADE_NAMES = {"strong": N_("strong"), "medium": N_("medium"), "weak": N_("weak")}
CATEGORY_NAMES = {
    "legal": N_("Legal frameworks"),
    "principles": N_("Principles and guidelines"),
    "referral": N_("Referral"),
    "shelter": N_("Shelter management"),
    "data-protection": N_("Data protection"),
    "tools": N_("Screening tools"),
}

OUTCOME_NAMES = {
    "met": N_("criteria met"),
    "not_met": N_("criteria not met"),
    "indicators_present": N_("indicators present"),
    "no_indicators": N_("no indicator present"),
}
