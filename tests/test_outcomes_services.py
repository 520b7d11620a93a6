"""Measurements, lasting contacts and the activity register through their services."""

import datetime as dt

import pytest
import sqlalchemy as sa

from verbindtafel_desktop.domain.enums import ActivityKind, Answer, MeasurementMoment
from verbindtafel_desktop.domain.models import LastingContact, Measurement
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.consent import ConsentMissing
from verbindtafel_desktop.services.errors import InUse, ValidationFailed
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.registry import Services

LONELY = {"item_1": "ja", "item_2": "nee", "item_3": "nee", "item_4": "ja", "item_5": "min of meer"}


def person(services: Services, first: str) -> int:
    """Someone who agreed to the questionnaires (measurements need that consent)."""
    someone = services.people.save({"first_name": first, "last_name": "Test"})
    services.consent.record(
        someone,
        {"given_on": dt.date(2026, 1, 5), "recorded_by": "balie", "measurements": True},
    )
    return someone


def rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text(sql))]


def test_a_complete_measurement_is_stored_and_scored(services: Services) -> None:
    someone = person(services, "Fatma")
    saved = services.measurements.save(
        someone,
        {
            "moment": MeasurementMoment.INTAKE,
            "taken_on": dt.date(2026, 3, 2),
            **LONELY,
            "item_6": Answer.NO,
            "network_size": 3,
            "notes": " thuis ingevuld ",
        },
    )
    [row] = services.measurements.for_person(someone)
    assert row.id == saved
    assert row.answers == (
        Answer.YES,
        Answer.NO,
        Answer.NO,
        Answer.YES,
        Answer.MORE_OR_LESS,
        Answer.NO,
    )
    assert row.score is not None and (row.score.total, row.score.category) == (5, "sterk eenzaam")
    assert (row.network_size, row.notes) == (3, "thuis ingevuld")
    stored = rows(services.db, "SELECT item_1, item_5, item_6, moment FROM measurements")
    assert stored == [("ja", "min of meer", "nee", "T0")]


def test_an_incomplete_measurement_is_kept_without_a_score(services: Services) -> None:
    someone = person(services, "Kees")
    services.measurements.save(
        someone, {"moment": "T0", "taken_on": dt.date(2026, 3, 2), **LONELY, "item_6": None}
    )
    [row] = services.measurements.for_person(someone)
    assert row.score is None
    assert row.answers[5] is None and row.network_size is None


def test_wrong_input_is_refused_field_by_field_and_nothing_is_stored(
    services: Services,
) -> None:
    someone = person(services, "Ana")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed) as refused:
        services.measurements.save(
            someone,
            {
                "moment": "T9",
                "taken_on": tomorrow,
                "item_2": "misschien",
                "network_size": -1,
                "lasting_contact_ids": [someone],
            },
        )
    errors = refused.value.errors
    assert set(errors) == {"moment", "taken_on", "item_2", "network_size", "lasting_contact_ids"}
    assert "toekomst" in errors["taken_on"]
    with pytest.raises(ValidationFailed) as missing:
        services.measurements.save(someone, {})
    assert set(missing.value.errors) == {"moment", "taken_on"}
    assert rows(services.db, "SELECT count(*) FROM measurements") == [(0,)]


def test_one_measurement_per_moment_and_cohort(demo_db: Database) -> None:
    services = Services.for_database(demo_db)
    person_id, cohort_id, taken_on = rows(
        demo_db, "SELECT person_id, cohort_id, taken_on FROM measurements WHERE moment='T0' LIMIT 1"
    )[0]
    assert isinstance(person_id, int)
    with pytest.raises(ValidationFailed) as refused:
        services.measurements.save(
            person_id, {"moment": "T0", "taken_on": dt.date(2026, 9, 1), "cohort_id": cohort_id}
        )
    day = dt.date.fromisoformat(str(taken_on))
    assert day.strftime("%d-%m-%Y") in refused.value.errors["moment"]
    # Changing the existing one is fine.
    [existing] = [row for row in services.measurements.for_person(person_id) if row.moment == "T0"]
    services.measurements.save(
        person_id,
        {"moment": "T0", "taken_on": day, "cohort_id": cohort_id, "network_size": 12},
        existing.id,
    )
    assert services.measurements.form_values(existing.id)["network_size"] == 12
    assert services.measurements.default_cohort(person_id) == cohort_id


