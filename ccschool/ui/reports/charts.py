"""QtCharts for the Reports page. Only reports_page imports it: start-up never loads QtCharts."""
from __future__ import annotations

import html

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView,
                              QHorizontalBarSeries, QPieSeries, QValueAxis)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QToolTip

CJK_FAMILIES = ["Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "SimHei"]
BLUE = QColor("#4472C4")
# A category label on the side of a horizontal bar chart gets at most this many average
# characters a line: QtCharts does not wrap, and a longer label is cut at its *start* by the
# chart's edge ("ty governance and emergencies" in large-text English).
LABEL_CHARS = 17
LABEL_LINES = 2


def cjk_font(size: int = 9, bold: bool = False) -> QFont:
    """A font that has Chinese glyphs: QtCharts does not take the app font for every label."""
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPointSize(size)
    font.setBold(bold)
    return font


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setTitleFont(cjk_font(10, bold=True))
    chart.legend().setVisible(False)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def wrap_label(text: str, metrics: QFontMetrics, width: int, lines: int = LABEL_LINES) -> str:
    """text in at most `lines` lines of at most `width` pixels, broken at spaces where there are
    any (Chinese breaks between any two characters), the last line cut with "…". Several lines
    are joined by <br>: QtCharts shows an axis label with a tag as rich text."""
    out: list[str] = []
    rest = text.strip()
    while rest:
        if metrics.horizontalAdvance(rest) <= width or len(out) == lines - 1:
            out.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        n = len(rest)
        while n > 1 and metrics.horizontalAdvance(rest[:n]) > width:
            n -= 1
        space = rest.rfind(" ", 0, n + 1)
        n = space if space > 0 else n
        out.append(rest[:n].rstrip())
        rest = rest[n:].lstrip()
    return out[0] if len(out) == 1 else "<br>".join(html.escape(line) for line in out)


def side_labels(labels: list[str], font: QFont) -> list[str]:
    """The labels as a horizontal chart's category axis shows them (wrap_label); the originals
    if shortening made two the same (an axis needs distinct categories)."""
    metrics = QFontMetrics(font)
    wrapped = [wrap_label(t, metrics, metrics.averageCharWidth() * LABEL_CHARS) for t in labels]
    return wrapped if len(set(wrapped)) == len(set(labels)) else labels


def _axes(chart: QChart, series, labels: list[str], values_: list[float],
          horizontal: bool) -> None:
    cats, values = QBarCategoryAxis(), QValueAxis()
    cats.append(side_labels(labels, cjk_font(8)) if horizontal else labels)
    cats.setTruncateLabels(False)  # theme names are the point of the chart
    values.setRange(0, max([*values_, 1]) * 1.05)
    values.applyNiceNumbers()  # after the range: ticks at round numbers
    values.setLabelFormat("%g")
    for axis in (cats, values):
        axis.setLabelsFont(cjk_font(8))
    cat_side, value_side = ((Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
                            if horizontal else
                            (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft))
    chart.addAxis(cats, cat_side)
    chart.addAxis(values, value_side)
    series.attachAxis(cats)
    series.attachAxis(values)


def bar_chart(title: str, labels: list[str], values: list[float], *,
              horizontal: bool = False) -> QChart:
    chart = _chart(title)
    bars = QBarSet(title)
    bars.setColor(BLUE)
    bars.append([float(v) for v in values])
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(bars)
    # the whole name and value on hover: a long theme name may be shortened on the axis
    bars.hovered.connect(lambda on, i: show_bar_tip(on, labels[i], values[i]))
    chart.addSeries(series)
    _axes(chart, series, labels, values, horizontal)
    return chart


def show_bar_tip(on: bool, label: str, value: float) -> None:
    if on:
        QToolTip.showText(QCursor.pos(), f"{label}: {value:g}")
    else:
        QToolTip.hideText()


def pie_chart(title: str, labels: list[str], values: list[float]) -> QChart:
    chart = _chart(title)
    series = QPieSeries()
    total = sum(values) or 1
    for label, value in zip(labels, values):
        if value:
            # slice labels are rich text: "<18" would vanish as a tag
            text = f"{label} {value / total:.0%}".replace("<", "&lt;")
            part = series.append(text, float(value))
            part.setLabelVisible(True)
            part.setLabelFont(cjk_font(8))
    series.setPieSize(0.6)
    chart.addSeries(series)
    return chart


class ChartView(QChartView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, 220)

    def show_chart(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
