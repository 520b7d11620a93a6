"""The choices an export dialog offers: sessions of a table, mixmoments, card decks."""

from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import SessionStatus
from verbindtafel_desktop.domain.models import CardDeck, Cohort, MixedSession, Session, Table
from verbindtafel_desktop.exports.wording import WEEKDAYS, word


class ExportChoices:
    def __init__(self, db: Any) -> None:
        self.db = db

    def sessions(self, table_id: int) -> list[tuple[int, str]]:
        """(id, 'Sessie 3 · ma 24-08-2026 · gehouden') for each session of a table."""
        statement = (
            sa.select(col(Session.id), col(Session.number), col(Session.date), col(Session.status))
            .where(col(Session.table_id) == table_id)
            .order_by(col(Session.number))
        )
        with self.db.engine.connect() as connection:
            choices = []
            for session_id, number, day, status in connection.execute(statement):
                when = f"{WEEKDAYS[day.weekday()][:2]} {format_date(day)}" if day else "geen datum"
                choices.append(
                    (session_id, f"Sessie {number} · {when} · {word(SessionStatus, status)}")
                )
            return choices

    def mixmoments(self, cohort_id: int | None = None) -> list[tuple[int, str]]:
        """(id, 'Mixmoment … · 31-08-2026 (Lichting …)'), newest first."""
        statement = (
            sa.select(
                col(MixedSession.id),
                col(MixedSession.title),
                col(MixedSession.date),
                col(Cohort.name),
            )
            .join(Cohort, col(Cohort.id) == col(MixedSession.cohort_id))
            .order_by(col(MixedSession.date).desc())
        )
        if cohort_id:
            statement = statement.where(col(MixedSession.cohort_id) == cohort_id)
        with self.db.engine.connect() as connection:
            return [
                (mixed_id, f"{title or 'Mixmoment'} · {format_date(day)} ({cohort})")
                for mixed_id, title, day, cohort in connection.execute(statement)
            ]

    def decks(self) -> list[tuple[int, str]]:
        statement = (
            sa.select(col(CardDeck.id), col(CardDeck.name))
            .where(col(CardDeck.archived).is_(False))
            .order_by(col(CardDeck.name))
        )
        with self.db.engine.connect() as connection:
            return [(deck_id, name) for deck_id, name in connection.execute(statement)]

    def table_cohort(self, table_id: int) -> int | None:
        with self.db.engine.connect() as connection:
            found = connection.execute(
                sa.select(col(Table.cohort_id)).where(col(Table.id) == table_id)
            ).scalar()
        return int(found) if found is not None else None
