"""Name cards to fold into a tent: two per A4, the first name large on both faces.

Each card is cut out along its outline and folded along the dashed middle line; the
upper face is drawn upside down so the name reads right from both sides of the table.

Scope: --session (people marked present; before attendance is taken, the people
expected there: participants, facilitators and invited guests) or --mixmoment (every
seated person, with their mixed table on the card).
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from verbindtafel_desktop.domain.enums import AttendanceStatus
from verbindtafel_desktop.domain.models import Session
from verbindtafel_desktop.exports.pdf import (
    ACCENT,
    BOLD,
    FONT,
    INK,
    MUTED,
    RULE,
    Box,
    PdfDocument,
    draw_text,
    page_box,
)
from verbindtafel_desktop.exports.people_at_sessions import load_session_people
from verbindtafel_desktop.exports.scope import ExportResult, ExportScope, NothingToExport, require
from verbindtafel_desktop.exports.seating import load_plan
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.progress import Progress

TITLE = "Naamkaartjes"
CARDS_PER_PAGE = 2
CARD_GAP = 8 * mm


@dataclass(frozen=True)
class NameCard:
    first_name: str
    full_name: str
    subtitle: str  # the table, or the mixed table


def cards_for_session(db: Database, session_id: int) -> tuple[list[NameCard], str]:
    with db.engine.connect() as connection:
        require(connection, Session, session_id)
        (sheet,) = load_session_people(connection, [session_id])
    subtitle = f"{sheet.table} · sessie {sheet.number}"
    people: list[Any] = [*sheet.facilitators, *sheet.participants, *sheet.guests]
    if sheet.is_recorded:
        people = [person for person in people if person.status == AttendanceStatus.PRESENT]
    else:  # attendance not yet taken: whoever is expected, minus those who excused themselves
        people = [person for person in people if person.status is None]
    people.sort(key=lambda person: person.sort_key)
    cards = [NameCard(person.first_name, person.name, subtitle) for person in people]
    if not cards:
        raise NothingToExport(f"Er is niemand aanwezig bij {sheet.table}, sessie {sheet.number}.")
    return cards, f"{sheet.table} – {sheet.cohort}, sessie {sheet.number}"


def cards_for_mixmoment(db: Database, mixed_session_id: int) -> tuple[list[NameCard], str]:
    plan = load_plan(db, mixed_session_id)
    cards = [
        NameCard(seat.first_name, seat.name, f"Tafel {table.number}")
        for table in plan.tables
        for seat in table.seats
    ]
    return cards, plan.description


def _draw_face(
    canvas: Canvas,
    card: NameCard,
    left: float,
    bottom: float,
    width: float,
    height: float,
    organisation: str,
) -> None:
    """One face of the tent, upright, inside the given rectangle."""
    centre = left + width / 2
    size = draw_text(
        canvas,
        centre,
        bottom + height * 0.42,
        card.first_name,
        font=BOLD,
        size=64,
        width=width - 16 * mm,
        minimum=28,
        align="center",
        color=INK,
    )
    if card.full_name != card.first_name:
        draw_text(
            canvas,
            centre,
            bottom + height * 0.42 - size * 0.55,
            card.full_name,
            size=14,
            width=width - 16 * mm,
            minimum=9,
            align="center",
            color=MUTED,
        )
    draw_text(
        canvas,
        left + 6 * mm,
        bottom + 5 * mm,
        organisation,
        size=9,
        width=width / 2 - 8 * mm,
        color=ACCENT,
    )
    draw_text(
        canvas,
        left + width - 6 * mm,
        bottom + 5 * mm,
        card.subtitle,
        size=9,
        width=width / 2 - 8 * mm,
        align="right",
        color=MUTED,
    )


def draw_card(
    canvas: Canvas, card: NameCard, box: Box, bottom: float, height: float, organisation: str
) -> None:
    face = height / 2
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.setDash()
    canvas.rect(box.left, bottom, box.width, height)  # cut here
    canvas.setDash(4, 3)
    canvas.line(box.left, bottom + face, box.right, bottom + face)  # fold here
    canvas.setDash()
    draw_text(canvas, box.left + 2, bottom + face + 2, "vouwen", size=6, font=FONT, color=MUTED)
    _draw_face(canvas, card, box.left, bottom, box.width, face, organisation)
    canvas.saveState()
    # The upper face turned half a circle around its own centre.
    canvas.translate(box.left + box.width, bottom + height)
    canvas.rotate(180)
    _draw_face(canvas, card, 0, 0, box.width, face, organisation)
    canvas.restoreState()


def write_namecards(
    db: Database, scope: ExportScope, target: Path, _format: str, progress: Progress
) -> ExportResult:
    if scope.session_id is not None:
        cards, description = cards_for_session(db, scope.session_id)
    elif scope.mixed_session_id is not None:
        cards, description = cards_for_mixmoment(db, scope.mixed_session_id)
    else:
        raise NothingToExport("Kies een sessie of een mixmoment voor de naamkaartjes.")
    organisation = OrganisationService(db).get()
    box = page_box()
    height = (box.height - CARD_GAP) / CARDS_PER_PAGE
    pages = -(-len(cards) // CARDS_PER_PAGE)
    document = PdfDocument(
        target,
        title=TITLE,
        subject=description,
        organisation=organisation,
        created=dt.datetime.now(dt.UTC),
        total_pages=pages,
    )
    for page in range(pages):
        progress.check()
        progress.report(page, pages, f"Pagina {page + 1} van {pages}")
        with document.page() as canvas:
            for slot, card in enumerate(cards[page * CARDS_PER_PAGE : (page + 1) * CARDS_PER_PAGE]):
                bottom = box.top - (slot + 1) * height - slot * CARD_GAP
                draw_card(canvas, card, box, bottom, height, organisation.shown_name)
    document.save()
    return ExportResult(target, "namecards", pages, "pagina's", {"cards": len(cards)})
