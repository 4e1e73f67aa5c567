"""Where everything sits on a paper answer sheet: the one geometry the printer and the reader share.

All positions are in millimetres from the top-left corner of an A4 page, so the
sheet writer (:mod:`.sheets`) and the scan reader (:mod:`.scan`) cannot drift
apart. The reader finds the four registration marks, maps these positions onto
the scanned image and reads each bubble where this module says it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PAGE_W = 210.0
PAGE_H = 297.0
MARK = 10.0  # side of a solid registration square
# Centres of the marks, clockwise from the top left (the reader orders what it finds the same way).
MARKS: tuple[tuple[float, float], ...] = ((15.0, 15.0), (195.0, 15.0), (195.0, 282.0), (15.0, 282.0))
QR_SIZE = 32.0  # side of the QR code, quiet zone outside it
QR_LEFT = 150.0
QR_TOP = 26.0
BUBBLE_R = 2.6  # radius of a bubble
CHOICE_PITCH = 9.0  # between the centres of two bubbles of a row
ROW_PITCH = 8.0
FIRST_ROW = 80.0  # centre of the first row
ROWS_PER_COLUMN = 24
COLUMNS = (34.0, 122.0)  # centre of bubble A in each column
MAX_QUESTIONS = ROWS_PER_COLUMN * len(COLUMNS)
QR_PREFIX = "CT1"  # first field of the QR text: this application's answer sheet, layout 1
ANONYMOUS = "-"  # the participant field of an evaluation sheet's QR text: nobody is named
SCALE = "12345"  # what an evaluation sheet's five bubbles mean, in the order of the letters A-E
LABEL_GAP = 6.0  # mm from a row's last bubble to its printed label: outside the ring the reader checks


@dataclass(frozen=True)
class Row:
    """One question's bubbles: its number (1-based), id and the centre of each bubble."""

    number: int
    question: str
    centres: tuple[tuple[float, float], ...]


def rows(choices: Sequence[tuple[str, int]]) -> list[Row]:
    """The bubble rows of a form whose questions are ``(question id, number of choices)`` in order."""
    if len(choices) > MAX_QUESTIONS:
        raise ValueError(f"an answer sheet holds at most {MAX_QUESTIONS} questions, not {len(choices)}")
    found = []
    for index, (question, count) in enumerate(choices):
        column, row = divmod(index, ROWS_PER_COLUMN)
        y = FIRST_ROW + row * ROW_PITCH
        x0 = COLUMNS[column]
        centres = tuple((x0 + n * CHOICE_PITCH, y) for n in range(count))
        found.append(Row(index + 1, question, centres))
    return found


def qr_text(participant: str, form: str, sheet: str) -> str:
    """What the QR code carries: ``CT1|P001|form-a|SHEET-ID``."""
    return "|".join((QR_PREFIX, participant, form, sheet))


def parse_qr_text(text: str) -> tuple[str, str, str] | None:
    """(participant, form, sheet id) from a QR text, or None when it is not one of our sheets."""
    parts = text.split("|")
    if len(parts) != 4 or parts[0] != QR_PREFIX or not all(parts[1:]):
        return None
    return parts[1], parts[2], parts[3]
