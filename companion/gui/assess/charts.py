"""Small bar charts drawn with QPainter for the scores window: no chart library, the window's font.

- :class:`HorizontalBars`: one row per category (a long bilingual label on the left, wrapped),
  a bar per series beside it, values are shares 0..1 shown as percentages.
- :class:`ColumnChart`: categories along the bottom, a column per series, with optional guide
  lines (a threshold a value should stay above or below) and categories marked as needing a look.

Text is drawn with the widget's font, which falls back to the bundled Chinese font
(companion.gui.app.register_fonts), so labels render in both languages. A value of None (nothing
to show) draws no bar, never a zero-length one that would read as 0 %.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PRE_COLOUR = "#8fa8c8"  # muted blue: before
POST_COLOUR = "#1f5f99"  # strong blue: after (reads as "more" in greyscale too)
THIRD_COLOUR = "#6a9f58"  # muted green: a third series (the feedback chart's usefulness)
FLAG_COLOUR = "#b3261e"
TEXT_COLOUR = "#222222"
GRID_COLOUR = "#d0d0d0"


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Guide:
    """A horizontal line at ``value`` with a short label (a threshold)."""

    value: float
    label: str


@dataclass
class _Legend:
    series: list[Series] = field(default_factory=list)

    def height(self, metrics: QFontMetricsF) -> float:
        return metrics.height() + 8 if self.series else 0.0

    def draw(self, painter: QPainter, left: float, top: float, metrics: QFontMetricsF) -> None:
        x = left
        box = metrics.height() * 0.7
        for series in self.series:
            painter.fillRect(QRectF(x, top + (metrics.height() - box) / 2, box, box), QColor(series.colour))
            x += box + 4
            painter.setPen(QColor(TEXT_COLOUR))
            painter.drawText(
                QRectF(x, top, metrics.horizontalAdvance(series.name) + 2, metrics.height()),
                Qt.AlignmentFlag.AlignVCenter,
                series.name,
            )
            x += metrics.horizontalAdvance(series.name) + 16


class HorizontalBars(QWidget):
    """Shares (0..1) per category as horizontal bars, one per series, labelled with a percentage."""

    BAR = 12.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(self, categories: Sequence[str], series: Sequence[Series]) -> None:
        self.categories, self.series = list(categories), list(series)
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def _row_height(self, metrics: QFontMetricsF) -> float:
        return max(2 * metrics.height() + 6, len(self.series) * (self.BAR + 2) + 10)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        metrics = QFontMetricsF(self.font())
        legend = _Legend(self.series).height(metrics)
        return QSize(640, math.ceil(legend + len(self.categories) * self._row_height(metrics) + 24))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = QFontMetricsF(self.font())
        legend = _Legend(self.series)
        legend.draw(painter, 8, 4, metrics)
        top = 4 + legend.height(metrics)
        label_width = min(self.width() * 0.45, 360.0)
        value_width = metrics.horizontalAdvance("100%") + 8
        left = label_width + 16
        span = max(self.width() - left - value_width - 8, 20.0)
        row_height = self._row_height(metrics)
        painter.setPen(QPen(QColor(GRID_COLOUR), 1, Qt.PenStyle.DashLine))
        for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
            x = left + tick * span
            painter.drawLine(int(x), int(top), int(x), int(top + len(self.categories) * row_height))
        for row, category in enumerate(self.categories):
            y = top + row * row_height
            painter.setPen(QColor(TEXT_COLOUR))
            flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
            label = metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_width * 2 - 20)
            painter.drawText(QRectF(8, y, label_width, row_height), int(flags), label)
            bars_top = y + (row_height - len(self.series) * (self.BAR + 2)) / 2
            for n, series in enumerate(self.series):
                value = series.values[row] if row < len(series.values) else None
                bar_y = bars_top + n * (self.BAR + 2)
                if value is None:
                    painter.setPen(QColor("#888888"))
                    painter.drawText(
                        QRectF(left + 2, bar_y - 2, 40, self.BAR + 4), Qt.AlignmentFlag.AlignVCenter, "–"
                    )
                    continue
                width = max(0.0, min(value, 1.0)) * span
                painter.fillRect(QRectF(left, bar_y, max(width, 1.5), self.BAR), QColor(series.colour))
                painter.setPen(QColor(TEXT_COLOUR))
                painter.drawText(
                    QRectF(left + width + 4, bar_y - 2, value_width, self.BAR + 4),
                    Qt.AlignmentFlag.AlignVCenter,
                    f"{value * 100:.0f}%",
                )
        painter.end()


class ColumnChart(QWidget):
    """Columns per category, one per series, from ``low`` to ``high`` with optional guide lines.

    ``percent`` labels the axis as percentages (values are shares); otherwise as plain numbers
    (two decimals up to 1, whole counts above).
    Categories in ``marked`` get their label in the warning colour.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.low, self.high = 0.0, 1.0
        self.percent = True
        self.guides: list[Guide] = []
        self.marked: set[int] = set()
        self.setMinimumHeight(200)

    def set_data(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        *,
        low: float = 0.0,
        high: float | None = None,
        percent: bool = True,
        guides: Sequence[Guide] = (),
        marked: Sequence[int] = (),
    ) -> None:
        self.categories, self.series = list(categories), list(series)
        values = [v for s in self.series for v in s.values if v is not None]
        self.low = min([low, *values])
        self.high = high if high is not None else max([1.0, *values])
        self.percent, self.guides, self.marked = percent, list(guides), set(marked)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(max(480, 28 * len(self.categories) + 80), 240)

    def _ticks(self) -> list[float]:
        if self.percent or self.high <= 1.0:
            start = math.floor(self.low * 4) / 4
            return [start + n * 0.25 for n in range(round((self.high - start) / 0.25) + 1)]
        step = max(1, math.ceil(self.high / 5))
        return [float(v) for v in range(0, int(self.high) + step, step)]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = QFontMetricsF(self.font())
        legend = _Legend(self.series)
        legend.draw(painter, 8, 4, metrics)
        ticks = self._ticks()
        high = max(self.high, ticks[-1])
        low = min(self.low, ticks[0])
        axis_width = metrics.horizontalAdvance("-100%") + 10
        top = 8 + legend.height(metrics)
        bottom = self.height() - metrics.height() * 1.6 - 6
        guide_width = max([metrics.horizontalAdvance(g.label) + 8 for g in self.guides], default=0.0)
        left, right = axis_width, self.width() - 10.0 - guide_width
        height = max(bottom - top, 10.0)

        def y_of(value: float) -> float:
            return bottom - (value - low) / ((high - low) or 1.0) * height

        for tick in ticks:
            y = y_of(tick)
            painter.setPen(QPen(QColor(GRID_COLOUR), 1, Qt.PenStyle.DashLine))
            painter.drawLine(int(left), int(y), int(right), int(y))
            painter.setPen(QColor(TEXT_COLOUR))
            if self.percent:
                text = f"{tick * 100:.0f}%"
            else:
                text = f"{tick:.2f}" if self.high <= 1.0 else f"{tick:.0f}"
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, axis_width - 4, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        count = max(len(self.categories), 1)
        slot = (right - left) / count
        column = max(min((slot - 4) / max(len(self.series), 1), 40.0), 1.0)
        zero = y_of(max(low, 0.0))
        for n, category in enumerate(self.categories):
            x = left + n * slot + (slot - column * len(self.series)) / 2
            for s, series in enumerate(self.series):
                value = series.values[n] if n < len(series.values) else None
                if value is None:
                    continue
                y = y_of(value)
                painter.fillRect(
                    QRectF(x + s * column, min(y, zero), column - 1, abs(zero - y) or 1.0),
                    QColor(series.colour),
                )
            painter.setPen(QColor(FLAG_COLOUR if n in self.marked else TEXT_COLOUR))
            label = metrics.elidedText(category, Qt.TextElideMode.ElideRight, max(slot, 12.0) + 8)
            painter.drawText(
                QRectF(left + n * slot - 4, bottom + 3, slot + 8, metrics.height() * 1.5),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
        painter.setPen(QPen(QColor(TEXT_COLOUR), 1))
        painter.drawLine(int(left), int(zero), int(right), int(zero))
        for guide in self.guides:  # the label in the right margin, clear of the columns
            y = y_of(guide.value)
            painter.setPen(QPen(QColor(FLAG_COLOUR), 1, Qt.PenStyle.DotLine))
            painter.drawLine(int(left), int(y), int(right), int(y))
            painter.drawText(
                QRectF(right + 4, y - metrics.height() / 2, guide_width, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                guide.label,
            )
        painter.end()
