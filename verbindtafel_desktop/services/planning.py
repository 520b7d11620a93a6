"""Planning a table's 5 sessions from the template, and keeping their dates in order."""

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sqlmodel import Session as DbSession
from sqlmodel import col, select

from verbindtafel_desktop.domain.attendance_rules import TRAJECTORY_LENGTH
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import Phase, SessionStatus
from verbindtafel_desktop.domain.models import Cohort, Holiday, Session, SessionTemplate, Table
from verbindtafel_desktop.domain.planning import first_on_weekday, plan_dates
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import NotFound, ValidationFailed
from verbindtafel_desktop.services.programme import ensure_session_templates

# Held and cancelled sessions are history: planning again leaves them where they are.
FIXED_STATUSES = (SessionStatus.HELD, SessionStatus.CANCELLED)


@dataclass(frozen=True)
class PlannedSession:
    number: int
    title: str
    phase: Phase
    date: dt.date | None
    session_id: int | None
    status: SessionStatus | None  # None: not in the database yet

    @property
    def fixed(self) -> bool:
        return self.status in FIXED_STATUSES


@dataclass(frozen=True)
class PlanProposal:
    table_id: int
    table_name: str
    weekday: int | None
    start_time: dt.time | None
    start: dt.date
    sessions: list[PlannedSession]
    skipped: list[tuple[dt.date, str]]  # holidays passed over, with their names


def order_problem(
    dated: Mapping[int, dt.date], number: int, day: dt.date, cancelled: Collection[int] = ()
) -> str | None:
    """Why session `number` cannot be on `day` given the other sessions' dates (sessions
    follow each other in number order, on different days), or None when it can."""
    before = [(n, d) for n, d in dated.items() if n < number and n not in cancelled]
    after = [(n, d) for n, d in dated.items() if n > number and n not in cancelled]
    if before:
        previous_number, previous = max(before)
        if day <= previous:
            return (
                f"Sessie {number} moet na sessie {previous_number} "
                f"({format_date(previous)}) liggen."
            )
    if after:
        next_number, following = min(after)
        if day >= following:
            return (
                f"Sessie {number} moet vóór sessie {next_number} ({format_date(following)}) liggen."
            )
    return None


def table_sessions(session: DbSession, table_id: int) -> list[Session]:
    return list(
        session.exec(
            select(Session).where(col(Session.table_id) == table_id).order_by(col(Session.number))
        )
    )


class PlanningService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def default_start(self, table_id: int, today: dt.date | None = None) -> dt.date:
        """The table's first meeting day on or after the cohort's start (and today)."""
        today = today or dt.date.today()
        with self.db.session() as session:
            table = session.get(Table, table_id)
            if table is None:
                raise NotFound(f"Tafel {table_id} bestaat niet.")
            cohort = session.get(Cohort, table.cohort_id)
            start = max(today, cohort.start_date) if cohort else today
            return first_on_weekday(start, table.meeting_weekday)

    def propose(self, table_id: int, start: dt.date) -> PlanProposal:
        """Dates for the sessions that are not held or cancelled yet, weekly from `start` on
        the table's day, skipping holidays."""
        with self.db.session() as session:
            ensure_session_templates(session)
            table = session.get(Table, table_id)
            if table is None:
                raise NotFound(f"Tafel {table_id} bestaat niet.")
            templates = {step.number: step for step in session.exec(select(SessionTemplate)).all()}
            existing = {planned.number: planned for planned in table_sessions(session, table_id)}
            holidays = {
                holiday.date: holiday.name for holiday in session.exec(select(Holiday)).all()
            }
        open_numbers = [
            number
            for number in range(1, TRAJECTORY_LENGTH + 1)
            if number not in existing or existing[number].status not in FIXED_STATUSES
        ]
        plan = plan_dates(start, table.meeting_weekday, len(open_numbers), holidays.keys())
        new_dates = dict(zip(open_numbers, plan.dates, strict=True))
        sessions = []
        for number in range(1, TRAJECTORY_LENGTH + 1):
            template = templates[number]
            found = existing.get(number)
            sessions.append(
                PlannedSession(
                    number=number,
                    title=template.title,
                    phase=found.phase if found else template.phase,
                    date=new_dates.get(number, found.date if found else None),
                    session_id=found.id if found else None,
                    status=found.status if found else None,
                )
            )
        return PlanProposal(
            table_id=table_id,
            table_name=table.name,
            weekday=table.meeting_weekday,
            start_time=table.meeting_time,
            start=start,
            sessions=sessions,
            skipped=[(day, holidays[day]) for day in plan.skipped],
        )

    def plan(
        self,
        table_id: int,
        dates: Mapping[int, dt.date | None],
        start_time: dt.time | None = None,
    ) -> list[int]:
        """Create (or move) the sessions that are not held or cancelled to `dates`
        (number -> date); returns the ids of all the table's sessions in number order."""
        with self.db.session() as session:
            ensure_session_templates(session)
            table = session.get(Table, table_id)
            if table is None:
                raise NotFound(f"Tafel {table_id} bestaat niet.")
            existing = {planned.number: planned for planned in table_sessions(session, table_id)}
            fixed = {n: s for n, s in existing.items() if s.status in FIXED_STATUSES}
            errors: dict[str, str] = {}
            chosen: dict[int, dt.date] = {}
            for number in range(1, TRAJECTORY_LENGTH + 1):
                if number in fixed:
                    if fixed[number].date is not None:
                        chosen[number] = fixed[number].date  # type: ignore[assignment]
                    continue
                day = dates.get(number)
                if day is None:
                    errors[f"date_{number}"] = f"Vul de datum van sessie {number} in."
                else:
                    chosen[number] = day
            cancelled = {n for n, s in fixed.items() if s.status == SessionStatus.CANCELLED}
            for number, day in chosen.items():
                if number in fixed or f"date_{number}" in errors:
                    continue
                problem = order_problem(chosen, number, day, cancelled)
                if problem:
                    errors[f"date_{number}"] = problem
            if errors:
                raise ValidationFailed(errors)
            templates = {step.number: step for step in session.exec(select(SessionTemplate))}
            for number, day in chosen.items():
                if number in fixed:
                    continue
                record = existing.get(number) or Session(
                    table_id=table_id, number=number, phase=templates[number].phase
                )
                record.date = day
                record.start_time = start_time if start_time is not None else table.meeting_time
                session.add(record)
            session.flush()
            return [planned.id for planned in table_sessions(session, table_id) if planned.id]
