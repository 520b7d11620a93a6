"""The sign-in sheet (presentielijst) of one or more sessions, as PDF.

Per session: a header with table, cohort, session number and phase, date and time,
location and facilitators; the expected participants with a signature column (someone
who already excused themselves is marked 'afgemeld'); then the guests: those invited
for this session, and empty rows (name + invited by) that fill the rest of the page.

Scope: --session (one sheet), --table (its sessions), --mixmoment (the sessions of the
tables meeting there) or --cohort (all its sessions); cancelled sessions are left out.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlmodel import col

from verbindtafel_desktop.domain.dutch_formats import format_date, format_time
from verbindtafel_desktop.domain.enums import AttendanceStatus, Phase, SessionStatus
from verbindtafel_desktop.domain.models import Cohort, MixedSession, Session, Table
from verbindtafel_desktop.exports.pdf import (
    ACCENT,
    BOLD,
    INK,
    LIGHT,
    MUTED,
    RULE,
    Box,
    PdfDocument,
    draw_text,
    page_box,
)
from verbindtafel_desktop.exports.people_at_sessions import SessionPeople, load_session_people
from verbindtafel_desktop.exports.scope import (
    ExportResult,
    ExportScope,
    NothingToExport,
    cohort_label,
    require,
    table_label,
)
from verbindtafel_desktop.exports.wording import long_date, word
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.progress import Progress

TITLE = "Presentielijst"
ROW = 25.0  # room to sign
COLUMN_HEADER = 17.0
GUEST_HEADING = 24.0
FIRST_TITLE_BLOCK = 112.0
NEXT_TITLE_BLOCK = 44.0
MIN_EMPTY_GUEST_ROWS = 4

MEMBER_COLUMNS = (("Nr.", 11 * mm), ("Naam", 72 * mm), ("Handtekening", None))
GUEST_COLUMNS = (
    ("Naam introducee", 62 * mm),
    ("Uitgenodigd door", 52 * mm),
    ("Handtekening", None),
)


@dataclass(frozen=True)
class Line:
    """One row of a sheet: kind is 'member', 'guest_heading' or 'guest'."""

    kind: str
    cells: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class SheetPage:
    sheet: SessionPeople
    first: bool
    lines: tuple[Line, ...]


def sessions_in_scope(connection: Any, scope: ExportScope) -> tuple[list[int], str]:
    """The session ids a sign-in export covers, and a description of that scope."""
    usable = col(Session.status) != SessionStatus.CANCELLED
    if scope.session_id is not None:
        require(connection, Session, scope.session_id)
        status = connection.execute(
            sa.select(col(Session.status)).where(col(Session.id) == scope.session_id)
        ).scalar_one()
        if status == SessionStatus.CANCELLED:
            raise NothingToExport(
                f"Sessie {scope.session_id} is geannuleerd; daar hoort geen presentielijst bij."
            )
        return [scope.session_id], f"sessie {scope.session_id}"
    if scope.table_id is not None:
        description = table_label(connection, scope.table_id)
        statement = (
            sa.select(col(Session.id))
            .where(col(Session.table_id) == scope.table_id, usable)
            .order_by(col(Session.number))
        )
    elif scope.mixed_session_id is not None:
        require(connection, MixedSession, scope.mixed_session_id)
        description = f"mixmoment {scope.mixed_session_id}"
        statement = (
            sa.select(col(Session.id))
            .join(Table, col(Table.id) == col(Session.table_id))
            .where(col(Session.mixed_session_id) == scope.mixed_session_id, usable)
            .order_by(col(Table.name))
        )
    elif scope.cohort_id is not None:
        description = cohort_label(connection, scope.cohort_id)
        statement = (
            sa.select(col(Session.id))
            .join(Table, col(Table.id) == col(Session.table_id))
            .where(col(Table.cohort_id) == scope.cohort_id, usable)
            .order_by(col(Session.date), col(Table.name), col(Session.number))
        )
    else:
        raise NothingToExport(
            "Kies een sessie, een tafel, een mixmoment of een lichting voor de presentielijst."
        )
    ids = list(connection.execute(statement).scalars())
    if not ids:
        raise NothingToExport(f"Er zijn geen (niet-geannuleerde) sessies bij {description}.")
    return ids, description


def sheet_lines(sheet: SessionPeople) -> list[Line]:
    lines = [
        Line(
            "member",
            (str(number), person.name),
            "afgemeld" if person.status == AttendanceStatus.EXCUSED else "",
        )
        for number, person in enumerate(sheet.participants, start=1)
    ]
    lines.append(Line("guest_heading"))
    lines.extend(Line("guest", (guest.name, guest.invited_by)) for guest in sheet.guests)
    lines.extend(Line("guest", ("", "")) for _ in range(MIN_EMPTY_GUEST_ROWS))
    return lines


def paginate(sheet: SessionPeople, box: Box) -> list[SheetPage]:
    """Lay a sheet's lines out on pages; empty guest rows fill up the last page."""
    pages: list[SheetPage] = []
    current: list[Line] = []
    room = box.height - FIRST_TITLE_BLOCK

    def cost(line: Line) -> float:
        if line.kind == "guest_heading":
            return GUEST_HEADING + COLUMN_HEADER
        kinds = {existing.kind for existing in current}
        needs_header = (line.kind == "member" and "member" not in kinds) or (
            line.kind == "guest" and not kinds & {"guest", "guest_heading"}
        )
        return ROW + (COLUMN_HEADER if needs_header else 0)

    for line in sheet_lines(sheet):
        needed = cost(line) + (ROW if line.kind == "guest_heading" else 0)  # keep with a row
        if needed > room and current:
            pages.append(SheetPage(sheet, not pages, tuple(current)))
            current = []
            room = box.height - NEXT_TITLE_BLOCK
        room -= cost(line)
        current.append(line)
    while room >= ROW:
        room -= ROW
        current.append(Line("guest", ("", "")))
    pages.append(SheetPage(sheet, not pages, tuple(current)))
    return pages


