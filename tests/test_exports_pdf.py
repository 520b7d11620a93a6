"""PDFs read back with pypdf and compared with the database."""

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage

from tests.export_world import SPECIAL_LETTERS, World, build_world, pdf_fonts, pdf_pages, pdf_text
from verbindtafel_desktop.domain.enums import CardKind
from verbindtafel_desktop.domain.models import Card, CardDeck
from verbindtafel_desktop.exports.registry import export
from verbindtafel_desktop.exports.scope import ExportScope, NothingToExport
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import NotFound, ServiceError, ValidationFailed
from verbindtafel_desktop.services.organisation import OrganisationService


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def picture(path: Path, colour: str, size: tuple[int, int] = (300, 200)) -> Path:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


def images_on(path: Path, page: int = 0) -> int:
    resources = PdfReader(path).pages[page]["/Resources"]
    xobjects = resources.get("/XObject", {})
    return sum(1 for item in xobjects.values() if item.get_object()["/Subtype"] == "/Image")


def test_signin_sheet_of_one_session(db: Database, world: World, tmp_path: Path) -> None:
    target = tmp_path / "presentielijst.pdf"
    result = export(db, "signin", ExportScope(session_id=world.sessions[1]), target)
    text = pdf_text(target)
    assert result.count == 1
    for expected in (
        "Presentielijst",
        "Tafel Łódź · Lichting Ĳsselmonde",
        "Sessie 2 van 5 · oefenen",
        "Datum: maandag 9 maart 2026, 14:00 uur",
        "Locatie: Buurthuis Çarşı, Pretorialaan 1",
        f"Begeleiding: {world.names[world.facilitator_id]}",
        "Handtekening",
        "Introducees",
        world.names[world.guest_id],
        "pagina 1 van 1",
    ):
        assert expected in text, expected
    names = world.names
    expected_people = [person for person in world.participants if person != world.participants[1]]
    for person in expected_people:
        assert names[person] in text
    assert names[world.participants[1]] not in text  # stopped before this session
    # The guest's row says who invited them; who excused themselves is marked.
    lines = text.splitlines()
    assert lines[lines.index(names[world.guest_id]) + 1] == names[world.participants[0]]
    assert lines[lines.index(names[world.participants[2]]) + 1] == "afgemeld"
    assert "Tafel Zon" not in text


def test_signin_sheets_of_a_cohort_skip_cancelled_sessions(
    db: Database, world: World, tmp_path: Path
) -> None:
    target = tmp_path / "alle.pdf"
    result = export(db, "signin", ExportScope(cohort_id=world.cohort_id), target)
    pages = pdf_pages(target)
    assert result.count == len(pages) == 8  # 2 tables x 4 sessions that were not cancelled
    assert not any("Sessie 3 van 5" in page for page in pages)
    assert [f"pagina {number} van 8" in page for number, page in enumerate(pages, 1)] == [True] * 8
    assert sum("Tafel Zon ·" in page for page in pages) == 4


