"""The follow-up list (nabellen): who missed sessions in a row and needs a call.

The rule itself is `domain.attendance_rules.follow_up_triggers`; this module keeps the
FollowUp rows in step with the recorded attendance. Every run of missed sessions gets
one row, which stays on the list until someone marks the call as done with a note. An
open row whose absences were corrected (entered by mistake) disappears again.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.attendance_rules import AttendanceRules, Mark, follow_up_triggers
from verbindtafel_desktop.domain.enums import (
    AttendanceStatus,
    MembershipRole,
    MembershipStatus,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import (
    Attendance,
    FollowUp,
    Membership,
    Person,
    Session,
    Table,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import NotFound, ServiceError, ValidationFailed
from verbindtafel_desktop.services.progress import NO_PROGRESS, Progress
from verbindtafel_desktop.services.settings import SettingsService
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql

SYNC_BATCH = 200  # tables per step, so a whole-city database reports progress


@dataclass(frozen=True)
class FollowUpRow:
    follow_up_id: int
    person_id: int
    name: str
    phone: str
    table_id: int
    table: str
    session_number: int | None
    missed_on: dt.date | None
    created_at: dt.datetime
    done_at: dt.datetime | None
    note: str


def sync_follow_ups(
    session: Any, rules: AttendanceRules, table_ids: Iterable[int] | None = None
) -> None:
    """Bring the open follow-ups of `table_ids` (all tables when None) in line with the
    attendance, inside the caller's transaction."""
    chosen = None if table_ids is None else sorted(set(table_ids))
    if chosen == []:
        return

    def only(column: Any) -> list[Any]:
        return [] if chosen is None else [column.in_(chosen)]

    sessions = session.execute(
        sa.select(col(Session.id), col(Session.table_id), col(Session.status))
        .where(*only(col(Session.table_id)))
        .order_by(col(Session.table_id), col(Session.number))
    ).all()
    members = session.execute(
        sa.select(
            col(Membership.table_id), col(Membership.person_id), col(Membership.status)
        ).where(col(Membership.role) == MembershipRole.PARTICIPANT, *only(col(Membership.table_id)))
    ).all()
    statuses = {
        (row[0], row[1]): AttendanceStatus(row[2])
        for row in session.execute(
            sa.select(col(Attendance.session_id), col(Attendance.person_id), col(Attendance.status))
            .join(Session, col(Session.id) == col(Attendance.session_id))
            .where(*only(col(Session.table_id)))
        )
    }
    existing: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for row in session.execute(
        sa.select(
            col(FollowUp.id),
            col(FollowUp.table_id),
            col(FollowUp.person_id),
            col(FollowUp.last_missed_session_id),
            col(FollowUp.done_at),
        ).where(*only(col(FollowUp.table_id)))
    ):
        existing[(row[1], row[2])].append(row)

    by_table: dict[int, list[tuple[int, SessionStatus]]] = defaultdict(list)
    for session_id, table_id, status in sessions:
        by_table[table_id].append((session_id, SessionStatus(status)))
    stale: list[int] = []
    for table_id, person_id, membership_status in members:
        table_sessions = by_table.get(table_id, [])
        marks = [Mark(status, statuses.get((sid, person_id))) for sid, status in table_sessions]
        triggers = {table_sessions[at][0] for at in follow_up_triggers(marks, rules)}
        rows = existing.get((table_id, person_id), [])
        known = {row[3] for row in rows}
        for row in rows:
            corrected = row[3] is not None and row[3] not in triggers
            if corrected and row[4] is None:
                stale.append(row[0])
        if membership_status == MembershipStatus.DROPPED_OUT:
            continue
        for trigger in triggers - known:
            session.add(
                FollowUp(person_id=person_id, table_id=table_id, last_missed_session_id=trigger)
            )
    if stale:
        session.execute(sa.delete(FollowUp).where(col(FollowUp.id).in_(stale)))


class FollowUpService:
    def __init__(self, db: Database, settings: SettingsService) -> None:
        self.db = db
        self.settings = settings

    def sync(self, table_ids: Iterable[int] | None = None, progress: Progress = NO_PROGRESS) -> int:
        """Re-apply the rule (after the rules changed or attendance was imported);
        returns how many calls are open afterwards."""
        rules = self.settings.rules()
        if table_ids is None:
            with self.db.engine.connect() as connection:
                table_ids = [
                    each for each in connection.execute(sa.select(col(Table.id))).scalars() if each
                ]
        chosen = sorted(set(table_ids))
        with self.db.session() as session:
            for start in range(0, len(chosen), SYNC_BATCH):
                progress.check()
                progress.report(start, len(chosen), "Nabellijst bijwerken…")
                sync_follow_ups(session, rules, chosen[start : start + SYNC_BATCH])
            progress.report(len(chosen), len(chosen), "")
        return len(self.open_items())

    def _rows(self, *conditions: Any) -> list[FollowUpRow]:
        statement = (
            sa.select(
                col(FollowUp.id),
                col(Person.id),
                full_name_sql(),
                col(Person.phone),
                col(Table.id),
                col(Table.name),
                col(Session.number),
                col(Session.date),
                col(FollowUp.created_at),
                col(FollowUp.done_at),
                col(FollowUp.note),
            )
            .join(Person, col(Person.id) == col(FollowUp.person_id))
            .join(Table, col(Table.id) == col(FollowUp.table_id))
            .outerjoin(Session, col(Session.id) == col(FollowUp.last_missed_session_id))
            .where(*conditions)
            .order_by(col(Session.date).desc(), sort_name_sql())
        )
        with self.db.engine.connect() as connection:
            return [FollowUpRow(*row) for row in connection.execute(statement).all()]  # type: ignore[arg-type]

    def open_items(self) -> list[FollowUpRow]:
        return self._rows(col(FollowUp.done_at).is_(None))

    def of_person(self, person_id: int) -> list[FollowUpRow]:
        return self._rows(col(FollowUp.person_id) == person_id)

    def mark_done(self, follow_up_id: int, note: str) -> None:
        note = note.strip()
        if not note:
            raise ValidationFailed(
                {"note": "Schrijf kort op hoe het gesprek ging, of waarom er niet gebeld is."}
            )
        with self.db.session() as session:
            item = session.get(FollowUp, follow_up_id)
            if item is None:
                raise NotFound(f"Nabelverzoek {follow_up_id} bestaat niet.")
            if item.done_at is not None:
                raise ServiceError("Dit gesprek is al als gedaan gemarkeerd.")
            item.done_at = dt.datetime.now(dt.UTC)
            item.note = note
            session.add(item)
