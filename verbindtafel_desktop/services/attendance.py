"""Attendance: the grid of a table, taking attendance for one session, walk-in guests.

Every change is saved at once and re-applies the follow-up rule to that table in the
same transaction, so the call list on the dashboard is never behind.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlmodel import col, select

from verbindtafel_desktop.domain.attendance_rules import (
    AttendanceRules,
    Completion,
    Mark,
    completion,
)
from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    MembershipRole,
    MembershipStatus,
    ReferralRoute,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import (
    Attendance,
    Invitation,
    Membership,
    Person,
    Referral,
    Session,
    Table,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.entity import Checks
from verbindtafel_desktop.services.errors import NotFound, ServiceError, ValidationFailed
from verbindtafel_desktop.services.follow_ups import sync_follow_ups
from verbindtafel_desktop.services.institutions import check_contact
from verbindtafel_desktop.services.people import person_search_text
from verbindtafel_desktop.services.settings import SettingsService
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql

ROLE_OF_MEMBERSHIP = {
    MembershipRole.PARTICIPANT: AttendanceRole.MEMBER,
    MembershipRole.FACILITATOR: AttendanceRole.FACILITATOR,
}
# Rows of the grid: facilitators first, then the table's participants, then guests.
ROLE_ORDER = (AttendanceRole.FACILITATOR, AttendanceRole.MEMBER, AttendanceRole.GUEST)


@dataclass(frozen=True)
class GridSession:
    session_id: int
    number: int
    date: dt.date | None
    status: SessionStatus


@dataclass(frozen=True)
class GridPerson:
    person_id: int
    name: str
    phone: str
    role: AttendanceRole
    membership_status: MembershipStatus | None  # None for guests


@dataclass
class AttendanceGrid:
    table_id: int
    sessions: list[GridSession]
    people: list[GridPerson]
    marks: dict[tuple[int, int], AttendanceStatus] = field(default_factory=dict)

    def status(self, person_id: int, session_id: int) -> AttendanceStatus | None:
        return self.marks.get((person_id, session_id))

    def completion(self, person_id: int, rules: AttendanceRules) -> Completion:
        return completion(
            [Mark(s.status, self.status(person_id, s.session_id)) for s in self.sessions], rules
        )


@dataclass(frozen=True)
class RosterRow:
    person_id: int
    name: str
    role: AttendanceRole
    status: AttendanceStatus | None
    invited_by: str = ""


def _roles_of(rows: list[tuple[Any, Any, Any]]) -> dict[int, tuple[AttendanceRole, Any]]:
    """Each member's grid role and membership status, from (person, role, status) rows."""
    found: dict[int, tuple[AttendanceRole, Any]] = {}
    # A person who both facilitates and takes part counts as a participant.
    for person_id, role, status in sorted(
        rows, key=lambda row: row[1] == MembershipRole.PARTICIPANT
    ):
        found[person_id] = (ROLE_OF_MEMBERSHIP[MembershipRole(role)], MembershipStatus(status))
    return found


def _membership_roles(session: Any, table_id: int) -> dict[int, tuple[AttendanceRole, Any]]:
    rows = session.execute(
        sa.select(col(Membership.person_id), col(Membership.role), col(Membership.status)).where(
            col(Membership.table_id) == table_id
        )
    ).all()
    return _roles_of(rows)


# The kinds of row the grid's one query returns, in its first column.
_GRID_SESSION, _GRID_MEMBERSHIP, _GRID_MARK, _GRID_PERSON, _GRID_TABLE = range(5)
# A dictionary is three times quicker than calling the enum, for the grid's many marks.
_ATTENDANCE_STATUS = {status.value: status for status in AttendanceStatus}


