"""The attendance overview as a workbook: people × sessions, with totals and colours.

Sheet 'Aanwezigheid' has one row per person per table (participants, facilitators and
guests), the status at sessions 1–5 of that table, how often they were present,
excused and absent, and their attendance (present / recorded). A totals row counts
who was present per session column. Sheet 'Sessies' has one row per session with its
date, status and totals. Colours come from conditional formatting, so they follow when
someone edits a cell in Excel.

Scope: --cohort (one cohort), --table (one table), or neither: every cohort.
"""

import contextlib
import datetime as dt
import gc
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
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
    Membership,
    Person,
    Session,
    Table,
)
from verbindtafel_desktop.exports.scope import (
    ExportResult,
    ExportScope,
    NothingToExport,
    cohort_label,
    table_label,
)
from verbindtafel_desktop.exports.wording import WORDS, word
from verbindtafel_desktop.exports.xlsx import SheetColumn, SheetWriter, new_workbook
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql

TITLE = "Aanwezigheidsoverzicht"
SESSIONS = 5
CANCELLED = "vervallen"
PRESENT = word(AttendanceStatus, AttendanceStatus.PRESENT)
EXCUSED = word(AttendanceStatus, AttendanceStatus.EXCUSED)
ABSENT = word(AttendanceStatus, AttendanceStatus.ABSENT)

PERSON_COLUMNS = [
    SheetColumn("Naam"),
    SheetColumn("Tafel"),
    SheetColumn("Lichting"),
    SheetColumn("Rol", width=12),
    SheetColumn("Deelname", width=12),
    *(SheetColumn(f"Sessie {number}", width=11) for number in range(1, SESSIONS + 1)),
    SheetColumn("Aanwezig", "number", width=11),
    SheetColumn("Afgemeld", "number", width=11),
    SheetColumn("Afwezig", "number", width=10),
    SheetColumn("Aanwezigheid", "percent", width=14),
]
FIRST_SESSION_COLUMN = 6
PERCENT_COLUMN = len(PERSON_COLUMNS)

SESSION_COLUMNS = [
    SheetColumn("Lichting"),
    SheetColumn("Tafel"),
    SheetColumn("Sessie", "number", width=9),
    SheetColumn("Datum", "date"),
    SheetColumn("Fase", width=12),
    SheetColumn("Status", width=12),
    SheetColumn("Aanwezig", "number", width=11),
    SheetColumn("Afgemeld", "number", width=11),
    SheetColumn("Afwezig", "number", width=10),
    SheetColumn("Introducees", "number", width=13),
    SheetColumn("Aanwezigheid", "percent", width=14),
]

# Excel's own "good / neutral / bad" colours.
GOOD = {
    "fill": PatternFill("solid", start_color="FFC6EFCE", end_color="FFC6EFCE"),
    "font": Font(color="FF006100"),
}
NEUTRAL = {
    "fill": PatternFill("solid", start_color="FFFFEB9C", end_color="FFFFEB9C"),
    "font": Font(color="FF9C5700"),
}
BAD = {
    "fill": PatternFill("solid", start_color="FFFFC7CE", end_color="FFFFC7CE"),
    "font": Font(color="FF9C0006"),
}
QUIET = {
    "fill": PatternFill("solid", start_color="FFEDEDED", end_color="FFEDEDED"),
    "font": Font(color="FF7F7F7F"),
}

ROLE_ORDER = {"begeleider": 0, "tafelgenoot": 1, "introducee": 2}


class TableInfo(NamedTuple):
    name: str
    cohort: str
    start_date: dt.date


@dataclass
class PersonRow:
    cohort_key: tuple[dt.date, str]
    cohort: str
    table: str
    name: str
    sort_key: str
    role: str
    participation: str = ""
    statuses: list[str | None] = field(default_factory=lambda: [None] * SESSIONS)

    def values(self) -> list[Any]:
        present = self.statuses.count(PRESENT)
        excused = self.statuses.count(EXCUSED)
        absent = self.statuses.count(ABSENT)
        recorded = present + excused + absent
        return [
            self.name,
            self.table,
            self.cohort,
            self.role,
            self.participation,
            *self.statuses,
            present,
            excused,
            absent,
            present / recorded if recorded else None,
        ]


@dataclass
class AttendanceOverview:
    description: str
    people: list[list[Any]]
    sessions: list[list[Any]]


def _scope_condition(connection: Any, scope: ExportScope) -> tuple[Any, str]:
    if scope.table_id is not None:
        return col(Table.id) == scope.table_id, table_label(connection, scope.table_id)
    if scope.cohort_id is not None:
        return col(Table.cohort_id) == scope.cohort_id, cohort_label(connection, scope.cohort_id)
    return sa.true(), "alle lichtingen"


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Reading tens of thousands of rows makes many small containers and no reference
    cycles; without this, Python's cycle collector rescans them again and again (a third
    of the time collecting takes)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def collect(db: Database, scope: ExportScope, progress: Progress) -> AttendanceOverview:
    """The rows of both sheets, computed from the database in a handful of queries."""
    with _no_cycle_collection():
        return _collect(db, scope, progress)


