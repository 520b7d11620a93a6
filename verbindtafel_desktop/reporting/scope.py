"""What a period report covers: a period, and all locations, one location or one cohort;
optionally the funder it is made for."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.models import Cohort, Funder, Grant, Location
from verbindtafel_desktop.exports.wording import long_date
from verbindtafel_desktop.services.errors import NotFound, ServiceError

LONGEST_PERIOD_YEARS = 10


class BadPeriod(ServiceError):
    """The period cannot be reported on (end before start, absurdly long)."""


@dataclass(frozen=True)
class ReportScope:
    start: dt.date
    end: dt.date  # inclusive
    location_id: int | None = None
    cohort_id: int | None = None
    funder_id: int | None = None


@dataclass(frozen=True)
class ResolvedScope:
    scope: ReportScope
    cohort_ids: tuple[int, ...] | None  # None: every cohort, and data without a cohort
    description: str
    funder: str
    grants: tuple[str, ...]

    @property
    def period(self) -> str:
        start = long_date(self.scope.start, weekday=False)
        return f"{start} t/m {long_date(self.scope.end, weekday=False)}"


def euros(cents: int) -> str:
    whole, rest = divmod(cents, 100)
    grouped = f"{whole:,}".replace(",", ".")
    return f"€ {grouped},{rest:02d}" if rest else f"€ {grouped},-"


def resolve(connection: Any, scope: ReportScope) -> ResolvedScope:
    """Check the scope against the database; NotFound / BadPeriod (Dutch) when it is wrong."""
    if scope.end < scope.start:
        raise BadPeriod(
            f"De periode eindigt ({format_date(scope.end)}) vóór zij begint "
            f"({format_date(scope.start)})."
        )
    if (scope.end - scope.start).days > 366 * LONGEST_PERIOD_YEARS:
        raise BadPeriod(f"Kies een periode van hoogstens {LONGEST_PERIOD_YEARS} jaar.")
    cohort_ids: tuple[int, ...] | None = None
    description = "alle locaties"
    if scope.location_id is not None:
        location = connection.execute(
            sa.select(col(Location.name)).where(col(Location.id) == scope.location_id)
        ).scalar()
        if location is None:
            raise NotFound(f"Locatie {scope.location_id} bestaat niet.")
        description = f"locatie {location}"
        cohort_ids = tuple(
            connection.execute(
                sa.select(col(Cohort.id)).where(col(Cohort.location_id) == scope.location_id)
            ).scalars()
        )
    if scope.cohort_id is not None:
        found = connection.execute(
            sa.select(col(Cohort.name), col(Cohort.location_id), col(Location.name))
            .join(Location, col(Location.id) == col(Cohort.location_id))
            .where(col(Cohort.id) == scope.cohort_id)
        ).first()
        if found is None:
            raise NotFound(f"Lichting {scope.cohort_id} bestaat niet.")
        name, location_id, location = found
        if scope.location_id is not None and location_id != scope.location_id:
            raise NotFound(f"{name} hoort niet bij de gekozen locatie.")
        description = f"{name} ({location})"
        cohort_ids = (scope.cohort_id,)
    funder = ""
    grants: list[str] = []
    if scope.funder_id is not None:
        funder = connection.execute(
            sa.select(col(Funder.name)).where(col(Funder.id) == scope.funder_id)
        ).scalar()
        if funder is None:
            raise NotFound(f"Financier {scope.funder_id} bestaat niet.")
        for start, end, cents, notes in connection.execute(
            sa.select(
                col(Grant.period_start),
                col(Grant.period_end),
                col(Grant.amount_cents),
                col(Grant.notes),
            )
            .where(
                col(Grant.funder_id) == scope.funder_id,
                col(Grant.period_start) <= scope.end,
                col(Grant.period_end) >= scope.start,
            )
            .order_by(col(Grant.period_start))
        ):
            what = f" ({notes})" if notes else ""
            grants.append(f"{euros(cents)}{what}, {format_date(start)} t/m {format_date(end)}")
    return ResolvedScope(scope, cohort_ids, description, funder, tuple(grants))
