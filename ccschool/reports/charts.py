"""Charts for the PDF report, drawn with reportlab.graphics (vector, CJK labels)."""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

PALETTE = [colors.HexColor(c) for c in ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5",
                                        "#70AD47", "#264478", "#9E480E", "#636363", "#997300")]
WIDTH, HEIGHT = 250, 190


def _frame(title: str, font: str) -> Drawing:
    d = Drawing(WIDTH, HEIGHT)
    d.add(String(WIDTH / 2, HEIGHT - 14, title, fontName=font, fontSize=10, textAnchor="middle"))
    return d


def _empty(d: Drawing, font: str, note: str) -> Drawing:
    d.add(String(WIDTH / 2, HEIGHT / 2, note, fontName=font, fontSize=9, textAnchor="middle",
                 fillColor=colors.grey))
    return d


def bar_chart(title: str, labels: list[str], values: list[float], font: str, *,
              empty: str = "—", horizontal: bool = False) -> Drawing:
    d = _frame(title, font)
    if not values or not any(values):
        return _empty(d, font, empty)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (78, 20) if horizontal else (36, 46)
    chart.width = WIDTH - chart.x - 14
    chart.height = HEIGHT - chart.y - 26
    chart.data = [values]
    chart.bars[0].fillColor = PALETTE[0]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    cats = chart.categoryAxis
    cats.categoryNames = labels
    cats.labels.fontName, cats.labels.fontSize = font, 7
    if not horizontal and len(labels) > 4:
        cats.labels.angle, cats.labels.boxAnchor, cats.labels.dy = 30, "ne", -2
    d.add(chart)
    return d


def pie_chart(title: str, labels: list[str], values: list[float], font: str, *,
              empty: str = "—") -> Drawing:
    d = _frame(title, font)
    pairs = [(lab, v) for lab, v in zip(labels, values) if v]
    if not pairs:
        return _empty(d, font, empty)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 70, 22, 120, 120
    pie.data = [v for _l, v in pairs]
    total = sum(pie.data)
    pie.labels = [f"{lab} {v / total:.0%}" for lab, v in pairs]
    pie.simpleLabels = 0
    pie.slices.fontName, pie.slices.fontSize = font, 7
    pie.slices.label_pointer_piePad = 4
    for i in range(len(pairs)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
        pie.slices[i].labelRadius = 1.25
    d.add(pie)
    return d
