"""Loneliness measurements (De Jong Gierveld short scale) at T0, T1 and T2, the person's
network size, and the fellow participants they still see (lasting contacts).

`MeasurementService.save` is the one place a measurement is written: whatever must hold
before a person's answers may be stored (their consent, say) is checked there.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from verbindtafel_desktop import loneliness
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import (
    Answer,
    ConsentScope,
    MeasurementMoment,
    MembershipRole,
)
from verbindtafel_desktop.domain.models import (
    Cohort,
    LastingContact,
    Location,
    Measurement,
    Membership,
    Person,
    Seating,
    Table,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.consent import check_consent
from verbindtafel_desktop.services.errors import NotFound, ValidationFailed
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql

ITEM_KEYS = tuple(f"item_{item.number}" for item in loneliness.ITEMS)
MAX_NETWORK_SIZE = 1000

# How staff call the moments (also in exports, which carry no Qt labels).
MOMENT_NAMES = {
    MeasurementMoment.INTAKE: "beginmeting (T0)",
    MeasurementMoment.END: "eindmeting (T1)",
    MeasurementMoment.FOLLOW_UP: "follow-up (T2)",
}
# Lasting contacts are asked at the end and at follow-up, not at intake.
CONTACT_MOMENTS = (MeasurementMoment.END, MeasurementMoment.FOLLOW_UP)


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    moment: MeasurementMoment
    taken_on: dt.date
    cohort: str  # "Lichting augustus 2026 (Buurthuis De Ooievaar)" or ""
    answers: tuple[Answer | None, ...]
    score: loneliness.Score | None
    network_size: int | None
    lasting_contacts: int
    notes: str


def answers_of(measurement: Any) -> tuple[Answer | None, ...]:
    return tuple(getattr(measurement, key) for key in ITEM_KEYS)


class MeasurementService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading ------------------------------------------------------------
    def for_person(self, person_id: int) -> list[MeasurementRow]:
        """The person's measurements, oldest first."""
        cohort_label = col(Cohort.name) + " (" + col(Location.name) + ")"
        statement = (
            sa.select(Measurement.__table__, cohort_label.label("cohort_label"))  # type: ignore[attr-defined]
            .outerjoin(Cohort, col(Cohort.id) == col(Measurement.cohort_id))
            .outerjoin(Location, col(Location.id) == col(Cohort.location_id))
            .where(col(Measurement.person_id) == person_id)
            .order_by(col(Measurement.taken_on), col(Measurement.moment), col(Measurement.id))
        )
        contact_counts = dict(
            self._connection_rows(
                sa.select(col(LastingContact.moment), sa.func.count())
                .where(col(LastingContact.person_id) == person_id)
                .group_by(col(LastingContact.moment))
            )
        )
        rows = []
        for row in self._connection_rows(statement):
            answers = tuple(
                Answer(row._mapping[key]) if row._mapping[key] else None for key in ITEM_KEYS
            )
            moment = MeasurementMoment(row.moment)
            rows.append(
                MeasurementRow(
                    id=row.id,
                    moment=moment,
                    taken_on=row.taken_on,
                    cohort=row.cohort_label or "",
                    answers=answers,
                    score=loneliness.score(answers),
                    network_size=row.network_size,
                    lasting_contacts=int(contact_counts.get(moment, 0))
                    if moment in CONTACT_MOMENTS
                    else 0,
                    notes=row.notes,
                )
            )
        return rows

    def _connection_rows(self, statement: Any) -> list[Any]:
        with self.db.engine.connect() as connection:
            return list(connection.execute(statement))

    def form_values(self, measurement_id: int) -> dict[str, Any]:
        """What the measurement form shows when it edits this measurement."""
        with self.db.session() as session:
            found = session.get(Measurement, measurement_id)
            if found is None:
                raise NotFound(f"Meting {measurement_id} bestaat niet.")
            values: dict[str, Any] = found.model_dump()
        values["lasting_contact_ids"] = self.lasting_contacts(
            values["person_id"], MeasurementMoment(values["moment"])
        )
        return values

    def lasting_contacts(self, person_id: int, moment: MeasurementMoment) -> list[int]:
        return [
            row[0]
            for row in self._connection_rows(
                sa.select(col(LastingContact.contact_id))
                .where(
                    col(LastingContact.person_id) == person_id,
                    col(LastingContact.moment) == moment,
                )
                .order_by(col(LastingContact.contact_id))
            )
        ]

    def cohort_choices(self, person_id: int) -> list[tuple[int, str]]:
        """The cohorts the person sits (or sat) in as a participant, newest first."""
        statement = (
            sa.select(col(Cohort.id), col(Cohort.name) + " (" + col(Location.name) + ")")
            .join(Location, col(Location.id) == col(Cohort.location_id))
            .where(
                col(Cohort.id).in_(
                    sa.select(col(Table.cohort_id))
                    .join(Membership, col(Membership.table_id) == col(Table.id))
                    .where(
                        col(Membership.person_id) == person_id,
                        col(Membership.role) == MembershipRole.PARTICIPANT,
                    )
                )
            )
            .order_by(col(Cohort.start_date).desc())
        )
        return [(row[0], row[1]) for row in self._connection_rows(statement)]

    def fellow_participants(self, person_id: int) -> list[tuple[int, str]]:
        """Whom the person met in the programme: participants of their tables and the
        people they sat with at a mixmoment. (id, name), by name."""
        own_tables = sa.select(col(Membership.table_id)).where(
            col(Membership.person_id) == person_id,
            col(Membership.role) == MembershipRole.PARTICIPANT,
        )
        table_mates = sa.select(col(Membership.person_id)).where(
            col(Membership.table_id).in_(own_tables),
            col(Membership.role) == MembershipRole.PARTICIPANT,
        )
        own_seats = sa.select(col(Seating.mixed_table_id)).where(
            col(Seating.person_id) == person_id
        )
        seat_mates = sa.select(col(Seating.person_id)).where(
            col(Seating.mixed_table_id).in_(own_seats)
        )
        statement = (
            sa.select(col(Person.id), full_name_sql())
            .where(
                col(Person.id) != person_id,
                sa.or_(col(Person.id).in_(table_mates), col(Person.id).in_(seat_mates)),
            )
            .order_by(sort_name_sql())
        )
        return [(row[0], row[1]) for row in self._connection_rows(statement)]

    def default_cohort(self, person_id: int) -> int | None:
        choices = self.cohort_choices(person_id)
        return choices[0][0] if choices else None

    # --- writing ------------------------------------------------------------
    def validate(
        self, person_id: int, values: Mapping[str, Any], measurement_id: int | None
    ) -> dict[str, Any]:
        errors: dict[str, str] = {}
        cleaned: dict[str, Any] = {}
        moment_value = values.get("moment")
        try:
            moment = MeasurementMoment(moment_value) if moment_value else None
        except ValueError:
            moment = None
        if moment is None:
            errors["moment"] = "Kies het moment van de meting (T0, T1 of T2)."
        cleaned["moment"] = moment
        taken_on = values.get("taken_on")
        if not isinstance(taken_on, dt.date):
            errors["taken_on"] = "Vul de datum van de meting in."
        elif taken_on > dt.date.today():
            errors["taken_on"] = "Een meting kan niet in de toekomst liggen."
        cleaned["taken_on"] = taken_on
        for key in ITEM_KEYS:
            answer = values.get(key)
            if answer in (None, ""):
                cleaned[key] = None
            elif answer in loneliness.ANSWERS:
                cleaned[key] = Answer(answer)
            else:
                errors[key] = "Kies ja, min of meer of nee (of laat de vraag open)."
        network = values.get("network_size")
        if network in (None, ""):
            cleaned["network_size"] = None
        elif isinstance(network, bool) or not isinstance(network, int):
            errors["network_size"] = "Vul een aantal mensen in (een heel getal)."
        elif not 0 <= network <= MAX_NETWORK_SIZE:
            errors["network_size"] = f"Vul een aantal van 0 tot en met {MAX_NETWORK_SIZE} in."
        else:
            cleaned["network_size"] = network
        cleaned["notes"] = str(values.get("notes") or "").strip()
        cohort_id = values.get("cohort_id") or None
        cleaned["cohort_id"] = cohort_id
        with self.db.engine.connect() as connection:
            if (
                connection.execute(
                    sa.select(col(Person.id)).where(col(Person.id) == person_id)
                ).first()
                is None
            ):
                raise NotFound(f"Persoon {person_id} bestaat niet.")
            if (
                cohort_id is not None
                and connection.execute(
                    sa.select(col(Cohort.id)).where(col(Cohort.id) == cohort_id)
                ).first()
                is None
            ):
                errors["cohort_id"] = "Deze lichting bestaat niet (meer)."
            if moment is not None and "cohort_id" not in errors:
                twin = connection.execute(
                    sa.select(col(Measurement.taken_on)).where(
                        col(Measurement.person_id) == person_id,
                        col(Measurement.moment) == moment,
                        col(Measurement.cohort_id).is_(None)
                        if cohort_id is None
                        else col(Measurement.cohort_id) == cohort_id,
                        col(Measurement.id) != (measurement_id or 0),
                    )
                ).first()
                if twin is not None:
                    errors["moment"] = (
                        f"Er is al een {MOMENT_NAMES[moment]} van {format_date(twin[0])} "
                        "voor deze lichting. Pas die meting aan in plaats van een tweede in "
                        "te voeren."
                    )
        contacts = values.get("lasting_contact_ids")
        if contacts is not None:
            contact_ids = sorted({int(contact) for contact in contacts})
            if contact_ids and moment not in CONTACT_MOMENTS:
                errors["lasting_contact_ids"] = (
                    "Blijvende contacten worden bij de eindmeting (T1) of de follow-up (T2) "
                    "gevraagd, niet bij de beginmeting."
                )
            if person_id in contact_ids:
                errors["lasting_contact_ids"] = "Iemand kan geen contact met zichzelf houden."
            cleaned["lasting_contact_ids"] = contact_ids
        if errors:
            raise ValidationFailed(errors)
        return cleaned

    def save(
        self, person_id: int, values: Mapping[str, Any], measurement_id: int | None = None
    ) -> int:
        """Store a measurement of `person_id` (new, or `measurement_id` changed).

        `values`: moment, taken_on, cohort_id, item_1 … item_6 ("ja" / "min of meer" /
        "nee" / None), network_size (None: not asked), notes, and optionally
        lasting_contact_ids (the fellow participants the person still sees; replaces
        those recorded at this moment). ValidationFailed names each wrong field.
        """
        cleaned = self.validate(person_id, values, measurement_id)
        contacts: list[int] | None = cleaned.pop("lasting_contact_ids", None)
        with self.db.session() as session:
            # Loneliness scores are sensitive: only with consent for the questionnaires.
            check_consent(session.connection(), person_id, ConsentScope.MEASUREMENTS)
            if measurement_id is None:
                record = Measurement(person_id=person_id, **cleaned)
            else:
                found = session.get(Measurement, measurement_id)
                if found is None or found.person_id != person_id:
                    raise NotFound(f"Meting {measurement_id} bestaat niet.")
                record = found
                for key, value in cleaned.items():
                    setattr(record, key, value)
            session.add(record)
            session.flush()
            saved_id = int(record.id or 0)
            if contacts is not None:
                self._replace_contacts(
                    session, person_id, cleaned["moment"], contacts, cleaned["taken_on"]
                )
            return saved_id

    @staticmethod
    def _replace_contacts(
        session: Any,
        person_id: int,
        moment: MeasurementMoment,
        contact_ids: Sequence[int],
        recorded_on: dt.date,
    ) -> None:
        existing = {
            contact.contact_id: contact
            for contact in session.exec(
                select(LastingContact).where(
                    LastingContact.person_id == person_id, LastingContact.moment == moment
                )
            )
        }
        for contact_id, contact in existing.items():
            if contact_id not in contact_ids:
                session.delete(contact)
            else:
                contact.recorded_on = recorded_on
                session.add(contact)
        known = {
            row for row in session.exec(select(Person.id).where(col(Person.id).in_(contact_ids)))
        }
        missing = set(contact_ids) - known
        if missing:
            raise ValidationFailed(
                {"lasting_contact_ids": "Een van de gekozen contacten bestaat niet (meer)."}
            )
        for contact_id in contact_ids:
            if contact_id not in existing:
                session.add(
                    LastingContact(
                        person_id=person_id,
                        contact_id=contact_id,
                        moment=moment,
                        recorded_on=recorded_on,
                    )
                )

    def remove(self, measurement_id: int) -> None:
        """Remove a measurement; the lasting contacts of its moment go with it when no
        other measurement of that moment remains."""
        with self.db.session() as session:
            found = session.get(Measurement, measurement_id)
            if found is None:
                raise NotFound(f"Meting {measurement_id} bestaat niet.")
            person_id, moment = found.person_id, found.moment
            session.delete(found)
            session.flush()
            others = session.exec(
                select(Measurement.id).where(
                    Measurement.person_id == person_id, Measurement.moment == moment
                )
            ).first()
            if others is None:
                for contact in session.exec(
                    select(LastingContact).where(
                        LastingContact.person_id == person_id, LastingContact.moment == moment
                    )
                ):
                    session.delete(contact)
