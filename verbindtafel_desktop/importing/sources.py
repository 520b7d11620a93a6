"""Reading a spreadsheet file into rows of cells: .xlsx, and .csv as Dutch staff meet it
(comma or semicolon, UTF-8 with or without BOM, Windows-1252).

Everything that makes a file unreadable ends in an `ImportProblem` that says what to do;
the file is only read, never changed. openpyxl is imported when a workbook is read: the
app does not load it at every start.
"""

import codecs
import csv
import datetime as dt
import io
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import olefile

from verbindtafel_desktop.importing.errors import ImportProblem
from verbindtafel_desktop.services.progress import NO_PROGRESS, Progress

MAX_ROWS = 100_000
# The header row is looked for among this many first non-empty rows.
HEADER_SEARCH_ROWS = 30
MAX_CSV_BYTES = 200 * 1024 * 1024

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Formula:
    """A formula whose result was never calculated (the file was not saved by Excel)."""

    text: str


Cell = str | int | float | bool | dt.date | dt.time | dt.timedelta | Formula | None
Row = tuple[int, list[Cell]]  # (line number in the file, counting from 1; the cells)


@dataclass
class SheetRows:
    path: Path
    kind: str  # "xlsx" | "csv"
    sheet_names: list[str]
    sheet: str  # "" for csv
    rows: list[Row]  # empty rows left out
    encoding: str = ""  # csv only
    delimiter: str = ""  # csv only


def too_many_rows() -> ImportProblem:
    return ImportProblem(
        f"Het bestand heeft meer dan {MAX_ROWS:,} regels met gegevens; dat is te veel voor "
        "één import. Splits het in kleinere bestanden.".replace(",", ".")
    )


def read_spreadsheet(
    path: Path,
    sheet: str | None = None,
    *,
    progress: Progress = NO_PROGRESS,
    score: Callable[[list[Row]], int] | None = None,
) -> SheetRows:
    """The non-empty rows of `sheet` (of the sheet whose first rows `score` highest when
    None; csv files have one sheet)."""
    path = Path(path)
    kind = _kind(path)
    if kind == "xlsx":
        return _read_xlsx(path, sheet, progress, score)
    if sheet:
        raise ImportProblem("Een CSV-bestand heeft geen bladen; laat --sheet weg.")
    return _read_csv(path, progress)


def _kind(path: Path) -> str:
    try:
        if not path.is_file():
            raise ImportProblem(f"Het bestand {path} bestaat niet.")
        if path.stat().st_size == 0:
            raise ImportProblem(f"Het bestand {path.name} is leeg.")
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise ImportProblem(f"Het bestand {path.name} kan niet gelezen worden: {error}") from error
    if head.startswith(_ZIP_MAGIC):
        return "xlsx"
    if head == _OLE2_MAGIC:
        raise _office_container_problem(path)
    if head.startswith(b"%PDF"):
        raise _not_a_spreadsheet(path)
    return "csv"


def _not_a_spreadsheet(path: Path) -> ImportProblem:
    return ImportProblem(
        f"{path.name} is geen spreadsheet. Kies een Excel-bestand (.xlsx) of een "
        "CSV-bestand (.csv)."
    )


def _office_container_problem(path: Path) -> ImportProblem:
    """Encrypted .xlsx files and old .xls files are both OLE2 containers, not zips."""
    try:
        with olefile.OleFileIO(str(path)) as container:
            encrypted = container.exists("EncryptionInfo") or container.exists("EncryptedPackage")
            old_excel = container.exists("Workbook") or container.exists("Book")
    except OSError as error:
        raise ImportProblem(f"{path.name} is beschadigd en kan niet gelezen worden.") from error
    if encrypted:
        return ImportProblem(
            f"{path.name} is beveiligd met een wachtwoord. Open het in Excel, haal het "
            "wachtwoord weg (Bestand → Info → Werkmap beveiligen) en sla het opnieuw op."
        )
    if old_excel:
        return ImportProblem(
            f"{path.name} is een oud Excel-bestand (.xls). Open het in Excel en sla het op "
            "als Excel-werkmap (.xlsx) of als CSV."
        )
    return _not_a_spreadsheet(path)


# --- xlsx ----------------------------------------------------------------------------
def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportProblem(f"{path.name} is beschadigd en kan niet gelezen worden.") from error
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        raise ImportProblem(
            f"{path.name} is een binaire Excel-werkmap (.xlsb). Sla het in Excel op als "
            "Excel-werkmap (.xlsx)."
        )
    if "content.xml" in names:
        raise ImportProblem(
            f"{path.name} is een OpenDocument-bestand. Sla het op als Excel-werkmap (.xlsx) "
            "of als CSV."
        )
    raise _not_a_spreadsheet(path)


def _openpyxl_failures() -> tuple[type[BaseException], ...]:
    from openpyxl.utils.exceptions import InvalidFileException

    return (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        TypeError,
        ParseError,
        OSError,
        EOFError,
    )


def _open_workbook(path: Path, *, data_only: bool) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except _openpyxl_failures() as error:
        raise ImportProblem(
            f"{path.name} is geen leesbare Excel-werkmap (beschadigd?). Open het in Excel en "
            "sla het opnieuw op."
        ) from error


