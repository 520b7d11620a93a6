"""Memberships (deelnames): who sits at a table, as participant or facilitator."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.enums import MembershipRole, MembershipStatus
from verbindtafel_desktop.domain.models import (
    Attendance,
    Cohort,
    Membership,
    Person,
    Session,
    Table,
)
from verbindtafel_desktop.services.errors import InUse, NotFound, ValidationFailed
from verbindtafel_desktop.services.membership_rules import (
    already_at_table,
    open_elsewhere_in_cohort,
    table_full,
)
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql
from verbindtafel_desktop.services.tables import participant_count

# A membership that is not yet over: the person is expected at the table.
OPEN_STATUSES = (MembershipStatus.REGISTERED, MembershipStatus.ACTIVE)


@dataclass(frozen=True)
class MemberRow:
    membership_id: int
    person_id: int
    name: str
    phone: str
    role: MembershipRole
    status: MembershipStatus
    start_date: dt.date | None
    end_date: dt.date | None


@dataclass(frozen=True)
class TableSummary:
    table_id: int
    name: str
    cohort: str
    capacity: int
    participants: int
    facilitators: list[str]


class MembershipService:
    def __init__(self, db: Any) -> None:
        self.db = db

    def members(self, table_id: int) -> list[MemberRow]:
        statement = (
            sa.select(
                col(Membership.id),
                col(Person.id),
                full_name_sql(),
                col(Person.phone),
                col(Membership.role),
                col(Membership.status),
                col(Membership.start_date),
                col(Membership.end_date),
            )
            .join(Person, col(Person.id) == col(Membership.person_id))
            .where(col(Membership.table_id) == table_id)
            # "facilitator" sorts before "participant": facilitators head the list.
            .order_by(col(Membership.role), sort_name_sql())
        )
        with self.db.engine.connect() as connection:
            return [MemberRow(*row) for row in connection.execute(statement)]

    def summary(self, table_id: int) -> TableSummary:
        with self.db.engine.connect() as connection:
            found = connection.execute(
                sa.select(col(Table.name), col(Cohort.name), col(Table.capacity))
                .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
                .where(col(Table.id) == table_id)
            ).first()
            if found is None:
                raise NotFound(f"Tafel {table_id} bestaat niet.")
            seated = participant_count(connection, table_id)
        facilitators = [
            row.name
            for row in self.members(table_id)
            if row.role == MembershipRole.FACILITATOR and row.status != MembershipStatus.DROPPED_OUT
        ]
        return TableSummary(table_id, found[0], found[1], found[2], seated, facilitators)

    def add(
        self,
        table_id: int,
        person_id: int,
        role: MembershipRole = MembershipRole.PARTICIPANT,
        *,
        start_date: dt.date | None = None,
        status: MembershipStatus = MembershipStatus.REGISTERED,
    ) -> int:
        """Seat a person at a table; refuses a full table and a second open membership
        of a participant at another table of the same cohort."""
        with self.db.session() as session:
            return self.add_in(
                session, table_id, person_id, role, start_date=start_date, status=status
            )

    def add_in(
        self,
        session: Any,
        table_id: int,
        person_id: int,
        role: MembershipRole = MembershipRole.PARTICIPANT,
        *,
        start_date: dt.date | None = None,
        status: MembershipStatus = MembershipStatus.REGISTERED,
    ) -> int:
        """`add` inside the caller's unit of work, for actions that change more than this."""
        self._check(session, table_id, person_id, role, status, membership_id=None)
        membership = Membership(
            person_id=person_id,
            table_id=table_id,
            role=role,
            start_date=start_date or dt.date.today(),
            status=status,
        )
        session.add(membership)
        session.flush()
        assert membership.id is not None
        return membership.id

    def update(
        self,
        membership_id: int,
        *,
        status: MembershipStatus,
        start_date: dt.date | None,
        end_date: dt.date | None,
    ) -> None:
        with self.db.session() as session:
            membership = session.get(Membership, membership_id)
            if membership is None:
                raise NotFound(f"Deelname {membership_id} bestaat niet.")
            if end_date and start_date and end_date < start_date:
                raise ValidationFailed({"end_date": "De einddatum moet na de startdatum liggen."})
            reopening = status in OPEN_STATUSES and membership.status not in OPEN_STATUSES
            if reopening:
                self._check(
                    session,
                    membership.table_id,
                    membership.person_id,
                    membership.role,
                    status,
                    membership_id=membership_id,
                )
            membership.status = status
            membership.start_date = start_date
            membership.end_date = end_date
            if status == MembershipStatus.DROPPED_OUT and end_date is None:
                membership.end_date = dt.date.today()
            session.add(membership)

    def remove(self, membership_id: int) -> None:
        """Remove a membership entered by mistake; one with attendance must be ended instead."""
        with self.db.session() as session:
            membership = session.get(Membership, membership_id)
            if membership is None:
                raise NotFound(f"Deelname {membership_id} bestaat niet.")
            recorded = session.execute(
                sa.select(sa.func.count())
                .select_from(Attendance)
                .join(Session, col(Session.id) == col(Attendance.session_id))
                .where(
                    col(Session.table_id) == membership.table_id,
                    col(Attendance.person_id) == membership.person_id,
                )
            ).scalar_one()
            if recorded:
                raise InUse(
                    f"Voor deze deelname is al {recorded} keer aanwezigheid geregistreerd. "
                    "Zet de status op 'gestopt' om de geschiedenis te bewaren."
                )
            session.delete(membership)

    def _check(
        self,
        session: Any,
        table_id: int,
        person_id: int,
        role: MembershipRole,
        status: MembershipStatus,
        membership_id: int | None,
    ) -> None:
        table = session.get(Table, table_id)
        if table is None:
            raise NotFound(f"Tafel {table_id} bestaat niet.")
        if session.get(Person, person_id) is None:
            raise NotFound(f"Persoon {person_id} bestaat niet.")
        others = [col(Membership.id) != membership_id] if membership_id else []
        duplicate = session.execute(
            sa.select(col(Membership.id)).where(
                col(Membership.table_id) == table_id,
                col(Membership.person_id) == person_id,
                col(Membership.role) == role,
                *others,
            )
        ).first()
        if duplicate:
            raise ValidationFailed({"person_id": already_at_table()})
        if role != MembershipRole.PARTICIPANT or status not in OPEN_STATUSES:
            return
        seated = participant_count(session.connection(), table_id)
        if membership_id is None and seated >= table.capacity:
            raise ValidationFailed({"person_id": table_full(seated, table.capacity)})
        elsewhere = session.execute(
            sa.select(col(Table.name))
            .join(Membership, col(Membership.table_id) == col(Table.id))
            .where(
                col(Table.cohort_id) == table.cohort_id,
                col(Table.id) != table_id,
                col(Membership.person_id) == person_id,
                col(Membership.role) == MembershipRole.PARTICIPANT,
                col(Membership.status).in_(OPEN_STATUSES),
            )
        ).first()
        if elsewhere:
            raise ValidationFailed({"person_id": open_elsewhere_in_cohort(elsewhere[0])})

    def person_memberships(self, person_id: int) -> list[dict[str, Any]]:
        statement: Any = (
            sa.select(
                col(Membership.id).label("membership_id"),
                col(Table.name).label("table"),
                col(Cohort.name).label("cohort"),
                col(Membership.role).label("role"),
                col(Membership.status).label("status"),
                col(Membership.start_date).label("start_date"),
            )
            .join(Table, col(Table.id) == col(Membership.table_id))
            .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
            .where(col(Membership.person_id) == person_id)
            .order_by(col(Cohort.start_date))
        )
        with self.db.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(statement)]
