"""The figures of the start screen: this week, who to call, how the running cohorts go."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    MembershipRole,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import (
    Attendance,
    Cohort,
    Location,
    Membership,
    Session,
    Table,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.follow_ups import FollowUpRow, FollowUpService
from verbindtafel_desktop.services.sessions import SessionInfo, SessionService


@dataclass(frozen=True)
class CohortProgress:
    cohort_id: int
    name: str
    location: str
    tables: int
    sessions_planned: int  # all sessions of its tables that were not cancelled
    sessions_held: int
    sessions_cancelled: int
    members_present: int  # in held sessions
    members_recorded: int

    @property
    def attendance_rate(self) -> float | None:
        """Share of the recorded participant places that were present."""
        if not self.members_recorded:
            return None
        return self.members_present / self.members_recorded

    @property
    def present_per_session(self) -> float | None:
        if not self.sessions_held:
            return None
        return self.members_present / self.sessions_held


@dataclass(frozen=True)
class PeopleCounts:
    participants: int
    guests: int
    facilitators: int


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    week_start: dt.date
    week_end: dt.date
    week_sessions: list[SessionInfo]
    follow_ups: list[FollowUpRow]
    cohorts: list[CohortProgress]
    running: PeopleCounts  # in the running cohorts
    total: PeopleCounts  # ever


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


class DashboardService:
    def __init__(self, db: Database, sessions: SessionService, follow_ups: FollowUpService) -> None:
        self.db = db
        self.sessions = sessions
        self.follow_ups = follow_ups

    def figures(self, today: dt.date | None = None) -> Dashboard:
        today = today or dt.date.today()
        first, last = week_of(today)
        running = self.running_cohorts(today)
        return Dashboard(
            today=today,
            week_start=first,
            week_end=last,
            week_sessions=self.sessions.between(first, last),
            follow_ups=self.follow_ups.open_items(),
            cohorts=self.cohorts_progress(running),
            running=self.people_counts(running),
            total=self.people_counts(None),
        )

    def running_cohorts(self, today: dt.date) -> list[int]:
        statement = (
            sa.select(col(Cohort.id))
            .where(
                col(Cohort.archived).is_(False),
                col(Cohort.start_date) <= today,
                sa.or_(col(Cohort.end_date).is_(None), col(Cohort.end_date) >= today),
            )
            .order_by(col(Cohort.start_date), col(Cohort.name))
        )
        with self.db.engine.connect() as connection:
            return [each for each in connection.execute(statement).scalars() if each]

    def cohorts_progress(self, cohort_ids: list[int]) -> list[CohortProgress]:
        """The progress of each cohort, in four grouped queries whatever their number."""
        if not cohort_ids:
            return []
        cohort = col(Table.cohort_id)
        status = col(Session.status)
        chosen = cohort.in_(cohort_ids)
        with self.db.engine.connect() as connection:
            names = {
                row[0]: (row[1], row[2])
                for row in connection.execute(
                    sa.select(col(Cohort.id), col(Cohort.name), col(Location.name))
                    .join(Location, col(Location.id) == col(Cohort.location_id))
                    .where(col(Cohort.id).in_(cohort_ids))
                )
            }
            tables = {
                row[0]: row[1]
                for row in connection.execute(
                    sa.select(cohort, sa.func.count()).where(chosen).group_by(cohort)
                )
            }
            sessions = {
                row[0]: tuple(row[1:])
                for row in connection.execute(
                    sa.select(
                        cohort,
                        sa.func.count().filter(status != SessionStatus.CANCELLED),
                        sa.func.count().filter(status == SessionStatus.HELD),
                        sa.func.count().filter(status == SessionStatus.CANCELLED),
                    )
                    .select_from(Session)
                    .join(Table, col(Table.id) == col(Session.table_id))
                    .where(chosen)
                    .group_by(cohort)
                )
            }
            attendance = {
                row[0]: tuple(row[1:])
                for row in connection.execute(
                    sa.select(
                        cohort,
                        sa.func.count().filter(col(Attendance.status) == AttendanceStatus.PRESENT),
                        sa.func.count(),
                    )
                    .select_from(Attendance)
                    .join(Session, col(Session.id) == col(Attendance.session_id))
                    .join(Table, col(Table.id) == col(Session.table_id))
                    .where(
                        chosen,
                        status == SessionStatus.HELD,
                        col(Attendance.role) == AttendanceRole.MEMBER,
                    )
                    .group_by(cohort)
                )
            }
        return [
            CohortProgress(
                cohort_id,
                *names[cohort_id],
                tables.get(cohort_id, 0),
                *sessions.get(cohort_id, (0, 0, 0)),
                *attendance.get(cohort_id, (0, 0)),
            )
            for cohort_id in cohort_ids
            if cohort_id in names
        ]

    def people_counts(self, cohort_ids: list[int] | None) -> PeopleCounts:
        """Distinct people per role, in the given cohorts (or everywhere)."""

        def members(role: MembershipRole) -> Any:
            statement = sa.select(sa.func.count(sa.distinct(col(Membership.person_id)))).where(
                col(Membership.role) == role
            )
            if cohort_ids is None:
                return statement  # counted from ix_memberships_role_person_id alone
            return statement.join(Table, col(Table.id) == col(Membership.table_id)).where(
                col(Table.cohort_id).in_(cohort_ids)
            )

        guests = sa.select(sa.func.count(sa.distinct(col(Attendance.person_id)))).where(
            col(Attendance.role) == AttendanceRole.GUEST
        )
        if cohort_ids is not None:
            guests = (
                guests.join(Session, col(Session.id) == col(Attendance.session_id))
                .join(Table, col(Table.id) == col(Session.table_id))
                .where(col(Table.cohort_id).in_(cohort_ids))
            )
        with self.db.engine.connect() as connection:
            return PeopleCounts(
                participants=connection.execute(members(MembershipRole.PARTICIPANT)).scalar_one(),
                guests=connection.execute(guests).scalar_one(),
                facilitators=connection.execute(members(MembershipRole.FACILITATOR)).scalar_one(),
            )
