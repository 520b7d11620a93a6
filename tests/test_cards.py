"""Card decks, image cards with their thumbnails, and what a session meant."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from verbindtafel_desktop.domain.enums import CardKind
from verbindtafel_desktop.services.card_images import THUMBNAIL_SIZE
from verbindtafel_desktop.services.errors import InUse, ServiceError, ValidationFailed
from verbindtafel_desktop.services.registry import Services


def picture(path: Path, width: int = 800, height: int = 600) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    assert image.save(str(path))
    return path


def default_deck_id(services: Services) -> int:
    return services.cards.decks()[0].deck_id


def test_a_new_database_gets_the_default_deck_of_dutch_theme_cards(services: Services) -> None:
    decks = services.cards.decks()
    assert len(decks) == 1
    assert decks[0].theme_cards >= 40
    cards = services.cards.cards(decks[0].deck_id)
    assert all(card.kind == CardKind.THEME and card.colour.startswith("#") for card in cards)
    assert len({card.title for card in cards}) == len(cards)
    assert "Alleen of eenzaam" in {card.title for card in cards}


def test_theme_cards_can_be_added_and_checked(services: Services) -> None:
    deck = services.cards.save_deck({"name": "Zomer", "description": "Voor buiten"})
    with pytest.raises(ValidationFailed) as refused:
        services.cards.save_deck({"name": "zomer"})
    assert "name" in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        services.cards.save_card(deck, {"title": "Strand", "colour": "blauw"})
    assert "colour" in refused.value.errors
    with pytest.raises(ValidationFailed):
        services.cards.save_card(deck, {"title": "", "text": ""})
    card = services.cards.save_card(deck, {"title": "Strand", "text": "Wie ga je mee?"})
    assert services.cards.card(card).colour == "#f0a830"
    services.cards.save_card(deck, {"title": "Zee", "colour": "#1e90ff"}, card)
    assert services.cards.card(card).title == "Zee"


def test_image_import_stores_a_thumbnail(services: Services, tmp_path: Path) -> None:
    deck = default_deck_id(services)
    ids = services.cards.import_images(
        deck, [picture(tmp_path / "zonsondergang_maas.png"), picture(tmp_path / "markt.jpg")]
    )
    assert len(ids) == 2
    card = services.cards.card(ids[0])
    assert card.kind == CardKind.IMAGE
    assert card.title == "Zonsondergang maas"
    assert card.image_path == str((tmp_path / "zonsondergang_maas.png").resolve())
    thumbnail = QImage.fromData(card.thumbnail or b"")
    assert not thumbnail.isNull()
    assert max(thumbnail.width(), thumbnail.height()) == THUMBNAIL_SIZE
    assert services.cards.decks()[0].image_cards == 2


def test_a_non_image_file_is_refused_with_a_message(services: Services, tmp_path: Path) -> None:
    deck = default_deck_id(services)
    text = tmp_path / "boodschappen.txt"
    text.write_text("melk, brood, kaas", encoding="utf-8")
    disguised = tmp_path / "vakantie.jpg"
    disguised.write_text("dit is geen foto", encoding="utf-8")
    for path in (text, disguised):
        with pytest.raises(ServiceError, match="geen afbeelding"):
            services.cards.import_images(deck, [path])
    with pytest.raises(ServiceError, match="leeg"):
        (tmp_path / "leeg.png").write_bytes(b"")
        services.cards.import_images(deck, [tmp_path / "leeg.png"])
    assert services.cards.decks()[0].image_cards == 0


@pytest.mark.parametrize("name", ["kapot.jpg", "kapot.png"])
def test_a_corrupt_picture_is_refused_and_nothing_is_added(
    services: Services, tmp_path: Path, name: str
) -> None:
    deck = default_deck_id(services)
    whole = picture(tmp_path / f"heel{Path(name).suffix}")
    data = whole.read_bytes()
    broken = tmp_path / name
    broken.write_bytes(data[: len(data) // 2])
    good = picture(tmp_path / "goed.png")
    with pytest.raises(ServiceError, match="beschadigd") as refused:
        services.cards.import_images(deck, [good, broken])
    assert name in str(refused.value) and "Niets toegevoegd" in str(refused.value)
    assert services.cards.decks()[0].image_cards == 0
    checked = services.cards.check_images([good, broken])
    assert [image.path for image in checked.ready] == [good]
    assert [path for path, _reason in checked.refused] == [broken]


def test_cards_on_the_table_and_agreed_meanings(services: Services) -> None:
    location = services.locations.save({"name": "Buurthuis De Klimop"})
    cohort = services.cohorts.save(
        {"name": "Voorjaar", "location_id": location, "start_date": dt.date(2027, 3, 1)}
    )
    table = services.tables.save({"name": "Tafel Zon", "cohort_id": cohort})
    proposal = services.planning.propose(table, dt.date(2027, 3, 2))
    session = services.planning.plan(table, {p.number: p.date for p in proposal.sessions})[0]
    cards = services.cards.cards(default_deck_id(services))
    first, second, third = (card.id for card in cards[:3])
    assert first and second and third

    services.meanings.set_cards_on_table(session, [first, second])
    meaning = services.meanings.save_meaning(
        session, "Thuis zijn de mensen die je groeten.", [second, third]
    )
    on_table = {card.id for card in services.meanings.cards_on_table(session)}
    assert on_table == {first, second, third}  # a linked card lay on the table
    (row,) = services.meanings.meanings([session])
    assert (row.meaning_id, row.text, row.agreed) == (
        meaning,
        "Thuis zijn de mensen die je groeten.",
        True,
    )
    assert row.card_ids == [second, third]
    with pytest.raises(ServiceError, match="betekenis"):
        services.meanings.set_cards_on_table(session, [first])
    with pytest.raises(ValidationFailed):
        services.meanings.save_meaning(session, "  ", [])
    services.meanings.save_meaning(session, "Aangepast", [third], agreed=False, meaning_id=meaning)
    services.meanings.set_cards_on_table(session, [third])
    (row,) = services.meanings.meanings([session])
    assert (row.text, row.agreed, row.card_ids) == ("Aangepast", False, [third])
    with pytest.raises(InUse):
        services.cards.remove_card(third)
    services.cards.remove_card(first)
    services.meanings.remove_meaning(meaning)
    assert services.meanings.meanings([session]) == []
