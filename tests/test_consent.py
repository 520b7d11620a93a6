"""Consent: statements with separate scopes, withdrawal, the person form, the import, the
migration of the old consent date, and measurements refused without consent."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from verbindtafel_desktop.domain.enums import ConsentScope
from verbindtafel_desktop.persistence.database import create_database_engine, open_database
from verbindtafel_desktop.persistence.migrations import alembic_config
from verbindtafel_desktop.services.consent import ConsentMissing
from verbindtafel_desktop.services.errors import ServiceError, ValidationFailed
from verbindtafel_desktop.services.people import insert_people
from verbindtafel_desktop.services.registry import Services

TODAY = dt.date.today()
ALL_SCOPES = {scope.value: True for scope in ConsentScope}


def statement_values(**changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "given_on": TODAY - dt.timedelta(days=10),
        "recorded_by": "balie",
        "registration": True,
        "measurements": False,
        "photos": False,
        "sharing": False,
        "note": "",
    }
    values.update(changes)
    return values


def test_measurements_are_refused_without_consent_for_them(services: Services) -> None:
    person = services.people.save({"first_name": "Fatma", "last_name": "Yılmaz"})
    with pytest.raises(ConsentMissing, match="geen toestemming vastgelegd"):
        services.consent.require_consent(person, ConsentScope.MEASUREMENTS)

    services.consent.record(person, statement_values())  # registration only
    services.consent.require_consent(person, ConsentScope.REGISTRATION)
    with pytest.raises(ConsentMissing, match="niet voor metingen"):
        services.consent.require_consent(person, ConsentScope.MEASUREMENTS)

    services.consent.record(person, statement_values(measurements=True))
    services.consent.require_consent(person, ConsentScope.MEASUREMENTS)

    services.consent.withdraw(person, TODAY, "coordinator")
    with pytest.raises(ConsentMissing, match="ingetrokken"):
        services.consent.require_consent(person, ConsentScope.MEASUREMENTS)
    with pytest.raises(ConsentMissing):
        services.consent.require_consent(person, ConsentScope.REGISTRATION)
    assert issubclass(ConsentMissing, ServiceError)


def test_statements_keep_the_history_and_the_person_mirrors_the_one_in_force(
    services: Services,
) -> None:
    person = services.people.save({"first_name": "Kees", "last_name": "Bos"})
    first = TODAY - dt.timedelta(days=30)
    services.consent.record(person, statement_values(given_on=first, **ALL_SCOPES))
    assert services.people.get(person).consent_date == first
    later = TODAY - dt.timedelta(days=5)
    services.consent.record(person, statement_values(given_on=later, photos=False))
    history = services.consent.statements(person)
    assert [(s.given_on, s.photos) for s in history] == [(later, False), (first, True)]
    in_force = services.consent.in_force(person)
    assert in_force is not None and in_force.given_on == later
    assert services.people.get(person).consent_date == later

    with pytest.raises(ValidationFailed) as refused:
        services.consent.withdraw(person, later - dt.timedelta(days=1), "x")
    assert "pas op" in refused.value.errors["withdrawn_on"]
    with pytest.raises(ValidationFailed) as refused:
        services.consent.withdraw(person, TODAY, "")
    assert set(refused.value.errors) == {"withdrawn_by"}
    services.consent.withdraw(person, TODAY, "coordinator")
    assert services.consent.in_force(person) is None
    assert services.people.get(person).consent_date is None
    assert services.consent.statements(person)[0].withdrawn_on == TODAY
    with pytest.raises(ServiceError, match="geen toestemming om in te trekken"):
        services.consent.withdraw(person, TODAY, "coordinator")


def test_a_statement_needs_a_day_not_in_the_future_and_who_recorded_it(
    services: Services,
) -> None:
    person = services.people.save({"first_name": "Kees", "last_name": "Bos"})
    with pytest.raises(ValidationFailed) as refused:
        services.consent.record(
            person, statement_values(given_on=TODAY + dt.timedelta(days=1), recorded_by=" ")
        )
    assert set(refused.value.errors) == {"given_on", "recorded_by"}
    with pytest.raises(ValidationFailed) as refused:
        services.consent.record(person, statement_values(given_on=None))
    assert set(refused.value.errors) == {"given_on"}
    assert services.consent.statements(person) == []


def test_the_person_form_records_a_statement_only_when_consent_changed(
    services: Services,
) -> None:
    day = TODAY - dt.timedelta(days=3)
    form = {
        "first_name": "Maria",
        "last_name": "Lopes",
        "consent_date": day,
        "consent_registration": True,
        "consent_measurements": True,
        "consent_photos": False,
        "consent_sharing": False,
    }
    person = services.people.save(form)
    values = services.people.form_values(person)
    assert values["consent_date"] == day
    assert (values["consent_measurements"], values["consent_photos"]) == (True, False)
    assert services.people.get(person).consent_date == day

    services.people.save({**values, "phone": "06-12345678"}, person)  # consent unchanged
    assert len(services.consent.statements(person)) == 1
    services.people.save({**values, "consent_photos": True}, person)
    statements = services.consent.statements(person)
    assert len(statements) == 2 and statements[0].photos and statements[0].measurements

    with pytest.raises(ValidationFailed) as refused:
        services.people.save({**values, "consent_date": None}, person)
    assert "Intrekken" in refused.value.errors["consent_date"]
    with pytest.raises(ValidationFailed) as refused:
        services.people.save({"first_name": "Nieuw", "consent_date": None, "consent_photos": True})
    assert "op welke dag" in refused.value.errors["consent_date"]

    services.consent.withdraw(person, TODAY, "balie")
    after = services.people.form_values(person)
    assert after["consent_date"] is None and not after["consent_measurements"]
    services.people.save({**after, "notes": "belt zelf terug"}, person)  # no consent: fine
    assert services.people.get(person).consent_date is None
    # A save that does not mention consent (a service adding a guest) leaves it alone.
    other = services.people.save({**form, "first_name": "Ana"})
    services.people.save({"first_name": "Ana", "last_name": "Lopes"}, other)
    assert services.people.get(other).consent_date == day
    assert len(services.consent.statements(other)) == 1


def test_imported_consent_dates_become_registration_statements(services: Services) -> None:
    day = dt.date(2025, 3, 4)
    base = {
        "infix": "",
        "last_name": "",
        "date_of_birth": None,
        "gender": None,
        "phone": "",
        "email": "",
        "address": "",
        "postcode": "",
        "neighbourhood": "",
        "notes": "",
    }
    with services.db.engine.begin() as connection:
        dated, undated = insert_people(
            connection,
            [
                {**base, "first_name": "Met", "consent_date": day},
                {**base, "first_name": "Zonder", "consent_date": None},
            ],
        )
    (statement,) = services.consent.statements(dated)
    assert statement.given_on == day and statement.registration
    assert not (statement.measurements or statement.photos or statement.sharing)
    assert services.consent.statements(undated) == []
    with pytest.raises(ConsentMissing):
        services.consent.require_consent(dated, ConsentScope.MEASUREMENTS)


def database_at(path: Path, revision: str) -> None:
    from alembic import command

    engine = create_database_engine(path)
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), revision)
        connection.commit()
    engine.dispose()


def test_the_migration_turns_consent_dates_into_statements_and_keeps_every_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "oud.sqlite"
    database_at(path, "0002")
    with sqlite3.connect(path) as old:
        old.executescript(
            """
            INSERT INTO people (id, first_name, infix, last_name, phone, email, address,
                postcode, neighbourhood, search_text, consent_date, notes, archived,
                created_at, updated_at)
            VALUES (1, 'Şükrü', '', 'Öztürk', '', '', '', '', '', 'sukru ozturk',
                    '2025-02-03', '', 0, '2025-01-01 10:00:00', '2025-01-01 10:00:00'),
                   (2, 'Jan', 'van der', 'Berg', '', '', '', '', '', 'jan van der berg',
                    NULL, '', 0, '2025-01-01 10:00:00', '2025-01-01 10:00:00'),
                   (3, 'Els', '', 'Kok', '', '', '', '', '', 'els kok',
                    '2024-12-31', 'notitie', 0, '2025-01-01 10:00:00', '2025-01-01 10:00:00');
            """
        )
        before = old.execute("SELECT * FROM people ORDER BY id").fetchall()

    open_database(path).close()

    with sqlite3.connect(path) as new:
        assert new.execute("SELECT * FROM people ORDER BY id").fetchall() == before
        statements = new.execute(
            "SELECT person_id, given_on, registration, measurements, photos, sharing,"
            " withdrawn_on, note FROM consents ORDER BY person_id"
        ).fetchall()
        assert new.execute("SELECT count(*) FROM audit_entries").fetchone() == (0,)
    assert [row[:7] for row in statements] == [
        (1, "2025-02-03", 1, 0, 0, 0, None),
        (3, "2024-12-31", 1, 0, 0, 0, None),
    ]
    assert all("Toestemming op" in row[7] for row in statements)
    db = open_database(path)
    try:
        services = Services.for_database(db)
        services.consent.require_consent(1, ConsentScope.REGISTRATION)
        with pytest.raises(ConsentMissing, match="niet voor metingen"):
            services.consent.require_consent(1, ConsentScope.MEASUREMENTS)
        assert services.people.form_values(3)["consent_date"] == dt.date(2024, 12, 31)
    finally:
        db.close()
