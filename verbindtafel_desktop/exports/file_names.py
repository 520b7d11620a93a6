"""File names to suggest in the save dialog: 'presentielijst-tafel-jip-sessie-4.pdf'."""

import datetime as dt
import re
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.models import (
    CardDeck,
    Cohort,
    MixedSession,
    Person,
    Session,
    Table,
)
from verbindtafel_desktop.domain.text import search_key
from verbindtafel_desktop.exports.registry import EXPORTS
from verbindtafel_desktop.exports.scope import ExportScope
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.sql_names import full_name_sql


def _scope_words(connection: Any, scope: ExportScope) -> list[str]:
    def one(statement: Any) -> Any:
        return connection.execute(statement).first()

    if scope.session_id is not None:
        found = one(
            sa.select(col(Table.name), col(Session.number))
            .join(Table, col(Table.id) == col(Session.table_id))
            .where(col(Session.id) == scope.session_id)
        )
        return [found[0], f"sessie {found[1]}"] if found else []
    for wanted, statement in (
        (
            scope.mixed_session_id,
            sa.select(col(MixedSession.title)).where(
                col(MixedSession.id) == scope.mixed_session_id
            ),
        ),
        (scope.person_id, sa.select(full_name_sql()).where(col(Person.id) == scope.person_id)),
        (scope.table_id, sa.select(col(Table.name)).where(col(Table.id) == scope.table_id)),
        (scope.cohort_id, sa.select(col(Cohort.name)).where(col(Cohort.id) == scope.cohort_id)),
        (scope.deck_id, sa.select(col(CardDeck.name)).where(col(CardDeck.id) == scope.deck_id)),
    ):
        if wanted is not None:
            found = one(statement)
            return [found[0]] if found and found[0] else []
    return []


def suggested_file_name(
    db: Database, kind: str, scope: ExportScope, extension: str | None = None
) -> str:
    chosen = EXPORTS[kind]
    with db.engine.connect() as connection:
        words = [chosen.title, *_scope_words(connection, scope), dt.date.today().isoformat()]
    slug = re.sub(r"[^a-z0-9]+", "-", search_key(*words)).strip("-")
    return f"{slug}.{extension or chosen.formats[0]}"
