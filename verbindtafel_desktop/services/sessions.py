"""Sessions: what a session is and how it went, its status and date, and the agenda."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session as DbSession
from sqlmodel import col

from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import AttendanceRole, AttendanceStatus, Phase, SessionStatus
from verbindtafel_desktop.domain.models import (
    Attendance,
    Cohort,
    Location,
    Meaning,
    Session,
    SessionCard,
    SessionTemplate,
    Table,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import NotFound, ServiceError, ValidationFailed
from verbindtafel_desktop.services.planning import order_problem, table_sessions


@dataclass(frozen=True)
class SessionInfo:
    """A session with where it belongs and what the template says it is for."""

    session_id: int
    table_id: int
    table: str
    cohort_id: int
    cohort: str
    location: str
    number: int
    phase: Phase
    title: str
    goal: str
    card_work: str
    mixed: bool
    guests_welcome: bool
    date: dt.date | None
    start_time: dt.time | None
    status: SessionStatus
    cancel_reason: str
    notes: str
    mixed_session_id: int | None

    @property
    def label(self) -> str:
        """'Sessie 2 — Betekenis geven (Tafel Zonnebloem, 03-03-2027)'"""
        when = f", {format_date(self.date)}" if self.date else ""
        return f"Sessie {self.number} — {self.title} ({self.table}{when})"


@dataclass(frozen=True)
class SessionCounts:
    members_present: int
    members_recorded: int
    excused: int
    guests: int
    facilitators: int
    cards: int
    meanings: int


_session_time = sa.func.coalesce(col(Session.start_time), col(Table.meeting_time))


def _info_select() -> Any:
    return (
        sa.select(
            col(Session.id),
            col(Table.id),
            col(Table.name),
            col(Cohort.id),
            col(Cohort.name),
            col(Location.name),
            col(Session.number),
            col(Session.phase),
            sa.func.coalesce(col(SessionTemplate.title), ""),
            sa.func.coalesce(col(SessionTemplate.goal), ""),
            sa.func.coalesce(col(SessionTemplate.card_work), ""),
            sa.func.coalesce(col(SessionTemplate.mixed), False),
            sa.func.coalesce(col(SessionTemplate.guests_welcome), False),
            col(Session.date),
            _session_time,
            col(Session.status),
            col(Session.cancel_reason),
            col(Session.notes),
            col(Session.mixed_session_id),
        )
        .join(Table, col(Table.id) == col(Session.table_id))
        .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
        .join(Location, col(Location.id) == col(Cohort.location_id))
        .outerjoin(SessionTemplate, col(SessionTemplate.number) == col(Session.number))
    )


def _to_info(row: Any) -> SessionInfo:
    values = list(row)
    values[7] = Phase(values[7])
    values[11] = bool(values[11])
    values[12] = bool(values[12])
    values[15] = SessionStatus(values[15])
    return SessionInfo(*values)


class SessionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading ----------------------------------------------------------------
    def info(self, session_id: int) -> SessionInfo:
        with self.db.engine.connect() as connection:
            row = connection.execute(_info_select().where(col(Session.id) == session_id)).first()
        if row is None:
            raise NotFound(f"Sessie {session_id} bestaat niet.")
        return _to_info(row)

    def of_table(self, table_id: int) -> list[SessionInfo]:
        statement = _info_select().where(col(Session.table_id) == table_id)
        with self.db.engine.connect() as connection:
            rows = connection.execute(statement.order_by(col(Session.number))).all()
        return [_to_info(row) for row in rows]

    def between(
        self, first: dt.date, last: dt.date, location_id: int | None = None
    ) -> list[SessionInfo]:
        """All sessions from `first` to `last` (inclusive), across tables, by date and time."""
        statement = _info_select().where(col(Session.date).between(first, last))
        if location_id:
            statement = statement.where(col(Cohort.location_id) == location_id)
        statement = statement.order_by(col(Session.date), _session_time, col(Table.name))
        with self.db.engine.connect() as connection:
            return [_to_info(row) for row in connection.execute(statement)]

    def session_dates(self, first: dt.date, last: dt.date) -> dict[dt.date, int]:
        """How many sessions each day from `first` to `last` has (for a calendar)."""
        statement = (
            sa.select(col(Session.date), sa.func.count())
            .where(col(Session.date).between(first, last))
            .group_by(col(Session.date))
        )
        with self.db.engine.connect() as connection:
            return {row[0]: row[1] for row in connection.execute(statement) if row[0]}

    def counts(self, session_ids: list[int]) -> dict[int, SessionCounts]:
        """Attendance, cards and meanings per session, in three queries."""
        if not session_ids:
            return {}
        here = AttendanceStatus.PRESENT
        role = col(Attendance.role)
        status = col(Attendance.status)
        attendance = (
            sa.select(
                col(Attendance.session_id),
                sa.func.sum(
                    sa.case(((role == AttendanceRole.MEMBER) & (status == here), 1), else_=0)
                ),
                sa.func.sum(sa.case((role == AttendanceRole.MEMBER, 1), else_=0)),
                sa.func.sum(
                    sa.case(
                        ((role == AttendanceRole.MEMBER) & (status == AttendanceStatus.EXCUSED), 1),
                        else_=0,
                    )
                ),
                sa.func.sum(
                    sa.case(((role == AttendanceRole.GUEST) & (status == here), 1), else_=0)
                ),
                sa.func.sum(
                    sa.case(((role == AttendanceRole.FACILITATOR) & (status == here), 1), else_=0)
                ),
            )
            .where(col(Attendance.session_id).in_(session_ids))
            .group_by(col(Attendance.session_id))
        )
        cards = (
            sa.select(col(SessionCard.session_id), sa.func.count())
            .where(col(SessionCard.session_id).in_(session_ids))
            .group_by(col(SessionCard.session_id))
        )
        meanings = (
            sa.select(col(Meaning.session_id), sa.func.count())
            .where(col(Meaning.session_id).in_(session_ids))
            .group_by(col(Meaning.session_id))
        )
        with self.db.engine.connect() as connection:
            by_session = {row[0]: row[1:] for row in connection.execute(attendance)}
            card_counts = {row[0]: row[1] for row in connection.execute(cards)}
            meaning_counts = {row[0]: row[1] for row in connection.execute(meanings)}
        found = {}
        for session_id in session_ids:
            numbers = by_session.get(session_id, (0, 0, 0, 0, 0))
            present, recorded, excused, guests, facilitators = (int(n or 0) for n in numbers)
            found[session_id] = SessionCounts(
                members_present=present,
                members_recorded=recorded,
                excused=excused,
                guests=guests,
                facilitators=facilitators,
                cards=card_counts.get(session_id, 0),
                meanings=meaning_counts.get(session_id, 0),
            )
        return found

    # --- changing -----------------------------------------------------------------
    def _get(self, session: DbSession, session_id: int) -> Session:
        record = session.get(Session, session_id)
        if record is None:
            raise NotFound(f"Sessie {session_id} bestaat niet.")
        return record

    def _check_date(self, session: DbSession, record: Session, day: dt.date | None) -> None:
        if day is None:
            raise ValidationFailed({"date": "Vul een datum in."})
        others = [
            other for other in table_sessions(session, record.table_id) if other.id != record.id
        ]
        dated = {other.number: other.date for other in others if other.date is not None}
        cancelled = {other.number for other in others if other.status == SessionStatus.CANCELLED}
        problem = order_problem(dated, record.number, day, cancelled)
        if problem:
            raise ValidationFailed({"date": problem})

    def move(self, session_id: int, day: dt.date | None, start_time: dt.time | None) -> None:
        """Give a session another date and time (sessions stay in number order)."""
        with self.db.session() as session:
            record = self._get(session, session_id)
            if record.status == SessionStatus.CANCELLED:
                raise ServiceError(
                    "Deze sessie is geannuleerd. Kies 'Opnieuw inplannen' om haar een nieuwe "
                    "datum te geven."
                )
            self._check_date(session, record, day)
            record.date = day
            record.start_time = start_time
            session.add(record)

    def cancel(self, session_id: int, reason: str) -> None:
        reason = reason.strip()
        if not reason:
            raise ValidationFailed({"reason": "Vul de reden van de annulering in."})
        with self.db.session() as session:
            record = self._get(session, session_id)
            if record.status == SessionStatus.CANCELLED:
                raise ServiceError("Deze sessie is al geannuleerd.")
            recorded = session.execute(
                sa.select(sa.func.count()).where(
                    col(Attendance.session_id) == session_id,
                    col(Attendance.status) != AttendanceStatus.EXCUSED,
                )
            ).scalar_one()
            if recorded:
                raise ServiceError(
                    f"Voor deze sessie is al van {recorded} persoon/personen genoteerd of ze er "
                    "waren. Een sessie die plaatsvond kan niet geannuleerd worden; haal eerst de "
                    "aanwezigheid weg als dat een vergissing was."
                )
            record.status = SessionStatus.CANCELLED
            record.cancel_reason = reason
            session.add(record)

    def reschedule(self, session_id: int, day: dt.date | None, start_time: dt.time | None) -> None:
        """Plan a cancelled session again on a new date; the cancellation goes into its notes."""
        with self.db.session() as session:
            record = self._get(session, session_id)
            if record.status != SessionStatus.CANCELLED:
                raise ServiceError("Alleen een geannuleerde sessie kan opnieuw ingepland worden.")
            self._check_date(session, record, day)
            history = f"Geannuleerd op {format_date(record.date)}: {record.cancel_reason}"
            record.notes = f"{record.notes}\n{history}".strip()
            record.status = SessionStatus.PLANNED
            record.cancel_reason = ""
            record.date = day
            record.start_time = start_time
            session.add(record)

    def set_held(self, session_id: int, held: bool = True) -> None:
        """Mark a session as held, or back to planned (a mistake)."""
        with self.db.session() as session:
            record = self._get(session, session_id)
            if record.status == SessionStatus.CANCELLED:
                raise ServiceError("Deze sessie is geannuleerd. Plan haar eerst opnieuw in.")
            record.status = SessionStatus.HELD if held else SessionStatus.PLANNED
            session.add(record)

    def save_notes(self, session_id: int, notes: str) -> None:
        with self.db.session() as session:
            record = self._get(session, session_id)
            record.notes = notes.strip()
            session.add(record)
