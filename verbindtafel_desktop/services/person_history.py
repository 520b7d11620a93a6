"""One person's story in the programme, for their page: who brought them in, whom they
brought in, and their path through cohorts and tables (as guest, on a recruitment list,
as participant or facilitator)."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col

from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    MembershipRole,
    ReferralRoute,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import (
    Attendance,
    Cohort,
    Institution,
    Invitation,
    Membership,
    MixedSession,
    Person,
    RecruitmentLead,
    Referral,
    Session,
    Table,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import NotFound
from verbindtafel_desktop.services.relay import (
    BY_A_PERSON,
    RelayRole,
    brought_in_by,
    relay_ancestors,
)
from verbindtafel_desktop.services.sql_names import full_name_sql

Inviter = aliased(Person, name="inviter")
Recruiter = aliased(Person, name="recruiter")


class StepKind(StrEnum):
    GUEST = "guest"
    LEAD = "lead"
    PARTICIPANT = "participant"
    FACILITATOR = "facilitator"


@dataclass(frozen=True)
class BroughtIn:
    person_id: int
    name: str
    route: ReferralRoute
    since: dt.date | None
    role: RelayRole
    tables: str  # the tables they sit or sat at, newest first


@dataclass(frozen=True)
class PathStep:
    kind: StepKind
    date: dt.date | None
    cohort: str
    table: str  # empty for a name on a recruitment list
    by: str = ""  # who invited them (guest) or brought their name (lead)
    status: str = ""  # the membership's or the name's status; attendance for a guest
    session_number: int | None = None  # the session they came to as a guest
    present: int = 0  # sessions attended, of
    held: int = 0  # the sessions their table held


@dataclass(frozen=True)
class PersonHistory:
    person_id: int
    name: str
    role: RelayRole
    route: ReferralRoute
    referred_on: dt.date | None
    institution: str
    chain: list[tuple[int, str]]  # from the starter down to whoever brought them in
    brought_in: list[BroughtIn]
    path: list[PathStep]

    @property
    def generation(self) -> int:
        return len(self.chain)

    @property
    def referrer(self) -> tuple[int, str] | None:
        return self.chain[-1] if self.chain else None


class PersonHistoryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def history(self, person_id: int) -> PersonHistory:
        with self.db.engine.connect() as connection:
            name = _names(connection, [person_id]).get(person_id)
            if name is None:
                raise NotFound(f"Persoon {person_id} bestaat niet.")
            route, _referrer = brought_in_by(connection, person_id)
            referral = connection.execute(
                sa.select(col(Referral.referred_on), col(Institution.name))
                .outerjoin(Institution, col(Institution.id) == col(Referral.institution_id))
                .where(col(Referral.person_id) == person_id)
            ).first()
            above = list(reversed(relay_ancestors(connection, person_id)))
            names = _names(connection, above)
            path = _path(connection, person_id)
            return PersonHistory(
                person_id=person_id,
                name=name,
                role=_role(connection, person_id, route),
                route=route,
                referred_on=referral[0] if referral else None,
                institution=(referral[1] or "")
                if referral and route == ReferralRoute.INSTITUTION
                else "",
                chain=[(ancestor, names[ancestor]) for ancestor in above],
                brought_in=_brought_in(connection, person_id),
                path=path,
            )


def _names(connection: Any, person_ids: list[int]) -> dict[int, str]:
    if not person_ids:
        return {}
    statement: Any = sa.select(col(Person.id), full_name_sql()).where(
        col(Person.id).in_(person_ids)
    )
    return {person_id: name for person_id, name in connection.execute(statement)}


def _role(connection: Any, person_id: int, route: ReferralRoute) -> RelayRole:
    """The same classification the relay picture uses."""

    def exists(statement: Any) -> bool:
        return connection.execute(statement.limit(1)).first() is not None

    if exists(
        sa.select(col(Membership.id)).where(
            col(Membership.person_id) == person_id,
            col(Membership.role) == MembershipRole.PARTICIPANT,
        )
    ):
        return RelayRole.PARTICIPANT
    if route == ReferralRoute.INVITED or exists(
        sa.select(col(Invitation.id)).where(col(Invitation.invitee_id) == person_id)
    ) or exists(
        sa.select(col(Attendance.id)).where(
            col(Attendance.person_id) == person_id, col(Attendance.role) == AttendanceRole.GUEST
        )
    ):  # fmt: skip
        return RelayRole.GUEST
    if route == ReferralRoute.RECRUITED or exists(
        sa.select(col(RecruitmentLead.id)).where(col(RecruitmentLead.person_id) == person_id)
    ):
        return RelayRole.CANDIDATE
    return RelayRole.OTHER


def _brought_in(connection: Any, person_id: int) -> list[BroughtIn]:
    """Recorded referrals, and guests without a route whose first inviter this person was."""
    recorded = connection.execute(
        sa.select(col(Referral.person_id)).where(
            col(Referral.referrer_id) == person_id, col(Referral.route).in_(BY_A_PERSON)
        )
    ).scalars()
    candidates = set(recorded)
    invited = connection.execute(
        sa.select(col(Invitation.invitee_id))
        .outerjoin(Referral, col(Referral.person_id) == col(Invitation.invitee_id))
        .where(
            col(Invitation.inviter_id) == person_id,
            sa.or_(col(Referral.id).is_(None), col(Referral.route) == ReferralRoute.SELF),
        )
    ).scalars()
    candidates |= {
        invitee for invitee in invited if brought_in_by(connection, invitee)[1] == person_id
    }
    names = _names(connection, sorted(candidates))
    found = []
    for child in candidates:
        route, _referrer = brought_in_by(connection, child)
        since = connection.execute(
            sa.select(col(Referral.referred_on)).where(col(Referral.person_id) == child)
        ).scalar()
        tables = connection.execute(
            sa.select(sa.func.group_concat(col(Table.name) + " – " + col(Cohort.name), "; "))
            .select_from(Membership)
            .join(Table, col(Table.id) == col(Membership.table_id))
            .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
            .where(
                col(Membership.person_id) == child,
                col(Membership.role) == MembershipRole.PARTICIPANT,
            )
        ).scalar()
        found.append(
            BroughtIn(
                child, names[child], route, since, _role(connection, child, route), tables or ""
            )
        )
    return sorted(found, key=lambda row: (row.since or dt.date.max, row.name.lower()))


def _path(connection: Any, person_id: int) -> list[PathStep]:
    steps = _guest_steps(connection, person_id)
    steps += _lead_steps(connection, person_id)
    steps += _membership_steps(connection, person_id)
    order = {StepKind.GUEST: 0, StepKind.LEAD: 1, StepKind.FACILITATOR: 2, StepKind.PARTICIPANT: 2}
    return sorted(steps, key=lambda step: (step.date or dt.date.max, order[step.kind]))


def _guest_steps(connection: Any, person_id: int) -> list[PathStep]:
    mixed = aliased(MixedSession)
    invitations: Any = (
        sa.select(
            sa.func.coalesce(col(Session.date), col(mixed.date), col(Invitation.invited_on)),
            sa.func.coalesce(col(Cohort.name), ""),
            sa.func.coalesce(col(Table.name), col(mixed.title), ""),
            col(Session.number),
            full_name_sql(Inviter),
            col(Attendance.status),
            col(Invitation.session_id),
        )
        .join(Inviter, col(Inviter.id) == col(Invitation.inviter_id))
        .outerjoin(Session, col(Session.id) == col(Invitation.session_id))
        .outerjoin(Table, col(Table.id) == col(Session.table_id))
        .outerjoin(mixed, col(mixed.id) == col(Invitation.mixed_session_id))
        .outerjoin(
            Cohort,
            col(Cohort.id) == sa.func.coalesce(col(Table.cohort_id), col(mixed.cohort_id)),
        )
        .outerjoin(
            Attendance,
            sa.and_(
                col(Attendance.session_id) == col(Invitation.session_id),
                col(Attendance.person_id) == person_id,
            ),
        )
        .where(col(Invitation.invitee_id) == person_id)
    )
    steps = []
    invited_sessions = set()
    for day, cohort, table, number, inviter, status, session_id in connection.execute(invitations):
        invited_sessions.add(session_id)
        steps.append(PathStep(StepKind.GUEST, day, cohort, table, inviter, status or "", number))
    presences: Any = (
        sa.select(
            col(Session.date),
            col(Cohort.name),
            col(Table.name),
            col(Session.number),
            col(Session.id),
        )
        .select_from(Attendance)
        .join(Session, col(Session.id) == col(Attendance.session_id))
        .join(Table, col(Table.id) == col(Session.table_id))
        .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
        .where(
            col(Attendance.person_id) == person_id,
            col(Attendance.role) == AttendanceRole.GUEST,
        )
    )
    for day, cohort, table, number, session_id in connection.execute(presences):
        if session_id not in invited_sessions:
            steps.append(
                PathStep(StepKind.GUEST, day, cohort, table, "", AttendanceStatus.PRESENT, number)
            )
    return steps


def _lead_steps(connection: Any, person_id: int) -> list[PathStep]:
    statement: Any = (
        sa.select(
            sa.func.coalesce(col(RecruitmentLead.noted_on), col(Cohort.start_date)),
            col(Cohort.name),
            sa.func.coalesce(full_name_sql(Recruiter), ""),
            col(RecruitmentLead.status),
        )
        .join(Cohort, col(Cohort.id) == col(RecruitmentLead.cohort_id))
        .outerjoin(Recruiter, col(Recruiter.id) == col(RecruitmentLead.recruiter_id))
        .where(col(RecruitmentLead.person_id) == person_id)
    )
    return [
        PathStep(StepKind.LEAD, day, cohort, "", recruiter, status)
        for day, cohort, recruiter, status in connection.execute(statement)
    ]


def _membership_steps(connection: Any, person_id: int) -> list[PathStep]:
    held = (
        sa.select(sa.func.count())
        .where(
            col(Session.table_id) == col(Membership.table_id),
            col(Session.status) == SessionStatus.HELD,
        )
        .scalar_subquery()
    )
    present = (
        sa.select(sa.func.count())
        .select_from(Attendance)
        .join(Session, col(Session.id) == col(Attendance.session_id))
        .where(
            col(Session.table_id) == col(Membership.table_id),
            col(Attendance.person_id) == person_id,
            col(Attendance.status) == AttendanceStatus.PRESENT,
        )
        .scalar_subquery()
    )
    statement: Any = (
        sa.select(
            sa.func.coalesce(col(Membership.start_date), col(Cohort.start_date)),
            col(Cohort.name),
            col(Table.name),
            col(Membership.role),
            col(Membership.status),
            held,
            present,
        )
        .join(Table, col(Table.id) == col(Membership.table_id))
        .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
        .where(col(Membership.person_id) == person_id)
    )
    return [
        PathStep(
            StepKind.FACILITATOR if role == MembershipRole.FACILITATOR else StepKind.PARTICIPANT,
            day,
            cohort,
            table,
            status=status,
            present=present_count,
            held=held_count,
        )
        for day, cohort, table, role, status, held_count, present_count in connection.execute(
            statement
        )
    ]
