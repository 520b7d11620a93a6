"""The readable form of an access request: a PDF with a section per kind of record and,
per record, its fields as label and value in plain Dutch."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from sqlmodel import SQLModel

from verbindtafel_desktop.domain.enums import AuditAction
from verbindtafel_desktop.domain.names import full_name
from verbindtafel_desktop.exports.pdf import (
    ACCENT,
    BOLD,
    FONT,
    INK,
    LIGHT,
    MUTED,
    Box,
    PdfDocument,
    draw_text,
    page_box,
    register_fonts,
    wrap,
)
from verbindtafel_desktop.exports.person_data import TABLE_TITLES, TITLE, PersonData
from verbindtafel_desktop.exports.wording import WORDS, long_date, moment, word
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.progress import Progress

LABEL_WIDTH = 48 * mm
TEXT_SIZE = 9.0
LINE = 12.0

COLUMN_LABELS = {
    "id": "Nummer",
    "person_id": "Persoon",
    "first_name": "Voornaam",
    "infix": "Tussenvoegsel",
    "last_name": "Achternaam",
    "date_of_birth": "Geboortedatum",
    "gender": "Gender",
    "phone": "Telefoon",
    "email": "E-mail",
    "address": "Adres",
    "postcode": "Postcode",
    "neighbourhood": "Wijk",
    "search_text": "Zoektekst (afgeleid)",
    "consent_date": "Toestemming op",
    "notes": "Opmerkingen",
    "note": "Opmerking",
    "archived": "Gearchiveerd",
    "anonymised_at": "Geanonimiseerd op",
    "created_at": "Vastgelegd op",
    "updated_at": "Laatst gewijzigd op",
    "route": "Binnengekomen",
    "referrer_id": "Binnengebracht door",
    "institution_id": "Instelling",
    "referred_on": "Datum",
    "table_id": "Tafel",
    "role": "Rol",
    "start_date": "Begin",
    "end_date": "Einde",
    "status": "Status",
    "session_id": "Sessie",
    "recorded_at": "Vastgelegd op",
    "inviter_id": "Uitgenodigd door",
    "invitee_id": "Introducee",
    "mixed_session_id": "Mixmoment",
    "invited_on": "Uitgenodigd op",
    "cohort_id": "Lichting",
    "recruiter_id": "Aangedragen door",
    "noted_on": "Genoteerd op",
    "last_missed_session_id": "Laatst gemiste sessie",
    "done_at": "Afgehandeld op",
    "mixed_table_id": "Mixtafel",
    "locked": "Vastgezet",
    "pinned": "Vastgepind",
    "kind": "Soort",
    "person_a_id": "Persoon",
    "person_b_id": "Met persoon",
    "reason": "Reden",
    "activity_id": "Activiteit",
    "joined_on": "Doet mee sinds",
    "still_going": "Gaat nog",
    "checked_on": "Nagevraagd op",
    "moment": "Moment",
    "taken_on": "Afgenomen op",
    "network_size": "Grootte van het netwerk",
    "contact_id": "Contact met",
    "given_on": "Gegeven op",
    "recorded_by": "Vastgelegd door",
    "registration": "Inschrijving in het programma",
    "measurements": "Metingen (vragenlijsten)",
    "photos": "Foto's op beeldkaarten",
    "sharing": "Delen met verwijzer",
    "withdrawn_on": "Ingetrokken op",
    "withdrawn_by": "Ingetrokken door",
    "started_by_id": "Gestart door",
    "name": "Naam",
    "organiser": "Organisator",
    "category": "Soort activiteit",
    "contact": "Contactgegevens",
    "at": "Wanneer",
    "actor": "Wie (Windows-gebruiker)",
    "action": "Handeling",
    "record_type": "Soort gegevens",
    "record_ids": "Nummers",
    "people": "Betreft personen",
    "detail": "Toelichting",
    **{f"item_{number}": f"Vraag {number}" for number in range(1, 7)},
}


@dataclass(frozen=True)
class Line:
    kind: str  # title | text | heading | field | rule | gap
    text: str = ""
    value: str = ""
    height: float = LINE
    keep_with_next: bool = False


class ValueWriter:
    """Stored values in words: dates, yes/no, statuses, and what a number refers to."""

    def __init__(self, data: PersonData) -> None:
        self.data = data

    def text(self, table_name: str, column_name: str, value: Any) -> str:
        if value is None or value == "":
            return "–"
        table = SQLModel.metadata.tables.get(table_name)
        column = table.c.get(column_name) if table is not None else None
        if column is not None:
            for key in column.foreign_keys:
                return self.reference(key.column.table.name, int(value))
            enum = getattr(column.type, "enum_class", None)
            if enum is not None:
                return self.enum_word(enum, value)
        if table_name == "audit_entries" and column_name == "action":
            return word(AuditAction, value)
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if isinstance(value, dt.datetime):
            return moment(value)
        if isinstance(value, dt.date):
            return value.strftime("%d-%m-%Y")
        return str(value)

    def reference(self, table: str, record_id: int) -> str:
        if table == "people":
            return "u zelf" if record_id == self.data.person_id else f"persoon nr. {record_id}"
        described = self.data.references.get((table, record_id))
        return f"{described} (nr. {record_id})" if described else f"nr. {record_id}"

    @staticmethod
    def enum_word(enum: type[StrEnum], value: Any) -> str:
        return word(enum, value) if enum in WORDS else str(value)


def _lines(data: PersonData, box: Box, name: str, organisation: str) -> list[Line]:
    values = ValueWriter(data)
    lines = [Line("title", f"{TITLE}: {name}", height=26)]
    intro = (
        f"Dit overzicht bevat alles wat {organisation} in Verbindtafel over u heeft "
        f"vastgelegd, zoals het op {long_date(data.created.astimezone().date())} in de "
        "database stond. Andere mensen staan er alleen met een nummer in. Wat onjuist is, "
        "laten wij verbeteren; u kunt ook vragen uw gegevens te laten verwijderen. "
        "Hetzelfde overzicht bestaat als JSON-bestand, om uw gegevens mee te nemen."
    )
    for text in wrap(intro, FONT, TEXT_SIZE, box.width):
        lines.append(Line("text", text))
    counts = ", ".join(
        f"{TABLE_TITLES.get(table, table).lower()}: {len(rows)}"
        for table, rows in data.tables.items()
    )
    lines.append(Line("gap", height=6))
    for text in wrap(f"Vastgelegd: {counts}.", FONT, TEXT_SIZE, box.width):
        lines.append(Line("text", text))
    value_width = box.width - LABEL_WIDTH
    order = list(TABLE_TITLES)
    for table, rows in sorted(
        data.tables.items(),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
    ):
        title = f"{TABLE_TITLES.get(table, table)} ({len(rows)})"
        lines.append(Line("heading", title, height=28, keep_with_next=True))
        for number, row in enumerate(rows):
            if number:
                lines.append(Line("rule", height=8))
            for column, value in row.items():
                label = COLUMN_LABELS.get(column, column)
                wrapped = wrap(values.text(table, column, value), FONT, TEXT_SIZE, value_width)
                for index, part in enumerate(wrapped):
                    lines.append(Line("field", label if index == 0 else "", part))
    return lines


def _paginate(lines: list[Line], height: float) -> list[list[Line]]:
    pages: list[list[Line]] = [[]]
    used = 0.0
    for index, line in enumerate(lines):
        needed = line.height
        if line.keep_with_next and index + 1 < len(lines):
            needed += lines[index + 1].height
        if used + needed > height and pages[-1]:
            pages.append([])
            used = 0.0
        if not pages[-1] and line.kind in ("rule", "gap"):
            continue  # a page does not start with a separator
        pages[-1].append(line)
        used += line.height
    return pages


def _draw(canvas: Any, page: list[Line], box: Box) -> None:
    y = box.top
    for line in page:
        y -= line.height
        baseline = y + 3
        if line.kind == "title":
            draw_text(canvas, box.left, baseline + 4, line.text, font=BOLD, size=15,
                      width=box.width, minimum=10, color=ACCENT)  # fmt: skip
        elif line.kind == "heading":
            draw_text(canvas, box.left, baseline, line.text, font=BOLD, size=12, color=ACCENT)
        elif line.kind == "text":
            draw_text(canvas, box.left, baseline, line.text, size=TEXT_SIZE, color=INK)
        elif line.kind == "field":
            if line.text:
                draw_text(canvas, box.left, baseline, line.text, size=TEXT_SIZE - 0.5,
                          width=LABEL_WIDTH - 3 * mm, minimum=6, color=MUTED)  # fmt: skip
            draw_text(canvas, box.left + LABEL_WIDTH, baseline, line.value, size=TEXT_SIZE)
        elif line.kind == "rule":
            canvas.setStrokeColor(LIGHT)
            canvas.setLineWidth(0.6)
            canvas.line(box.left, y + line.height / 2, box.right, y + line.height / 2)


def write_person_pdf(data: PersonData, db: Database, target: Path, progress: Progress) -> int:
    """Write the PDF; returns its number of pages."""
    people = data.tables["people"][0]
    name = full_name(people["first_name"], people["infix"], people["last_name"])
    organisation = OrganisationService(db).get()
    register_fonts()  # the layout measures text before the document exists
    box = page_box()
    pages = _paginate(_lines(data, box, name, organisation.shown_name), box.height)
    document = PdfDocument(
        target,
        title=TITLE,
        subject=f"Alle gegevens over persoon nr. {data.person_id}",
        organisation=organisation,
        created=data.created,
        total_pages=len(pages),
    )
    for number, page in enumerate(pages, start=1):
        progress.check()
        progress.report(number, len(pages), f"Pagina {number} van {len(pages)}")
        with document.page() as canvas:
            _draw(canvas, page, box)
    document.save()
    return len(pages)