def test_lasting_contacts_at_the_end_replace_what_was_recorded(demo_db: Database) -> None:
    services = Services.for_database(demo_db)
    # Someone of the finished cohort, and the people they met.
    person_id = rows(
        demo_db,
        "SELECT person_id FROM measurements WHERE moment = 'T1' ORDER BY person_id LIMIT 1",
    )[0][0]
    assert isinstance(person_id, int)
    fellows = services.measurements.fellow_participants(person_id)
    table_mates = {
        row[0]
        for row in rows(
            demo_db,
            f"""SELECT m2.person_id FROM memberships m1 JOIN memberships m2
                ON m2.table_id = m1.table_id AND m2.role = 'participant'
                WHERE m1.person_id = {person_id} AND m1.role = 'participant'
                AND m2.person_id <> {person_id}""",
        )
    }
    seat_mates = {
        row[0]
        for row in rows(
            demo_db,
            f"""SELECT s2.person_id FROM seatings s1 JOIN seatings s2
                ON s2.mixed_table_id = s1.mixed_table_id
                WHERE s1.person_id = {person_id} AND s2.person_id <> {person_id}""",
        )
    }
    assert {fellow for fellow, _name in fellows} == table_mates | seat_mates
    assert seat_mates - table_mates  # the mixmoment brought new people
    [end] = [row for row in services.measurements.for_person(person_id) if row.moment == "T1"]
    values = services.measurements.form_values(end.id)
    chosen = [fellows[0][0], fellows[1][0], fellows[2][0]]
    services.measurements.save(person_id, {**values, "lasting_contact_ids": chosen}, end.id)
    assert services.measurements.lasting_contacts(person_id, MeasurementMoment.END) == sorted(
        chosen
    )
    services.measurements.save(person_id, {**values, "lasting_contact_ids": chosen[1:]}, end.id)
    stored = rows(
        demo_db,
        f"SELECT contact_id, moment, recorded_on FROM lasting_contacts WHERE person_id={person_id}",
    )
    assert sorted(row[0] for row in stored) == sorted(chosen[1:])
    assert {(row[1], row[2]) for row in stored} == {("T1", values["taken_on"].isoformat())}
    [shown] = [row for row in services.measurements.for_person(person_id) if row.moment == "T1"]
    assert shown.lasting_contacts == 2
    # Not asked at intake.
    [intake] = [row for row in services.measurements.for_person(person_id) if row.moment == "T0"]
    with pytest.raises(ValidationFailed) as refused:
        services.measurements.save(
            person_id,
            {**services.measurements.form_values(intake.id), "lasting_contact_ids": chosen},
            intake.id,
        )
    assert "eindmeting" in refused.value.errors["lasting_contact_ids"]
    # Removing the end measurement takes its contacts along.
    services.measurements.remove(end.id)
    with demo_db.session() as session:
        assert session.get(Measurement, end.id) is None
        left = session.exec(
            sa.select(LastingContact).where(LastingContact.person_id == person_id)  # type: ignore[arg-type]
        ).all()
    assert left == []


def test_activities_register_and_participations(services: Services) -> None:
    activities = services.activities
    starter = person(services, "Mehmet")
    joiner = person(services, "Łucja")
    with pytest.raises(ValidationFailed) as refused:
        activities.save({"name": " ", "kind": ActivityKind.OWN})
    assert "name" in refused.value.errors
    walk = activities.save(
        {
            "name": "Wandelclub Zuiderpark",
            "kind": ActivityKind.OWN,
            "started_by_id": starter,
            "category": "bewegen",
            "neighbourhood": "Zuiderpark",
            "start_date": dt.date(2026, 1, 5),
        }
    )
    choir = activities.save(
        {
            "name": "Popkoor PLUS!",
            "kind": ActivityKind.EXISTING,
            "organiser": "Popkoor PLUS",
            "started_by_id": starter,  # not kept: an existing offering has no starter
        }
    )
    with pytest.raises(ValidationFailed) as twice:
        activities.save({"name": "popkoor plus!", "kind": ActivityKind.EXISTING})
    assert "al een activiteit" in twice.value.errors["name"]
    assert activities.get(choir).started_by_id is None

    joined = activities.save_participation(
        {"activity_id": walk, "person_id": joiner, "joined_on": dt.date(2026, 2, 1)}
    )
    with pytest.raises(ValidationFailed) as again:
        activities.save_participation({"activity_id": walk, "person_id": joiner})
    assert "al bij deze activiteit" in again.value.errors["person_id"]
    activities.save_participation(
        {
            "activity_id": walk,
            "person_id": joiner,
            "joined_on": dt.date(2026, 2, 1),
            "still_going": True,
        },
        joined,
    )
    [row] = activities.participants(walk)
    assert (row.name, row.still_going, row.checked_on) == ("Łucja Test", True, dt.date.today())
    with pytest.raises(ValidationFailed) as early:
        activities.save_participation(
            {
                "activity_id": walk,
                "person_id": joiner,
                "joined_on": dt.date(2026, 2, 1),
                "still_going": False,
                "checked_on": dt.date(2026, 1, 1),
            },
            joined,
        )
    assert "checked_on" in early.value.errors

    listed = activities.rows(activities.list_ids(ListQuery(search="wandel")))
    assert [
        (r["name"], r["started_by"], r["participant_count"], r["still_going_count"])
        for r in listed.values()
    ] == [("Wandelclub Zuiderpark", "Mehmet Test", 1, 1)]
    own_only = activities.list_ids(ListQuery(filters={"kind": ActivityKind.OWN}))
    assert own_only == [walk]
    assert [r.activity for r in activities.participations_of(joiner)] == ["Wandelclub Zuiderpark"]

    with pytest.raises(InUse):
        activities.remove(walk)
    activities.remove_participation(joined)
    activities.remove(walk)
    assert activities.list_ids(ListQuery()) == [choir]


def test_a_measurement_without_consent_for_it_is_refused_and_nothing_stored(
    services: Services,
) -> None:
    someone = services.people.save({"first_name": "Zeynep", "last_name": "Test"})
    values = {"moment": MeasurementMoment.INTAKE, "taken_on": dt.date(2026, 3, 2), **LONELY}
    with pytest.raises(ConsentMissing, match="toestemming"):
        services.measurements.save(someone, values)
    # Consent for registration alone does not cover the questionnaires.
    services.consent.record(
        someone, {"given_on": dt.date(2026, 1, 5), "recorded_by": "balie", "registration": True}
    )
    with pytest.raises(ConsentMissing):
        services.measurements.save(someone, values)
    assert services.measurements.for_person(someone) == []
