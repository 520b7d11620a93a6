"""The period report as a workbook: a summary with the key figures and native Excel
charts, a sheet per topic, and a sheet that says how the figures were computed.

Only what the Anonymiser allows reaches a cell: a small count is the text "<5", a
percentage that would give a small group away is "–". Charts plot the cells, so they
show nothing that the cells hide.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.legend import Legend

from verbindtafel_desktop.exports.xlsx import SheetColumn, SheetWriter, new_workbook
from verbindtafel_desktop.reporting.anonymity import LEFT_OUT, Anonymiser, Shown
from verbindtafel_desktop.reporting.method import explanation, method_paragraphs
from verbindtafel_desktop.reporting.model import Breakdown, Figure, Kind, PeriodReport, Section
from verbindtafel_desktop.services.progress import Progress

SUMMARY_SHEET = "Samenvatting"
METHOD_SHEET = "Verantwoording"
TOPIC_COLUMNS = [
    SheetColumn("Onderdeel", width=46),
    SheetColumn("Categorie", width=34),
    SheetColumn("Aantal of waarde", "number", width=17),
    SheetColumn("Van", "number", width=8),
    SheetColumn("Percentage", "percent", width=12),
    SheetColumn("Toelichting", width=80),
]
SUMMARY_COLUMNS = [
    SheetColumn("Kerncijfer", width=58),
    SheetColumn("Aantal of waarde", "number", width=17),
    SheetColumn("Van", "number", width=8),
    SheetColumn("Percentage", "percent", width=12),
    SheetColumn("Toelichting", width=80),
]
CHART_ROWS = 16  # rows a chart takes on the summary sheet


@dataclass
class Placed:
    """Where rows landed on a sheet, so charts can point at them."""

    sheet: Any
    first_row: int
    last_row: int


class ReportWorkbook:
    def __init__(self, report: PeriodReport, anonymiser: Anonymiser, organisation: str) -> None:
        self.report = report
        self.anonymiser = anonymiser
        self.organisation = organisation
        self.figure_rows: dict[str, Placed] = {}
        self.breakdown_rows: dict[str, Placed] = {}

    @property
    def scope_line(self) -> str:
        funder = f" · voor {self.report.funder}" if self.report.funder else ""
        return f"{self.report.subtitle}{funder}"

    def value_cell(self, sheet: SheetWriter, figure: Figure, shown: Shown) -> Any:
        if shown.number is None:
            return sheet.text(shown.text)
        cell = WriteOnlyCell(sheet.sheet, value=shown.number)
        if figure.kind in (Kind.MEAN, Kind.NUMBER, Kind.CHANGE):
            digits = "0." + "0" * figure.decimals if figure.decimals else "0"
            # A change shows its sign: +0,6 or -1,1.
            signed = f"+{digits};-{digits};{digits}"
            cell.number_format = signed if figure.kind is Kind.CHANGE else digits
        return cell

    def whole_value(self, sheet: SheetWriter, figure: Figure) -> Any:
        """For a share: of how many (itself hidden when small)."""
        if figure.kind is not Kind.SHARE:
            return None
        whole = self.anonymiser.count(figure.whole)
        return whole.number if whole.number is not None else sheet.text(whole.text)

    def percent_value(self, figure: Figure, shown: Shown) -> Any:
        if figure.kind is not Kind.SHARE:
            return None
        return shown.fraction if shown.fraction is not None else LEFT_OUT

    def sheet(self, workbook: Workbook, name: str, columns: list[SheetColumn]) -> SheetWriter:
        return SheetWriter(
            workbook,
            name,
            columns,
            heading=f"{self.report.title}: {name.lower()} — {self.organisation}",
            scope=self.scope_line,
            created=self.report.created,
            landscape=True,
        )

    # --- sheets -----------------------------------------------------------------------
    def summary(self, workbook: Workbook) -> SheetWriter:
        sheet = self.sheet(workbook, SUMMARY_SHEET, SUMMARY_COLUMNS)
        for key in self.report.summary_keys:
            figure = self.report.figure(key)
            shown = self.anonymiser.figure(figure)
            sheet.append(
                [
                    figure.label,
                    self.value_cell(sheet, figure, shown),
                    self.whole_value(sheet, figure),
                    self.percent_value(figure, shown),
                    explanation(key),
                ]
            )
        sheet.finish()
        return sheet

    def topic(self, workbook: Workbook, section: Section) -> SheetWriter:
        sheet = self.sheet(workbook, section.title, TOPIC_COLUMNS)
        for figure in section.figures:
            shown = self.anonymiser.figure(figure)
            sheet.append(
                [
                    figure.label,
                    None,
                    self.value_cell(sheet, figure, shown),
                    self.whole_value(sheet, figure),
                    self.percent_value(figure, shown),
                    explanation(figure.key),
                ]
            )
            self.figure_rows[figure.key] = Placed(sheet.sheet, sheet.last_row, sheet.last_row)
        for breakdown in section.breakdowns:
            self.breakdown(sheet, breakdown)
        sheet.finish()
        return sheet

    def breakdown(self, sheet: SheetWriter, breakdown: Breakdown) -> None:
        rows, total = self.anonymiser.breakdown(breakdown)
        first = sheet.last_row + 1
        for number, row in enumerate(rows):
            shown = row.count
            sheet.append(
                [
                    breakdown.title,
                    row.category,
                    shown.number if shown.number is not None else sheet.text(shown.text),
                    None,
                    shown.fraction if shown.fraction is not None else LEFT_OUT,
                    explanation(breakdown.key) if number == 0 else None,
                ]
            )
        self.breakdown_rows[breakdown.key] = Placed(sheet.sheet, first, sheet.last_row)
        sheet.append_cells(
            [
                sheet.bold(breakdown.title),
                sheet.bold("totaal"),
                sheet.bold(total.number if total.number is not None else total.text),
                None,
                None,
                None,
            ]
        )

    def method(self, workbook: Workbook) -> SheetWriter:
        sheet = self.sheet(
            workbook,
            METHOD_SHEET,
            [SheetColumn("Onderwerp", width=30), SheetColumn("Uitleg", width=120)],
        )
        for heading, text in method_paragraphs(self.report):
            sheet.append([heading, text])
        if self.report.funder:
            sheet.append(["Financier", self.report.funder])
        for grant in self.report.grants:
            sheet.append(["Subsidie", grant])
        for section in self.report.sections:
            for figure in section.figures:
                sheet.append([f"{section.title}: {figure.label}", explanation(figure.key)])
            for breakdown in section.breakdowns:
                sheet.append([f"{section.title}: {breakdown.title}", explanation(breakdown.key)])
        sheet.finish()
        return sheet

    # --- charts -------------------------------------------------------------------------
    def charts(self, summary: SheetWriter) -> None:
        anchor_row = summary.last_row + 3
        charts = [
            self.breakdown_chart("reach.by_area", "Deelnemers per gebied"),
            self.figures_chart(
                (
                    "activity.sessions_held",
                    "activity.sessions_planned",
                    "activity.sessions_cancelled",
                ),
                "Sessies in de periode",
            ),
            self.categories_chart(),
            self.figures_chart(
                ("outcomes.mean_t0", "outcomes.mean_t1"),
                "Gemiddelde eenzaamheidsscore (0–6)",
            ),
        ]
        for number, chart in enumerate(charts):
            column = "A" if number % 2 == 0 else "C"
            summary.sheet.add_chart(chart, f"{column}{anchor_row + (number // 2) * CHART_ROWS}")

    @staticmethod
    def _bar(title: str, y_title: str) -> BarChart:
        chart = BarChart()
        chart.type = "col"
        chart.title = title
        chart.y_axis.title = y_title
        chart.y_axis.majorGridlines = None
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        chart.height = 7.5
        chart.width = 15
        chart.legend = None
        return chart

    def breakdown_chart(self, key: str, title: str) -> BarChart:
        placed = self.breakdown_rows[key]
        chart = self._bar(title, "deelnemers")
        data = Reference(placed.sheet, min_col=3, min_row=placed.first_row, max_row=placed.last_row)
        categories = Reference(
            placed.sheet, min_col=2, min_row=placed.first_row, max_row=placed.last_row
        )
        chart.add_data(data, titles_from_data=False)
        chart.set_categories(categories)
        chart.dataLabels = DataLabelList(showVal=True)
        return chart

    def figures_chart(self, keys: Sequence[str], title: str) -> BarChart:
        """Consecutive figure rows of one topic sheet, as bars."""
        first, last = self.figure_rows[keys[0]], self.figure_rows[keys[-1]]
        assert last.first_row - first.first_row == len(keys) - 1, keys
        chart = self._bar(title, "")
        chart.add_data(
            Reference(first.sheet, min_col=3, min_row=first.first_row, max_row=last.last_row),
            titles_from_data=False,
        )
        chart.set_categories(
            Reference(first.sheet, min_col=1, min_row=first.first_row, max_row=last.last_row)
        )
        chart.dataLabels = DataLabelList(showVal=True)
        return chart

    def categories_chart(self) -> BarChart:
        chart = self._bar("Eenzaamheid bij T0 en T1", "deelnemers")
        for key, name in (("outcomes.categories_t0", "T0"), ("outcomes.categories_t1", "T1")):
            placed = self.breakdown_rows[key]
            values = Reference(
                placed.sheet, min_col=3, min_row=placed.first_row, max_row=placed.last_row
            )
            chart.series.append(Series(values, title=name))
        start = self.breakdown_rows["outcomes.categories_t0"]
        chart.set_categories(
            Reference(start.sheet, min_col=2, min_row=start.first_row, max_row=start.last_row)
        )
        chart.legend = Legend()
        chart.legend.position = "b"
        return chart


def write_report_xlsx(
    report: PeriodReport,
    anonymiser: Anonymiser,
    organisation: str,
    target: Path,
    progress: Progress,
) -> int:
    """Write the workbook; returns the number of sheets."""
    book = ReportWorkbook(report, anonymiser, organisation)
    with new_workbook(
        title=report.title, scope=book.scope_line, creator=organisation, created=report.created
    ) as workbook:
        summary = book.summary(workbook)
        for number, section in enumerate(report.sections, start=1):
            progress.check()
            progress.report(number, len(report.sections) + 1, f"Blad '{section.title}'…")
            book.topic(workbook, section)
        book.method(workbook)
        book.charts(summary)
        progress.check()
        workbook.save(target)
        return len(workbook.worksheets)
