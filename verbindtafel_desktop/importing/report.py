"""The report of an import: the rows that were not imported and why, as an Excel file.

The skipped rows keep the file's own columns, so staff can correct them in the report and
import the report itself. Every cell is written as text: a value that starts with '=',
'+', '-' or '@' (a phone number, a name someone typed oddly) stays literal text and can
never run as a formula.
"""

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from verbindtafel_desktop.importing.columns import column_title
from verbindtafel_desktop.importing.errors import ImportProblem
from verbindtafel_desktop.importing.preview import Preview
from verbindtafel_desktop.importing.values import cell_text
from verbindtafel_desktop.services.progress import NO_PROGRESS, Progress

EXCEL_CELL_LIMIT = 32_767
_FORMULA_STARTS = ("=", "+", "-", "@")


def text_cell(sheet: Any, text: str, *, bold: bool = False) -> WriteOnlyCell:
    """A cell that Excel shows and keeps as the literal text."""
    cleaned = ILLEGAL_CHARACTERS_RE.sub("", text)[:EXCEL_CELL_LIMIT]
    cell = WriteOnlyCell(sheet, value=cleaned)
    cell.data_type = "s"  # openpyxl would store '=…' as a formula
    if cleaned.startswith(_FORMULA_STARTS):
        cell.quotePrefix = True  # and Excel would read it as one when it is edited
    if bold:
        cell.font = Font(bold=True)
    return cell


def _header(sheet: Any, titles: Sequence[str]) -> None:
    sheet.append([text_cell(sheet, title, bold=True) for title in titles])


def write_report(preview: Preview, path: Path, progress: Progress = NO_PROGRESS) -> Path:
    """Write the report to `path` (replacing it only once it is complete)."""
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
        os.close(handle)
    except OSError as error:
        raise _cannot_save(path, error) from error
    try:
        _write(preview, Path(temporary), progress)
        os.replace(temporary, path)
    except OSError as error:
        raise _cannot_save(path, error) from error
    finally:
        Path(temporary).unlink(missing_ok=True)
    total = len(preview.rows)
    progress.report(total, total, "Rapport schrijven…")
    return path


def _cannot_save(path: Path, error: OSError) -> ImportProblem:
    return ImportProblem(
        f"Het rapport kan niet worden opgeslagen als {path}: {error.strerror or error}. "
        "Is het bestand nog geopend in Excel, of is de map alleen-lezen?"
    )


def _write(preview: Preview, target: Path, progress: Progress) -> None:
    workbook = Workbook(write_only=True)
    try:
        skipped = workbook.create_sheet("Overgeslagen")
        skipped.freeze_panes = "C2"
        width = len(preview.headers)
        skipped.column_dimensions["B"].width = 60
        _header(
            skipped,
            ["Regel", "Reden", *(column_title(preview.headers, column) for column in range(width))],
        )
        total = len(preview.rows)
        for number, row in enumerate(preview.rows):
            if number % 1000 == 0:
                progress.check()
                progress.report(number, total, "Rapport schrijven…")
            if row.imported:
                continue
            cells = [cell_text(cell, multiline=True) for cell in row.cells]
            skipped.append(
                [row.line, text_cell(skipped, row.reason())]
                + [text_cell(skipped, text) for text in cells]
            )
        if preview.assignment is not None:
            unseated = workbook.create_sheet("Niet ingedeeld")
            unseated.column_dimensions["B"].width = 30
            unseated.column_dimensions["C"].width = 60
            _header(unseated, ["Regel", "Naam", "Reden"])
            for row in preview.rows:
                if row.imported and row.seat_problem:
                    unseated.append(
                        [
                            row.line,
                            text_cell(unseated, row.name),
                            text_cell(unseated, row.seat_problem),
                        ]
                    )
        workbook.save(target)
    finally:
        # An unsaved write-only workbook holds open temporary files (after a cancel).
        workbook.close()
