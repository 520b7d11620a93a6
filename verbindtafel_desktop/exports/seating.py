"""The seating plan (tafelindeling) of a mixmoment, as PDF or as workbook.

PDF: an overview of every mixed table first, then one page per mixed table with its
number and names large enough to read from across the room (to lay on the table or
hang on the wall). Workbook: one row per seated person, and an overview sheet with a
column per mixed table.

Scope: --mixmoment.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import aliased
from sqlmodel import col

from verbindtafel_desktop.domain.dutch_formats import format_time
from verbindtafel_desktop.domain.models import (
    Cohort,
    Invitation,
    Location,
    Membership,
    MixedSession,
    MixedSessionTable,
    MixedTable,
    Person,
    Seating,
    Session,
    Table,
)
from verbindtafel_desktop.exports.pdf import (
    ACCENT,
    BOLD,
    FONT,
    INK,
    LIGHT,
    MUTED,
    RULE,
    Box,
    PdfDocument,
    draw_text,
    page_box,
)
from verbindtafel_desktop.exports.scope import ExportResult, ExportScope, NothingToExport, require
from verbindtafel_desktop.exports.wording import long_date
from verbindtafel_desktop.exports.xlsx import SheetColumn, SheetWriter, new_workbook
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql

TITLE = "Tafelindeling"
Inviter = aliased(Person, name="inviter")


@dataclass(frozen=True)
class Seat:
    name: str
    first_name: str
    home: str  # the home table, or who invited a guest


@dataclass
class MixedTablePlan:
    number: int
    label: str
    seats: list[Seat] = field(default_factory=list)

    @property
    def heading(self) -> str:
        default = f"Tafel {self.number}"
        return f"{default} · {self.label}" if self.label and self.label != default else default


@dataclass
class SeatingPlan:
    title: str
    cohort: str
    location: str
    date: dt.date | None
    start_time: dt.time | None
    tables: list[MixedTablePlan]

    @property
    def when(self) -> str:
        time = f", {format_time(self.start_time)} uur" if self.start_time else ""
        return f"{long_date(self.date)}{time}"

    @property
    def description(self) -> str:
        return f"{self.title}, {self.when} ({self.location})"

    @property
    def seated(self) -> int:
        return sum(len(table.seats) for table in self.tables)


def load_plan(db: Database, mixed_session_id: int) -> SeatingPlan:
    with db.engine.connect() as connection:
        require(connection, MixedSession, mixed_session_id)
        title, cohort, location, day, start = connection.execute(
            sa.select(
                col(MixedSession.title),
                col(Cohort.name),
                col(Location.name),
                col(MixedSession.date),
                col(MixedSession.start_time),
            )
            .join(Cohort, col(Cohort.id) == col(MixedSession.cohort_id))
            .join(Location, col(Location.id) == col(Cohort.location_id))
            .where(col(MixedSession.id) == mixed_session_id)
        ).one()
        tables = {
            row.id: MixedTablePlan(row.number, row.label)
            for row in connection.execute(
                sa.select(col(MixedTable.id), col(MixedTable.number), col(MixedTable.label))
                .where(col(MixedTable.mixed_session_id) == mixed_session_id)
                .order_by(col(MixedTable.number))
            )
        }
        homes = dict(
            connection.execute(
                sa.select(col(Membership.person_id), col(Table.name))
                .join(Table, col(Table.id) == col(Membership.table_id))
                .join(
                    MixedSessionTable,
                    col(MixedSessionTable.table_id) == col(Membership.table_id),
                )
                .where(col(MixedSessionTable.mixed_session_id) == mixed_session_id)
            ).all()
        )
        sessions_there = sa.select(col(Session.id)).where(
            col(Session.mixed_session_id) == mixed_session_id
        )
        inviters = dict(
            connection.execute(
                sa.select(col(Invitation.invitee_id), full_name_sql(Inviter))
                .join(Inviter, col(Inviter.id) == col(Invitation.inviter_id))
                .where(
                    sa.or_(
                        col(Invitation.mixed_session_id) == mixed_session_id,
                        col(Invitation.session_id).in_(sessions_there),
                    )
                )
            ).all()
        )
        for table_id, person_id, name, first_name in connection.execute(
            sa.select(
                col(Seating.mixed_table_id),
                col(Person.id),
                full_name_sql(),
                col(Person.first_name),
            )
            .join(Person, col(Person.id) == col(Seating.person_id))
            .where(col(Seating.mixed_session_id) == mixed_session_id)
            .order_by(sort_name_sql())
        ):
            if person_id in homes:
                home = homes[person_id]
            elif person_id in inviters:
                home = f"introducee van {inviters[person_id]}"
            else:
                home = "introducee"
            tables[table_id].seats.append(Seat(name, first_name, home))
    plan = SeatingPlan(
        title or f"Mixmoment {mixed_session_id}",
        cohort,
        location,
        day,
        start,
        [table for table in tables.values() if table.seats],
    )
    if not plan.tables:
        raise NothingToExport(f"{plan.title} heeft nog geen tafelindeling.")
    return plan


# --- PDF -----------------------------------------------------------------------
BLOCK_HEADING = 20.0
BLOCK_LINE = 14.0
BLOCK_GAP = 10.0


def _block_height(table: MixedTablePlan) -> float:
    return BLOCK_HEADING + BLOCK_LINE * len(table.seats) + 8


def overview_pages(plan: SeatingPlan, box: Box) -> list[list[list[MixedTablePlan]]]:
    """Blocks in two columns, each block into the shorter column; a new page when
    neither column has room."""
    room = box.height - 70
    pages: list[list[list[MixedTablePlan]]] = []
    columns: list[list[MixedTablePlan]] = [[], []]
    used = [0.0, 0.0]
    for table in plan.tables:
        height = _block_height(table) + BLOCK_GAP
        shorter = 0 if used[0] <= used[1] else 1
        if used[shorter] + height > room and (columns[0] or columns[1]):
            pages.append(columns)
            columns, used = [[], []], [0.0, 0.0]
            shorter = 0
        columns[shorter].append(table)
        used[shorter] += height
    pages.append(columns)
    return pages


def _draw_plan_title(canvas: Canvas, plan: SeatingPlan, box: Box, heading: str) -> float:
    y = box.top - 18
    draw_text(canvas, box.left, y, heading, font=BOLD, size=18, color=ACCENT, width=box.width)
    y -= 18
    draw_text(canvas, box.left, y, f"{plan.title} · {plan.cohort}", size=11, width=box.width)
    y -= 15
    draw_text(canvas, box.left, y, f"{plan.when} · {plan.location}", size=10, width=box.width)
    return y - 20


def draw_overview(
    canvas: Canvas, plan: SeatingPlan, columns: list[list[MixedTablePlan]], box: Box
) -> None:
    top = _draw_plan_title(canvas, plan, box, f"{TITLE}: overzicht")
    width = (box.width - 8 * mm) / 2
    for index, column in enumerate(columns):
        left = box.left + index * (width + 8 * mm)
        y = top
        for table in column:
            height = _block_height(table)
            canvas.setStrokeColor(RULE)
            canvas.setFillColor(LIGHT)
            canvas.rect(left, y - BLOCK_HEADING, width, BLOCK_HEADING, stroke=0, fill=1)
            canvas.rect(left, y - height, width, height, stroke=1, fill=0)
            draw_text(canvas, left + 6, y - 14, table.heading, font=BOLD, size=11, width=width - 12)
            line_y = y - BLOCK_HEADING - 11
            for seat in table.seats:
                draw_text(canvas, left + 8, line_y, seat.name, size=10, width=width * 0.58)
                draw_text(
                    canvas,
                    left + width - 6,
                    line_y,
                    seat.home,
                    size=8,
                    width=width * 0.38,
                    align="right",
                    color=MUTED,
                )
                line_y -= BLOCK_LINE
            y -= height + BLOCK_GAP


def draw_table_page(canvas: Canvas, plan: SeatingPlan, table: MixedTablePlan, box: Box) -> None:
    """One mixed table, readable from a distance: number huge, names large."""
    draw_text(canvas, box.left, box.top - 14, plan.title, size=10, color=MUTED, width=box.width)
    draw_text(
        canvas,
        box.left + box.width / 2,
        box.top - 80,
        f"Tafel {table.number}",
        font=BOLD,
        size=60,
        align="center",
        color=ACCENT,
        width=box.width,
    )
    if table.label and table.label != f"Tafel {table.number}":
        draw_text(
            canvas,
            box.left + box.width / 2,
            box.top - 108,
            table.label,
            size=16,
            align="center",
            color=MUTED,
            width=box.width,
        )
    top = box.top - 140
    room = top - box.bottom - 10
    line = min(room / max(len(table.seats), 1), 88.0)
    size = min(44.0, line * 0.55)
    y = top - line * 0.7
    for seat in table.seats:
        used = draw_text(
            canvas,
            box.left + box.width / 2,
            y,
            seat.name,
            font=BOLD,
            size=size,
            width=box.width,
            minimum=size * 0.6,
            align="center",
            color=INK,
        )
        draw_text(
            canvas,
            box.left + box.width / 2,
            y - used * 0.55,
            seat.home,
            font=FONT,
            size=max(9.0, size * 0.32),
            align="center",
            color=MUTED,
            width=box.width,
        )
        y -= line


def write_pdf(db: Database, plan: SeatingPlan, target: Path, progress: Progress) -> int:
    box = page_box()
    overview = overview_pages(plan, box)
    total = len(overview) + len(plan.tables)
    document = PdfDocument(
        target,
        title=TITLE,
        subject=plan.description,
        organisation=OrganisationService(db).get(),
        created=dt.datetime.now(dt.UTC),
        total_pages=total,
    )
    for columns in overview:
        with document.page() as canvas:
            draw_overview(canvas, plan, columns, box)
    for number, table in enumerate(plan.tables, start=1):
        progress.check()
        progress.report(number, len(plan.tables), f"Tafel {table.number}")
        with document.page() as canvas:
            draw_table_page(canvas, plan, table, box)
    document.save()
    return total


# --- workbook ------------------------------------------------------------------
def write_xlsx(db: Database, plan: SeatingPlan, target: Path, progress: Progress) -> int:
    created = dt.datetime.now(dt.UTC)
    organisation = OrganisationService(db).get().shown_name
    with new_workbook(
        title=TITLE, scope=plan.description, creator=organisation, created=created
    ) as workbook:
        rows: list[list[Any]] = [
            [table.number, table.label, seat.name, seat.home]
            for table in plan.tables
            for seat in table.seats
        ]
        seats = SheetWriter(
            workbook,
            TITLE,
            [
                SheetColumn("Tafel", "number", width=8),
                SheetColumn("Naam tafel"),
                SheetColumn("Naam"),
                SheetColumn("Eigen tafel"),
            ],
            heading=f"{TITLE} — {organisation}",
            scope=plan.description,
            created=created,
            sample=rows,
        )
        seats.write_rows(rows, progress, len(rows), "Tafelindeling schrijven…")
        seats.finish()
        longest = max(len(table.seats) for table in plan.tables)
        grid = [
            [table.seats[index].name if index < len(table.seats) else None for table in plan.tables]
            for index in range(longest)
        ]
        overview = SheetWriter(
            workbook,
            "Overzicht",
            [SheetColumn(table.heading) for table in plan.tables],
            heading=f"{TITLE}: overzicht — {organisation}",
            scope=plan.description,
            created=created,
            sample=grid,
            landscape=len(plan.tables) > 4,
        )
        overview.write_rows(grid, progress, len(grid), "Overzicht schrijven…")
        overview.finish()
        progress.check()
        workbook.save(target)
    return len(rows)


def write_seating(
    db: Database, scope: ExportScope, target: Path, file_format: str, progress: Progress
) -> ExportResult:
    if scope.mixed_session_id is None:
        raise NothingToExport("Kies het mixmoment waarvan je de tafelindeling wilt.")
    plan = load_plan(db, scope.mixed_session_id)
    details = {"tables": len(plan.tables), "seated": plan.seated}
    if file_format == "xlsx":
        rows = write_xlsx(db, plan, target, progress)
        return ExportResult(target, "seating", rows, "regels", details)
    pages = write_pdf(db, plan, target, progress)
    return ExportResult(target, "seating", pages, "pagina's", details)
