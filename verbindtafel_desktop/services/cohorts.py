"""Cohorts (lichtingen): one run of the programme at a location in a period."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.enums import MembershipRole
from verbindtafel_desktop.domain.models import Cohort, Location, Membership, Table
from verbindtafel_desktop.services.entity import Checks, EntityService
from verbindtafel_desktop.services.listing import ListQuery, options, search_condition, table_column

_table_count = (
    sa.select(sa.func.count())
    .where(col(Table.cohort_id) == col(Cohort.id))
    .scalar_subquery()
    .label("table_count")
)
_participant_count = (
    sa.select(sa.func.count(sa.distinct(col(Membership.person_id))))
    .join(Table, col(Table.id) == col(Membership.table_id))
    .where(
        col(Table.cohort_id) == col(Cohort.id),
        col(Membership.role) == MembershipRole.PARTICIPANT,
    )
    .scalar_subquery()
    .label("participant_count")
)


class CohortService(EntityService[Cohort]):
    model = Cohort
    noun = "de lichting"
    id_column = table_column(Cohort, "id")
    sort_columns = {
        "name": sa.func.lower(col(Cohort.name)),
        "location": sa.func.lower(col(Location.name)),
        "start_date": col(Cohort.start_date),
        "end_date": col(Cohort.end_date),
        "table_count": _table_count,
        "participant_count": _participant_count,
    }
    default_sort = "start_date"

    def row_select(self) -> sa.Select[Any]:
        return sa.select(
            col(Cohort.id).label("id"),
            col(Cohort.name).label("name"),
            col(Location.name).label("location"),
            col(Cohort.start_date).label("start_date"),
            col(Cohort.end_date).label("end_date"),
            _table_count,
            _participant_count,
            col(Cohort.archived).label("archived"),
        ).join(Location, col(Location.id) == col(Cohort.location_id))

    def conditions(self, query: ListQuery) -> list[Any]:
        found = [] if query.include_archived else [col(Cohort.archived).is_(False)]
        if location_id := query.filters.get("location_id"):
            found.append(col(Cohort.location_id) == location_id)
        matches = search_condition(query.search, [col(Cohort.name), col(Location.name)], fold=False)
        return found if matches is None else [*found, matches]

    def validate(self, values: Mapping[str, Any], entity_id: int | None) -> dict[str, Any]:
        checks = Checks(values)
        name = checks.text("name", required="Geef de lichting een naam.")
        location_id = checks.keep("location_id")
        if not location_id:
            checks.fail("location_id", "Kies de locatie van deze lichting.")
        elif name and self.name_taken(name, entity_id, location_id=location_id):
            checks.fail("name", "Deze locatie heeft al een lichting met deze naam.")
        start = checks.keep("start_date")
        end = checks.keep("end_date")
        if not isinstance(start, dt.date):
            checks.fail("start_date", "Vul de startdatum in.")
        elif isinstance(end, dt.date) and end < start:
            checks.fail("end_date", "De einddatum moet na de startdatum liggen.")
        checks.text("notes")
        return checks.done()

    def usage(self, entity_id: int) -> str | None:
        tables = self.count_where(col(Table.cohort_id), entity_id)
        if tables:
            return (
                f"Deze lichting heeft {tables} tafel(s) en kan daarom niet verwijderd worden. "
                "Archiveer haar als ze voorbij is."
            )
        return None

    def options(
        self, include_archived: bool = False, location_id: int | None = None
    ) -> list[tuple[int, str]]:
        statement = (
            sa.select(col(Cohort.id), col(Cohort.name) + " (" + col(Location.name) + ")")
            .join(Location, col(Location.id) == col(Cohort.location_id))
            .order_by(col(Cohort.start_date).desc(), col(Cohort.name))
        )
        if not include_archived:
            statement = statement.where(col(Cohort.archived).is_(False))
        if location_id:
            statement = statement.where(col(Cohort.location_id) == location_id)
        return options(self.db, statement)