def _collect(db: Database, scope: ExportScope, progress: Progress) -> AttendanceOverview:
    with db.engine.connect() as connection:
        condition, description = _scope_condition(connection, scope)
        progress.report(0, 0, "Sessies ophalen…")
        found: Any = connection.execute(
            sa.select(
                col(Table.id),
                col(Table.name),
                col(Cohort.name).label("cohort"),
                col(Cohort.start_date),
            )
            .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
            .where(condition)
        )
        tables = {row[0]: TableInfo(*row[1:]) for row in found}
        sessions = connection.execute(
            sa.select(
                col(Session.id),
                col(Session.table_id),
                col(Session.number),
                col(Session.date),
                col(Session.phase),
                col(Session.status),
            )
            .join(Table, col(Table.id) == col(Session.table_id))
            .where(condition)
        ).all()
        if not sessions:
            raise NothingToExport(f"Er zijn nog geen sessies bij {description}.")
        progress.check()
        progress.report(0, 0, "Aanwezigheid ophalen…")
        # Tens of thousands of rows: read the stored enum values as plain text.
        recorded = connection.execute(
            sa.select(
                col(Attendance.session_id),
                col(Attendance.person_id),
                sa.type_coerce(col(Attendance.status), sa.String),
                sa.type_coerce(col(Attendance.role), sa.String),
            )
            .join(Session, col(Session.id) == col(Attendance.session_id))
            .join(Table, col(Table.id) == col(Session.table_id))
            .where(condition)
        ).all()
        memberships = connection.execute(
            sa.select(
                col(Membership.table_id),
                col(Membership.person_id),
                sa.type_coerce(col(Membership.role), sa.String),
                sa.type_coerce(col(Membership.status), sa.String),
            )
            .join(Table, col(Table.id) == col(Membership.table_id))
            .where(condition)
        ).all()
        progress.check()
        involved = sa.union(
            sa.select(col(Membership.person_id))
            .join(Table, col(Table.id) == col(Membership.table_id))
            .where(condition),
            sa.select(col(Attendance.person_id))
            .join(Session, col(Session.id) == col(Attendance.session_id))
            .join(Table, col(Table.id) == col(Session.table_id))
            .where(condition),
        )
        names = {
            row[0]: (row[1], row[2])
            for row in connection.execute(
                sa.select(col(Person.id), full_name_sql(), sort_name_sql()).where(
                    col(Person.id).in_(involved)
                )
            )
        }
    progress.check()
    return AttendanceOverview(
        description,
        _person_rows(tables, sessions, recorded, memberships, names),
        _session_rows(tables, sessions, recorded),
    )


def _person_rows(
    tables: Mapping[Any, TableInfo],
    sessions: Sequence[Any],
    recorded: Sequence[Any],
    memberships: Sequence[Any],
    names: Mapping[Any, tuple[str, str]],
) -> list[list[Any]]:
    rows: dict[tuple[int, int], PersonRow] = {}
    status_words = WORDS[AttendanceStatus]
    role_words = WORDS[AttendanceRole]

    def row_for(table_id: int, person_id: int, role: str) -> PersonRow:
        table_name, cohort, start = tables[table_id]
        name, sort_key = names[person_id]
        row = PersonRow((start, cohort), cohort, table_name, name, sort_key, role)
        rows[table_id, person_id] = row
        return row

    membership_roles, membership_statuses = WORDS[MembershipRole], WORDS[MembershipStatus]
    for table_id, person_id, role, status in memberships:
        row = row_for(table_id, person_id, membership_roles[role])
        row.participation = membership_statuses[status]
    session_of = {session.id: (session.table_id, session.number - 1) for session in sessions}
    for session_id, person_id, status, role in recorded:
        table_id, index = session_of[session_id]
        row = rows.get((table_id, person_id)) or row_for(table_id, person_id, role_words[role])
        row.statuses[index] = status_words[status]
    by_table: dict[int, list[PersonRow]] = defaultdict(list)
    for (table_id, _person), row in rows.items():
        by_table[table_id].append(row)
    for session in sessions:
        if session.status == SessionStatus.CANCELLED:
            for row in by_table[session.table_id]:
                row.statuses[session.number - 1] = CANCELLED
    ordered = sorted(
        rows.values(),
        key=lambda row: (row.cohort_key, row.table, ROLE_ORDER.get(row.role, 3), row.sort_key),
    )
    return [row.values() for row in ordered]