def _time_text(sheet: SessionPeople) -> str:
    return f", {format_time(sheet.start_time)} uur" if sheet.start_time else ""


def draw_title(canvas: Canvas, page: SheetPage, box: Box) -> float:
    sheet = page.sheet
    y = box.top - 16
    if not page.first:
        draw_text(canvas, box.left, y, f"{TITLE} (vervolg)", font=BOLD, size=14, color=ACCENT)
        y -= 17
        draw_text(
            canvas,
            box.left,
            y,
            f"{sheet.table} · sessie {sheet.number} · {format_date(sheet.date)}",
            size=10,
            width=box.width,
        )
        return box.top - NEXT_TITLE_BLOCK
    draw_text(canvas, box.left, y, TITLE, font=BOLD, size=18, color=ACCENT)
    y -= 22
    draw_text(
        canvas, box.left, y, f"{sheet.table} · {sheet.cohort}", font=BOLD, size=12, width=box.width
    )
    phase = word(Phase, sheet.phase)
    facilitators = ", ".join(person.name for person in sheet.facilitators) or "—"
    for text in (
        f"Sessie {sheet.number} van 5 · {phase}",
        f"Datum: {long_date(sheet.date)}{_time_text(sheet)}",
        f"Locatie: {sheet.location}" + (f", {sheet.address}" if sheet.address else ""),
        f"Begeleiding: {facilitators}",
    ):
        y -= 15
        draw_text(canvas, box.left, y, text, size=10, width=box.width, minimum=7)
    return box.top - FIRST_TITLE_BLOCK


def _column_edges(box: Box, columns: Sequence[tuple[str, float | None]]) -> list[float]:
    edges = [box.left]
    for _title, width in columns:
        edges.append(edges[-1] + width if width is not None else box.right)
    return edges


def _draw_column_header(
    canvas: Canvas, y: float, box: Box, columns: Sequence[tuple[str, float | None]]
) -> float:
    canvas.setFillColor(LIGHT)
    canvas.rect(box.left, y - COLUMN_HEADER, box.width, COLUMN_HEADER, stroke=0, fill=1)
    edges = _column_edges(box, columns)
    for (title, _width), left in zip(columns, edges, strict=False):
        draw_text(canvas, left + 4, y - COLUMN_HEADER + 5, title, font=BOLD, size=9)
    return y - COLUMN_HEADER


