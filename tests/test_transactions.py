"""Every user action that saves is one transaction: all of it is stored or none of it.
The log records each one by ids and kinds of change, never by what was typed."""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from tests.test_services_backbone import make_person, make_table
from verbindtafel_desktop.domain.enums import MembershipStatus
from verbindtafel_desktop.logs import close_logging, configure_logging
from verbindtafel_desktop.services.people import PeopleService
from verbindtafel_desktop.services.registry import Services


def count(services: Services, table: str) -> int:
    with services.db.engine.connect() as connection:
        return int(connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def test_each_user_action_is_exactly_one_transaction(services: Services) -> None:
    def transactions(action: Callable[[], object]) -> int:
        before = services.db.write_count
        action()
        return services.db.write_count - before

    location = services.locations.save({"name": "Het Klooster"})
    cohort = services.cohorts.save(
        {"name": "Najaar", "location_id": location, "start_date": dt.date(2027, 9, 1)}
    )
    table = make_table(services, cohort_id=cohort)
    person: list[int] = []
    actions: dict[str, Callable[[], object]] = {
        "persoon met herkomst": lambda: person.append(make_person(services, "Ayşe")),
        "persoon wijzigen": lambda: services.people.save(
            {"first_name": "Ayşe", "last_name": "Demir"}, person[0]
        ),
        "deelname": lambda: services.memberships.add(table, person[0]),
        "deelname wijzigen": lambda: services.memberships.update(
            services.memberships.members(table)[0].membership_id,
            status=MembershipStatus.ACTIVE,
            start_date=dt.date(2027, 9, 1),
            end_date=None,
        ),
        "archiveren": lambda: services.people.set_archived(person[0], True),
        "tafel": lambda: services.tables.save(
            {"name": "Tafel Maan", "cohort_id": cohort, "capacity": 6}
        ),
    }
    for name, action in actions.items():
        assert transactions(action) == 1, name


def test_a_save_that_fails_halfway_stores_nothing(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_person(services, "Anna")
    real_after_save = PeopleService.after_save

    def referral_then_bug(
        self: Any, session: Any, entity_id: int, values: Mapping[str, Any]
    ) -> None:
        real_after_save(self, session, entity_id, values)
        session.flush()  # the person and the referral are written...
        raise RuntimeError("...and then something goes wrong")

    monkeypatch.setattr(PeopleService, "after_save", referral_then_bug)
    with pytest.raises(RuntimeError):
        make_person(services, "Bram")
    assert count(services, "people") == 1
    assert count(services, "referrals") == 1


def test_the_log_names_ids_and_kinds_of_change_only(services: Services) -> None:
    log = configure_logging()
    assert log is not None
    try:
        person = services.people.save(
            {
                "first_name": "Fatima",
                "last_name": "El Amrani",
                "phone": "06-12345678",
                "email": "fatima@example.nl",
                "notes": "Komt met de buurtbus",
            }
        )
        services.people.set_archived(person, True)
    finally:
        close_logging()
    text = log.read_text(encoding="utf-8")
    assert f"Opgeslagen: people nieuw #{person}; referrals nieuw #" in text
    assert f"Opgeslagen: people gewijzigd #{person}" in text
    for secret in ("Fatima", "Amrani", "12345678", "fatima@example.nl", "buurtbus"):
        assert secret not in text