@cache
def _grid_sql() -> tuple[str, dict[str, Any]]:
    """The grid of a table (its sessions, memberships, marks, the people's names, and
    whether the table exists) as one SELECT compiled once, with the values of its
    constants; the caller adds "table_id".

    The grid is read each time a table is opened. As five Core statements, building and
    compiling them cost ten times what SQLite needed to answer; one statement compiled
    once leaves little beyond SQLite's own work (benchmarks/bench_views.py).
    """
    table_id: Any = sa.bindparam("table_id")
    nothing = sa.null()
    of_table = sa.select(col(Session.id)).where(col(Session.table_id) == table_id)
    attended = sa.select(col(Attendance.person_id)).where(col(Attendance.session_id).in_(of_table))
    members = sa.select(col(Membership.person_id)).where(col(Membership.table_id) == table_id)
    statement: Any = sa.union_all(
        sa.select(
            sa.literal(_GRID_SESSION),
            col(Session.id),
            col(Session.number),
            col(Session.date),
            col(Session.status),
        ).where(col(Session.table_id) == table_id),
        sa.select(
            sa.literal(_GRID_MEMBERSHIP),
            col(Membership.person_id),
            col(Membership.role),
            col(Membership.status),
            nothing,
        ).where(col(Membership.table_id) == table_id),
        sa.select(
            sa.literal(_GRID_MARK),
            col(Attendance.person_id),
            col(Attendance.session_id),
            col(Attendance.status),
            nothing,
        ).where(col(Attendance.session_id).in_(of_table)),
        sa.select(
            sa.literal(_GRID_PERSON),
            col(Person.id),
            full_name_sql(),
            col(Person.phone),
            sort_name_sql(),
        ).where(col(Person.id).in_(sa.union(members, attended))),
        sa.select(sa.literal(_GRID_TABLE), col(Table.id), nothing, nothing, nothing).where(
            col(Table.id) == table_id
        ),
    )
    compiled = statement.compile(dialect=sqlite.dialect(paramstyle="named"))
    return str(compiled), dict(compiled.params)