def _draw_rows(
    canvas: Canvas, y: float, box: Box, edges: list[float], lines: Sequence[Line]
) -> float:
    """A block of rows under a column header: texts, a rule under each row, and the
    column lines drawn once for the whole block."""
    top = y
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.setFillColor(INK)
    for line in lines:
        bottom = y - ROW
        canvas.line(box.left, bottom, box.right, bottom)
        for text, left, right in zip(line.cells, edges, edges[1:], strict=False):
            if text:
                draw_text(
                    canvas,
                    left + 4,
                    bottom + 8,
                    text,
                    size=11,
                    width=right - left - 8,
                    minimum=7,
                    color=None,
                )
        if line.note:
            draw_text(canvas, edges[-2] + 6, bottom + 8, line.note, size=9, color=MUTED)
            canvas.setFillColor(INK)
        y = bottom
    for edge in edges:
        canvas.line(edge, y, edge, top)
    return y


def draw_page(canvas: Canvas, page: SheetPage, box: Box) -> None:
    y = draw_title(canvas, page, box)
    member_edges = _column_edges(box, MEMBER_COLUMNS)
    guest_edges = _column_edges(box, GUEST_COLUMNS)
    members = [line for line in page.lines if line.kind == "member"]
    guests = [line for line in page.lines if line.kind == "guest"]
    if members:
        y = _draw_column_header(canvas, y, box, MEMBER_COLUMNS)
        y = _draw_rows(canvas, y, box, member_edges, members)
    if any(line.kind == "guest_heading" for line in page.lines):
        y -= GUEST_HEADING
        draw_text(
            canvas,
            box.left,
            y + 7,
            "Introducees (gasten die iemand heeft meegenomen)",
            font=BOLD,
            size=11,
            color=INK,
        )
        y = _draw_column_header(canvas, y, box, GUEST_COLUMNS)
    elif guests:
        y = _draw_column_header(canvas, y, box, GUEST_COLUMNS)
    if guests:
        _draw_rows(canvas, y, box, guest_edges, guests)


def write_signin_sheets(
    db: Database,
    session_ids: Sequence[int],
    target: Path,
    progress: Progress,
    *,
    subject: str,
    created: dt.datetime | None = None,
) -> int:
    """Write the sheets of `session_ids` to `target`; returns the number of pages."""
    created = created or dt.datetime.now(dt.UTC)
    organisation = OrganisationService(db).get()
    progress.report(0, len(session_ids), "Gegevens ophalen…")
    with db.engine.connect() as connection:
        sheets = load_session_people(connection, session_ids)
    if not sheets:
        raise NothingToExport("Er zijn geen sessies om een presentielijst van te maken.")
    box = page_box()
    pages = [page for sheet in sheets for page in paginate(sheet, box)]
    document = PdfDocument(
        target,
        title=TITLE,
        subject=subject,
        organisation=organisation,
        created=created,
        total_pages=len(pages),
    )
    for number, page in enumerate(pages, start=1):
        progress.check()
        progress.report(number, len(pages), f"Pagina {number} van {len(pages)}")
        with document.page() as canvas:
            draw_page(canvas, page, box)
    progress.check()
    document.save()
    return len(pages)


def write_signin(
    db: Database, scope: ExportScope, target: Path, _format: str, progress: Progress
) -> ExportResult:
    with db.engine.connect() as connection:
        session_ids, description = sessions_in_scope(connection, scope)
        if scope.session_id is not None:
            description = _one_session_description(connection, scope.session_id)
    pages = write_signin_sheets(db, session_ids, target, progress, subject=description)
    return ExportResult(target, "signin", pages, "pagina's", {"sessions": len(session_ids)})


def _one_session_description(connection: Any, session_id: int) -> str:
    table, cohort, number, day = connection.execute(
        sa.select(col(Table.name), col(Cohort.name), col(Session.number), col(Session.date))
        .join(Table, col(Table.id) == col(Session.table_id))
        .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
        .where(col(Session.id) == session_id)
    ).one()
    when = f" ({format_date(day)})" if day else ""
    return f"{table} – {cohort}, sessie {number}{when}"
