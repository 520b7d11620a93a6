"""What a session meant: the cards on the table and the meanings the group agreed on."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from verbindtafel_desktop.domain.models import Card, Meaning, MeaningCard, Session, SessionCard
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.cards import card_label
from verbindtafel_desktop.services.errors import NotFound, ServiceError, ValidationFailed


@dataclass(frozen=True)
class MeaningRow:
    meaning_id: int
    session_id: int
    text: str
    agreed: bool
    card_ids: list[int]
    card_titles: list[str]


class MeaningService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the cards on the table --------------------------------------------------------
    def cards_on_table(self, session_id: int) -> list[Card]:
        with self.db.session() as session:
            return list(
                session.exec(
                    select(Card)
                    .join(SessionCard, col(SessionCard.card_id) == col(Card.id))
                    .where(col(SessionCard.session_id) == session_id)
                    .order_by(col(Card.deck_id), col(Card.position), col(Card.id))
                )
            )

    def set_cards_on_table(self, session_id: int, card_ids: Iterable[int]) -> None:
        """The cards that lay on the table; a card that a meaning refers to stays."""
        wanted = set(card_ids)
        with self.db.session() as session:
            if session.get(Session, session_id) is None:
                raise NotFound(f"Sessie {session_id} bestaat niet.")
            current = set(
                session.exec(
                    select(SessionCard.card_id).where(col(SessionCard.session_id) == session_id)
                )
            )
            linked = set(
                session.exec(
                    select(MeaningCard.card_id)
                    .join(Meaning, col(Meaning.id) == col(MeaningCard.meaning_id))
                    .where(col(Meaning.session_id) == session_id)
                )
            )
            still_needed = (current - wanted) & linked
            if still_needed:
                titles = [card_label(card) for card in self._cards(session, still_needed)]
                raise ServiceError(
                    "Deze kaart(en) horen bij een betekenis van deze sessie en blijven dus op "
                    "tafel: " + ", ".join(sorted(titles)) + ". Haal ze eerst uit die betekenis."
                )
            known = set(session.exec(select(Card.id).where(col(Card.id).in_(wanted))))
            if wanted - known:
                raise NotFound("Een gekozen kaart bestaat niet meer.")
            session.execute(
                sa.delete(SessionCard).where(
                    col(SessionCard.session_id) == session_id,
                    col(SessionCard.card_id).in_(current - wanted),
                )
            )
            for card_id in wanted - current:
                session.add(SessionCard(session_id=session_id, card_id=card_id))

    def _cards(self, session: DbSession, card_ids: Iterable[int]) -> list[Card]:
        return list(session.exec(select(Card).where(col(Card.id).in_(list(card_ids)))))

    # --- meanings -------------------------------------------------------------------------
    def meanings(self, session_ids: Iterable[int]) -> list[MeaningRow]:
        """The meanings of the given sessions, oldest first, with their cards."""
        chosen = list(session_ids)
        with self.db.engine.connect() as connection:
            rows = connection.execute(
                sa.select(
                    col(Meaning.id), col(Meaning.session_id), col(Meaning.text), col(Meaning.agreed)
                )
                .where(col(Meaning.session_id).in_(chosen))
                .order_by(col(Meaning.session_id), col(Meaning.created_at), col(Meaning.id))
            ).all()
            links = connection.execute(
                sa.select(
                    col(MeaningCard.meaning_id), col(Card.id), col(Card.title), col(Card.text)
                )
                .join(Card, col(Card.id) == col(MeaningCard.card_id))
                .where(col(MeaningCard.meaning_id).in_([row[0] for row in rows]))
                .order_by(col(Card.position), col(Card.id))
            ).all()
        cards: dict[Any, list[tuple[Any, str]]] = defaultdict(list)
        for meaning_id, card_id, title, text in links:
            cards[meaning_id].append((card_id, title or text[:40]))
        return [
            MeaningRow(
                meaning_id,
                session_id,
                text,
                bool(agreed),
                [card_id for card_id, _title in cards[meaning_id]],
                [title for _card_id, title in cards[meaning_id]],
            )
            for meaning_id, session_id, text, agreed in rows
            if meaning_id and session_id
        ]

    def save_meaning(
        self,
        session_id: int,
        text: str,
        card_ids: Iterable[int],
        agreed: bool = True,
        meaning_id: int | None = None,
    ) -> int:
        """Write down a meaning and the cards it links; those cards are on the table."""
        text = text.strip()
        if not text:
            raise ValidationFailed(
                {"text": "Schrijf de betekenis op zoals de groep haar verwoordde."}
            )
        chosen = set(card_ids)
        with self.db.session() as session:
            if session.get(Session, session_id) is None:
                raise NotFound(f"Sessie {session_id} bestaat niet.")
            if meaning_id is None:
                meaning = Meaning(session_id=session_id, text=text)
            else:
                found = session.get(Meaning, meaning_id)
                if found is None or found.session_id != session_id:
                    raise NotFound(f"Betekenis {meaning_id} bestaat niet.")
                meaning = found
            meaning.text = text
            meaning.agreed = agreed
            session.add(meaning)
            session.flush()
            assert meaning.id is not None
            if len(self._cards(session, chosen)) != len(chosen):
                raise NotFound("Een gekozen kaart bestaat niet meer.")
            on_table = set(
                session.exec(
                    select(SessionCard.card_id).where(col(SessionCard.session_id) == session_id)
                )
            )
            for card_id in chosen - on_table:
                session.add(SessionCard(session_id=session_id, card_id=card_id))
            session.execute(sa.delete(MeaningCard).where(col(MeaningCard.meaning_id) == meaning.id))
            for card_id in chosen:
                session.add(MeaningCard(meaning_id=meaning.id, card_id=card_id))
            return meaning.id

    def remove_meaning(self, meaning_id: int) -> None:
        with self.db.session() as session:
            meaning = session.get(Meaning, meaning_id)
            if meaning is None:
                raise NotFound(f"Betekenis {meaning_id} bestaat niet.")
            session.delete(meaning)
