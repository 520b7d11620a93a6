"""Card decks: theme cards (text and colour) and image cards (a picture with a thumbnail)."""

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from verbindtafel_desktop.assets import resource_path
from verbindtafel_desktop.domain.enums import CardKind
from verbindtafel_desktop.domain.models import Card, CardDeck, MeaningCard, SessionCard
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.entity import Checks
from verbindtafel_desktop.services.errors import InUse, NotFound, ServiceError, ValidationFailed
from verbindtafel_desktop.services.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from verbindtafel_desktop.services.card_images import PreparedImage

DEFAULT_DECK = ("cards", "default_theme_cards.json")
DEFAULT_COLOUR = "#f0a830"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class DeckRow:
    deck_id: int
    name: str
    description: str
    archived: bool
    theme_cards: int
    image_cards: int


@dataclass(frozen=True)
class ImageCheck:
    """The outcome of reading the chosen pictures: what can be added, what not and why."""

    ready: list["PreparedImage"]
    refused: list[tuple[Path, str]]


def default_deck() -> dict[str, Any]:
    return dict(json.loads(resource_path(*DEFAULT_DECK).read_text(encoding="utf-8")))


def ensure_default_deck(session: Session) -> None:
    """Give a database without any deck the shipped theme cards."""
    if session.exec(select(CardDeck)).first() is not None:
        return
    document = default_deck()
    deck = CardDeck(name=document["name"], description=document["description"])
    session.add(deck)
    session.flush()
    assert deck.id is not None
    position = 0
    for theme in document["themes"]:
        for title, text in theme["cards"]:
            session.add(
                Card(
                    deck_id=deck.id,
                    kind=CardKind.THEME,
                    title=title,
                    text=text,
                    colour=theme["colour"],
                    position=position,
                )
            )
            position += 1


def card_label(card: Card) -> str:
    return card.title or card.text[:40] or f"Kaart {card.id}"


