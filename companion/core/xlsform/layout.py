"""The workbook both directions agree on: sheets, columns, choice lists and computed names.

An exported form has the three sheets of XLSForm (``survey``, ``choices``, ``settings``) and one
hidden sheet of our own, ``companion``, which ODK and Kobo ignore. The survey carries what a
field team works with and may edit: one group per dimension (``begin_group`` named with the
dimension's ID), one question per indicator (named with the indicator's ID, its grade in the
``grade`` column, its guidance as the hint). The hidden sheet carries what a phone does not
show but the tool needs to be the same tool again: the rule expressions, purpose, sources,
caveats, labels, per-indicator notes.
"""

from __future__ import annotations

from typing import Final

from companion.core.model import Text

SURVEY: Final = "survey"
CHOICES: Final = "choices"
SETTINGS: Final = "settings"
META: Final = "companion"
META_FORMAT: Final = "companion-screening-tool 1"

# (model language, XLSForm language name): ODK wants "Name (code)".
LANGUAGES: Final = (("en", "English (en)"), ("zh-Hans", "Chinese (zh)"))
LABELS: Final = tuple(f"label::{name}" for _, name in LANGUAGES)
HINTS: Final = tuple(f"hint::{name}" for _, name in LANGUAGES)
META_TEXTS: Final = tuple(name for _, name in LANGUAGES)

SURVEY_COLUMNS: Final = (
    "type",
    "name",
    *LABELS,
    *HINTS,
    "grade",
    "calculation",
    "relevant",
    "constraint",
)
CHOICE_COLUMNS: Final = ("list_name", "name", *LABELS)
META_COLUMNS: Final = ("key", "name", "value", *META_TEXTS)

# Choice lists: an indicator is answered like in the application; a guide's step is done or not.
ANSWER_LIST: Final = "answer"
STEP_LIST: Final = "step"
YES_NO_LIST: Final = "yes_no"
CHOICE_LISTS: Final[dict[str, tuple[tuple[str, Text], ...]]] = {
    ANSWER_LIST: (
        ("present", Text(en="Present", zh_hans="存在")),
        ("absent", Text(en="Absent", zh_hans="不存在")),
        ("unknown", Text(en="Unknown", zh_hans="不清楚")),
        ("declined", Text(en="Declined to answer", zh_hans="拒绝回答")),
    ),
    STEP_LIST: (
        ("done", Text(en="Done", zh_hans="已完成")),
        ("not_done", Text(en="Not done", zh_hans="未完成")),
    ),
    YES_NO_LIST: (
        ("yes", Text(en="Yes", zh_hans="是")),
        ("no", Text(en="No", zh_hans="否")),
    ),
}
INDICATOR_LISTS: Final = (ANSWER_LIST, STEP_LIST)

# Fields the form computes. Indicator IDs are capitals and digits, dimension IDs start with a
# capital, so these lower-case prefixes never collide with a question's name.
AGE: Final = "age"
ACT: Final = "act_recorded"  # the question; rules call it "act"
ACT_IN_RULES: Final = "act"
OUTCOME: Final = "outcome"
OVERALL: Final = "rule_overall"
CHILD: Final = "rule_child"
LABEL_INDEX: Final = "label_index"
PRESENT_TOTAL: Final = "present_total"
ADULT_AGE: Final = 18
# In the hidden sheet: a label row named so ends with the tool's age note.
AGE_NOTE: Final = "age_note"


def count_name(dimension: str, count: str) -> str:
    """The computed count ``strong``, ``medium``, ``weak`` or ``present`` of one dimension."""
    return f"dim_{dimension}_{count}"


def dimension_name(dimension: str) -> str:
    """The computed result of one dimension: 1 when its rule holds, else 0."""
    return f"dim_{dimension}"


def group_name(group: str) -> str:
    return f"grp_{group}"