def _read_xlsx(
    path: Path, sheet: str | None, progress: Progress, score: Callable[[list[Row]], int] | None
) -> SheetRows:
    _check_zip(path)
    workbook = _open_workbook(path, data_only=False)
    try:
        names = [worksheet.title for worksheet in workbook.worksheets]
        if not names:
            raise ImportProblem(f"{path.name} heeft geen werkbladen.")
        if sheet is None:
            chosen = _best_sheet(workbook, names, score)
        elif sheet in names:
            chosen = sheet
        else:
            raise ImportProblem(
                f"Het blad '{sheet}' bestaat niet in {path.name}; de bladen zijn: "
                + ", ".join(names)
                + "."
            )
        rows, formulas = _worksheet_rows(workbook[chosen], progress)
    except _openpyxl_failures() as error:
        raise ImportProblem(
            f"{path.name} is beschadigd en kan niet gelezen worden ({type(error).__name__})."
        ) from error
    finally:
        workbook.close()
    if formulas:
        _fill_in_formula_results(path, chosen, rows, formulas)
    return SheetRows(path=path, kind="xlsx", sheet_names=names, sheet=chosen, rows=rows)


def _best_sheet(workbook: Any, names: list[str], score: Callable[[list[Row]], int] | None) -> str:
    if score is None or len(names) == 1:
        return str(workbook.active.title if workbook.active is not None else names[0])
    best, best_score = names[0], -1
    for name in names:
        first_rows: list[Row] = []
        for line, values in enumerate(workbook[name].iter_rows(values_only=True), start=1):
            cells = _cells(values)
            if cells:
                first_rows.append((line, cells))
            if len(first_rows) >= HEADER_SEARCH_ROWS:
                break
        found = score(first_rows)
        if found > best_score:
            best, best_score = name, found
    return best


def _cells(values: Iterable[Any]) -> list[Cell]:
    """The cells of a row without trailing empties; [] for an empty row."""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    cells: list[Cell] = []
    for value in values:
        if isinstance(value, ArrayFormula):
            cells.append(f"={value.text.lstrip('=')}" if value.text else None)
        elif isinstance(value, DataTableFormula):
            cells.append(Formula("TABLE()"))
        elif isinstance(value, str) and not value.strip():
            cells.append(None)
        else:
            cells.append(value)
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _worksheet_rows(worksheet: Any, progress: Progress) -> tuple[list[Row], set[tuple[int, int]]]:
    """The rows, and where formulas are (read without results: see _fill_in_formula_results)."""
    rows: list[Row] = []
    formulas: set[tuple[int, int]] = set()
    total = worksheet.max_row or 0
    for line, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        if line % 1000 == 0:
            progress.check()
            progress.report(line, max(total, line), "Het bestand lezen…")
        cells = _cells(values)
        if not cells:
            continue
        rows.append((line, cells))
        if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise too_many_rows()
        for column, value in enumerate(cells):
            if isinstance(value, str) and value.startswith("="):
                formulas.add((line, column))
    return rows, formulas


def _fill_in_formula_results(
    path: Path, sheet: str, rows: list[Row], formulas: set[tuple[int, int]]
) -> None:
    """Replace formulas by the results Excel stored with them; a formula without a stored
    result becomes a `Formula`, which the importer reports instead of guessing."""
    lines = {line for line, _column in formulas}
    by_line = {line: cells for line, cells in rows}
    workbook = _open_workbook(path, data_only=True)
    try:
        for line, values in enumerate(workbook[sheet].iter_rows(values_only=True), start=1):
            if line not in lines:
                continue
            results = list(values)
            cells = by_line[line]
            for column, formula in enumerate(cells):
                if (line, column) not in formulas:
                    continue
                result = results[column] if column < len(results) else None
                assert isinstance(formula, str)
                cells[column] = Formula(formula) if result is None else result
    finally:
        workbook.close()


# --- csv -----------------------------------------------------------------------------
def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # What Dutch Excel writes when it saves "CSV (gescheiden door lijstscheidingsteken)".
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _looks_binary(text: str) -> bool:
    sample = text[:65_536]
    if "\x00" in sample:
        return True
    controls = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\r\n"
    )
    return controls > len(sample) / 100


def _delimiter(text: str) -> str:
    """The separator that splits the first lines into the most rows of one width."""
    sample = text[:65_536].splitlines()[:50]
    best, best_score = ",", (0, 0)
    for candidate in (";", ",", "\t", "|"):
        try:
            widths = [len(cells) for cells in csv.reader(sample, delimiter=candidate)]
        except csv.Error:
            continue
        counts = Counter(width for width in widths if width > 1)
        if not counts:
            continue
        width, count = counts.most_common(1)[0]
        if (count, width) > best_score:
            best, best_score = candidate, (count, width)
    return best


def _csv_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for record in reader:
        yield start, record
        start = reader.line_num + 1


def _read_csv(path: Path, progress: Progress) -> SheetRows:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise too_many_rows()
    text, encoding = _decode(path.read_bytes())
    if _looks_binary(text):
        raise _not_a_spreadsheet(path)
    delimiter = _delimiter(text)
    rows: list[Row] = []
    try:
        for count, (line, record) in enumerate(_csv_records(text, delimiter)):
            if count % 1000 == 0:
                progress.check()
            cells = _cells(record)
            if not cells:
                continue
            rows.append((line, cells))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise too_many_rows()
    except csv.Error as error:
        raise ImportProblem(
            f"{path.name} is geen leesbaar CSV-bestand ({error}). Sla het opnieuw op vanuit Excel."
        ) from error
    return SheetRows(
        path=path,
        kind="csv",
        sheet_names=[],
        sheet="",
        rows=rows,
        encoding=encoding,
        delimiter=delimiter,
    )
