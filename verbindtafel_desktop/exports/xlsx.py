"""Workbooks that open cleanly in Excel: a title block, a bold frozen header with a filter,
sensible widths, real dates in Dutch notation, and text that always stays text.

Sheets are written in openpyxl's write-only mode (rows stream to the file instead of
living in memory), which is what keeps a 10,000-person attendance overview fast.
Everything a write-only sheet needs before its first row (column widths, panes, print
setup) is set by `SheetWriter.__init__`; what comes after (filter range, conditional
formatting) by `SheetWriter.finish`.

Every sheet looks like this (HEADER_ROW is the row with the column titles):

    row 1  the export's title
    row 2  its scope and creation time
    row 4  the column titles, bold and frozen, with an auto-filter
    row 5… the data
"""

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from verbindtafel_desktop.exports.wording import moment
from verbindtafel_desktop.services.progress import Progress

HEADER_ROW = 4
DATE_FORMAT = "dd-mm-yyyy"
PERCENT_FORMAT = "0%"
PAPER_A4 = 9  # the SpreadsheetML paper code of A4
SAMPLE_ROWS = 2000  # rows looked at to size the columns
MAX_WIDTH = 50

TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="FFDCE6F0")
HEADER_BORDER = Border(bottom=Side(style="thin", color="FF7F8FA6"))
TOTAL_FONT = Font(bold=True)


@dataclass(frozen=True)
class SheetColumn:
    title: str
    kind: str = "text"  # text | date | number | percent
    width: float | None = None  # None: sized to the contents


