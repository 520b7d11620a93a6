"""The preview: every row of the file with what will happen to it, before anything is written.

A row is new, probably someone already in the database (the user chooses: skip, merge or
add anyway), a second mention of someone earlier in the file, or invalid (with what is
wrong per field). Building it needs the people already stored (an `IdentityIndex`) and
the person rules (`validate`), both handed in, so it runs without a database in tests.
"""

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from verbindtafel_desktop.domain.enums import MembershipRole
from verbindtafel_desktop.domain.names import full_name
from verbindtafel_desktop.importing.columns import ColumnMapping, SheetLayout, mapping_problem
from verbindtafel_desktop.importing.errors import ImportProblem
from verbindtafel_desktop.importing.fields import BY_KEY
from verbindtafel_desktop.importing.matching import Identity, IdentityIndex
from verbindtafel_desktop.importing.sources import MAX_ROWS, Cell, too_many_rows
from verbindtafel_desktop.importing.values import is_empty, parse_row
from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.people import PERSON_FIELDS
from verbindtafel_desktop.services.progress import NO_PROGRESS, Progress

Validate = Callable[[Mapping[str, Any]], dict[str, Any]]


class RowStatus(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"  # probably someone in the database
    FILE_DUPLICATE = "file_duplicate"  # probably someone on an earlier row
    INVALID = "invalid"


class Choice(StrEnum):
    ADD = "add"
    SKIP = "skip"
    MERGE = "merge"


STATUS_LABELS = {
    RowStatus.NEW: "nieuw",
    RowStatus.DUPLICATE: "bestaat waarschijnlijk al",
    RowStatus.FILE_DUPLICATE: "dubbel in het bestand",
    RowStatus.INVALID: "ongeldig",
}
CHOICE_LABELS = {Choice.ADD: "toevoegen", Choice.SKIP: "overslaan", Choice.MERGE: "samenvoegen"}

_OPTIONS = {
    RowStatus.NEW: (Choice.ADD, Choice.SKIP),
    RowStatus.DUPLICATE: (Choice.SKIP, Choice.MERGE, Choice.ADD),
    RowStatus.FILE_DUPLICATE: (Choice.SKIP, Choice.ADD),
    RowStatus.INVALID: (Choice.SKIP,),
}


@dataclass(frozen=True)
class Assignment:
    """Seat every imported person at one table, or spread them over a cohort's tables."""

    table_id: int | None = None
    cohort_id: int | None = None
    role: MembershipRole = MembershipRole.PARTICIPANT


@dataclass
class PreviewRow:
    line: int
    cells: list[Cell]
    shown: dict[str, str]  # the text per field, as read
    values: dict[str, Any] | None  # what will be stored; None when invalid
    errors: dict[str, str]  # field -> what is wrong
    status: RowStatus
    choice: Choice
    match_id: int | None = None  # the person in the database this probably is
    match_name: str = ""
    match_line: int | None = None  # the earlier row this probably is
    match_reason: str = ""
    table_id: int | None = None  # where the assignment seats this person
    seat_problem: str = ""  # why the assignment cannot seat this person

    @property
    def options(self) -> tuple[Choice, ...]:
        return _OPTIONS[self.status]

    @property
    def imported(self) -> bool:
        return self.choice in (Choice.ADD, Choice.MERGE)

    @property
    def name(self) -> str:
        shown = self.shown
        return full_name(
            shown.get("first_name", ""), shown.get("infix", ""), shown.get("last_name", "")
        )

    def problems(self) -> str:
        """What is wrong, field by field: 'Geboortedatum: Deze datum bestaat niet.'"""
        return " ".join(f"{BY_KEY[key].label}: {message}" for key, message in self.errors.items())

    def reason(self) -> str:
        """Why the row is skipped (or what it matched), in a sentence for the report."""
        match self.status:
            case RowStatus.INVALID:
                return self.problems()
            case RowStatus.DUPLICATE:
                return f"Bestaat waarschijnlijk al als {self.match_name} ({self.match_reason})."
            case RowStatus.FILE_DUPLICATE:
                return f"Staat al op regel {self.match_line} ({self.match_reason})."
            case _:
                return "Overgeslagen op verzoek." if self.choice == Choice.SKIP else ""


@dataclass
class Preview:
    path: Path
    sheet: str
    header_line: int
    headers: list[str]
    mapping: ColumnMapping
    rows: list[PreviewRow]
    existing: dict[int, dict[str, Any]] = field(default_factory=dict)  # matched people
    assignment: Assignment | None = None

    def counts(self) -> Counter[RowStatus]:
        return Counter(row.status for row in self.rows)

    def choices(self) -> Counter[Choice]:
        return Counter(row.choice for row in self.rows)

    def set_choice(self, row: PreviewRow, choice: Choice) -> None:
        if choice not in row.options:
            raise ValueError(f"Regel {row.line}: '{CHOICE_LABELS[choice]}' kan hier niet.")
        row.choice = choice

    def set_choice_for(self, status: RowStatus, choice: Choice) -> int:
        """Choose for every row of a status; returns how many rows changed."""
        changed = 0
        for row in self.rows:
            if row.status == status and row.choice != choice:
                self.set_choice(row, choice)
                changed += 1
        return changed

    def row_at_line(self, line: int) -> PreviewRow | None:
        return next((row for row in self.rows if row.line == line), None)

    def summary(self) -> list[str]:
        """The counts per status, as the CLI prints them and the wizard shows them."""
        counts = self.counts()
        choices = self.choices()
        lines = [f"{STATUS_LABELS[status]}: {counts[status]}" for status in RowStatus]
        lines.append(
            f"te importeren: {choices[Choice.ADD]} nieuw, {choices[Choice.MERGE]} samenvoegen, "
            f"{choices[Choice.SKIP]} overslaan"
        )
        if self.assignment is not None:
            unseated = sum(1 for row in self.rows if row.imported and row.seat_problem)
            lines.append(f"niet in te delen: {unseated}")
        return lines


def merged(existing: Mapping[str, Any], incoming: Mapping[str, Any]) -> dict[str, Any]:
    """An existing person's values with what the file adds: empty fields filled in, notes
    added below the existing notes. Nothing that is filled in is overwritten."""
    result = {key: existing.get(key) for key in PERSON_FIELDS}
    for key in PERSON_FIELDS:
        new = incoming.get(key)
        if new in (None, ""):
            continue
        if key == "notes":
            old = str(result.get("notes") or "")
            if str(new) not in old:
                result["notes"] = f"{old}\n{new}" if old else new
        elif result.get(key) in (None, ""):
            result[key] = new
    return result


def build_preview(
    layout: SheetLayout,
    known: IdentityIndex[int],
    validate: Validate,
    progress: Progress = NO_PROGRESS,
) -> Preview:
    """Every data row of the layout with its status; duplicates are skipped unless the
    user chooses otherwise, so importing the same file twice adds no one twice."""
    problem = mapping_problem(layout.mapping)
    if problem:
        raise ImportProblem(problem)
    data = layout.data_rows()
    if len(data) > MAX_ROWS:
        raise too_many_rows()
    in_file: IdentityIndex[int] = IdentityIndex()
    rows: list[PreviewRow] = []
    total = len(data)
    for number, (line, cells) in enumerate(data):
        if number % 500 == 0:
            progress.check()
            progress.report(number, total, "Regels controleren…")
        if is_empty(cells, layout.mapping):
            continue
        rows.append(_preview_row(line, cells, layout.mapping, known, in_file, validate))
    if not rows:
        raise ImportProblem(
            "Onder de kolomkoppen staan geen gegevens in de gekozen kolommen; er is niets "
            "te importeren."
        )
    progress.report(total, total, "Regels controleren…")
    return Preview(
        path=layout.sheet.path,
        sheet=layout.sheet.sheet,
        header_line=layout.header_line,
        headers=layout.headers,
        mapping=dict(layout.mapping),
        rows=rows,
    )


def _preview_row(
    line: int,
    cells: list[Cell],
    mapping: ColumnMapping,
    known: IdentityIndex[int],
    in_file: IdentityIndex[int],
    validate: Validate,
) -> PreviewRow:
    parsed = parse_row(cells, mapping)
    errors = dict(parsed.errors)
    values: dict[str, Any] | None = None
    candidate = {key: value for key, value in parsed.values.items() if key not in errors}
    try:
        values = validate(candidate)
    except ValidationFailed as failed:
        for key, message in failed.errors.items():
            errors.setdefault(key, message)
    if errors:
        return PreviewRow(line, cells, parsed.shown, None, errors, RowStatus.INVALID, Choice.SKIP)
    assert values is not None
    identity = Identity.of(values)
    found = known.find(identity)
    if found is not None:
        person_id, reason = found
        return PreviewRow(
            line, cells, parsed.shown, values, {}, RowStatus.DUPLICATE, Choice.SKIP,
            match_id=person_id, match_reason=reason,
        )  # fmt: skip
    earlier = in_file.find(identity)
    if earlier is not None:
        earlier_line, reason = earlier
        return PreviewRow(
            line, cells, parsed.shown, values, {}, RowStatus.FILE_DUPLICATE, Choice.SKIP,
            match_line=earlier_line, match_reason=reason,
        )  # fmt: skip
    in_file.add(line, identity)
    return PreviewRow(line, cells, parsed.shown, values, {}, RowStatus.NEW, Choice.ADD)
