"""Loading and saving a mixmoment's board: who is expected, who met before, the seating.

Who is expected: the members and facilitators of the participating tables, the guests
announced for their linked sessions or for the mixmoment, and anyone whose attendance
was already recorded there. Who met before ("history"): people of the same home table
in this cohort, guests and the people present at a home-table session they visited,
and people who shared a mixed table at an earlier mixmoment of the cohort.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    MembershipRole,
    MembershipStatus,
    MixingRuleKind,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import (
    Attendance,
    Cohort,
    Invitation,
    Location,
    Membership,
    MixedSession,
    MixedSessionTable,
    MixedTable,
    MixingRule,
    Person,
    Seating,
    Session,
    Table,
    now,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import NotFound, ValidationFailed
from verbindtafel_desktop.services.follow_ups import sync_follow_ups
from verbindtafel_desktop.services.mixed_seating import (
    Candidate,
    MixedSeating,
    PairRule,
    TableSpec,
    add_clique,
    default_table_count,
)
from verbindtafel_desktop.services.settings import SettingsService
from verbindtafel_desktop.services.sql_names import full_name_sql


@dataclass(frozen=True)
class MixmomentInfo:
    mixed_session_id: int
    title: str
    date: dt.date
    start_time: dt.time | None
    status: SessionStatus
    cohort_id: int
    cohort: str
    location: str
    default_capacity: int


@dataclass
class BoardData:
    info: MixmomentInfo
    candidates: list[Candidate]
    tables: list[TableSpec]
    seats: dict[int, int]
    locked: set[int]
    pinned: set[int]
    rules: list[PairRule]
    history: dict[tuple[int, int], int]
    without_session: list[str] = field(default_factory=list)  # tables with no linked session

    @property
    def saved(self) -> bool:
        return bool(self.tables)

    def plan(self) -> MixedSeating:
        """The board as last saved; present is what was recorded, else who was seated,
        else everyone expected."""
        by_id = {c.person_id: c for c in self.candidates}
        present = set()
        for candidate in self.candidates:
            if candidate.recorded is not None:
                if candidate.recorded == AttendanceStatus.PRESENT:
                    present.add(candidate.person_id)
            elif not self.saved or candidate.person_id in self.seats:
                present.add(candidate.person_id)
        tables = list(self.tables) or [
            TableSpec(self.info.default_capacity)
            for _ in range(default_table_count(len(present), self.info.default_capacity))
        ]
        seats = {p: t for p, t in self.seats.items() if p in present and t < len(tables)}
        return MixedSeating(
            candidates=by_id,
            tables=tables,
            history=dict(self.history),
            rules=list(self.rules),
            seats=seats,
            locked={p for p in self.locked if p in seats},
            pinned={p for p in self.pinned if p in seats},
            present=present,
        )


@dataclass(frozen=True)
class SaveResult:
    seated: int
    attendance_written: int  # rows added or changed; 0 before the day of the mixmoment
    before_the_day: bool


class MixingBoardService:
    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.db = db
        self.settings = settings
        self.today = today

    # --- loading ----------------------------------------------------------------------
    def info(self, mixed_session_id: int) -> MixmomentInfo:
        with self.db.engine.connect() as connection:
            row: Any = connection.execute(
                sa.select(
                    col(MixedSession.title),
                    col(MixedSession.date),
                    col(MixedSession.start_time),
                    col(MixedSession.status),
                    col(Cohort.id),
                    col(Cohort.name),
                    col(Location.name),
                    col(Location.mixed_table_capacity),
                )
                .join(Cohort, col(Cohort.id) == col(MixedSession.cohort_id))
                .join(Location, col(Location.id) == col(Cohort.location_id))
                .where(col(MixedSession.id) == mixed_session_id)
            ).first()
        if row is None:
            raise NotFound(f"Mixmoment {mixed_session_id} bestaat niet (meer).")
        title, day, start, status, cohort_id, cohort, location, capacity = row
        return MixmomentInfo(
            mixed_session_id,
            title or f"Mixmoment {cohort}",
            day,
            start,
            SessionStatus(status),
            cohort_id,
            cohort,
            location,
            capacity,
        )

    def load(self, mixed_session_id: int) -> BoardData:
        info = self.info(mixed_session_id)
        with self.db.engine.connect() as connection:
            candidates, without_session = self._candidates(connection, mixed_session_id)
            tables, seats, locked, pinned = self._seating(connection, mixed_session_id)
            rules = self._rules(connection, info.cohort_id)
            history = self._history(connection, info)
        return BoardData(
            info, candidates, tables, seats, locked, pinned, rules, history, without_session
        )

    def candidates(self, mixed_session_id: int) -> list[Candidate]:
        """Who can be seated, as stored now (after a save, their recorded attendance)."""
        with self.db.engine.connect() as connection:
            return self._candidates(connection, mixed_session_id)[0]

    def _candidates(self, connection: Any, ms_id: int) -> tuple[list[Candidate], list[str]]:
        tables = dict(
            connection.execute(
                sa.select(col(Table.id), col(Table.name))
                .join(MixedSessionTable, col(MixedSessionTable.table_id) == col(Table.id))
                .where(col(MixedSessionTable.mixed_session_id) == ms_id)
                .order_by(col(Table.name))
            ).all()
        )
        session_of: dict[int, int] = dict(
            connection.execute(
                sa.select(col(Session.table_id), col(Session.id)).where(
                    col(Session.mixed_session_id) == ms_id
                )
            ).all()
        )
        for table_id in session_of:
            if table_id not in tables:  # a linked session whose table was taken out
                tables[table_id] = connection.execute(
                    sa.select(col(Table.name)).where(col(Table.id) == table_id)
                ).scalar_one()
        table_of_session = {s: t for t, s in session_of.items()}
        recorded: dict[int, tuple[int, AttendanceStatus, AttendanceRole]] = {}
        for session_id, person_id, status, role in connection.execute(
            sa.select(
                col(Attendance.session_id),
                col(Attendance.person_id),
                col(Attendance.status),
                col(Attendance.role),
            ).where(col(Attendance.session_id).in_(list(table_of_session)))
        ):
            recorded[person_id] = (session_id, AttendanceStatus(status), AttendanceRole(role))

        found: dict[int, dict[str, Any]] = {}
        memberships = connection.execute(
            sa.select(
                col(Membership.person_id),
                col(Membership.table_id),
                col(Membership.role),
                col(Membership.status),
            )
            .where(col(Membership.table_id).in_(list(tables)))
            .order_by(col(Membership.role))  # facilitators first
        ).all()
        for person_id, table_id, role, status in memberships:
            if status == MembershipStatus.DROPPED_OUT and person_id not in recorded:
                continue
            found.setdefault(
                person_id,
                {
                    "role": AttendanceRole.FACILITATOR
                    if role == MembershipRole.FACILITATOR
                    else AttendanceRole.MEMBER,
                    "table": table_id,
                    "host": None,
                },
            )
        invitations = connection.execute(
            sa.select(
                col(Invitation.invitee_id), col(Invitation.inviter_id), col(Invitation.session_id)
            )
            .where(
                sa.or_(
                    col(Invitation.session_id).in_(list(table_of_session)),
                    col(Invitation.mixed_session_id) == ms_id,
                )
            )
            .order_by(col(Invitation.id))
        ).all()
        first_table = next(iter(tables), None)
        for guest, host, session_id in invitations:
            if guest in found:
                continue
            host_table = found.get(host, {}).get("table")
            table = host_table or table_of_session.get(session_id) or first_table
            if table is not None:
                found[guest] = {"role": AttendanceRole.GUEST, "table": table, "host": host}
        for person_id, (session_id, _status, role) in recorded.items():
            found.setdefault(
                person_id, {"role": role, "table": table_of_session[session_id], "host": None}
            )

        names = dict(
            connection.execute(
                sa.select(col(Person.id), full_name_sql()).where(col(Person.id).in_(list(found)))
            ).all()
        )
        candidates = [
            Candidate(
                person_id=person_id,
                name=names[person_id],
                role=details["role"],
                home_table_id=details["table"],
                home_table=tables[details["table"]],
                session_id=session_of.get(details["table"]),
                host_id=details["host"] if details["host"] in found else None,
                recorded=recorded[person_id][1] if person_id in recorded else None,
            )
            for person_id, details in found.items()
        ]
        candidates.sort(
            key=lambda c: (c.home_table.lower(), c.role != AttendanceRole.FACILITATOR, c.name)
        )
        without = sorted(name for table_id, name in tables.items() if table_id not in session_of)
        return candidates, without

    def _seating(
        self, connection: Any, ms_id: int
    ) -> tuple[list[TableSpec], dict[int, int], set[int], set[int]]:
        rows = connection.execute(
            sa.select(
                col(MixedTable.id),
                col(MixedTable.capacity),
                col(MixedTable.label),
                col(MixedTable.locked),
            )
            .where(col(MixedTable.mixed_session_id) == ms_id)
            .order_by(col(MixedTable.number))
        ).all()
        index = {row[0]: i for i, row in enumerate(rows)}
        tables = [TableSpec(capacity, label, bool(locked)) for _id, capacity, label, locked in rows]
        seats: dict[int, int] = {}
        locked_people: set[int] = set()
        pinned: set[int] = set()
        for person_id, table_id, is_locked, is_pinned in connection.execute(
            sa.select(
                col(Seating.person_id),
                col(Seating.mixed_table_id),
                col(Seating.locked),
                col(Seating.pinned),
            ).where(col(Seating.mixed_session_id) == ms_id)
        ):
            seats[person_id] = index[table_id]
            if is_locked:
                locked_people.add(person_id)
            if is_pinned:
                pinned.add(person_id)
        return tables, seats, locked_people, pinned

    def _rules(self, connection: Any, cohort_id: int) -> list[PairRule]:
        return [
            PairRule(MixingRuleKind(kind), a, b, reason, rule_id)
            for rule_id, kind, a, b, reason in connection.execute(
                sa.select(
                    col(MixingRule.id),
                    col(MixingRule.kind),
                    col(MixingRule.person_a_id),
                    col(MixingRule.person_b_id),
                    col(MixingRule.reason),
                )
                .where(col(MixingRule.cohort_id) == cohort_id)
                .order_by(col(MixingRule.id))
            )
        ]

    def _history(self, connection: Any, info: MixmomentInfo) -> dict[tuple[int, int], int]:
        history: dict[tuple[int, int], int] = {}
        cohort_tables = sa.select(col(Table.id)).where(col(Table.cohort_id) == info.cohort_id)
        by_table: dict[int, list[int]] = defaultdict(list)
        for table_id, person_id in connection.execute(
            sa.select(col(Membership.table_id), col(Membership.person_id)).where(
                col(Membership.table_id).in_(cohort_tables)
            )
        ):
            by_table[table_id].append(person_id)
        for people in by_table.values():
            add_clique(history, people)

        # Guests met the people present at the home-table session they visited.
        present_at: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for session_id, person_id, role in connection.execute(
            sa.select(col(Attendance.session_id), col(Attendance.person_id), col(Attendance.role))
            .join(Session, col(Session.id) == col(Attendance.session_id))
            .where(
                col(Session.table_id).in_(cohort_tables),
                col(Session.mixed_session_id).is_(None),
                col(Attendance.status) == AttendanceStatus.PRESENT,
            )
        ):
            present_at[session_id].append((person_id, role))
        for visitors in present_at.values():
            for guest, role in visitors:
                if role == AttendanceRole.GUEST:
                    for other, _role in visitors:
                        if other != guest:
                            add_clique(history, (guest, other))

        earlier = (
            sa.select(col(MixedSession.id))
            .where(
                col(MixedSession.cohort_id) == info.cohort_id,
                sa.or_(
                    col(MixedSession.date) < info.date,
                    sa.and_(
                        col(MixedSession.date) == info.date,
                        col(MixedSession.id) < info.mixed_session_id,
                    ),
                ),
            )
            .scalar_subquery()
        )
        absent = set(
            connection.execute(
                sa.select(col(Session.mixed_session_id), col(Attendance.person_id))
                .join(Session, col(Session.id) == col(Attendance.session_id))
                .where(
                    col(Session.mixed_session_id).in_(earlier),
                    col(Attendance.status) != AttendanceStatus.PRESENT,
                )
            ).all()
        )
        at_mixed_table: dict[int, list[int]] = defaultdict(list)
        for ms_id, table_id, person_id in connection.execute(
            sa.select(
                col(Seating.mixed_session_id), col(Seating.mixed_table_id), col(Seating.person_id)
            ).where(col(Seating.mixed_session_id).in_(earlier))
        ):
            if (ms_id, person_id) not in absent:
                at_mixed_table[table_id].append(person_id)
        for people in at_mixed_table.values():
            add_clique(history, people)
        return history

    # --- saving -----------------------------------------------------------------------
    def save(self, mixed_session_id: int, plan: MixedSeating) -> SaveResult:
        """Replace the stored seating with the board's, and from the day of the mixmoment
        on record who was there: present, or absent (an excused absence stays excused)."""
        info = self.info(mixed_session_id)
        before_the_day = info.date > self.today()
        written = 0
        with self.db.session() as session:
            session.execute(
                sa.delete(MixedTable).where(col(MixedTable.mixed_session_id) == mixed_session_id)
            )
            table_ids = []
            for number, spec in enumerate(plan.tables, start=1):
                table = MixedTable(
                    mixed_session_id=mixed_session_id,
                    number=number,
                    capacity=spec.capacity,
                    label=spec.label,
                    locked=spec.locked,
                )
                session.add(table)
                session.flush()
                assert table.id is not None
                table_ids.append(table.id)
            for person_id, index in sorted(plan.seats.items()):
                session.add(
                    Seating(
                        mixed_session_id=mixed_session_id,
                        mixed_table_id=table_ids[index],
                        person_id=person_id,
                        locked=person_id in plan.locked,
                        pinned=person_id in plan.pinned,
                    )
                )
            if not before_the_day:
                written = self._record_attendance(session, plan)
                # As everywhere attendance is recorded: the follow-up calls stay current.
                session.flush()
                tables = {c.home_table_id for c in plan.candidates.values()}
                sync_follow_ups(session, self.settings.rules(), tables)
        return SaveResult(len(plan.seats), written, before_the_day)

    def _record_attendance(self, session: Any, plan: MixedSeating) -> int:
        """Returns the rows written. People whose table has no session (or a cancelled
        one) get none; a planned session is held once recorded."""
        written = 0
        ids = {c.session_id for c in plan.candidates.values() if c.session_id is not None}
        linked: dict[int, Session] = {i: session.get(Session, i) for i in ids}
        for record in linked.values():
            if record.status == SessionStatus.PLANNED:
                record.status = SessionStatus.HELD
                session.add(record)
        for candidate in plan.candidates.values():
            session_id = candidate.session_id
            if session_id is None or linked[session_id].status == SessionStatus.CANCELLED:
                continue
            if candidate.person_id in plan.present:
                status = AttendanceStatus.PRESENT
            elif candidate.recorded == AttendanceStatus.EXCUSED:
                status = AttendanceStatus.EXCUSED
            else:
                status = AttendanceStatus.ABSENT
            row = session.execute(
                sa.select(Attendance).where(
                    col(Attendance.session_id) == session_id,
                    col(Attendance.person_id) == candidate.person_id,
                )
            ).scalar_one_or_none()
            if row is None:
                row = Attendance(
                    session_id=session_id,
                    person_id=candidate.person_id,
                    status=status,
                    role=candidate.role,
                )
            elif row.status == status and row.role == candidate.role:
                continue
            else:
                row.status = status
                row.role = candidate.role
                row.recorded_at = now()
            session.add(row)
            written += 1
        return written

    # --- rules of the cohort ------------------------------------------------------------
    def add_rule(
        self, cohort_id: int, kind: MixingRuleKind, a: int | None, b: int | None, reason: str
    ) -> int:
        errors: dict[str, str] = {}
        if a is None:
            errors["person_a_id"] = "Kies de eerste persoon."
        if b is None:
            errors["person_b_id"] = "Kies de tweede persoon."
        elif a == b:
            errors["person_b_id"] = "Kies twee verschillende mensen."
        if not reason.strip():
            errors["reason"] = "Geef een reden, bijvoorbeeld 'buren met ruzie'."
        if errors:
            raise ValidationFailed(errors)
        assert a is not None and b is not None
        with self.db.session() as session:
            existing = session.execute(
                sa.select(col(MixingRule.kind)).where(
                    col(MixingRule.cohort_id) == cohort_id,
                    sa.or_(
                        sa.and_(col(MixingRule.person_a_id) == a, col(MixingRule.person_b_id) == b),
                        sa.and_(col(MixingRule.person_a_id) == b, col(MixingRule.person_b_id) == a),
                    ),
                )
            ).first()
            if existing is not None:
                what = "samen" if existing[0] == MixingRuleKind.TOGETHER else "uit elkaar"
                raise ValidationFailed(
                    {
                        "person_b_id": f"Voor deze twee geldt al de regel '{what}'. "
                        "Verwijder die eerst."
                    }
                )
            rule = MixingRule(
                cohort_id=cohort_id, kind=kind, person_a_id=a, person_b_id=b, reason=reason.strip()
            )
            session.add(rule)
            session.flush()
            assert rule.id is not None
            return rule.id

    def remove_rule(self, rule_id: int) -> None:
        with self.db.session() as session:
            rule = session.get(MixingRule, rule_id)
            if rule is None:
                raise NotFound("Deze regel bestaat niet meer.")
            session.delete(rule)

    def rules(self, cohort_id: int) -> list[PairRule]:
        with self.db.engine.connect() as connection:
            return self._rules(connection, cohort_id)