def plain_text(value: object) -> str:
    """Text without the control characters that a workbook cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


class SheetWriter:
    """One write-only worksheet of the layout above."""

    def __init__(
        self,
        workbook: Workbook,
        name: str,
        columns: Sequence[SheetColumn],
        *,
        heading: str,
        scope: str,
        created: dt.datetime,
        sample: Sequence[Sequence[Any]] = (),
        frozen_columns: int = 0,
        landscape: bool = False,
    ) -> None:
        sheet = workbook.create_sheet(title=name[:31])
        assert isinstance(sheet, WriteOnlyWorksheet)
        self.sheet = sheet
        self.columns = list(columns)
        self.rows_written = 0
        self._plain_texts: dict[str, str] = {}
        converters: dict[str, Callable[[Any], Any]] = {
            "text": self._text,
            "date": self.date,
            "percent": self.percent,
        }
        self._converters = [converters.get(column.kind) for column in self.columns]
        for number, column in enumerate(self.columns, start=1):
            width = column.width or self._content_width(column, number - 1, sample)
            sheet.column_dimensions[get_column_letter(number)].width = width
        sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{HEADER_ROW + 1}"
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        sheet.page_setup.paperSize = PAPER_A4
        sheet.page_setup.orientation = "landscape" if landscape else "portrait"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.oddHeader.left.text = plain_text(heading).replace("&", "&&")
        sheet.oddFooter.center.text = "pagina &P van &N"
        self._append_raw([self._styled(heading, font=TITLE_FONT)])
        self._append_raw([self.text(f"{scope} · gemaakt op {moment(created)}")])
        self._append_raw([])
        self._append_raw(
            [
                self._styled(
                    column.title,
                    font=HEADER_FONT,
                    fill=HEADER_FILL,
                    border=HEADER_BORDER,
                    alignment=Alignment(vertical="center", wrap_text=False),
                )
                for column in self.columns
            ]
        )

    # --- cells ------------------------------------------------------------------
    def text(self, value: object) -> Any:
        """A string cell whose content Excel shows literally, even '=HYPERLINK(…)' or '#N/A'."""
        cleaned = plain_text(value)
        if cleaned.startswith("=") or cleaned in ERROR_CODES:
            cell = WriteOnlyCell(self.sheet)
            cell.value = cleaned
            cell.data_type = "s"
            return cell
        if isinstance(value, str):
            self._plain_texts[value] = cleaned
        return cleaned

    def _text(self, value: object) -> Any:
        # Names of tables, cohorts and statuses repeat on thousands of rows.
        found = self._plain_texts.get(value) if isinstance(value, str) else None
        return found if found is not None else self.text(value)

    def date(self, value: dt.date | None) -> Any:
        if value is None:
            return None
        cell = WriteOnlyCell(self.sheet)
        cell.number_format = DATE_FORMAT
        cell.value = value
        return cell

    def percent(self, value: float | None) -> Any:
        if value is None:
            return None
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.number_format = PERCENT_FORMAT
        return cell

    def _styled(self, value: object, **style: Any) -> Any:
        cell = self.text(value)
        if not isinstance(cell, Cell):
            cell = WriteOnlyCell(self.sheet, value=cell)
        for key, setting in style.items():
            setattr(cell, key, setting)
        return cell

    def bold(self, value: object) -> Any:
        if isinstance(value, str):
            return self._styled(value, font=TOTAL_FONT)
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.font = TOTAL_FONT
        return cell

    # --- rows -------------------------------------------------------------------
    def _append_raw(self, cells: list[Any]) -> None:
        self.sheet.append(cells)

    def append(self, values: Sequence[Any]) -> None:
        """A data row; each value is converted by its column's kind."""
        if len(values) != len(self._converters):
            raise ValueError(f"{len(values)} values for {len(self._converters)} columns")
        cells: list[Any] = []
        for convert, value in zip(self._converters, values, strict=True):
            if value is None or value == "":
                cells.append(None)
            elif convert is None:
                cells.append(value)
            else:
                cells.append(convert(value))
        self.sheet.append(cells)
        self.rows_written += 1

    def append_cells(self, cells: list[Any]) -> None:
        """A row of ready cells (a totals row, say); counts as data for the filter range."""
        self.sheet.append(cells)
        self.rows_written += 1

    def write_rows(
        self,
        rows: Iterable[Sequence[Any]],
        progress: Progress,
        total: int,
        text: str,
        *,
        done_before: int = 0,
    ) -> None:
        """Append `rows`, reporting progress as `done_before` + rows written of `total`."""
        for number, row in enumerate(rows, start=1):
            self.append(row)
            if number % 500 == 0:
                progress.check()
                progress.report(done_before + number, total, text)

    @property
    def last_row(self) -> int:
        return HEADER_ROW + self.rows_written

    def column_range(self, first: int, last: int, *, through_row: int | None = None) -> str:
        """'C5:G120': data cells of columns first..last (1-based)."""
        end = through_row or self.last_row
        return f"{get_column_letter(first)}{HEADER_ROW + 1}:{get_column_letter(last)}{end}"

    def add_rule(self, cell_range: str, rule: Rule) -> None:
        self.sheet.conditional_formatting.add(cell_range, rule)

    def finish(self, *, filter_through_row: int | None = None) -> None:
        last = filter_through_row or self.last_row
        self.sheet.auto_filter.ref = (
            f"A{HEADER_ROW}:{get_column_letter(len(self.columns))}{max(last, HEADER_ROW)}"
        )

    # --- widths -----------------------------------------------------------------
    @staticmethod
    def _content_width(column: SheetColumn, index: int, sample: Sequence[Sequence[Any]]) -> float:
        if column.kind == "date":
            longest = 10
        elif column.kind == "percent":
            longest = 5
        else:
            longest = max(
                (len(str(row[index])) for row in sample[:SAMPLE_ROWS] if row[index] is not None),
                default=0,
            )
        # A bold title needs a little more room than the same number of plain letters.
        wanted = max(longest, len(column.title) * 1.1) + 2
        return float(min(max(wanted, 6), MAX_WIDTH))


@contextlib.contextmanager
def new_workbook(
    *, title: str, scope: str, creator: str, created: dt.datetime
) -> Iterator[Workbook]:
    """A write-only workbook with the export's title, scope and time in its properties.

    Write-only sheets stream to temporary files; when the block fails or is cancelled
    before the workbook is saved, they are closed and removed."""
    workbook = Workbook(write_only=True)
    properties = workbook.properties
    properties.title = title
    properties.subject = scope
    properties.creator = creator
    properties.description = f"{title} — {scope}. Gemaakt met Verbindtafel Desktop."
    properties.keywords = "Verbindtafel"
    # The package properties hold UTC without a zone.
    properties.created = created.astimezone(dt.UTC).replace(tzinfo=None)
    properties.modified = properties.created
    try:
        yield workbook
    except BaseException:
        _discard(workbook)
        raise


def _discard(workbook: Workbook) -> None:
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        if not sheet.closed:
            sheet.close()
        if Path(writer.out).exists():
            writer.cleanup()
