"""Seating many people at once under the rules of `MembershipService.add`.

An import may seat thousands of people at a table or spread them over a cohort's tables.
Asking the database once per person would be slow, so the plan reads the tables' state
once, then decides person by person in memory and remembers the seats it has handed out.
A refusal is a reason to show, never an error: the person is imported without a seat.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.enums import MembershipRole, MembershipStatus
from verbindtafel_desktop.domain.models import Membership, Table
from verbindtafel_desktop.persistence.in_lists import chunks
from verbindtafel_desktop.services.membership_rules import (
    already_at_table,
    open_elsewhere_in_cohort,
    table_full,
)
from verbindtafel_desktop.services.memberships import OPEN_STATUSES
from verbindtafel_desktop.services.tables import SEATED_STATUSES


@dataclass
class _TableState:
    table_id: int
    name: str
    cohort_id: int
    capacity: int
    participants: int
    facilitators: int


@dataclass
class SeatingPlan:
    role: MembershipRole
    tables: list[_TableState]
    # (person, table) pairs that already exist with this role, or were planned.
    seated: set[tuple[int, int]] = field(default_factory=set)
    # person -> {cohort: table name} of their open participant memberships.
    open_in_cohort: dict[int, dict[int, str]] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        connection: Any,
        table_ids: Sequence[int],
        role: MembershipRole,
        person_ids: Collection[int] = (),
    ) -> "SeatingPlan":
        """The state of `table_ids` (in the order given) for seating `person_ids`, who
        already exist, and any number of new people."""
        found = {
            row.id: row
            for row in connection.execute(
                sa.select(
                    col(Table.id), col(Table.name), col(Table.cohort_id), col(Table.capacity)
                ).where(col(Table.id).in_(list(table_ids)))
            )
        }
        counts = {
            (table_id, member_role): int(count)
            for table_id, member_role, count in connection.execute(
                sa.select(col(Membership.table_id), col(Membership.role), sa.func.count())
                .where(
                    col(Membership.table_id).in_(list(table_ids)),
                    sa.or_(
                        sa.and_(
                            col(Membership.role) == MembershipRole.PARTICIPANT,
                            col(Membership.status).in_(SEATED_STATUSES),
                        ),
                        sa.and_(
                            col(Membership.role) == MembershipRole.FACILITATOR,
                            col(Membership.status) != MembershipStatus.DROPPED_OUT,
                        ),
                    ),
                )
                .group_by(col(Membership.table_id), col(Membership.role))
            )
        }
        tables = [
            _TableState(
                table_id=table_id,
                name=found[table_id].name,
                cohort_id=found[table_id].cohort_id,
                capacity=found[table_id].capacity,
                participants=counts.get((table_id, MembershipRole.PARTICIPANT), 0),
                facilitators=counts.get((table_id, MembershipRole.FACILITATOR), 0),
            )
            for table_id in table_ids
            if table_id in found
        ]
        plan = cls(role=role, tables=tables)
        people = list(person_ids)
        for chunk in chunks(people):
            plan._load_people(connection, chunk)
        return plan

    def _load_people(self, connection: Any, person_ids: list[int]) -> None:
        here = [state.table_id for state in self.tables]
        for person_id, table_id in connection.execute(
            sa.select(col(Membership.person_id), col(Membership.table_id)).where(
                col(Membership.person_id).in_(person_ids),
                col(Membership.table_id).in_(here),
                col(Membership.role) == self.role,
            )
        ):
            self.seated.add((person_id, table_id))
        cohorts = {state.cohort_id for state in self.tables}
        for person_id, cohort_id, name in connection.execute(
            sa.select(col(Membership.person_id), col(Table.cohort_id), col(Table.name))
            .join(Table, col(Table.id) == col(Membership.table_id))
            .where(
                col(Membership.person_id).in_(person_ids),
                col(Table.cohort_id).in_(cohorts),
                col(Membership.role) == MembershipRole.PARTICIPANT,
                col(Membership.status).in_(OPEN_STATUSES),
            )
        ):
            self.open_in_cohort.setdefault(person_id, {})[cohort_id] = name

    def place(self, person_id: int | None) -> tuple[int | None, str]:
        """A table for one more person (None: someone new), or why there is none.

        A seat that is handed out counts for the next person.
        """
        if not self.tables:
            return None, "De gekozen tafel of lichting heeft geen tafels."
        if person_id is not None:
            for state in self.tables:
                if (person_id, state.table_id) in self.seated:
                    return None, already_at_table(state.name)
        participant = self.role == MembershipRole.PARTICIPANT
        if participant and person_id is not None:
            open_tables = self.open_in_cohort.get(person_id, {})
            for state in self.tables:
                if state.cohort_id in open_tables:
                    return None, open_elsewhere_in_cohort(open_tables[state.cohort_id])
        if participant:
            free = [state for state in self.tables if state.participants < state.capacity]
            if not free:
                if len(self.tables) == 1:
                    only = self.tables[0]
                    return None, table_full(only.participants, only.capacity, only.name)
                return None, "Alle tafels van de lichting zijn vol."
            chosen = max(free, key=lambda state: state.capacity - state.participants)
            chosen.participants += 1
        else:
            chosen = min(self.tables, key=lambda state: state.facilitators)
            chosen.facilitators += 1
        if person_id is not None:
            self.seated.add((person_id, chosen.table_id))
            if participant:
                self.open_in_cohort.setdefault(person_id, {})[chosen.cohort_id] = chosen.name
        return chosen.table_id, ""