class AttendanceService:
    def __init__(self, db: Database, settings: SettingsService) -> None:
        self.db = db
        self.settings = settings

    # --- the grid of a table ---------------------------------------------------------
    def grid(self, table_id: int) -> AttendanceGrid:
        with self.db.engine.connect() as connection:
            sql, constants = _grid_sql()
            rows = connection.exec_driver_sql(sql, {**constants, "table_id": table_id}).all()
        sessions: list[GridSession] = []
        memberships: list[tuple[Any, Any, Any]] = []
        marks: dict[tuple[int, int], AttendanceStatus] = {}
        names: list[tuple[Any, ...]] = []
        table_found = False
        for kind, first, second, third, fourth in rows:
            if kind == _GRID_MARK:
                marks[(first, second)] = _ATTENDANCE_STATUS[third]
            elif kind == _GRID_PERSON:
                names.append((first, second, third, fourth))
            elif kind == _GRID_MEMBERSHIP:
                memberships.append((first, second, third))
            elif kind == _GRID_SESSION:
                date = dt.date.fromisoformat(third) if third else None
                sessions.append(GridSession(first, second, date, SessionStatus(fourth)))
            else:
                table_found = True
        if not table_found:
            raise NotFound(f"Tafel {table_id} bestaat niet.")
        sessions.sort(key=lambda grid_session: grid_session.number)
        roles = _roles_of(memberships)
        people = []
        for person_id, name, phone, sort_name in names:
            role, membership_status = roles.get(person_id, (AttendanceRole.GUEST, None))
            people.append(
                (
                    ROLE_ORDER.index(role),
                    sort_name,
                    GridPerson(person_id, name, phone, role, membership_status),
                )
            )
        people.sort(key=lambda entry: (entry[0], entry[1]))
        return AttendanceGrid(table_id, sessions, [entry[2] for entry in people], marks)

    def completions(self, table_id: int) -> dict[int, Completion]:
        """Completion of every participant of a table under the current rules."""
        grid = self.grid(table_id)
        rules = self.settings.rules()
        return {
            person.person_id: grid.completion(person.person_id, rules)
            for person in grid.people
            if person.role == AttendanceRole.MEMBER
        }

    def close_trajectory(self, table_id: int) -> tuple[int, int]:
        """After the last session: participants who met the completion rule become
        'afgerond', the others 'gestopt'. Returns (completed, dropped out)."""
        grid = self.grid(table_id)
        if not grid.sessions or any(s.status == SessionStatus.PLANNED for s in grid.sessions):
            raise ServiceError(
                "Het traject van deze tafel is nog niet klaar: niet alle sessies zijn gehouden "
                "of geannuleerd."
            )
        rules = self.settings.rules()
        outcome = {
            person.person_id: grid.completion(person.person_id, rules).completed
            for person in grid.people
            if person.role == AttendanceRole.MEMBER
        }
        last_day = max((s.date for s in grid.sessions if s.date), default=dt.date.today())
        counted = [0, 0]
        with self.db.session() as session:
            for membership in session.exec(
                select(Membership).where(
                    col(Membership.table_id) == table_id,
                    col(Membership.role) == MembershipRole.PARTICIPANT,
                    col(Membership.status).in_(
                        (MembershipStatus.REGISTERED, MembershipStatus.ACTIVE)
                    ),
                )
            ):
                done = outcome.get(membership.person_id, False)
                membership.status = (
                    MembershipStatus.COMPLETED if done else MembershipStatus.DROPPED_OUT
                )
                membership.end_date = membership.end_date or last_day
                session.add(membership)
                counted[0 if done else 1] += 1
        return counted[0], counted[1]

    # --- recording -----------------------------------------------------------------
    def set_status(
        self,
        session_id: int,
        person_id: int,
        status: AttendanceStatus | None,
        role: AttendanceRole | None = None,
    ) -> SessionStatus:
        """Record (or, with None, clear) one person's status at one session; returns the
        session's status afterwards (recording who was there marks a planned session held)."""
        rules = self.settings.rules()
        with self.db.session() as session:
            record = session.get(Session, session_id)
            if record is None:
                raise NotFound(f"Sessie {session_id} bestaat niet.")
            if record.status == SessionStatus.CANCELLED and status is not None:
                raise ServiceError(
                    f"Sessie {record.number} is geannuleerd; daar kan geen aanwezigheid bij."
                )
            existing = session.exec(
                select(Attendance).where(
                    col(Attendance.session_id) == session_id,
                    col(Attendance.person_id) == person_id,
                )
            ).first()
            if status is None:
                if existing is not None:
                    session.delete(existing)
            else:
                if role is None:
                    memberships = _membership_roles(session, record.table_id)
                    fallback = existing.role if existing else AttendanceRole.GUEST
                    role = memberships.get(person_id, (fallback, None))[0]
                entry = existing or Attendance(
                    session_id=session_id, person_id=person_id, status=status
                )
                entry.status = status
                entry.role = role
                entry.recorded_at = dt.datetime.now(dt.UTC)
                session.add(entry)
                took_place = status in (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT)
                if took_place and record.status == SessionStatus.PLANNED:
                    record.status = SessionStatus.HELD
                    session.add(record)
            session.flush()
            sync_follow_ups(session, rules, [record.table_id])
            return record.status

    def roster(self, session_id: int) -> list[RosterRow]:
        """Who is expected at a session (facilitators, participants still taking part) and
        who is already recorded (guests too), with their status."""
        grid_table = self._table_of(session_id)
        grid = self.grid(grid_table)
        inviters = self._inviters(session_id)
        rows = []
        for person in grid.people:
            status = grid.status(person.person_id, session_id)
            dropped = person.membership_status == MembershipStatus.DROPPED_OUT
            if person.role == AttendanceRole.GUEST and status is None:
                continue
            if dropped and status is None:
                continue
            rows.append(
                RosterRow(
                    person.person_id,
                    person.name,
                    person.role,
                    status,
                    inviters.get(person.person_id, ""),
                )
            )
        return rows

    def finish(self, session_id: int) -> int:
        """Mark everyone expected but not recorded as absent and the session as held;
        returns how many were marked absent."""
        rules = self.settings.rules()
        missing = [row for row in self.roster(session_id) if row.status is None]
        with self.db.session() as session:
            record = session.get(Session, session_id)
            if record is None:
                raise NotFound(f"Sessie {session_id} bestaat niet.")
            if record.status == SessionStatus.CANCELLED:
                raise ServiceError("Deze sessie is geannuleerd.")
            for row in missing:
                session.add(
                    Attendance(
                        session_id=session_id,
                        person_id=row.person_id,
                        status=AttendanceStatus.ABSENT,
                        role=row.role,
                    )
                )
            record.status = SessionStatus.HELD
            session.add(record)
            session.flush()
            sync_follow_ups(session, rules, [record.table_id])
        return len(missing)

    # --- walk-in guests --------------------------------------------------------------
    def add_guest(
        self,
        session_id: int,
        inviter_id: int | None,
        *,
        person_id: int | None = None,
        new_person: Mapping[str, Any] | None = None,
    ) -> int:
        """A guest at the door: the person (new or known), the invitation by `inviter_id`
        and their presence, all saved together or not at all. Returns the guest's id."""
        checks = Checks(new_person or {})
        if person_id is None:
            checks.text("first_name", required="Vul de voornaam van de introducee in.")
            checks.text("infix")
            checks.text("last_name")
            check_contact(checks)
        if not inviter_id:
            checks.fail("inviter_id", "Kies wie deze introducee heeft uitgenodigd.")
        elif inviter_id == person_id:
            checks.fail("inviter_id", "Iemand kan zichzelf niet uitnodigen.")
        cleaned = checks.done()
        assert inviter_id is not None
        with self.db.session() as session:
            record = session.get(Session, session_id)
            if record is None:
                raise NotFound(f"Sessie {session_id} bestaat niet.")
            if record.status == SessionStatus.CANCELLED:
                raise ServiceError("Deze sessie is geannuleerd.")
            if session.get(Person, inviter_id) is None:
                raise NotFound(f"Persoon {inviter_id} bestaat niet.")
            day = record.date or dt.date.today()
            if person_id is None:
                guest = Person(
                    **{
                        key: cleaned[key]
                        for key in ("first_name", "infix", "last_name", "phone", "email")
                    }
                )
                guest.search_text = person_search_text(guest)
                session.add(guest)
                session.flush()
                assert guest.id is not None
                person_id = guest.id
                session.add(
                    Referral(
                        person_id=person_id,
                        route=ReferralRoute.INVITED,
                        referrer_id=inviter_id,
                        referred_on=day,
                    )
                )
            else:
                if session.get(Person, person_id) is None:
                    raise NotFound(f"Persoon {person_id} bestaat niet.")
                already = session.exec(
                    select(Attendance).where(
                        col(Attendance.session_id) == session_id,
                        col(Attendance.person_id) == person_id,
                    )
                ).first()
                if already is not None:
                    raise ValidationFailed(
                        {"person_id": "Deze persoon staat al op de lijst van deze sessie."}
                    )
            session.add(
                Invitation(
                    inviter_id=inviter_id,
                    invitee_id=person_id,
                    session_id=session_id,
                    invited_on=day,
                )
            )
            session.add(
                Attendance(
                    session_id=session_id,
                    person_id=person_id,
                    status=AttendanceStatus.PRESENT,
                    role=AttendanceRole.GUEST,
                )
            )
            if record.status == SessionStatus.PLANNED:
                record.status = SessionStatus.HELD
                session.add(record)
            return person_id

    # --- helpers -----------------------------------------------------------------------
    def _table_of(self, session_id: int) -> int:
        with self.db.engine.connect() as connection:
            table_id = connection.execute(
                sa.select(col(Session.table_id)).where(col(Session.id) == session_id)
            ).scalar()
        if table_id is None:
            raise NotFound(f"Sessie {session_id} bestaat niet.")
        return int(table_id)

    def _inviters(self, session_id: int) -> dict[int, str]:
        with self.db.engine.connect() as connection:
            rows = connection.execute(
                sa.select(col(Invitation.invitee_id), full_name_sql())
                .join(Person, col(Person.id) == col(Invitation.inviter_id))
                .where(col(Invitation.session_id) == session_id)
            ).all()
        return {row[0]: row[1] for row in rows}
