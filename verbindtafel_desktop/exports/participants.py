"""The participant list as a workbook: the people list as filtered and sorted on screen.

It asks PeopleService for the ids and rows exactly as the People page does, so the file
holds what the user saw. Columns are the page's columns; `scope.columns` picks a subset.
"""

import datetime as dt
from pathlib import Path
from typing import Any

from verbindtafel_desktop.domain.enums import MembershipRole, MembershipStatus, ReferralRoute
from verbindtafel_desktop.exports.scope import (
    ExportResult,
    ExportScope,
    NothingToExport,
    WrongFormat,
    cohort_label,
    table_label,
)
from verbindtafel_desktop.exports.wording import word
from verbindtafel_desktop.exports.xlsx import SheetColumn, SheetWriter, new_workbook
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.persistence.in_lists import chunks
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.people import PeopleService
from verbindtafel_desktop.services.progress import Progress

TITLE = "Deelnemerslijst"

# The People page's columns, in its order: key in PeopleService.rows -> column.
COLUMNS: dict[str, SheetColumn] = {
    "name": SheetColumn("Naam"),
    "date_of_birth": SheetColumn("Geboren", "date"),
    "phone": SheetColumn("Telefoon"),
    "email": SheetColumn("E-mail"),
    "neighbourhood": SheetColumn("Wijk"),
    "route": SheetColumn("Binnengekomen"),
    "referrer": SheetColumn("Via"),
    "tables": SheetColumn("Tafels"),
}


def list_query(scope: ExportScope) -> ListQuery:
    """The on-screen query, or one built from the cohort and table of the scope."""
    if scope.list_query is not None:
        return scope.list_query
    filters = {
        key: value
        for key, value in (("cohort_id", scope.cohort_id), ("table_id", scope.table_id))
        if value
    }
    return ListQuery(filters=filters)


def describe(db: Database, query: ListQuery) -> str:
    parts: list[str] = []
    with db.engine.connect() as connection:
        if cohort_id := query.filters.get("cohort_id"):
            parts.append(f"lichting {cohort_label(connection, cohort_id)}")
        if table_id := query.filters.get("table_id"):
            parts.append(f"tafel {table_label(connection, table_id)}")
    if status := query.filters.get("status"):
        parts.append(f"status {word(MembershipStatus, status)}")
    if role := query.filters.get("role"):
        parts.append(f"rol {word(MembershipRole, role)}")
    if query.search.strip():
        parts.append(f"zoekterm '{query.search.strip()}'")
    if query.include_archived:
        parts.append("met gearchiveerde personen")
    return "Personen: " + (", ".join(parts) if parts else "iedereen")


def chosen_columns(scope: ExportScope) -> list[str]:
    unknown = [key for key in scope.columns if key not in COLUMNS]
    if unknown:
        raise WrongFormat(
            f"Onbekende kolom(men): {', '.join(unknown)}. Kies uit: {', '.join(COLUMNS)}."
        )
    return list(scope.columns) or list(COLUMNS)


def cell_value(key: str, row: dict[str, Any]) -> Any:
    value = row.get(key)
    if key == "route":
        return word(ReferralRoute, value)
    return value


def write_participants(
    db: Database, scope: ExportScope, target: Path, _format: str, progress: Progress
) -> ExportResult:
    people = PeopleService(db)
    query = list_query(scope)
    keys = chosen_columns(scope)
    description = describe(db, query)
    ids = people.list_ids(query)
    if not ids:
        raise NothingToExport("Er zijn geen personen die aan deze selectie voldoen.")
    rows: list[list[Any]] = []
    for chunk in chunks(ids):
        progress.check()
        found = people.rows(chunk)
        rows.extend([cell_value(key, found[person_id]) for key in keys] for person_id in chunk)
        progress.report(len(rows), len(ids), "Personen ophalen…")
    created = dt.datetime.now(dt.UTC)
    organisation = OrganisationService(db).get().shown_name
    with new_workbook(
        title=TITLE, scope=description, creator=organisation, created=created
    ) as workbook:
        sheet = SheetWriter(
            workbook,
            "Deelnemers",
            [COLUMNS[key] for key in keys],
            heading=f"{TITLE} — {organisation}",
            scope=description,
            created=created,
            sample=rows,
            frozen_columns=1,
        )
        sheet.write_rows(rows, progress, len(rows), "Regels schrijven…")
        sheet.finish()
        progress.check()
        workbook.save(target)
    return ExportResult(target, "participants", len(rows), "regels")