class CardService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- decks --------------------------------------------------------------------
    def decks(self, include_archived: bool = False) -> list[DeckRow]:
        def count(kind: CardKind) -> Any:
            return (
                sa.select(sa.func.count())
                .where(col(Card.deck_id) == col(CardDeck.id), col(Card.kind) == kind)
                .scalar_subquery()
            )

        statement = sa.select(
            col(CardDeck.id),
            col(CardDeck.name),
            col(CardDeck.description),
            col(CardDeck.archived),
            count(CardKind.THEME),
            count(CardKind.IMAGE),
        ).order_by(sa.func.lower(col(CardDeck.name)))
        if not include_archived:
            statement = statement.where(col(CardDeck.archived).is_(False))
        with self.db.engine.connect() as connection:
            return [DeckRow(*row) for row in connection.execute(statement)]

    def deck(self, deck_id: int) -> CardDeck:
        with self.db.session() as session:
            found = session.get(CardDeck, deck_id)
            if found is None:
                raise NotFound(f"Kaartenstapel {deck_id} bestaat niet.")
            return found

    def save_deck(self, values: Mapping[str, Any], deck_id: int | None = None) -> int:
        checks = Checks(values)
        name = checks.text("name", required="Geef de stapel een naam.")
        checks.text("description")
        cleaned = checks.done()
        with self.db.session() as session:
            taken = session.exec(
                select(CardDeck.id).where(
                    sa.func.lower(col(CardDeck.name)) == name.lower(),
                    col(CardDeck.id) != (deck_id or 0),
                )
            ).first()
            if taken is not None:
                raise ValidationFailed({"name": "Er is al een stapel met deze naam."})
            deck = session.get(CardDeck, deck_id) if deck_id else CardDeck(name=name)
            if deck is None:
                raise NotFound(f"Kaartenstapel {deck_id} bestaat niet.")
            deck.name = cleaned["name"]
            deck.description = cleaned["description"]
            session.add(deck)
            session.flush()
            assert deck.id is not None
            return deck.id

    def _times_used(self, card_ids: Sequence[int]) -> int:
        if not card_ids:
            return 0
        with self.db.engine.connect() as connection:
            on_table = connection.execute(
                sa.select(sa.func.count()).where(col(SessionCard.card_id).in_(card_ids))
            ).scalar_one()
            in_meanings = connection.execute(
                sa.select(sa.func.count()).where(col(MeaningCard.card_id).in_(card_ids))
            ).scalar_one()
        return int(on_table) + int(in_meanings)

    def remove_deck(self, deck_id: int) -> None:
        card_ids = [card.id for card in self.cards(deck_id) if card.id is not None]
        if self._times_used(card_ids):
            raise InUse(
                "Kaarten uit deze stapel zijn in sessies gebruikt; verwijderen zou dat uit de "
                "verslagen halen. Archiveer de stapel in plaats daarvan."
            )
        with self.db.session() as session:
            deck = session.get(CardDeck, deck_id)
            if deck is None:
                raise NotFound(f"Kaartenstapel {deck_id} bestaat niet.")
            session.delete(deck)

    def set_deck_archived(self, deck_id: int, archived: bool) -> None:
        with self.db.session() as session:
            deck = session.get(CardDeck, deck_id)
            if deck is None:
                raise NotFound(f"Kaartenstapel {deck_id} bestaat niet.")
            deck.archived = archived
            session.add(deck)

    # --- cards ----------------------------------------------------------------------
    def cards(self, deck_id: int) -> list[Card]:
        with self.db.session() as session:
            return list(
                session.exec(
                    select(Card)
                    .where(col(Card.deck_id) == deck_id)
                    .order_by(col(Card.position), col(Card.id))
                )
            )

    def card(self, card_id: int) -> Card:
        with self.db.session() as session:
            found = session.get(Card, card_id)
            if found is None:
                raise NotFound(f"Kaart {card_id} bestaat niet.")
            return found

    def _next_position(self, session: Any, deck_id: int) -> int:
        highest = session.execute(
            sa.select(sa.func.max(col(Card.position))).where(col(Card.deck_id) == deck_id)
        ).scalar()
        return 0 if highest is None else int(highest) + 1

    def save_card(self, deck_id: int, values: Mapping[str, Any], card_id: int | None = None) -> int:
        """Add a theme card to a deck, or change the title, text or colour of a card."""
        checks = Checks(values)
        title = checks.text("title")
        text = checks.text("text")
        colour = checks.text("colour") or DEFAULT_COLOUR
        checks.cleaned["colour"] = colour
        if not _COLOUR.match(colour):
            checks.fail("colour", "Kies een kleur, bijvoorbeeld #f0a830.")
        cleaned = checks.done()
        with self.db.session() as session:
            if session.get(CardDeck, deck_id) is None:
                raise NotFound(f"Kaartenstapel {deck_id} bestaat niet.")
            if card_id is None:
                card = Card(
                    deck_id=deck_id,
                    kind=CardKind.THEME,
                    position=self._next_position(session, deck_id),
                )
            else:
                found = session.get(Card, card_id)
                if found is None:
                    raise NotFound(f"Kaart {card_id} bestaat niet.")
                card = found
            if card.kind == CardKind.THEME and not (title or text):
                raise ValidationFailed({"title": "Een themakaart heeft een titel of een tekst."})
            card.title = cleaned["title"]
            card.text = cleaned["text"]
            card.colour = cleaned["colour"] if card.kind == CardKind.THEME else card.colour
            session.add(card)
            session.flush()
            assert card.id is not None
            return card.id

    def remove_card(self, card_id: int) -> None:
        used = self._times_used([card_id])
        if used:
            raise InUse(
                f"Deze kaart is {used} keer gebruikt in sessies of betekenissen; "
                "verwijderen zou dat uit de verslagen halen."
            )
        with self.db.session() as session:
            card = session.get(Card, card_id)
            if card is None:
                raise NotFound(f"Kaart {card_id} bestaat niet.")
            session.delete(card)

    # --- image cards -------------------------------------------------------------------
    def check_images(self, paths: Sequence[Path], progress: Progress = NO_PROGRESS) -> ImageCheck:
        """Read every chosen picture and make its thumbnail; nothing is stored yet."""
        # Reading pictures needs QtGui; headless commands that never do so start without it.
        from verbindtafel_desktop.services.card_images import prepare_image

        ready: list[PreparedImage] = []
        refused: list[tuple[Path, str]] = []
        for done, path in enumerate(paths):
            progress.check()
            progress.report(done, len(paths), f"{Path(path).name} lezen…")
            try:
                ready.append(prepare_image(Path(path)))
            except ServiceError as problem:
                refused.append((Path(path), str(problem)))
        progress.report(len(paths), len(paths), "")
        return ImageCheck(ready, refused)

    def add_images(self, deck_id: int, images: Sequence["PreparedImage"]) -> list[int]:
        """Store checked pictures as image cards, all in one transaction."""
        with self.db.session() as session:
            if session.get(CardDeck, deck_id) is None:
                raise NotFound(f"Kaartenstapel {deck_id} bestaat niet.")
            position = self._next_position(session, deck_id)
            cards = []
            for offset, image in enumerate(images):
                card = Card(
                    deck_id=deck_id,
                    kind=CardKind.IMAGE,
                    title=image.title,
                    image_path=str(image.path.resolve()),
                    thumbnail=image.thumbnail,
                    position=position + offset,
                )
                session.add(card)
                cards.append(card)
            session.flush()
            return [card.id for card in cards if card.id is not None]

    def import_images(
        self, deck_id: int, paths: Sequence[Path], progress: Progress = NO_PROGRESS
    ) -> list[int]:
        """All pictures or none: refuses (ServiceError) when any of them cannot be used."""
        checked = self.check_images(paths, progress)
        if checked.refused:
            raise ServiceError(
                "Niets toegevoegd. " + " ".join(reason for _path, reason in checked.refused)
            )
        return self.add_images(deck_id, checked.ready)
