"""Bar charts for the period report's PDF, drawn with reportlab.graphics.

They get what the Anonymiser lets through: a hidden value is None and gets no bar
(and no label), never a bar of a guessed height.
"""

from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import BarChart, HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color, HexColor

from verbindtafel_desktop.exports.pdf import ACCENT, BOLD, FONT, INK, MUTED, RULE, shortened
from verbindtafel_desktop.reporting.anonymity import decimal_text

SERIES_COLOURS = (ACCENT, HexColor("#E0A030"), HexColor("#7FA7CF"))
Values = Sequence[float | None]
Format = Callable[[float], str]


def whole_number(value: float) -> str:
    return str(round(value))


def one_decimal(value: float) -> str:
    return decimal_text(value, 1)


def _nice_maximum(values: Sequence[float]) -> float:
    top = max(values, default=0.0)
    if top <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return float(step * (int(top / step) + 1))
    return top * 1.2


def _style(chart: BarChart, series: Sequence[Values], value_format: Format) -> None:
    present = [value for values in series for value in values if value is not None]
    chart.data = [list(values) for values in series]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_maximum(present)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = whole_number if chart.valueAxis.valueMax > 4 else one_decimal
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = HexColor("#E5E9EE")
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = RULE
    chart.barLabelFormat = value_format
    chart.barLabels.fontName = BOLD
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = INK
    chart.barSpacing = 2
    chart.groupSpacing = 8
    for number in range(len(series)):
        colour: Color = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        chart.bars[number].fillColor = colour
        chart.bars[number].strokeColor = None


def has_values(series: Sequence[Values]) -> bool:
    return any(value is not None for values in series for value in values)


def _title(drawing: Drawing, title: str, width: float, height: float) -> None:
    drawing.add(
        String(0, height - 10, shortened(title, BOLD, 9, width), fontName=BOLD, fontSize=9,
               fillColor=INK)
    )  # fmt: skip


def column_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[Values],
    *,
    width: float,
    height: float,
    series_names: Sequence[str] = (),
    value_format: Format = whole_number,
) -> Drawing:
    """Upright bars, one group per category; a legend when there are several series."""
    drawing = Drawing(width, height)
    _title(drawing, title, width, height)
    chart = VerticalBarChart()
    legend_room = 14 if series_names else 0
    chart.x, chart.y = 28, 22 + legend_room
    chart.width, chart.height = width - 36, height - 44 - legend_room
    chart.categoryAxis.categoryNames = [shortened(name, FONT, 7.5, 90) for name in categories]
    _style(chart, series, value_format)
    chart.barLabels.nudge = 6
    drawing.add(chart)
    if series_names:
        legend = Legend()
        legend.x, legend.y = chart.x, 8
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 60
        legend.fontName = FONT
        legend.fontSize = 7.5
        legend.colorNamePairs = [
            (SERIES_COLOURS[number % len(SERIES_COLOURS)], name)
            for number, name in enumerate(series_names)
        ]
        drawing.add(legend)
    return drawing


def bar_chart(
    title: str,
    categories: Sequence[str],
    values: Values,
    *,
    width: float,
    height: float,
    label_width: float = 120,
) -> Drawing:
    """Lying bars, one per category, top to bottom in the given order."""
    drawing = Drawing(width, height)
    _title(drawing, title, width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 14
    chart.width, chart.height = width - label_width - 16, height - 30
    # reportlab draws the first category at the bottom; reverse to read top-down.
    chart.categoryAxis.categoryNames = [
        shortened(name, FONT, 7.5, label_width - 6) for name in reversed(categories)
    ]
    _style(chart, [list(reversed(values))], whole_number)
    chart.barLabels.nudge = 8
    drawing.add(chart)
    return drawing
