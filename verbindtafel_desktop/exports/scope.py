"""What an export covers (its scope), what it produced, and why it can refuse."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.models import (
    CardDeck,
    Cohort,
    Location,
    MixedSession,
    Person,
    Session,
    Table,
)
from verbindtafel_desktop.services.errors import NotFound, ServiceError
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.sql_names import full_name_sql


class NothingToExport(ServiceError):
    """The chosen scope exists but holds nothing to put in the file."""


class WrongFormat(ServiceError):
    """The file name asks for a format this export does not offer."""


@dataclass(frozen=True)
class ExportScope:
    """The records an export covers; each export says which of these it reads."""

    cohort_id: int | None = None
    table_id: int | None = None
    session_id: int | None = None
    mixed_session_id: int | None = None
    person_id: int | None = None
    deck_id: int | None = None
    # The participant list: the list as filtered and sorted on screen, and its columns.
    list_query: ListQuery | None = None
    columns: tuple[str, ...] = ()
    # The period report: a period, optionally one location (or cohort) and a funder.
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    location_id: int | None = None
    funder_id: int | None = None
    relay_picture: bytes | None = None  # PNG of the relay, drawn by the app (needs Qt)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str
    count: int
    unit: str  # "pagina's", "regels"
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        unit = {"pagina's": "pagina", "regels": "regel", "werkbladen": "werkblad"}.get(
            self.unit, self.unit
        )
        return f"{self.count} {unit if self.count == 1 else self.unit}"


_NOUNS: dict[type, str] = {
    Cohort: "Lichting",
    Table: "Tafel",
    Session: "Sessie",
    MixedSession: "Mixmoment",
    Person: "Persoon",
    CardDeck: "Kaartenset",
}


def require(connection: Any, model: type, record_id: int) -> None:
    """NotFound ('Tafel 99 bestaat niet.') unless the record exists."""
    found = connection.execute(
        sa.select(model.__table__.c.id).where(model.__table__.c.id == record_id)  # type: ignore[attr-defined]
    ).first()
    if found is None:
        raise NotFound(f"{_NOUNS[model]} {record_id} bestaat niet.")


def cohort_label(connection: Any, cohort_id: int) -> str:
    require(connection, Cohort, cohort_id)
    name, location = connection.execute(
        sa.select(col(Cohort.name), col(Location.name))
        .join(Location, col(Location.id) == col(Cohort.location_id))
        .where(col(Cohort.id) == cohort_id)
    ).one()
    return f"{name} ({location})"


def table_label(connection: Any, table_id: int) -> str:
    require(connection, Table, table_id)
    name, cohort = connection.execute(
        sa.select(col(Table.name), col(Cohort.name))
        .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
        .where(col(Table.id) == table_id)
    ).one()
    return f"{name} – {cohort}"


def person_label(connection: Any, person_id: int) -> str:
    require(connection, Person, person_id)
    return str(
        connection.execute(sa.select(full_name_sql()).where(col(Person.id) == person_id)).scalar()
    )