def test_pdf_embeds_its_font_and_keeps_every_letter(
    db: Database, world: World, tmp_path: Path
) -> None:
    target = tmp_path / "lijst.pdf"
    export(db, "signin", ExportScope(session_id=world.sessions[0]), target)
    fonts = pdf_fonts(target)
    assert fonts == {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"}  # embedded subsets
    text = pdf_text(target)
    for person in world.participants:
        assert world.names[person] in text
    for letter in SPECIAL_LETTERS:
        assert letter in text, letter


def test_organisation_name_and_logo_head_every_page(
    db: Database, world: World, tmp_path: Path
) -> None:
    logo = picture(tmp_path / "logo.png", "#2e5e8c", (400, 120))
    OrganisationService(db).save("Buurthuis Ağaçlı", logo)
    target = tmp_path / "lijst.pdf"
    export(db, "signin", ExportScope(table_id=world.table_id), target)
    pages = pdf_pages(target)
    assert len(pages) == 4
    assert all(page.startswith("Buurthuis Ağaçlı") for page in pages)
    assert all(images_on(target, number) == 1 for number in range(4))


def test_organisation_settings_are_checked(db: Database, tmp_path: Path) -> None:
    service = OrganisationService(db)
    assert service.get().shown_name == "De Verbindtafel"
    not_a_picture = tmp_path / "logo.png"
    not_a_picture.write_text("geen plaatje", encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        service.save("x" * 200, not_a_picture)
    assert set(refused.value.errors) == {"name", "logo"}
    with pytest.raises(ValidationFailed, match="bestaat niet"):
        service.save("Centrum", tmp_path / "weg.png")
    saved = service.save("  Wijkcentrum   De Brug ", None)
    assert (saved.name, saved.logo) == ("Wijkcentrum De Brug", None)


def test_seating_plan_pdf(db: Database, world: World, tmp_path: Path) -> None:
    target = tmp_path / "indeling.pdf"
    result = export(db, "seating", ExportScope(mixed_session_id=world.mixed_session_id), target)
    pages = pdf_pages(target)
    assert result.count == len(pages) == 3  # the overview, then one page per mixed table
    seated = [world.facilitator_id, *world.participants, *world.others]
    overview = pages[0]
    assert "Tafelindeling: overzicht" in overview and "Mixmoment Ĳsselmonde" in overview
    assert "maandag 23 maart 2026, 14:00 uur" in overview

    def shown(person: int, page: str) -> bool:
        # A name too long for its place is cut off with an ellipsis.
        name = world.names[person]
        return name in page or (name[:10] in page and "…" in page)

    for person in seated:
        assert shown(person, overview)
    assert "Tafel 1" in pages[1] and "Tafel Zonnebloem" in pages[1]
    assert "Tafel 2" in pages[2]
    at_one = [person for index, person in enumerate(seated) if index % 2 == 0]
    at_two = [person for index, person in enumerate(seated) if index % 2 == 1]
    assert all(shown(person, pages[1]) for person in at_one)
    assert not any(shown(person, pages[1]) for person in at_two)
    assert all(shown(person, pages[2]) for person in at_two)


def test_name_cards_of_a_held_session_are_for_who_came(
    db: Database, world: World, tmp_path: Path
) -> None:
    target = tmp_path / "kaartjes.pdf"
    result = export(db, "namecards", ExportScope(session_id=world.sessions[1]), target)
    came = [
        world.facilitator_id,
        world.participants[0],
        world.participants[3],
        world.participants[4],
        world.guest_id,
    ]
    assert result.details["cards"] == len(came)
    assert result.count == 3
    text = pdf_text(target)
    for person in came:
        assert world.names[person] in text
    for person in (world.participants[2], world.participants[5]):  # excused, absent
        assert world.names[person] not in text
    assert "pagina 3 van 3" in text


def test_name_cards_before_attendance_and_for_a_mixmoment(
    db: Database, world: World, tmp_path: Path
) -> None:
    planned = tmp_path / "gepland.pdf"
    result = export(db, "namecards", ExportScope(session_id=world.sessions[3]), planned)
    expected = [world.facilitator_id, *world.participants[:1], *world.participants[2:]]
    assert result.details["cards"] == len(expected)
    text = pdf_text(planned)
    assert all(world.names[person] in text for person in expected)
    mixed = tmp_path / "mix.pdf"
    result = export(db, "namecards", ExportScope(mixed_session_id=world.mixed_session_id), mixed)
    assert result.details["cards"] == 1 + len(world.participants) + len(world.others)
    assert "Tafel 2" in pdf_text(mixed)


def test_card_sheets_of_theme_and_image_cards(db: Database, tmp_path: Path) -> None:
    folder = db.path.parent
    picture(folder / "zon.png", "#f0a830")
    picture(tmp_path / "boom.png", "#3a7d44", (200, 320))
    with db.session() as session:
        deck = CardDeck(name="Kaarten van Ağaçlı")
        session.add(deck)
        session.flush()
        cards = [
            Card(
                deck_id=deck.id,
                kind=CardKind.THEME,
                title=f"Thema {number}",
                text=f"Waar voel jij je thuis? Vraag {number} — ĳs en şeker",
                colour="#2e5e8c" if number % 2 else "F4D35E",
                position=number,
            )
            for number in range(1, 8)
        ]
        cards.append(
            Card(
                deck_id=deck.id, kind=CardKind.IMAGE, title="Zon", image_path="zon.png", position=8
            )
        )
        cards.append(
            Card(
                deck_id=deck.id,
                kind=CardKind.IMAGE,
                title="Boom",
                image_path=str(tmp_path / "boom.png"),
                position=9,
            )
        )
        session.add_all(cards)
        session.flush()
        deck_id = deck.id
    target = tmp_path / "kaarten.pdf"
    result = export(db, "cards", ExportScope(deck_id=deck_id), target)
    pages = [" ".join(page.split()) for page in pdf_pages(target)]
    assert result.count == len(pages) == 2  # 8 per page
    assert all(f"Thema {number}" in pages[0] for number in range(1, 8))
    assert "Waar voel jij je thuis? Vraag 3" in pages[0] and "ĳs en şeker" in pages[0]
    assert "Zon" in pages[0] and "Boom" in pages[1]
    assert (images_on(target, 0), images_on(target, 1)) == (1, 1)


def test_card_sheet_refuses_a_missing_picture_and_an_empty_deck(
    db: Database, tmp_path: Path
) -> None:
    with db.session() as session:
        empty, broken = CardDeck(name="Leeg"), CardDeck(name="Kapot")
        session.add_all([empty, broken])
        session.flush()
        session.add(Card(deck_id=broken.id, kind=CardKind.IMAGE, title="Weg", image_path="weg.png"))
        ids = (empty.id, broken.id)
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "kaarten.pdf"
    with pytest.raises(NothingToExport, match="nog geen kaarten"):
        export(db, "cards", ExportScope(deck_id=ids[0]), target)
    with pytest.raises(ServiceError, match="'Weg' is niet gevonden"):
        export(db, "cards", ExportScope(deck_id=ids[1]), target)
    with pytest.raises(NotFound, match="Kaartenset 999 bestaat niet"):
        export(db, "cards", ExportScope(deck_id=999), target)
    assert list(out.iterdir()) == []


def test_certificates(db: Database, world: World, tmp_path: Path) -> None:
    logo = picture(tmp_path / "logo.png", "#2e5e8c")
    OrganisationService(db).save("Buurthuis Çarşı", logo)
    one = tmp_path / "certificaat.pdf"
    export(
        db,
        "certificate",
        ExportScope(person_id=world.participants[0], table_id=world.table_id),
        one,
    )
    (page,) = pdf_pages(one)
    for expected in (
        "Buurthuis Çarşı",
        "Certificaat van deelname",
        world.names[world.participants[0]],
        "Tafel Łódź (Lichting Ĳsselmonde)",
        f"tafelbegeleider: {world.names[world.facilitator_id]}",
        "pagina 1 van 1",
    ):
        assert expected in page, expected
    # Finished on the day of the last session that was held.
    assert "Buurthuis Çarşı, 9 maart 2026" in page
    assert images_on(one) == 1

    cohort = tmp_path / "lichting.pdf"
    result = export(db, "certificate", ExportScope(cohort_id=world.cohort_id), cohort)
    pages = pdf_pages(cohort)
    assert result.count == len(pages) == 1 + len(world.others)
    for person in (world.participants[0], *world.others):
        assert sum(world.names[person] in page for page in pages) == 1
    with pytest.raises(NothingToExport, match="Geen afgeronde trajecten"):
        export(db, "certificate", ExportScope(person_id=world.participants[2]), cohort)
    with pytest.raises(NothingToExport, match="Kies voor wie"):
        export(db, "certificate", ExportScope(), cohort)
    assert len(pdf_pages(cohort)) == len(pages)  # the earlier file is still there, intact
