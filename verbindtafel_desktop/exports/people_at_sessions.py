"""Who is expected at, and who came to, a set of sessions: read in a few bulk queries.

Shared by the sign-in sheets and the name cards. A participant is expected at a session
of their table unless they joined after it or had stopped before it; someone recorded
as a member of that session counts as expected too.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col

from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    MembershipRole,
    MembershipStatus,
    Phase,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import (
    Attendance,
    Cohort,
    Invitation,
    Location,
    Membership,
    Person,
    Session,
    Table,
)
from verbindtafel_desktop.persistence.in_lists import chunks
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql

Inviter = aliased(Person, name="inviter")


@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str
    first_name: str
    sort_key: str
    status: AttendanceStatus | None = None  # as recorded for this session, if it was


@dataclass(frozen=True)
class Guest:
    person_id: int
    name: str
    first_name: str
    sort_key: str
    invited_by: str
    status: AttendanceStatus | None = None


@dataclass
class SessionPeople:
    session_id: int
    table_id: int
    table: str
    cohort: str
    location: str
    address: str
    number: int
    phase: Phase
    status: SessionStatus
    date: dt.date | None
    start_time: dt.time | None
    facilitators: list[Attendee] = field(default_factory=list)
    participants: list[Attendee] = field(default_factory=list)
    guests: list[Guest] = field(default_factory=list)

    @property
    def is_recorded(self) -> bool:
        """Attendance was taken: someone has a status for this session."""
        people: list[Attendee | Guest] = [*self.facilitators, *self.participants, *self.guests]
        return any(person.status is not None for person in people)


def _expected(membership: Any, day: dt.date | None) -> bool:
    if day is None:
        return membership.status != MembershipStatus.DROPPED_OUT
    if membership.start_date is not None and membership.start_date > day:
        return False
    if membership.status == MembershipStatus.DROPPED_OUT:
        return membership.end_date is None or membership.end_date >= day
    return True


def load_session_people(connection: Any, session_ids: Sequence[int]) -> list[SessionPeople]:
    """The sessions in the order of `session_ids`, each with its people sorted by name."""
    found: dict[int, SessionPeople] = {}
    for chunk in chunks(session_ids):
        for row in connection.execute(
            sa.select(
                col(Session.id),
                col(Session.table_id),
                col(Table.name),
                col(Cohort.name),
                col(Location.name),
                col(Location.address),
                col(Session.number),
                col(Session.phase),
                col(Session.status),
                col(Session.date),
                col(Session.start_time),
            )
            .join(Table, col(Table.id) == col(Session.table_id))
            .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
            .join(Location, col(Location.id) == col(Cohort.location_id))
            .where(col(Session.id).in_(chunk))
        ):
            found[row[0]] = SessionPeople(*row)
    sessions = [found[session_id] for session_id in session_ids if session_id in found]
    table_ids = sorted({session.table_id for session in sessions})

    memberships: dict[int, list[Any]] = defaultdict(list)
    for chunk in chunks(table_ids):
        for row in connection.execute(
            sa.select(
                col(Membership.table_id),
                col(Membership.person_id),
                col(Membership.role),
                col(Membership.status),
                col(Membership.start_date),
                col(Membership.end_date),
                full_name_sql().label("name"),
                col(Person.first_name),
                sort_name_sql().label("sort_key"),
            )
            .join(Person, col(Person.id) == col(Membership.person_id))
            .where(col(Membership.table_id).in_(chunk))
        ):
            memberships[row.table_id].append(row)

    recorded: dict[int, list[Any]] = defaultdict(list)
    invited: dict[int, list[Any]] = defaultdict(list)
    for chunk in chunks([session.session_id for session in sessions]):
        for row in connection.execute(
            sa.select(
                col(Attendance.session_id),
                col(Attendance.person_id),
                col(Attendance.status),
                col(Attendance.role),
                full_name_sql().label("name"),
                col(Person.first_name),
                sort_name_sql().label("sort_key"),
            )
            .join(Person, col(Person.id) == col(Attendance.person_id))
            .where(col(Attendance.session_id).in_(chunk))
        ):
            recorded[row.session_id].append(row)
        for row in connection.execute(
            sa.select(
                col(Invitation.session_id),
                col(Invitation.invitee_id),
                full_name_sql().label("name"),
                col(Person.first_name),
                sort_name_sql().label("sort_key"),
                full_name_sql(Inviter).label("inviter"),
            )
            .join(Person, col(Person.id) == col(Invitation.invitee_id))
            .join(Inviter, col(Inviter.id) == col(Invitation.inviter_id))
            .where(col(Invitation.session_id).in_(chunk))
        ):
            invited[row.session_id].append(row)

    for session in sessions:
        _fill(
            session,
            memberships[session.table_id],
            recorded[session.session_id],
            invited[session.session_id],
        )
    return sessions


def _fill(
    session: SessionPeople, memberships: list[Any], recorded: list[Any], invited: list[Any]
) -> None:
    status_of = {row.person_id: AttendanceStatus(row.status) for row in recorded}

    def attendee(row: Any) -> Attendee:
        return Attendee(
            row.person_id, row.name, row.first_name, row.sort_key, status_of.get(row.person_id)
        )

    facilitators: dict[int, Attendee] = {}
    participants: dict[int, Attendee] = {}
    for membership in memberships:
        if membership.role == MembershipRole.FACILITATOR:
            if membership.status != MembershipStatus.DROPPED_OUT:
                facilitators[membership.person_id] = attendee(membership)
        elif _expected(membership, session.date):
            participants[membership.person_id] = attendee(membership)
    guests: dict[int, Guest] = {}
    for row in invited:
        guests[row.invitee_id] = Guest(
            row.invitee_id,
            row.name,
            row.first_name,
            row.sort_key,
            row.inviter,
            status_of.get(row.invitee_id),
        )
    for row in recorded:
        if row.role == AttendanceRole.FACILITATOR:
            facilitators.setdefault(row.person_id, attendee(row))
        elif row.role == AttendanceRole.GUEST:
            if row.person_id not in guests:
                guests[row.person_id] = Guest(
                    row.person_id,
                    row.name,
                    row.first_name,
                    row.sort_key,
                    "",
                    status_of[row.person_id],
                )
        else:
            participants.setdefault(row.person_id, attendee(row))
    for person_id in facilitators:
        participants.pop(person_id, None)
    session.facilitators = sorted(facilitators.values(), key=lambda person: person.sort_key)
    session.participants = sorted(participants.values(), key=lambda person: person.sort_key)
    session.guests = sorted(guests.values(), key=lambda person: person.sort_key)
