"""Locations: the community centres where tables meet."""

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.dutch_formats import normalize_postcode
from verbindtafel_desktop.domain.models import Cohort, Location
from verbindtafel_desktop.domain.rotterdam import area_of
from verbindtafel_desktop.services.entity import Checks, EntityService
from verbindtafel_desktop.services.listing import ListQuery, options, search_condition, table_column

_cohort_count = (
    sa.select(sa.func.count())
    .where(col(Cohort.location_id) == col(Location.id))
    .scalar_subquery()
    .label("cohort_count")
)


class LocationService(EntityService[Location]):
    model = Location
    noun = "de locatie"
    id_column = table_column(Location, "id")
    sort_columns = {
        "name": sa.func.lower(col(Location.name)),
        "neighbourhood": col(Location.neighbourhood),
        "area": col(Location.area),
        "address": col(Location.address),
        "wheelchair_accessible": col(Location.wheelchair_accessible),
        "cohort_count": _cohort_count,
    }
    default_sort = "name"

    def row_select(self) -> sa.Select[Any]:
        return sa.select(
            col(Location.id).label("id"),
            col(Location.name).label("name"),
            col(Location.address).label("address"),
            col(Location.postcode).label("postcode"),
            col(Location.neighbourhood).label("neighbourhood"),
            col(Location.area).label("area"),
            col(Location.wheelchair_accessible).label("wheelchair_accessible"),
            _cohort_count,
            col(Location.archived).label("archived"),
        )

    def conditions(self, query: ListQuery) -> list[Any]:
        found = [] if query.include_archived else [col(Location.archived).is_(False)]
        matches = search_condition(
            query.search,
            [col(Location.name), col(Location.neighbourhood), col(Location.address)],
            fold=False,
        )
        return found if matches is None else [*found, matches]

    def validate(self, values: Mapping[str, Any], entity_id: int | None) -> dict[str, Any]:
        checks = Checks(values)
        name = checks.text("name", required="Geef de locatie een naam.")
        if name and self.name_taken(name, entity_id):
            checks.fail("name", "Er is al een locatie met deze naam.")
        checks.text("address")
        postcode = checks.text("postcode")
        if postcode:
            try:
                checks.cleaned["postcode"] = normalize_postcode(postcode)
            except ValueError as error:
                checks.fail("postcode", str(error))
        neighbourhood = checks.text("neighbourhood")
        area = checks.text("area")
        if not area and neighbourhood:
            checks.cleaned["area"] = area_of(neighbourhood) or ""
        checks.cleaned["wheelchair_accessible"] = bool(values.get("wheelchair_accessible"))
        capacity = values.get("mixed_table_capacity", 6)
        if not isinstance(capacity, int) or not 2 <= capacity <= 20:
            checks.fail("mixed_table_capacity", "Een mengtafel heeft 2 tot 20 plaatsen.")
        checks.cleaned["mixed_table_capacity"] = capacity
        checks.text("notes")
        return checks.done()

    def usage(self, entity_id: int) -> str | None:
        cohorts = self.count_where(col(Cohort.location_id), entity_id)
        if cohorts:
            return (
                f"Deze locatie heeft {cohorts} lichting(en) en kan daarom niet verwijderd "
                "worden. Archiveer haar als ze niet meer gebruikt wordt."
            )
        return None

    def options(self, include_archived: bool = False) -> list[tuple[int, str]]:
        statement = sa.select(col(Location.id), col(Location.name)).order_by(col(Location.name))
        if not include_archived:
            statement = statement.where(col(Location.archived).is_(False))
        return options(self.db, statement)
