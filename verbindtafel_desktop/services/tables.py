"""Tables (tafels): a group of participants with their facilitators within a cohort."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.enums import MembershipRole, MembershipStatus
from verbindtafel_desktop.domain.models import Cohort, Location, Membership, Person, Session, Table
from verbindtafel_desktop.services.entity import Checks, EntityService
from verbindtafel_desktop.services.listing import ListQuery, options, search_condition, table_column
from verbindtafel_desktop.services.sql_names import full_name_sql

# Members who still take up a seat: registered, active or completed.
SEATED_STATUSES = (
    MembershipStatus.REGISTERED,
    MembershipStatus.ACTIVE,
    MembershipStatus.COMPLETED,
)

_participant_count = (
    sa.select(sa.func.count())
    .where(
        col(Membership.table_id) == col(Table.id),
        col(Membership.role) == MembershipRole.PARTICIPANT,
        col(Membership.status).in_(SEATED_STATUSES),
    )
    .scalar_subquery()
    .label("participant_count")
)
_facilitators = (
    sa.select(sa.func.group_concat(full_name_sql(), ", "))
    .select_from(Membership)
    .join(Person, col(Person.id) == col(Membership.person_id))
    .where(
        col(Membership.table_id) == col(Table.id),
        col(Membership.role) == MembershipRole.FACILITATOR,
        col(Membership.status) != MembershipStatus.DROPPED_OUT,
    )
    .scalar_subquery()
    .label("facilitators")
)


def participant_count(db_connection: Any, table_id: int) -> int:
    return int(
        db_connection.execute(
            sa.select(sa.func.count()).where(
                col(Membership.table_id) == table_id,
                col(Membership.role) == MembershipRole.PARTICIPANT,
                col(Membership.status).in_(SEATED_STATUSES),
            )
        ).scalar_one()
    )


class TableService(EntityService[Table]):
    model = Table
    noun = "de tafel"
    id_column = table_column(Table, "id")
    sort_columns = {
        "name": sa.func.lower(col(Table.name)),
        "cohort": sa.func.lower(col(Cohort.name)),
        "location": sa.func.lower(col(Location.name)),
        "meeting_weekday": col(Table.meeting_weekday),
        "meeting_time": col(Table.meeting_time),
        "occupancy": _participant_count,
        "facilitators": _facilitators,
    }
    default_sort = "name"

    def row_select(self) -> sa.Select[Any]:
        return (
            sa.select(
                col(Table.id).label("id"),
                col(Table.name).label("name"),
                col(Cohort.name).label("cohort"),
                col(Location.name).label("location"),
                col(Table.meeting_weekday).label("meeting_weekday"),
                col(Table.meeting_time).label("meeting_time"),
                _participant_count,
                col(Table.capacity).label("capacity"),
                _facilitators,
                col(Table.archived).label("archived"),
                col(Table.cohort_id).label("cohort_id"),
            )
            .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
            .join(Location, col(Location.id) == col(Cohort.location_id))
        )

    def conditions(self, query: ListQuery) -> list[Any]:
        found = [] if query.include_archived else [col(Table.archived).is_(False)]
        if cohort_id := query.filters.get("cohort_id"):
            found.append(col(Table.cohort_id) == cohort_id)
        if location_id := query.filters.get("location_id"):
            found.append(col(Cohort.location_id) == location_id)
        matches = search_condition(
            query.search, [col(Table.name), col(Cohort.name), col(Location.name)], fold=False
        )
        return found if matches is None else [*found, matches]

    def validate(self, values: Mapping[str, Any], entity_id: int | None) -> dict[str, Any]:
        checks = Checks(values)
        name = checks.text("name", required="Geef de tafel een naam.")
        cohort_id = checks.keep("cohort_id")
        if not cohort_id:
            checks.fail("cohort_id", "Kies de lichting waar deze tafel bij hoort.")
        elif name and self.name_taken(name, entity_id, cohort_id=cohort_id):
            checks.fail("name", "Deze lichting heeft al een tafel met deze naam.")
        capacity = checks.keep("capacity", 8)
        if not isinstance(capacity, int) or not 1 <= capacity <= 20:
            checks.fail("capacity", "Een tafel heeft 1 tot 20 plaatsen.")
        elif entity_id:
            with self.db.engine.connect() as connection:
                seated = participant_count(connection, entity_id)
            if capacity < seated:
                checks.fail(
                    "capacity",
                    f"Er zijn al {seated} deelnemers aan deze tafel; "
                    "maak de tafel niet kleiner dan dat.",
                )
        weekday = checks.keep("meeting_weekday")
        if weekday is not None and weekday not in range(7):
            checks.fail("meeting_weekday", "Kies een dag van de week.")
        meeting_time = checks.keep("meeting_time")
        if meeting_time is not None and not isinstance(meeting_time, dt.time):
            checks.fail("meeting_time", "Gebruik uu:mm, bijvoorbeeld 14:30.")
        checks.text("notes")
        return checks.done()

    def usage(self, entity_id: int) -> str | None:
        members = self.count_where(col(Membership.table_id), entity_id)
        sessions = self.count_where(col(Session.table_id), entity_id)
        if members or sessions:
            return (
                f"Aan deze tafel zijn {members} deelname(s) en {sessions} sessie(s) gekoppeld; "
                "verwijderen zou die geschiedenis wissen. Archiveer de tafel in plaats daarvan."
            )
        return None

    def options(
        self, include_archived: bool = False, cohort_id: int | None = None
    ) -> list[tuple[int, str]]:
        statement = (
            sa.select(col(Table.id), col(Table.name) + " – " + col(Cohort.name))
            .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
            .order_by(col(Cohort.start_date).desc(), col(Table.name))
        )
        if not include_archived:
            statement = statement.where(col(Table.archived).is_(False))
        if cohort_id:
            statement = statement.where(col(Table.cohort_id) == cohort_id)
        return options(self.db, statement)