def _session_rows(
    tables: Mapping[Any, TableInfo], sessions: Sequence[Any], recorded: Sequence[Any]
) -> list[list[Any]]:
    counts = Counter((session_id, role, status) for session_id, _person, status, role in recorded)
    member, guest = AttendanceRole.MEMBER.value, AttendanceRole.GUEST.value
    present_text = AttendanceStatus.PRESENT.value
    excused_text, absent_text = AttendanceStatus.EXCUSED.value, AttendanceStatus.ABSENT.value
    phases, statuses = WORDS[Phase], WORDS[SessionStatus]
    rows = []
    for session in sessions:
        table = tables[session.table_id]
        present = counts[session.id, member, present_text]
        excused = counts[session.id, member, excused_text]
        absent = counts[session.id, member, absent_text]
        recorded_members = present + excused + absent
        rows.append(
            [
                table.cohort,
                table.name,
                session.number,
                session.date,
                phases[session.phase],
                statuses[session.status],
                present,
                excused,
                absent,
                counts[session.id, guest, present_text],
                present / recorded_members if recorded_members else None,
            ]
        )
    rows.sort(key=lambda row: (row[3] or dt.date.max, row[0], row[1], row[2]))
    return rows


def _colour_statuses(sheet: SheetWriter, cell_range: str) -> None:
    for text, colours in ((PRESENT, GOOD), (EXCUSED, NEUTRAL), (ABSENT, BAD), (CANCELLED, QUIET)):
        sheet.add_rule(cell_range, CellIsRule(operator="equal", formula=[f'"{text}"'], **colours))


def _colour_percentages(sheet: SheetWriter, cell_range: str) -> None:
    sheet.add_rule(cell_range, CellIsRule(operator="lessThan", formula=["0.5"], **BAD))
    sheet.add_rule(cell_range, CellIsRule(operator="between", formula=["0.5", "0.7999"], **NEUTRAL))
    sheet.add_rule(cell_range, CellIsRule(operator="greaterThanOrEqual", formula=["0.8"], **GOOD))


def _totals_row(sheet: SheetWriter, people: list[list[Any]]) -> None:
    """'Totaal aanwezig' per session column, and the sums of the count columns."""
    present_per_session = [
        sum(1 for row in people if row[index] == PRESENT)
        for index in range(FIRST_SESSION_COLUMN - 1, FIRST_SESSION_COLUMN - 1 + SESSIONS)
    ]
    present = sum(row[-4] for row in people)
    excused = sum(row[-3] for row in people)
    absent = sum(row[-2] for row in people)
    recorded = present + excused + absent
    share = sheet.percent(present / recorded) if recorded else None
    if share is not None:
        share.font = Font(bold=True)
    sheet.append_cells(
        [
            sheet.bold("Totaal aanwezig"),
            None,
            None,
            None,
            None,
            *(sheet.bold(count) for count in present_per_session),
            sheet.bold(present),
            sheet.bold(excused),
            sheet.bold(absent),
            share,
        ]
    )


def write_attendance(
    db: Database, scope: ExportScope, target: Path, _format: str, progress: Progress
) -> ExportResult:
    overview = collect(db, scope, progress)
    if not overview.people:
        raise NothingToExport(f"Er is nog niemand aan de tafels van {overview.description}.")
    created = dt.datetime.now(dt.UTC)
    organisation = OrganisationService(db).get().shown_name
    with new_workbook(
        title=TITLE, scope=overview.description, creator=organisation, created=created
    ) as workbook:
        total = len(overview.people) + len(overview.sessions)
        people = SheetWriter(
            workbook,
            "Aanwezigheid",
            PERSON_COLUMNS,
            heading=f"{TITLE} — {organisation}",
            scope=overview.description,
            created=created,
            sample=overview.people,
            frozen_columns=1,
            landscape=True,
        )
        people.write_rows(overview.people, progress, total, "Aanwezigheid schrijven…")
        last_person = people.last_row
        _totals_row(people, overview.people)
        _colour_statuses(
            people,
            people.column_range(
                FIRST_SESSION_COLUMN, FIRST_SESSION_COLUMN + SESSIONS - 1, through_row=last_person
            ),
        )
        _colour_percentages(people, people.column_range(PERCENT_COLUMN, PERCENT_COLUMN))
        people.finish(filter_through_row=last_person)

        sessions = SheetWriter(
            workbook,
            "Sessies",
            SESSION_COLUMNS,
            heading=f"{TITLE} per sessie — {organisation}",
            scope=overview.description,
            created=created,
            sample=overview.sessions,
            landscape=True,
        )
        sessions.write_rows(
            overview.sessions,
            progress,
            total,
            "Sessies schrijven…",
            done_before=len(overview.people),
        )
        _colour_percentages(
            sessions, sessions.column_range(len(SESSION_COLUMNS), len(SESSION_COLUMNS))
        )
        sessions.finish()
        progress.check()
        progress.report(total, total, "Opslaan…")
        workbook.save(target)
    return ExportResult(
        target,
        "attendance",
        len(overview.people),
        "regels",
        {"sessions": len(overview.sessions), "description": overview.description},
    )
