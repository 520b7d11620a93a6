"""Funders (financiers) and their grants, as the period report offers them."""

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.models import Funder, Grant
from verbindtafel_desktop.services.listing import options


class FunderService:
    def __init__(self, db: Any) -> None:
        self.db = db

    def options(self) -> list[tuple[int, str]]:
        return options(
            self.db, sa.select(col(Funder.id), col(Funder.name)).order_by(col(Funder.name))
        )

    def latest_grant_period(self, funder_id: int) -> tuple[dt.date, dt.date] | None:
        """The period of the funder's most recent grant (a report usually covers it)."""
        with self.db.engine.connect() as connection:
            found = connection.execute(
                sa.select(col(Grant.period_start), col(Grant.period_end))
                .where(col(Grant.funder_id) == funder_id)
                .order_by(col(Grant.period_end).desc())
                .limit(1)
            ).first()
        return (found[0], found[1]) if found else None
