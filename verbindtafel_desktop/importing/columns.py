"""Which row holds the headers, which column holds what, and mappings saved for reuse.

A mapping is {column number: field key}; columns left out are not imported. A saved
mapping is a small JSON file keyed by header text, so it fits every file with the same
headers, in any column order.
"""

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.importing.errors import ImportProblem
from verbindtafel_desktop.importing.fields import BY_KEY, guess_field, header_key
from verbindtafel_desktop.importing.sources import (
    HEADER_SEARCH_ROWS,
    Cell,
    Formula,
    Row,
    SheetRows,
)
from verbindtafel_desktop.importing.values import cell_text

ColumnMapping = dict[int, str]

MAPPING_FORMAT = "verbindtafel-importkoppeling"


@dataclass
class SavedMapping:
    """Header (as header_key writes it) -> field key, or None for 'do not import'."""

    columns: dict[str, str | None] = field(default_factory=dict)

    def knows(self, header: str) -> bool:
        return header_key(header) in self.columns

    def field_for(self, header: str) -> str | None:
        return self.columns.get(header_key(header))


def cell_header(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Formula):
        return cell.text
    if isinstance(cell, dt.date):
        return format_date(cell)
    return " ".join(str(cell).split())


def column_title(headers: Sequence[str], column: int) -> str:
    """What the wizard and the report call a column: its header, or 'Kolom C'."""
    from openpyxl.utils import get_column_letter  # imported on first use (see sources.py)

    header = headers[column] if column < len(headers) else ""
    return header or f"Kolom {get_column_letter(column + 1)}"


def _recognised(cells: Sequence[Cell], saved: SavedMapping | None) -> int:
    found = 0
    for cell in cells:
        header = cell_header(cell)
        if saved is not None and saved.knows(header):
            found += saved.field_for(header) is not None
        elif isinstance(cell, str) and guess_field(header):
            found += 1
    return found


def score_rows(rows: Sequence[Row], saved: SavedMapping | None = None) -> int:
    """How well the best of the first rows reads as a header row (to pick a sheet)."""
    return max((_recognised(cells, saved) for _line, cells in rows[:HEADER_SEARCH_ROWS]), default=0)


def find_header(rows: Sequence[Row], saved: SavedMapping | None = None) -> int:
    """Index (into rows) of the header row: the first of the first rows that names the most
    known columns; title rows above it are skipped. 0 when no row names any."""
    best, best_found = 0, 0
    for index, (_line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = _recognised(cells, saved)
        if found > best_found:
            best, best_found = index, found
    return best


def guess_mapping(headers: Sequence[str], saved: SavedMapping | None = None) -> ColumnMapping:
    """Each column's field as the saved mapping or the header says; a field that takes
    one column goes to the first column that names it."""
    mapping: ColumnMapping = {}
    for column, header in enumerate(headers):
        if saved is not None and saved.knows(header):
            key = saved.field_for(header)
        else:
            key = guess_field(header)
        if key is None:
            continue
        if not BY_KEY[key].multiple and key in mapping.values():
            continue
        mapping[column] = key
    return mapping


def mapping_problem(mapping: Mapping[int, str]) -> str | None:
    """Why this mapping cannot import anyone, or None."""
    fields = set(mapping.values())
    if not fields & {"first_name", "full_name"}:
        if not fields:
            return (
                "Geen bekende kolommen gevonden. Het bestand moet kolomkoppen hebben zoals "
                "Voornaam, Achternaam, Geboortedatum, Telefoon of E-mail."
            )
        return "Geef aan welke kolom de voornaam (of de volledige naam) bevat."
    for key in fields:
        columns = [column for column, chosen in mapping.items() if chosen == key]
        if len(columns) > 1 and not BY_KEY[key].multiple:
            return (
                f"Er zijn {len(columns)} kolommen gekoppeld aan '{BY_KEY[key].label}'; kies er één."
            )
    return None


def save_mapping(path: Path, headers: Sequence[str], mapping: Mapping[int, str]) -> None:
    columns = {column_title(headers, column): mapping.get(column) for column in range(len(headers))}
    document = {"format": MAPPING_FORMAT, "version": 1, "columns": columns}
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


def load_mapping(path: Path) -> SavedMapping:
    """A mapping saved by save_mapping; ImportProblem for anything else."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ImportProblem(f"Het koppelingsbestand {path} kan niet gelezen worden.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportProblem(f"{path.name} is geen koppelingsbestand van Verbindtafel.") from error
    columns = document.get("columns") if isinstance(document, dict) else None
    if (
        not isinstance(document, dict)
        or document.get("format") != MAPPING_FORMAT
        or not isinstance(columns, dict)
    ):
        raise ImportProblem(f"{path.name} is geen koppelingsbestand van Verbindtafel.")
    saved = SavedMapping()
    for header, key in columns.items():
        if key is not None and key not in BY_KEY:
            raise ImportProblem(
                f"{path.name}: de kolom '{header}' is gekoppeld aan het onbekende veld '{key}'."
            )
        saved.columns[header_key(str(header))] = key
    return saved


@dataclass
class SheetLayout:
    """A read sheet with its header row and column mapping, as detected or corrected."""

    sheet: SheetRows
    header_index: int = 0  # into sheet.rows
    mapping: ColumnMapping = field(default_factory=dict)
    saved: SavedMapping | None = None
    width: int = 0  # columns with a header or data

    @classmethod
    def detect(cls, sheet: SheetRows, saved: SavedMapping | None = None) -> "SheetLayout":
        if not sheet.rows:
            raise ImportProblem(f"{sheet.path.name} bevat geen gegevens.")
        layout = cls(sheet=sheet, saved=saved)
        layout.width = max(len(cells) for _line, cells in sheet.rows)
        layout.use_header_row(find_header(sheet.rows, saved))
        return layout

    def use_header_row(self, index: int) -> None:
        """Take rows[index] as the headers (rows above it are titles) and map anew."""
        if not 0 <= index < len(self.sheet.rows):
            raise ImportProblem("Die regel bestaat niet in het bestand.")
        self.header_index = index
        self.mapping = guess_mapping(self.headers, self.saved)

    @property
    def header_line(self) -> int:
        return self.sheet.rows[self.header_index][0]

    @property
    def headers(self) -> list[str]:
        cells = self.sheet.rows[self.header_index][1]
        return [
            cell_header(cells[column]) if column < len(cells) else ""
            for column in range(self.width)
        ]

    def data_rows(self) -> list[Row]:
        return self.sheet.rows[self.header_index + 1 :]

    def samples(self, column: int, count: int = 3) -> list[str]:
        """The first values in a column, to show what it holds."""
        found: list[str] = []
        for _line, cells in self.data_rows():
            text = cell_text(cells[column]) if column < len(cells) else ""
            if text:
                found.append(text)
                if len(found) == count:
                    break
        return found

    def problem(self) -> str | None:
        return mapping_problem(self.mapping)
