"""The register of lasting activities: existing offerings in the city and activities
participants started themselves, and who joined them since when and whether they still go.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col

from verbindtafel_desktop.domain.enums import ActivityKind
from verbindtafel_desktop.domain.models import Activity, ActivityParticipation, Person
from verbindtafel_desktop.services.entity import Checks, EntityService
from verbindtafel_desktop.services.errors import NotFound, ValidationFailed
from verbindtafel_desktop.services.listing import ListQuery, options, search_condition, table_column
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql

Starter = aliased(Person)

_participant_count = (
    sa.select(sa.func.count())
    .where(col(ActivityParticipation.activity_id) == col(Activity.id))
    .scalar_subquery()
    .label("participant_count")
)
_still_going_count = (
    sa.select(sa.func.count())
    .where(
        col(ActivityParticipation.activity_id) == col(Activity.id),
        col(ActivityParticipation.still_going).is_(True),
    )
    .scalar_subquery()
    .label("still_going_count")
)


@dataclass(frozen=True)
class ParticipationRow:
    id: int
    activity_id: int
    activity: str
    kind: ActivityKind
    person_id: int
    name: str
    joined_on: dt.date | None
    still_going: bool | None  # None: not asked yet
    checked_on: dt.date | None


class ActivityService(EntityService[Activity]):
    model = Activity
    noun = "de activiteit"
    id_column = table_column(Activity, "id")
    sort_columns = {
        "name": sa.func.lower(col(Activity.name)),
        "kind": col(Activity.kind),
        "organiser": sa.func.lower(col(Activity.organiser)),
        "category": sa.func.lower(col(Activity.category)),
        "neighbourhood": col(Activity.neighbourhood),
        "contact": col(Activity.contact),
        "started_by": sort_name_sql(Starter),
        "start_date": col(Activity.start_date),
        "participant_count": _participant_count,
        "still_going_count": _still_going_count,
    }
    default_sort = "name"

    def row_select(self) -> sa.Select[Any]:
        return sa.select(
            col(Activity.id).label("id"),
            col(Activity.name).label("name"),
            col(Activity.kind).label("kind"),
            col(Activity.organiser).label("organiser"),
            col(Activity.category).label("category"),
            col(Activity.neighbourhood).label("neighbourhood"),
            col(Activity.contact).label("contact"),
            full_name_sql(Starter).label("started_by"),
            col(Activity.start_date).label("start_date"),
            _participant_count,
            _still_going_count,
            col(Activity.archived).label("archived"),
        ).outerjoin(Starter, col(Starter.id) == col(Activity.started_by_id))

    def conditions(self, query: ListQuery) -> list[Any]:
        found: list[Any] = [] if query.include_archived else [col(Activity.archived).is_(False)]
        if kind := query.filters.get("kind"):
            found.append(col(Activity.kind) == kind)
        matches = search_condition(
            query.search,
            [
                col(Activity.name),
                col(Activity.organiser),
                col(Activity.category),
                col(Activity.neighbourhood),
            ],
            fold=False,
        )
        return found if matches is None else [*found, matches]

    def validate(self, values: Mapping[str, Any], entity_id: int | None) -> dict[str, Any]:
        checks = Checks(values)
        name = checks.text("name", required="Geef de activiteit een naam.")
        if name and self.name_taken(name, entity_id):
            checks.fail("name", "Er is al een activiteit met deze naam.")
        kind = values.get("kind") or ActivityKind.EXISTING
        checks.cleaned["kind"] = ActivityKind(kind)
        checks.text("organiser")
        checks.text("category")
        checks.text("neighbourhood")
        checks.text("contact")
        own = checks.cleaned["kind"] == ActivityKind.OWN
        checks.cleaned["started_by_id"] = values.get("started_by_id") if own else None
        start = checks.keep("start_date")
        if isinstance(start, dt.date) and start > dt.date.today():
            checks.fail("start_date", "Een activiteit die nog moet beginnen hoort hier nog niet.")
        checks.text("notes")
        return checks.done()

    def usage(self, entity_id: int) -> str | None:
        joined = self.count_where(col(ActivityParticipation.activity_id), entity_id)
        if joined:
            return (
                f"{joined} deelnemer(s) doen of deden mee aan deze activiteit; verwijderen "
                "zou dat uit de rapportage halen. Archiveer de activiteit in plaats daarvan."
            )
        return None

    def form_values(self, activity_id: int) -> dict[str, Any]:
        return self.get(activity_id).model_dump()

    def options(self, include_archived: bool = False) -> list[tuple[int, str]]:
        statement = sa.select(col(Activity.id), col(Activity.name)).order_by(
            sa.func.lower(col(Activity.name))
        )
        if not include_archived:
            statement = statement.where(col(Activity.archived).is_(False))
        return options(self.db, statement)

    def neighbourhoods(self) -> list[str]:
        with self.db.engine.connect() as connection:
            return [
                row[0]
                for row in connection.execute(
                    sa.select(sa.distinct(col(Activity.neighbourhood)))
                    .where(col(Activity.neighbourhood) != "")
                    .order_by(col(Activity.neighbourhood))
                )
            ]

    # --- participations --------------------------------------------------------
    def _participation_rows(self, *conditions: Any) -> list[ParticipationRow]:
        statement: Any = (
            sa.select(
                col(ActivityParticipation.id),
                col(ActivityParticipation.activity_id),
                col(Activity.name),
                col(Activity.kind),
                col(ActivityParticipation.person_id),
                full_name_sql().label("person_name"),
                col(ActivityParticipation.joined_on),
                col(ActivityParticipation.still_going),
                col(ActivityParticipation.checked_on),
            )
            .join(Activity, col(Activity.id) == col(ActivityParticipation.activity_id))
            .join(Person, col(Person.id) == col(ActivityParticipation.person_id))
            .where(*conditions)
            .order_by(sort_name_sql(), sa.func.lower(col(Activity.name)))
        )
        with self.db.engine.connect() as connection:
            return [
                ParticipationRow(
                    row[0],
                    row[1],
                    row[2],
                    ActivityKind(row[3]),
                    row[4],
                    row[5],
                    row[6],
                    row[7],
                    row[8],
                )
                for row in connection.execute(statement)
            ]

    def participants(self, activity_id: int) -> list[ParticipationRow]:
        return self._participation_rows(col(ActivityParticipation.activity_id) == activity_id)

    def participations_of(self, person_id: int) -> list[ParticipationRow]:
        return self._participation_rows(col(ActivityParticipation.person_id) == person_id)

    def save_participation(
        self, values: Mapping[str, Any], participation_id: int | None = None
    ) -> int:
        """Who joined which activity since when, and whether they still go.

        `values`: activity_id, person_id, joined_on, still_going (True / False / None for
        not asked), checked_on (when that was asked; today when left empty)."""
        errors: dict[str, str] = {}
        activity_id: Any = values.get("activity_id")
        person_id: Any = values.get("person_id")
        if not activity_id:
            errors["activity_id"] = "Kies de activiteit."
        if not person_id:
            errors["person_id"] = "Kies wie meedoet."
        today = dt.date.today()
        joined_on = values.get("joined_on")
        if isinstance(joined_on, dt.date) and joined_on > today:
            errors["joined_on"] = "Meedoen kan niet in de toekomst begonnen zijn."
        still_going = values.get("still_going")
        checked_on = values.get("checked_on")
        if isinstance(checked_on, dt.date) and checked_on > today:
            errors["checked_on"] = "Dit kan niet in de toekomst gevraagd zijn."
        if still_going is None:
            checked_on = None
        elif checked_on is None:
            checked_on = today
        if (
            isinstance(joined_on, dt.date)
            and isinstance(checked_on, dt.date)
            and checked_on < joined_on
        ):
            errors["checked_on"] = "Dit is gevraagd vóór de persoon begon mee te doen."
        if not errors and self._joined_already(activity_id, person_id, participation_id):
            errors["person_id"] = "Deze persoon staat al bij deze activiteit."
        if errors:
            raise ValidationFailed(errors)
        with self.db.session() as session:
            if participation_id is None:
                record = ActivityParticipation(activity_id=activity_id, person_id=person_id)
            else:
                found = session.get(ActivityParticipation, participation_id)
                if found is None:
                    raise NotFound(f"Deelname {participation_id} bestaat niet.")
                record = found
                record.activity_id = activity_id
                record.person_id = person_id
            record.joined_on = joined_on if isinstance(joined_on, dt.date) else None
            record.still_going = None if still_going is None else bool(still_going)
            record.checked_on = checked_on
            session.add(record)
            session.flush()
            return int(record.id or 0)

    def _joined_already(
        self, activity_id: Any, person_id: Any, participation_id: int | None
    ) -> bool:
        with self.db.engine.connect() as connection:
            return (
                connection.execute(
                    sa.select(col(ActivityParticipation.id)).where(
                        col(ActivityParticipation.activity_id) == activity_id,
                        col(ActivityParticipation.person_id) == person_id,
                        col(ActivityParticipation.id) != (participation_id or 0),
                    )
                ).first()
                is not None
            )

    def remove_participation(self, participation_id: int) -> None:
        with self.db.session() as session:
            found = session.get(ActivityParticipation, participation_id)
            if found is None:
                raise NotFound(f"Deelname {participation_id} bestaat niet.")
            session.delete(found)
