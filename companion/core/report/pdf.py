"""The workshop report as a PDF: the figures laid out with reportlab, charts drawn with reportlab.graphics.

Only public reportlab names are used (platypus, the graphics charts), loaded
here when a report is written. Every word is in the report's language(s)
(``en``, ``zh-Hans`` or ``bilingual``) from the translation catalogue, and the
bundled font carries both scripts. The donor edition holds codes and counts
only (no free-text comments: they may name someone); the facilitator edition
adds the comments in full.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from companion.core.report.figures import (
    ASPECTS,
    BINS,
    Bilingual,
    Distribution,
    FeedbackFigures,
    Figures,
    Knowledge,
    Participation,
    TimingRow,
)
from companion.i18n import N_, load_catalogue

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM  # A4
MARGIN = 18 * MM
WIDTH = PAGE_W - 2 * MARGIN
PRE, POST = "#9bb7d4", "#1f4e79"
ASPECT_COLOURS = ("#1f4e79", "#c0504d", "#9bbb59")
ASPECT_LABELS = (N_("Relevance"), N_("Clarity"), N_("Usefulness"))
HALF_DAYS = {"am": N_("Day {number} ({date}), morning"), "pm": N_("Day {number} ({date}), afternoon")}
PROBLEMS = {
    "too hard": N_("too hard (under 20% right)"),
    "too easy": N_("too easy (over 95% right)"),
    "does not discriminate": N_("does not separate stronger from weaker participants"),
    "discrimination undefined": N_("discrimination cannot be computed"),
}


def _axis(top: float) -> tuple[float, float]:
    """A round top and step for a count axis reaching at least ``top`` (about five steps)."""
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500) if top / s <= 6), 1000)
    return -(-max(top, 1) // step) * step, step


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


class _Report:
    """One report being laid out: its language slots, styles and the story of flowables."""

    def __init__(self, lang: str, edition: str) -> None:
        from companion.core.handouts.fonts import FONT, register_fonts

        register_fonts()
        self.font = FONT
        self.lang = lang
        self.edition = edition
        self.slots = ("en", "zh-Hans") if lang == "bilingual" else (lang,)
        self.catalogues = {slot: load_catalogue(slot) for slot in self.slots}
        self.platypus = importlib.import_module("reportlab.platypus")
        self.colors = importlib.import_module("reportlab.lib.colors")
        self.shapes = importlib.import_module("reportlab.graphics.shapes")
        self.charts = importlib.import_module("reportlab.graphics.charts.barcharts")
        self.legends = importlib.import_module("reportlab.graphics.charts.legends")
        styles = importlib.import_module("reportlab.lib.styles")
        wrap = None if lang == "en" else "CJK"
        self.styles = {
            name: styles.ParagraphStyle(
                name,
                fontName=FONT,
                fontSize=size,
                leading=size * 1.35,
                spaceAfter=after,
                wordWrap=None if name == "latin" else wrap,
            )
            for name, size, after in (
                ("title", 20, 6),
                ("subtitle", 13, 4),
                ("h1", 14, 4),
                ("h2", 11, 3),
                ("body", 9.5, 3),
                ("cell", 8.5, 0),
                ("latin", 8.5, 0),
                ("small", 8, 2),
            )
        }
        self.story: list[Any] = []

    # --- words ---

    def words(self, message: str, **values: object) -> list[str]:
        """An interface phrase in each language slot (once when a translation is missing)."""
        found: list[str] = []
        for slot in self.slots:
            text = self.catalogues[slot].gettext(message)
            text = text.format(**values) if values else text
            if text not in found:
                found.append(text)
        return found

    def tr(self, message: str, sep: str = " / ", **values: object) -> str:
        return sep.join(self.words(message, **values))

    def text(self, value: Bilingual, sep: str = " / ") -> str:
        parts = [value.en if slot == "en" else value.zh for slot in self.slots]
        return sep.join(dict.fromkeys(p for p in parts if p))

    # --- flowables ---

    def para(self, text: str, style: str = "body") -> None:
        self.story.append(self.platypus.Paragraph(escape(text).replace("\n", "<br/>"), self.styles[style]))

    def heading(self, message: str) -> None:
        self.story.append(self.platypus.CondPageBreak(60 * MM))
        self.para(self.tr(message, sep="  ·  "), "h1")

    def cell(self, text: str) -> Any:
        """A table cell: a short number or code as plain text, words as a paragraph that wraps."""
        if len(text) <= 12 and "\n" not in text and text.isascii():
            return text  # reportlab's line breaking is most of a report's time: none for "56%"
        style = "latin" if text.isascii() else "cell"  # Chinese line breaking only where there is Chinese
        return self.platypus.Paragraph(escape(text).replace("\n", "<br/>"), self.styles[style])

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        data = [[self.cell(h) for h in header]] + [[self.cell(v) for v in row] for row in rows]
        table = self.platypus.Table(data, colWidths=[w * WIDTH for w in widths], repeatRows=1)
        grey = self.colors.HexColor("#e8eef4")
        table.setStyle(
            self.platypus.TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), grey),
                    ("GRID", (0, 0), (-1, -1), 0.3, self.colors.HexColor("#9aa5b1")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONT", (0, 0), (-1, -1), self.font, 8.5, 8.5 * 1.35),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        self.story.append(table)
        self.space(3)

    def space(self, mm: float) -> None:
        self.story.append(self.platypus.Spacer(1, mm * MM))

    def bars(
        self,
        categories: Sequence[str],
        series: Sequence[Sequence[float]],
        names: Sequence[str],
        colours: Sequence[str],
        value_max: float,
        step: float,
        horizontal: bool = False,
        label_width: float = 0,
        title: str = "",
    ) -> None:
        """A grouped bar chart under ``title``: one bar per series in each category, a legend above it."""
        rows = len(categories)
        height = (max(40, rows * len(series) * 5 + rows * 4) + 45) if horizontal else 170
        drawing = self.shapes.Drawing(WIDTH, height)
        chart = self.charts.HorizontalBarChart() if horizontal else self.charts.VerticalBarChart()
        left = label_width or 36
        chart.x, chart.y = left, 22
        chart.width, chart.height = WIDTH - left - 12, height - 50
        # A horizontal chart draws a group's first series at the bottom: reversed, it reads as the legend.
        order = list(reversed(range(len(series)))) if horizontal else list(range(len(series)))
        chart.data = [list(series[i]) for i in order]
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = value_max
        chart.valueAxis.valueStep = step
        chart.valueAxis.labels.fontName = self.font
        chart.valueAxis.labels.fontSize = 7
        chart.categoryAxis.categoryNames = list(categories)
        chart.categoryAxis.labels.fontName = self.font
        chart.categoryAxis.labels.fontSize = 7
        if horizontal:
            chart.categoryAxis.reverseDirection = 1  # the first category on top, as in the table
        chart.barSpacing = 0.5
        chart.groupSpacing = 3
        for index, source in enumerate(order):
            chart.bars[index].fillColor = self.colors.HexColor(colours[source])
            chart.bars[index].strokeColor = None
        drawing.add(chart)
        legend = self.legends.Legend()
        legend.fontName = self.font
        legend.fontSize = 8
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 90
        legend.x, legend.y = left, height - 6
        legend.colorNamePairs = [(self.colors.HexColor(c), n) for c, n in zip(colours, names, strict=True)]
        drawing.add(legend)
        kept: list[Any] = [drawing]
        if title:  # a heading is never left alone at the foot of a page
            kept.insert(0, self.platypus.Paragraph(escape(title), self.styles["h2"]))
        self.story.append(self.platypus.KeepTogether(kept))
        self.space(2)


def _cover(r: _Report, figures: Figures) -> None:
    c = figures.cover
    for slot in r.slots:
        r.para(c.title.en if slot == "en" else c.title.zh, "title")
    r.para(r.tr(N_("Workshop report")), "subtitle")
    edition = N_("Donor edition") if r.edition == "donor" else N_("Facilitator edition")
    r.para(r.tr(edition), "h2")
    r.space(4)
    trainers = "\n".join(r.text(t) for t in c.trainers) or "–"
    rows = [
        [r.tr(N_("Dates")), f"{c.start_date} – {c.end_date}"],
        [r.tr(N_("Venue")), r.text(c.venue)],
        [r.tr(N_("Organiser")), r.text(c.organiser)],
        [r.tr(N_("Trainers (by role)")), trainers],
    ]
    data = [[r.cell(a), r.cell(b)] for a, b in rows]
    table = r.platypus.Table(data, colWidths=[0.28 * WIDTH, 0.72 * WIDTH])
    table.setStyle(
        r.platypus.TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), r.font, 8.5, 11.5)]
        )
    )
    r.story.append(table)
    r.space(4)
    if r.edition == "donor":
        r.para(
            r.tr(N_("Participants appear by code and in counts only; this edition holds no names.")), "small"
        )


def _participation(r: _Report, p: Participation) -> None:
    r.heading(N_("Participation"))
    r.para(r.tr(N_("Registered participants: {count}"), count=p.registered))
    if p.sessions:
        labels = [r.tr(HALF_DAYS[s.half], number=s.day, date=s.date) for s in p.sessions]
        rows = [
            [label, str(s.present), _pct(s.present / p.registered if p.registered else None)]
            for label, s in zip(labels, p.sessions, strict=True)
        ]
        r.table(
            [r.tr(N_("Half-day")), r.tr(N_("Participants present")), r.tr(N_("Share of registered"))],
            rows,
            (0.6, 0.2, 0.2),
        )
        short = [
            f"{s.day}{'am' if s.half == 'am' else 'pm'}".upper()
            if r.lang != "zh-Hans"
            else f"{s.day}{'上' if s.half == 'am' else '下'}"
            for s in p.sessions
        ]
        top, step = _axis(max([p.registered, *(s.present for s in p.sessions)]))
        if any(s.present for s in p.sessions):  # no empty chart before anyone was marked present
            present = [[s.present for s in p.sessions]]
            r.bars(short, present, [r.tr(N_("Participants present"))], [POST], top, step)
    r.para(r.tr(N_("By agency")), "h2")
    if p.by_agency is None:
        r.para(r.tr(N_("The agency breakdown needs the roster's passphrase.")))
    elif not p.by_agency:
        r.para(r.tr(N_("No participant is registered yet.")))
    else:
        rows = [[agency or r.tr(N_("(not given)")), str(count)] for agency, count in p.by_agency]
        r.table([r.tr(N_("Agency")), r.tr(N_("Participants"))], rows, (0.8, 0.2))


def _distribution_rows(r: _Report, pre: Distribution, post: Distribution) -> list[list[str]]:
    return [
        [r.tr(N_("Pre-test")), str(pre.count), _pct(pre.mean), _pct(pre.median)],
        [r.tr(N_("Post-test")), str(post.count), _pct(post.mean), _pct(post.median)],
    ]


def _knowledge(r: _Report, k: Knowledge | None) -> None:
    r.heading(N_("Knowledge"))
    if k is None:
        r.para(r.tr(N_("No knowledge-check results yet.")))
        return
    header = [r.tr(N_("Test")), r.tr(N_("Participants")), r.tr(N_("Mean")), r.tr(N_("Median"))]
    r.table(header, _distribution_rows(r, k.pre, k.post), (0.4, 0.2, 0.2, 0.2))
    bins = [f"{i * 100 // BINS}–{(i + 1) * 100 // BINS}%" for i in range(BINS)]
    top, step = _axis(max([*k.pre.bins, *k.post.bins]))
    r.bars(
        bins,
        [k.pre.bins, k.post.bins],
        [r.tr(N_("Pre-test")), r.tr(N_("Post-test"))],
        [PRE, POST],
        top,
        step,
        title=r.tr(N_("Score distribution (share of questions right)")),
    )
    r.para(r.tr(N_("Paired improvement")), "h2")
    r.para(
        r.tr(
            N_("{paired} participants took both tests; {improved} of them scored higher after the workshop."),
            sep="\n",
            paired=k.paired,
            improved=k.improved,
        )
    )
    r.para(
        r.tr(
            N_("Mean change: {change} points; mean normalised gain: {gain}."),
            sep="\n",
            change="–" if k.mean_change is None else f"{k.mean_change * 100:+.0f}",
            gain=_num(k.mean_gain),
        )
    )
    if k.objectives:
        r.bars(
            [str(i) for i in range(1, len(k.objectives) + 1)],
            [[(o.pre or 0) * 100 for o in k.objectives], [(o.post or 0) * 100 for o in k.objectives]],
            [r.tr(N_("Pre-test")), r.tr(N_("Post-test"))],
            [PRE, POST],
            100,
            20,
            horizontal=True,
            title=r.tr(N_("Gain per learning objective")),
        )
        rows = [
            [str(i), r.text(o.label, sep="\n"), _pct(o.pre), _pct(o.post), _num(o.gain)]
            for i, o in enumerate(k.objectives, start=1)
        ]
        header = ["#", r.tr(N_("Objective")), r.tr(N_("Pre")), r.tr(N_("Post")), r.tr(N_("Gain"))]
        r.table(header, rows, (0.06, 0.58, 0.12, 0.12, 0.12))
    r.para(r.tr(N_("Questions that did not work")), "h2")
    flagged = [q for q in k.questions if q.problem]
    if not flagged:
        r.para(r.tr(N_("Every question worked: none was too hard, too easy or failed to discriminate.")))
        return
    rows = [
        [
            q.question,
            str(q.answered),
            _pct(q.difficulty),
            _num(q.discrimination),
            r.tr(PROBLEMS[q.problem], sep="\n"),
        ]
        for q in flagged
    ]
    header = [
        r.tr(N_("Question")),
        r.tr(N_("Answers")),
        r.tr(N_("Share right")),
        r.tr(N_("Discrimination")),
        r.tr(N_("Why")),
    ]
    r.table(header, rows, (0.14, 0.1, 0.1, 0.16, 0.5))


def _short(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _feedback(r: _Report, f: FeedbackFigures | None) -> None:
    r.heading(N_("Feedback"))
    if f is None:
        r.para(r.tr(N_("No evaluation responses yet.")))
        return
    r.para(r.tr(N_("Evaluation responses: {count} (anonymous)"), count=f.responses))
    if f.sessions:
        limit = 34 if r.lang == "en" else 16
        labels = [
            f"{i}. " + _short(r.text(s.title).split(" / ")[0], limit) for i, s in enumerate(f.sessions, 1)
        ]
        r.bars(
            labels,
            [[s.means[a] or 0 for s in f.sessions] for a in range(len(ASPECTS))],
            [r.tr(label) for label in ASPECT_LABELS],
            ASPECT_COLOURS,
            5,
            1,
            horizontal=True,
            label_width=150 if r.lang == "en" else 110,
            title=r.tr(N_("Ratings per session (mean, 1 to 5)")),
        )
        rows = [
            [str(i), r.text(s.title, sep="\n"), *(_num(m, 1) for m in s.means), str(s.answered)]
            for i, s in enumerate(f.sessions, 1)
        ]
        header = ["#", r.tr(N_("Session")), *(r.tr(a) for a in ASPECT_LABELS), r.tr(N_("Answers"))]
        r.table(header, rows, (0.06, 0.46, 0.12, 0.12, 0.12, 0.12))
    if f.statements:
        r.para(r.tr(N_("Overall statements (how many gave 1 to 5)")), "h2")
        rows = [
            [r.text(s.statement, sep="\n"), *(str(n) for n in s.counts), _num(s.mean, 1)]
            for s in f.statements
        ]
        r.table(
            [r.tr(N_("Statement")), "1", "2", "3", "4", "5", r.tr(N_("Mean"))],
            rows,
            (0.52, 0.07, 0.07, 0.07, 0.07, 0.07, 0.13),
        )
    r.para(r.tr(N_("Comments")), "h2")
    if r.edition == "donor":
        r.para(r.tr(N_("Comments are printed in full in the facilitator edition only.")))
        return
    for block in f.comments:
        r.para(r.text(block.question, sep="\n"), "body")
        if not block.answers:
            r.para("–", "small")
        for answer in block.answers:
            r.para(f"• {answer}", "small")


def _timing(r: _Report, rows: Sequence[TimingRow]) -> None:
    r.heading(N_("Timing"))
    if not rows:
        r.para(r.tr(N_("No session was timed on the day.")))
        return
    r.bars(
        [f"{i}" for i in range(1, len(rows) + 1)],
        [[t.planned_minutes for t in rows], [t.actual_minutes for t in rows]],
        [r.tr(N_("Planned")), r.tr(N_("Actual"))],
        [PRE, POST],
        max([*(t.planned_minutes for t in rows), *(t.actual_minutes for t in rows), 30]) // 30 * 30 + 30,
        30,
        horizontal=True,
        title=r.tr(N_("Planned against actual, per session (minutes)")),
    )
    table = [
        [
            str(i),
            r.text(t.title, sep="\n"),
            f"{t.planned_start}–{t.planned_end}",
            f"{t.actual_start}–{t.actual_end}",
            f"{t.late_by:+d}",
            f"{t.actual_minutes - t.planned_minutes:+d}",
        ]
        for i, t in enumerate(rows, 1)
    ]
    header = [
        "#",
        r.tr(N_("Session")),
        r.tr(N_("Planned")),
        r.tr(N_("Actual")),
        r.tr(N_("Late start (min)")),
        r.tr(N_("Length change (min)")),
    ]
    r.table(header, table, (0.06, 0.42, 0.14, 0.14, 0.12, 0.12))


def report_pdf(figures: Figures, lang: str = "en", edition: str = "donor") -> bytes:
    """The report as PDF bytes (A4) in ``lang`` (en, zh-Hans, bilingual), ``edition`` donor or facilitator."""
    r = _Report(lang, edition)
    _cover(r, figures)
    _participation(r, figures.participation)
    _knowledge(r, figures.knowledge)
    _feedback(r, figures.feedback)
    _timing(r, figures.timing)
    title = r.text(figures.cover.title)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(r.font, 8)
        canvas.drawString(MARGIN, 10 * MM, _short(title, 90))
        canvas.drawRightString(PAGE_W - MARGIN, 10 * MM, str(doc.page))
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = r.platypus.SimpleDocTemplate(
        buffer,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        invariant=1,
    )
    doc.build(r.story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
