"""Everything the database holds about one person (the right of access), and the JSON
form of it (the right to portability).

Every table with a column that refers to a person is read (found from the model, so a
table added later is included without a change here), plus the audit trail's entries
about them. Rows are given as stored. Other people appear by number only, never by name:
their data is not this person's to receive. The PDF also spells out what the numbers of
tables, sessions and cohorts stand for.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel, col

from verbindtafel_desktop.domain.models import (
    Activity,
    Cohort,
    Institution,
    Location,
    MixedSession,
    MixedTable,
    Person,
    Session,
    Table,
)
from verbindtafel_desktop.exports.scope import require
from verbindtafel_desktop.persistence.audit_log import person_columns
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.audit import AuditService
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.organisation import OrganisationService

TITLE = "Inzage in persoonsgegevens"
FORMAT_NAME = "verbindtafel-inzage"
FORMAT_VERSION = 1

# Dutch titles of the tables, in the order the PDF shows them.
TABLE_TITLES = {
    "people": "Persoonsgegevens",
    "consents": "Toestemming",
    "referrals": "Hoe binnengekomen",
    "memberships": "Deelnames aan tafels",
    "attendance": "Aanwezigheid",
    "invitations": "Uitnodigingen",
    "recruitment_leads": "Wervingslijsten",
    "seatings": "Tafelindelingen van mixmomenten",
    "mixing_rules": "Mixregels",
    "follow_ups": "Nabellen",
    "measurements": "Metingen (vragenlijsten)",
    "lasting_contacts": "Blijvende contacten",
    "activity_participations": "Deelname aan activiteiten",
    "activities": "Gestarte activiteiten",
    "audit_entries": "Logboek: handelingen met deze gegevens",
}


@dataclass(frozen=True)
class PersonData:
    person_id: int
    created: dt.datetime
    organisation: str
    tables: dict[str, list[dict[str, Any]]]  # table -> rows as stored (column -> value)
    # What referenced records are: ("tables", 3) -> "Tafel Zon – Lichting maart 2026".
    references: dict[tuple[str, int], str]

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def _about(table: Any, columns: tuple[str, ...], person_id: int) -> Any:
    return sa.or_(*(table.c[name] == person_id for name in columns))


def _rows(connection: Any, table_name: str, columns: tuple[str, ...], person_id: int) -> list[Any]:
    table = SQLModel.metadata.tables[table_name]
    primary = list(table.primary_key.columns)
    statement = sa.select(table).where(_about(table, columns, person_id)).order_by(*primary)
    return [dict(row._mapping) for row in connection.execute(statement)]


def _audit_rows(db: Database, person_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": entry.id,
            "at": entry.at,
            "actor": entry.actor,
            "action": entry.action.value,
            "record_type": entry.record_type,
            "record_ids": entry.record_ids,
            "people": entry.people,
            "detail": entry.detail,
        }
        for entry in reversed(AuditService(db).about_person(person_id))
    ]


def _describe(connection: Any, table: str, ids: set[int]) -> dict[int, str]:
    """Short Dutch descriptions of referenced records (no other people's names)."""
    wanted = sorted(ids)
    if table == "tables":
        statement = (
            sa.select(col(Table.id), col(Table.name) + " – " + col(Cohort.name))
            .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
            .where(col(Table.id).in_(wanted))
        )
    elif table == "sessions":
        statement = (
            sa.select(
                col(Session.id),
                "sessie "
                + sa.cast(col(Session.number), sa.String)
                + " van "
                + col(Table.name)
                + sa.func.coalesce(" op " + sa.func.strftime("%d-%m-%Y", col(Session.date)), ""),
            )
            .join(Table, col(Table.id) == col(Session.table_id))
            .where(col(Session.id).in_(wanted))
        )
    elif table == "cohorts":
        statement = (
            sa.select(col(Cohort.id), col(Cohort.name) + " (" + col(Location.name) + ")")
            .join(Location, col(Location.id) == col(Cohort.location_id))
            .where(col(Cohort.id).in_(wanted))
        )
    elif table == "mixed_sessions":
        statement = sa.select(
            col(MixedSession.id),
            "mixmoment van " + sa.func.strftime("%d-%m-%Y", col(MixedSession.date)),
        ).where(col(MixedSession.id).in_(wanted))
    elif table == "mixed_tables":
        statement = sa.select(
            col(MixedTable.id), "mixtafel " + sa.cast(col(MixedTable.number), sa.String)
        ).where(col(MixedTable.id).in_(wanted))
    elif table == "institutions":
        statement = sa.select(col(Institution.id), col(Institution.name)).where(
            col(Institution.id).in_(wanted)
        )
    elif table == "activities":
        statement = sa.select(col(Activity.id), col(Activity.name)).where(
            col(Activity.id).in_(wanted)
        )
    else:
        return {}
    return {int(row[0]): str(row[1]) for row in connection.execute(statement)}


def _references(connection: Any, tables: dict[str, list[dict[str, Any]]]) -> dict[Any, str]:
    wanted: dict[str, set[int]] = {}
    for table_name, rows in tables.items():
        table = SQLModel.metadata.tables.get(table_name)
        if table is None:
            continue
        for column in table.columns:
            for key in column.foreign_keys:
                target = key.column.table.name
                if target == "people":
                    continue
                wanted.setdefault(target, set()).update(
                    row[column.name] for row in rows if row[column.name] is not None
                )
    found: dict[Any, str] = {}
    for target, ids in wanted.items():
        for record_id, text in _describe(connection, target, ids).items():
            found[(target, record_id)] = text
    return found


def collect_person_data(db: Database, person_id: int) -> PersonData:
    tables: dict[str, list[dict[str, Any]]] = {}
    with db.engine.connect() as connection:
        require(connection, Person, person_id)
        for table_name, columns in person_columns().items():
            rows = _rows(connection, table_name, columns, person_id)
            if rows:
                tables[table_name] = rows
        references = _references(connection, tables)
    audit = _audit_rows(db, person_id)
    if audit:
        tables["audit_entries"] = audit
    return PersonData(
        person_id=person_id,
        created=dt.datetime.now(dt.UTC),
        organisation=OrganisationService(db).get().shown_name,
        tables=tables,
        references=references,
    )


def count_person_data(db: Database, person_id: int) -> dict[str, int]:
    """Per table, how many rows `collect_person_data` would gather, counted in SQL rather
    than read and described: for the summary shown before anyone asks for the export."""
    counts: dict[str, int] = {}
    with db.engine.connect() as connection:
        require(connection, Person, person_id)
        for table_name, columns in person_columns().items():
            table = SQLModel.metadata.tables[table_name]
            found = connection.execute(
                sa.select(sa.func.count())
                .select_from(table)
                .where(_about(table, columns, person_id))
            ).scalar_one()
            if found:
                counts[table_name] = int(found)
    audit = len(AuditService(db).list_ids(ListQuery(filters={"person_id": person_id})))
    if audit:
        counts["audit_entries"] = audit
    return counts


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def write_json(data: PersonData, target: Path) -> None:
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": TITLE,
        "organisation": data.organisation,
        "created": data.created.isoformat(),
        "person_id": data.person_id,
        "table_titles": {name: TABLE_TITLES.get(name, name) for name in data.tables},
        "tables": {
            name: [{key: _json_value(value) for key, value in row.items()} for row in rows]
            for name, rows in data.tables.items()
        },
        "references": {
            f"{table}/{record_id}": text for (table, record_id), text in data.references.items()
        },
    }
    with target.open("w", encoding="utf-8") as file:
        json.dump(document, file, ensure_ascii=False, indent=2)
        file.write("\n")
