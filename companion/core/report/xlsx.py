"""The workshop report's tables as a workbook: one sheet per table, numbers as numbers, codes only.

For whoever consolidates several workshops, so the column names are fixed English
identifiers (not translated) and shares are fractions (0..1). Text from outside
(agency names, comments) is always stored as text, never as a formula. The donor
edition leaves the comments out, as the PDF does.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from companion.core.report.figures import ASPECTS, BINS, Figures

Row = Sequence[str | int | float | None]


def tables(figures: Figures, edition: str = "donor") -> dict[str, list[Row]]:
    """Every table of the report: sheet name -> header row then data rows."""
    c = figures.cover
    found: dict[str, list[Row]] = {
        "workshop": [
            ["field", "en", "zh-Hans"],
            ["title", c.title.en, c.title.zh],
            ["venue", c.venue.en, c.venue.zh],
            ["organiser", c.organiser.en, c.organiser.zh],
            ["start_date", c.start_date, c.start_date],
            ["end_date", c.end_date, c.end_date],
            *(["trainer", t.en, t.zh] for t in c.trainers),
        ]
    }
    p = figures.participation
    found["attendance"] = [["session", "day", "half", "date", "present", "registered"]] + [
        [s.session, s.day, s.half, s.date, s.present, p.registered] for s in p.sessions
    ]
    agencies: list[Row] = [["agency", "participants"]]
    if p.by_agency is None:
        agencies.append(["(needs the roster's passphrase)", None])
    else:
        agencies += [[agency, count] for agency, count in p.by_agency]
    found["agencies"] = agencies
    k = figures.knowledge
    if k is not None:
        found["knowledge"] = [
            ["measure", "pre", "post"],
            ["participants", k.pre.count, k.post.count],
            ["mean", k.pre.mean, k.post.mean],
            ["median", k.pre.median, k.post.median],
            ["paired", k.paired, k.paired],
            ["improved", k.improved, k.improved],
            ["mean_change", k.mean_change, k.mean_change],
            ["mean_normalised_gain", k.mean_gain, k.mean_gain],
        ]
        found["distribution"] = [["from", "to", "pre", "post"]] + [
            [i / BINS, (i + 1) / BINS, k.pre.bins[i], k.post.bins[i]] for i in range(BINS)
        ]
        found["objectives"] = [["objective", "label_en", "label_zh", "pre", "post", "gain"]] + [
            [o.objective, o.label.en, o.label.zh, o.pre, o.post, o.gain] for o in k.objectives
        ]
        found["questions"] = [["question", "answered", "difficulty", "discrimination", "problem"]] + [
            [q.question, q.answered, q.difficulty, q.discrimination, q.problem] for q in k.questions
        ]
    f = figures.feedback
    if f is not None:
        found["feedback_sessions"] = [
            ["session", "title_en", "title_zh", *ASPECTS, "answered", "responses"]
        ] + [[s.session, s.title.en, s.title.zh, *s.means, s.answered, f.responses] for s in f.sessions]
        found["feedback_statements"] = [
            ["statement_en", "statement_zh", "n1", "n2", "n3", "n4", "n5", "mean"]
        ] + [[s.statement.en, s.statement.zh, *s.counts, s.mean] for s in f.statements]
        if edition == "facilitator":
            comments: list[Row] = [["question_en", "question_zh", "comment"]]
            comments += [[b.question.en, b.question.zh, answer] for b in f.comments for answer in b.answers]
            found["comments"] = comments
    found["timing"] = [
        [
            "session",
            "title_en",
            "title_zh",
            "day",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "planned_minutes",
            "actual_minutes",
            "late_by_minutes",
        ]
    ] + [
        [
            t.session,
            t.title.en,
            t.title.zh,
            t.day,
            t.planned_start,
            t.planned_end,
            t.actual_start,
            t.actual_end,
            t.planned_minutes,
            t.actual_minutes,
            t.late_by,
        ]
        for t in figures.timing
    ]
    return found


def workbook(figures: Figures, edition: str = "donor") -> bytes:
    """The tables as XLSX bytes."""
    from openpyxl import Workbook  # heavy: loaded only when a workbook is written
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for name, rows in tables(figures, edition).items():
        sheet = book.create_sheet(name)
        for row in rows:
            cells: list[object] = []
            for value in row:
                if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
                    cell = WriteOnlyCell(sheet, value)
                    cell.data_type = "s"  # text from outside is never a formula
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()
