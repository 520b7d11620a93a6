"""A spreadsheet row as the values of a person, read the way Dutch staff type them.

The result goes through the same `validate` as the person form, so an imported person
obeys every rule a typed one does. What only a spreadsheet can get wrong (a date that is
no date, a formula without a result, an Excel error value) is caught here.
"""

import datetime as dt
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from verbindtafel_desktop.domain.dutch_formats import (
    format_date,
    format_time,
    parse_date_value,
    phone_from_number,
)
from verbindtafel_desktop.domain.enums import Gender
from verbindtafel_desktop.domain.names import split_full_name, split_infix
from verbindtafel_desktop.domain.rotterdam import all_neighbourhoods
from verbindtafel_desktop.importing.sources import Cell, Formula

EXCEL_ERRORS = frozenset(
    {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"}
)

_GENDERS = {
    "v": Gender.FEMALE, "vrouw": Gender.FEMALE, "vr": Gender.FEMALE, "f": Gender.FEMALE,
    "female": Gender.FEMALE, "vrouwelijk": Gender.FEMALE,
    "m": Gender.MALE, "man": Gender.MALE, "male": Gender.MALE, "mannelijk": Gender.MALE,
    "x": Gender.OTHER, "anders": Gender.OTHER, "other": Gender.OTHER, "o": Gender.OTHER,
    "non-binair": Gender.OTHER, "nonbinair": Gender.OTHER,
}  # fmt: skip

# What people write when they do not know or will not say.
_UNKNOWN = {"onbekend", "-", "?", "nvt", "n.v.t", "zeg ik liever niet", "unknown"}

_NEIGHBOURHOODS = {name.casefold(): name for name in all_neighbourhoods()}

_TEXT_FIELDS = ("first_name", "infix", "last_name", "email", "address", "postcode")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """Text without control characters; one line unless `multiline`."""
    kept = "".join(
        char if unicodedata.category(char) != "Cc" or (multiline and char == "\n") else " "
        for char in text.replace("\r\n", "\n")
    )
    if multiline:
        return "\n".join(" ".join(line.split()) for line in kept.split("\n")).strip()
    return " ".join(kept.split())


def cell_text(cell: Cell, *, multiline: bool = False) -> str:
    """A cell as text, the way Excel shows it (dates as dd-mm-jjjj, 12.0 as 12)."""
    if cell is None:
        return ""
    if isinstance(cell, Formula):
        return clean_text(cell.text)
    if isinstance(cell, bool):
        return "ja" if cell else "nee"
    if isinstance(cell, float):
        if math.isfinite(cell) and cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return str(cell)
    if isinstance(cell, dt.datetime | dt.date):
        return format_date(cell)
    if isinstance(cell, dt.time):
        return format_time(cell)
    return clean_text(str(cell), multiline=multiline)


def _cell_problem(cell: Cell) -> str | None:
    if isinstance(cell, Formula):
        return (
            f"formule zonder uitkomst ({clean_text(cell.text)[:40]}); open het bestand in "
            "Excel, sla het op en probeer het opnieuw"
        )
    if isinstance(cell, str) and cell.strip() in EXCEL_ERRORS:
        return f"Excel-foutwaarde {cell.strip()} in plaats van een waarde"
    return None


@dataclass
class ParsedRow:
    """What a row says about a person, before the person rules are checked."""

    values: dict[str, Any] = field(default_factory=dict)  # for PeopleService.validate
    shown: dict[str, str] = field(default_factory=dict)  # the text per field, for people
    errors: dict[str, str] = field(default_factory=dict)  # field -> what is wrong


def _date(parsed: ParsedRow, key: str, cells: Sequence[Cell]) -> None:
    cell = next((each for each in cells if each is not None), None)
    parsed.values[key] = None
    if cell is None:
        return
    parsed.shown[key] = cell_text(cell)
    try:
        parsed.values[key] = parse_date_value(cell_text(cell) if isinstance(cell, str) else cell)
    except ValueError as error:
        parsed.errors[key] = str(error)


def _gender(parsed: ParsedRow, cells: Sequence[Cell]) -> None:
    text = " ".join(cell_text(cell) for cell in cells).strip()
    parsed.values["gender"] = None
    if not text:
        return
    parsed.shown["gender"] = text
    if text.casefold().rstrip(".") in _UNKNOWN:
        return
    gender = _GENDERS.get(text.casefold().rstrip("."))
    if gender is None:
        parsed.errors["gender"] = f"Onbekend geslacht '{text}'; gebruik man, vrouw of anders."
    parsed.values["gender"] = gender


def _phones(cells: Sequence[Cell]) -> list[str]:
    phones: list[str] = []
    for cell in cells:
        if isinstance(cell, int) and not isinstance(cell, bool):
            text = phone_from_number(cell)
        elif isinstance(cell, float) and math.isfinite(cell) and cell.is_integer():
            text = phone_from_number(int(cell))
        else:
            text = cell_text(cell)
        if text and text not in phones:
            phones.append(text)
    return phones


def _house_number(cells: Sequence[Cell]) -> str:
    number = ""
    for part in (cell_text(cell) for cell in cells):
        if not part:
            continue
        # '12' + 'a' -> '12a'; '12' + 'bis' -> '12 bis'
        glue = "" if len(part) == 1 and part.isalpha() and number else " "
        number = f"{number}{glue}{part}" if number else part
    return number


def parse_row(cells: Sequence[Cell], mapping: Mapping[int, str]) -> ParsedRow:
    """The person values in `cells`, by the column mapping (column -> field key)."""
    by_field: dict[str, list[Cell]] = {}
    for column, key in sorted(mapping.items()):
        by_field.setdefault(key, []).append(cells[column] if column < len(cells) else None)
    parsed = ParsedRow()
    for key, field_cells in by_field.items():
        problem = next(filter(None, map(_cell_problem, field_cells)), None)
        if problem is not None:
            parsed.errors[key] = problem[0].upper() + problem[1:] + "."
            by_field[key] = [None]
    text = {key: cell_text(by_field[key][0]) if key in by_field else "" for key in _TEXT_FIELDS}
    full_name = cell_text(by_field["full_name"][0]) if "full_name" in by_field else ""
    if full_name and not text["first_name"]:
        first, infix, last = split_full_name(full_name)
        text["first_name"] = first
        text["infix"] = text["infix"] or infix
        text["last_name"] = text["last_name"] or last
    elif full_name and not text["last_name"]:
        # 'Voornaam' next to 'Naam': the name column holds the whole name or the surname.
        first, infix, last = split_full_name(full_name)
        if first.casefold() == text["first_name"].casefold() and last:
            text["infix"], text["last_name"] = text["infix"] or infix, last
        else:
            text["last_name"] = full_name
    if text["last_name"] and not text["infix"]:
        text["infix"], text["last_name"] = split_infix(text["last_name"])
    house_number = _house_number(by_field.get("house_number", []))
    text["address"] = " ".join(part for part in (text["address"], house_number) if part)
    neighbourhood = cell_text(by_field["neighbourhood"][0]) if "neighbourhood" in by_field else ""
    text["neighbourhood"] = _NEIGHBOURHOODS.get(neighbourhood.casefold(), neighbourhood)
    phones = _phones(by_field.get("phone", []))
    text["phone"] = phones[0] if phones else ""
    notes = [cell_text(cell, multiline=True) for cell in by_field.get("notes", [])]
    notes += [f"Ook telefoon: {other}" for other in phones[1:]]
    text["notes"] = "\n".join(note for note in notes if note)
    parsed.values.update(text)
    parsed.shown.update({key: value for key, value in text.items() if value})
    _date(parsed, "date_of_birth", by_field.get("date_of_birth", []))
    _date(parsed, "consent_date", by_field.get("consent_date", []))
    _gender(parsed, by_field.get("gender", []))
    return parsed


def is_empty(cells: Sequence[Cell], mapping: Mapping[int, str]) -> bool:
    """Whether none of the imported columns has anything in this row."""
    return all(column >= len(cells) or cell_text(cells[column]) == "" for column in mapping)
