"""Mixmoments: several tables of a cohort meeting together on one date.

A mixmoment takes part through one session of each participating table (normally
session 4 or 5): that session is linked to it (`Session.mixed_session_id`), its date
follows the mixmoment, and the attendance of the mixmoment is stored in it.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from verbindtafel_desktop.domain.enums import Phase, SessionStatus
from verbindtafel_desktop.domain.models import (
    Cohort,
    Location,
    MixedSession,
    MixedSessionTable,
    Seating,
    Session,
    SessionTemplate,
    Table,
)
from verbindtafel_desktop.services.entity import Checks, EntityService
from verbindtafel_desktop.services.listing import ListQuery, options, search_condition, table_column

# The sessions of the expansion phase, where the programme mixes tables.
PREFERRED_NUMBERS = (4, 5)

_table_names = (
    sa.select(sa.func.group_concat(col(Table.name), ", "))
    .select_from(MixedSessionTable)
    .join(Table, col(Table.id) == col(MixedSessionTable.table_id))
    .where(col(MixedSessionTable.mixed_session_id) == col(MixedSession.id))
    .scalar_subquery()
    .label("tables")
)
_seated = (
    sa.select(sa.func.count())
    .where(col(Seating.mixed_session_id) == col(MixedSession.id))
    .scalar_subquery()
    .label("seated")
)
_name = sa.case(
    (col(MixedSession.title) != "", col(MixedSession.title)), else_="Mixmoment " + col(Cohort.name)
)


@dataclass(frozen=True)
class SessionChoice:
    """How a table takes part: an existing session, or a new one with this number."""

    session_id: int | None = None
    new_number: int | None = None


@dataclass(frozen=True)
class SessionOption:
    session_id: int
    number: int
    date: dt.date | None
    status: SessionStatus
    linked_to: int | None  # the mixmoment it already belongs to


@dataclass
class TableOption:
    """A table of the cohort and the sessions it could take part through."""

    table_id: int
    name: str
    sessions: list[SessionOption] = field(default_factory=list)

    @property
    def missing_numbers(self) -> list[int]:
        present = {s.number for s in self.sessions}
        return [number for number in range(1, 6) if number not in present]

    def suggestion(self, day: dt.date | None, mixed_session_id: int | None) -> SessionChoice:
        """The session on that date, else the first free session 4 or 5, else a new one."""
        free = [s for s in self.sessions if s.linked_to in (None, mixed_session_id)]
        mine = [s for s in free if s.linked_to is not None and s.linked_to == mixed_session_id]
        same_day = [s for s in free if day is not None and s.date == day]
        for candidates in (mine, same_day):
            if candidates:
                return SessionChoice(session_id=candidates[0].session_id)
        for number in PREFERRED_NUMBERS:
            for option in free:
                if option.number == number:
                    return SessionChoice(session_id=option.session_id)
        for number in PREFERRED_NUMBERS:
            if number in self.missing_numbers:
                return SessionChoice(new_number=number)
        if free:
            return SessionChoice(session_id=free[-1].session_id)
        if self.missing_numbers:
            return SessionChoice(new_number=self.missing_numbers[0])
        return SessionChoice()


class MixmomentService(EntityService[MixedSession]):
    model = MixedSession
    noun = "het mixmoment"
    id_column = table_column(MixedSession, "id")
    sort_columns = {
        "date": col(MixedSession.date),
        "start_time": col(MixedSession.start_time),
        "name": sa.func.lower(_name),
        "cohort": sa.func.lower(col(Cohort.name)),
        "location": sa.func.lower(col(Location.name)),
        "tables": _table_names,
        "seated": _seated,
        "status": col(MixedSession.status),
    }
    default_sort = "date"

    def row_select(self) -> sa.Select[Any]:
        return (
            sa.select(
                col(MixedSession.id).label("id"),
                col(MixedSession.date).label("date"),
                col(MixedSession.start_time).label("start_time"),
                _name.label("name"),
                col(Cohort.name).label("cohort"),
                col(Location.name).label("location"),
                _table_names,
                _seated,
                col(MixedSession.status).label("status"),
                col(MixedSession.cohort_id).label("cohort_id"),
            )
            .join(Cohort, col(Cohort.id) == col(MixedSession.cohort_id))
            .join(Location, col(Location.id) == col(Cohort.location_id))
        )

    def conditions(self, query: ListQuery) -> list[Any]:
        found: list[Any] = []
        if cohort_id := query.filters.get("cohort_id"):
            found.append(col(MixedSession.cohort_id) == cohort_id)
        if status := query.filters.get("status"):
            found.append(col(MixedSession.status) == status)
        matches = search_condition(
            query.search,
            [col(MixedSession.title), col(Cohort.name), col(Location.name), _table_names],
            fold=False,
        )
        return found if matches is None else [*found, matches]

    # --- the form -----------------------------------------------------------------
    def table_options(self, cohort_id: int) -> list[TableOption]:
        """The cohort's tables with their sessions, for choosing who takes part."""
        with self.db.session() as session:
            tables = session.exec(
                select(Table)
                .where(col(Table.cohort_id) == cohort_id, col(Table.archived).is_(False))
                .order_by(col(Table.name))
            ).all()
            result = [TableOption(int(t.id or 0), t.name) for t in tables]
            by_id = {option.table_id: option for option in result}
            rows = session.exec(
                select(Session)
                .where(col(Session.table_id).in_(list(by_id)))
                .order_by(col(Session.number))
            ).all()
            for row in rows:
                by_id[row.table_id].sessions.append(
                    SessionOption(
                        int(row.id or 0), row.number, row.date, row.status, row.mixed_session_id
                    )
                )
        return result

    def links(self, mixed_session_id: int) -> dict[int, SessionChoice]:
        """The participating tables and the session each takes part through."""
        with self.db.engine.connect() as connection:
            tables = connection.execute(
                sa.select(col(MixedSessionTable.table_id)).where(
                    col(MixedSessionTable.mixed_session_id) == mixed_session_id
                )
            ).scalars()
            result: dict[int, SessionChoice] = {int(t): SessionChoice() for t in tables}
            for session_id, table_id in connection.execute(
                sa.select(col(Session.id), col(Session.table_id)).where(
                    col(Session.mixed_session_id) == mixed_session_id
                )
            ):
                result[int(table_id)] = SessionChoice(session_id=session_id)
        return result

    def form_values(self, mixed_session_id: int) -> dict[str, Any]:
        values = self.get(mixed_session_id).model_dump()
        values["links"] = self.links(mixed_session_id)
        return values

    def validate(self, values: Mapping[str, Any], entity_id: int | None) -> dict[str, Any]:
        checks = Checks(values)
        cohort_id = checks.keep("cohort_id")
        if not cohort_id:
            checks.fail("cohort_id", "Kies de lichting waarvan de tafels samenkomen.")
        day = checks.keep("date")
        if not isinstance(day, dt.date):
            checks.fail("date", "Vul de datum van het mixmoment in.")
        start_time = checks.keep("start_time")
        if start_time is not None and not isinstance(start_time, dt.time):
            checks.fail("start_time", "Gebruik uu:mm, bijvoorbeeld 14:00.")
        checks.text("title")
        checks.text("notes")
        checks.keep("status", SessionStatus.PLANNED)
        if cohort_id:
            problem = self._links_problem(cohort_id, values.get("links") or {}, entity_id)
            if problem:
                checks.fail("links", problem)
        return checks.done()

    def _links_problem(
        self, cohort_id: int, links: Mapping[int, SessionChoice], entity_id: int | None
    ) -> str | None:
        if len(links) < 2:
            return "Kies minstens twee tafels die samenkomen."
        options = {option.table_id: option for option in self.table_options(cohort_id)}
        for table_id, choice in links.items():
            option = options.get(table_id)
            if option is None:
                return "Een gekozen tafel hoort niet bij deze lichting."
            if choice.session_id is not None:
                chosen = next(
                    (s for s in option.sessions if s.session_id == choice.session_id), None
                )
                if chosen is None:
                    return f"Kies een sessie van tafel '{option.name}'."
                if chosen.linked_to is not None and chosen.linked_to != entity_id:
                    title = self._title(chosen.linked_to)
                    return (
                        f"Sessie {chosen.number} van tafel '{option.name}' hoort al bij "
                        f"{title}. Kies een andere sessie."
                    )
            elif choice.new_number is None or choice.new_number not in option.missing_numbers:
                return f"Kies een sessie van tafel '{option.name}'."
        return None

    def _title(self, mixed_session_id: int) -> str:
        with self.db.engine.connect() as connection:
            row = connection.execute(
                sa.select(col(MixedSession.title), col(MixedSession.date)).where(
                    col(MixedSession.id) == mixed_session_id
                )
            ).first()
        if row is None:
            return "een ander mixmoment"
        return f"mixmoment '{row[0] or 'Mixmoment'}' van {row[1]:%d-%m-%Y}"

    def after_save(self, session: Any, entity_id: int, values: Mapping[str, Any]) -> None:
        links: Mapping[int, SessionChoice] = values.get("links") or {}
        day: dt.date = values["date"]
        start_time: dt.time | None = values.get("start_time")
        existing: set[int] = set()
        for old in session.exec(
            select(MixedSessionTable).where(col(MixedSessionTable.mixed_session_id) == entity_id)
        ).all():
            if old.table_id in links:
                existing.add(old.table_id)
            else:
                session.delete(old)
        chosen_sessions = {c.session_id for c in links.values() if c.session_id is not None}
        for linked in session.exec(
            select(Session).where(col(Session.mixed_session_id) == entity_id)
        ).all():
            if linked.id not in chosen_sessions:
                linked.mixed_session_id = None
                session.add(linked)
        for table_id, choice in links.items():
            if table_id not in existing:
                session.add(MixedSessionTable(mixed_session_id=entity_id, table_id=table_id))
            if choice.session_id is not None:
                linked = session.get(Session, choice.session_id)
            else:
                assert choice.new_number is not None
                template = session.get(SessionTemplate, choice.new_number)
                linked = Session(
                    table_id=table_id,
                    number=choice.new_number,
                    phase=template.phase if template else Phase.EXPANDING,
                )
            linked.mixed_session_id = entity_id
            linked.date = day
            if start_time is not None:
                linked.start_time = start_time
            session.add(linked)

    def options(self, cohort_id: int | None = None) -> list[tuple[int, str]]:
        statement = (
            sa.select(col(MixedSession.id), _name)
            .join(Cohort, col(Cohort.id) == col(MixedSession.cohort_id))
            .order_by(col(MixedSession.date))
        )
        if cohort_id:
            statement = statement.where(col(MixedSession.cohort_id) == cohort_id)
        return options(self.db, statement)

    def cohort_of(self, mixed_session_id: int) -> int:
        return int(self.get(mixed_session_id).cohort_id)


def choices_for(
    option: TableOption, mixed_session_id: int | None
) -> Sequence[tuple[SessionChoice, str]]:
    """What the form offers for one table: its free sessions, then new session numbers."""
    offered: list[tuple[SessionChoice, str]] = []
    for s in option.sessions:
        if s.linked_to not in (None, mixed_session_id):
            continue
        when = f" ({s.date:%d-%m-%Y})" if s.date else ""
        offered.append((SessionChoice(session_id=s.session_id), f"Sessie {s.number}{when}"))
    for number in option.missing_numbers:
        offered.append((SessionChoice(new_number=number), f"Nieuwe sessie {number}"))
    return offered
