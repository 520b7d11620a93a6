"""A small centre to export from, with the names the exports must survive, and readers
that open the exported files the way a user's program would (openpyxl, pypdf)."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

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
from verbindtafel_desktop.domain.names import full_name
from verbindtafel_desktop.domain.text import search_key
from verbindtafel_desktop.exports.xlsx import HEADER_ROW
from verbindtafel_desktop.persistence.database import Database

# Dutch, Turkish, Polish, Portuguese / Cape Verdean: every letter the issue names.
SPECIAL_PEOPLE = [
    ("Şükrü", "", "Öztürk"),
    ("İpek", "", "Ağaoğlu"),
    ("Łucja", "", "Wałęsa-Brzeżańska"),
    ("João", "", "Conceição"),
    ("Noël", "van den", "Ĳssel"),
    ("Anaïs Hélène", "", "Eënbeek"),
    ("Marĳke", "", "Kılıç"),
]
SPECIAL_LETTERS = "şğıİłżãçéëïĳ"
# Text that a spreadsheet would take for a formula or an error if it were not stored as text.
FORMULA_NAMES = [
    '=HYPERLINK("http://example.org","klik")',
    "+31 6 1234 5678",
    "-Ali",
    "@home",
    "#N/A",
]
DAY_ONE = dt.date(2026, 3, 2)  # a Monday


@dataclass
class World:
    location_id: int = 0
    cohort_id: int = 0
    table_id: int = 0  # Tafel Łódź: the special names
    other_table_id: int = 0  # Tafel Zon: the formula-like names
    facilitator_id: int = 0
    participants: list[int] = field(default_factory=list)
    others: list[int] = field(default_factory=list)
    guest_id: int = 0
    sessions: list[int] = field(default_factory=list)  # of Tafel Łódź, numbers 1-5
    other_sessions: list[int] = field(default_factory=list)
    mixed_session_id: int = 0
    names: dict[int, str] = field(default_factory=dict)


def _person(session: Any, world: World, first: str, infix: str = "", last: str = "") -> int:
    person = Person(
        first_name=first,
        infix=infix,
        last_name=last,
        phone="+31 6 1234 5678" if first.startswith("=") else "06-12345678",
        search_text=search_key(first, infix, last),
    )
    session.add(person)
    session.flush()
    assert person.id is not None
    world.names[person.id] = full_name(first, infix, last)
    return person.id


def build_world(db: Database) -> World:
    """Two tables of one cohort; Tafel Łódź has held, cancelled and planned sessions,
    a guest and a mixmoment with Tafel Zon."""
    world = World()
    with db.session() as session:
        location = Location(name="Buurthuis Çarşı", address="Pretorialaan 1")
        session.add(location)
        session.flush()
        cohort = Cohort(name="Lichting Ĳsselmonde", location_id=location.id, start_date=DAY_ONE)
        session.add(cohort)
        session.flush()
        tables = [
            Table(name="Tafel Łódź", cohort_id=cohort.id, capacity=8),
            Table(name="Tafel Zon", cohort_id=cohort.id, capacity=8),
        ]
        session.add_all(tables)
        session.flush()
        world.location_id, world.cohort_id = location.id or 0, cohort.id or 0
        world.table_id, world.other_table_id = tables[0].id or 0, tables[1].id or 0
        world.facilitator_id = _person(session, world, "Ayşe", "", "Yılmaz")
        world.participants = [_person(session, world, *name) for name in SPECIAL_PEOPLE]
        world.others = [_person(session, world, name, "", "") for name in FORMULA_NAMES]
        world.guest_id = _person(session, world, "Gökhan", "", "Çelik")
        session.add(
            Membership(
                person_id=world.facilitator_id,
                table_id=world.table_id,
                role=MembershipRole.FACILITATOR,
                status=MembershipStatus.ACTIVE,
                start_date=DAY_ONE,
            )
        )
        statuses = [MembershipStatus.COMPLETED, MembershipStatus.DROPPED_OUT] + [
            MembershipStatus.ACTIVE
        ] * 5
        for person_id, status in zip(world.participants, statuses, strict=True):
            session.add(
                Membership(
                    person_id=person_id,
                    table_id=world.table_id,
                    status=status,
                    start_date=DAY_ONE,
                    end_date=DAY_ONE + dt.timedelta(days=3)
                    if status == MembershipStatus.DROPPED_OUT
                    else None,
                )
            )
        for person_id in world.others:
            session.add(
                Membership(
                    person_id=person_id,
                    table_id=world.other_table_id,
                    status=MembershipStatus.COMPLETED,
                    start_date=DAY_ONE,
                )
            )
        phases = [
            Phase.STARTING,
            Phase.PRACTISING,
            Phase.PRACTISING,
            Phase.EXPANDING,
            Phase.EXPANDING,
        ]
        session_status = [
            SessionStatus.HELD,
            SessionStatus.HELD,
            SessionStatus.CANCELLED,
            SessionStatus.PLANNED,
            SessionStatus.PLANNED,
        ]
        for table_id, ids in (
            (world.table_id, world.sessions),
            (world.other_table_id, world.other_sessions),
        ):
            for number in range(1, 6):
                row = Session(
                    table_id=table_id,
                    number=number,
                    date=DAY_ONE + dt.timedelta(weeks=number - 1),
                    start_time=dt.time(14, 0),
                    phase=phases[number - 1],
                    status=session_status[number - 1],
                )
                session.add(row)
                session.flush()
                ids.append(row.id or 0)
        first, second = world.sessions[0], world.sessions[1]
        recorded = [
            (first, world.facilitator_id, AttendanceStatus.PRESENT, AttendanceRole.FACILITATOR),
            (second, world.facilitator_id, AttendanceStatus.PRESENT, AttendanceRole.FACILITATOR),
        ]
        first_day = [AttendanceStatus.PRESENT] * 4 + [
            AttendanceStatus.EXCUSED,
            AttendanceStatus.ABSENT,
            AttendanceStatus.PRESENT,
        ]
        recorded += [
            (first, person_id, status, AttendanceRole.MEMBER)
            for person_id, status in zip(world.participants, first_day, strict=True)
        ]
        # Session 2: the one who dropped out is gone; one excused; a guest came along.
        second_day = {
            world.participants[0]: AttendanceStatus.PRESENT,
            world.participants[2]: AttendanceStatus.EXCUSED,
            world.participants[3]: AttendanceStatus.PRESENT,
            world.participants[4]: AttendanceStatus.PRESENT,
            world.participants[5]: AttendanceStatus.ABSENT,
        }
        recorded += [
            (second, person_id, status, AttendanceRole.MEMBER)
            for person_id, status in second_day.items()
        ]
        recorded.append((second, world.guest_id, AttendanceStatus.PRESENT, AttendanceRole.GUEST))
        recorded += [
            (world.other_sessions[0], person_id, AttendanceStatus.PRESENT, AttendanceRole.MEMBER)
            for person_id in world.others
        ]
        for session_id, person_id, status, role in recorded:
            session.add(
                Attendance(session_id=session_id, person_id=person_id, status=status, role=role)
            )
        session.add(
            Invitation(
                inviter_id=world.participants[0],
                invitee_id=world.guest_id,
                session_id=second,
                invited_on=DAY_ONE,
            )
        )
        mixed = MixedSession(
            cohort_id=world.cohort_id,
            date=DAY_ONE + dt.timedelta(weeks=3),
            start_time=dt.time(14, 0),
            title="Mixmoment Ĳsselmonde",
        )
        session.add(mixed)
        session.flush()
        world.mixed_session_id = mixed.id or 0
        for table_id in (world.table_id, world.other_table_id):
            session.add(MixedSessionTable(mixed_session_id=mixed.id, table_id=table_id))
        mixed_tables = [
            MixedTable(mixed_session_id=mixed.id, number=1, label="Tafel Zonnebloem"),
            MixedTable(mixed_session_id=mixed.id, number=2),
        ]
        session.add_all(mixed_tables)
        session.flush()
        seated = [world.facilitator_id, *world.participants, *world.others]
        for index, person_id in enumerate(seated):
            session.add(
                Seating(
                    mixed_session_id=mixed.id,
                    mixed_table_id=mixed_tables[index % 2].id,
                    person_id=person_id,
                )
            )
    return world


# --- reading exports back ------------------------------------------------------
def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def pdf_fonts(path: Path) -> set[str]:
    """Base font names of the fonts embedded in the PDF (those with a font file)."""
    found: set[str] = set()
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    found.add(str(font["/BaseFont"]))
    return found


def workbook(path: Path) -> Any:
    return load_workbook(path)


def header(sheet: Worksheet) -> list[Any]:
    return [cell.value for cell in sheet[HEADER_ROW] if cell.value is not None]


def data_rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return [
        row
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
        if any(value is not None for value in row)
    ]
