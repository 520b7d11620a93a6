"""The backbone's rules, through the services (no Qt)."""

import datetime as dt

import pytest

from verbindtafel_desktop.domain.enums import (
    MembershipRole,
    MembershipStatus,
    ReferralRoute,
)
from verbindtafel_desktop.services.errors import InUse, ValidationFailed
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.registry import Services


def make_table(services: Services, *, capacity: int = 8, cohort_id: int | None = None) -> int:
    if cohort_id is None:
        location = services.locations.save({"name": "Buurthuis De Klimop"})
        cohort_id = services.cohorts.save(
            {"name": "Voorjaar", "location_id": location, "start_date": dt.date(2027, 3, 1)}
        )
    return services.tables.save(
        {"name": f"Tafel {capacity}-{cohort_id}", "cohort_id": cohort_id, "capacity": capacity}
    )


def make_person(services: Services, first: str = "Anna", **more: object) -> int:
    return services.people.save({"first_name": first, "last_name": "Jansen", **more})


def errors_of(call: object) -> dict[str, str]:
    assert callable(call)
    with pytest.raises(ValidationFailed) as refused:
        call()
    return refused.value.errors


def test_required_names(services: Services) -> None:
    assert "name" in errors_of(lambda: services.locations.save({"name": "  "}))
    assert "first_name" in errors_of(lambda: services.people.save({"last_name": "Jansen"}))
    assert "name" in errors_of(lambda: services.institutions.save({}))


def test_person_contact_checks(services: Services) -> None:
    errors = errors_of(
        lambda: services.people.save(
            {
                "first_name": "Anna",
                "email": "anna@",
                "phone": "12345",
                "postcode": "30111",
                "date_of_birth": dt.date.today() + dt.timedelta(days=2),
            }
        )
    )
    assert set(errors) == {"email", "phone", "postcode", "date_of_birth"}
    person = services.people.save(
        {
            "first_name": "Şükrü",
            "last_name": "Öztürk",
            "phone": "+31 6 1234 5678",
            "email": "S.Ozturk@Example.NL",
            "postcode": "3072ab",
        }
    )
    saved = services.people.get(person)
    assert (saved.phone, saved.email, saved.postcode) == (
        "06-12345678",
        "s.ozturk@example.nl",
        "3072 AB",
    )
    assert services.people.list_ids(ListQuery(search="ozturk")) == [person]
    assert services.people.list_ids(ListQuery(search="sükrü 5678")) == [person]


def test_capacity_and_dates(services: Services) -> None:
    location = services.locations.save({"name": "Het Klooster"})
    assert "end_date" in errors_of(
        lambda: services.cohorts.save(
            {
                "name": "Najaar",
                "location_id": location,
                "start_date": dt.date(2027, 9, 1),
                "end_date": dt.date(2027, 8, 1),
            }
        )
    )
    cohort = services.cohorts.save(
        {"name": "Najaar", "location_id": location, "start_date": dt.date(2027, 9, 1)}
    )
    for capacity in (0, 21):
        assert "capacity" in errors_of(
            lambda capacity=capacity: services.tables.save(
                {"name": "Tafel", "cohort_id": cohort, "capacity": capacity}
            )
        )
    assert "name" in errors_of(
        lambda: services.cohorts.save(
            {"name": "najaar", "location_id": location, "start_date": dt.date(2027, 9, 1)}
        )
    )


def test_one_open_membership_per_cohort_and_full_tables(services: Services) -> None:
    first = make_table(services, capacity=1)
    cohort = services.tables.get(first).cohort_id
    second = make_table(services, capacity=2, cohort_id=cohort)
    anna, bram = make_person(services, "Anna"), make_person(services, "Bram")
    services.memberships.add(first, anna)
    errors = errors_of(lambda: services.memberships.add(second, anna))
    assert "Tafel 1" in errors["person_id"]
    assert "vol" in errors_of(lambda: services.memberships.add(first, bram))["person_id"]
    # A facilitator is not a seat, and may facilitate a second table.
    services.memberships.add(first, bram, MembershipRole.FACILITATOR)
    services.memberships.add(second, bram, MembershipRole.FACILITATOR)
    # Once Anna's first membership has ended she may join the other table.
    (membership,) = [m for m in services.memberships.members(first) if m.person_id == anna]
    services.memberships.update(
        membership.membership_id,
        status=MembershipStatus.DROPPED_OUT,
        start_date=None,
        end_date=None,
    )
    services.memberships.add(second, anna)
    summary = services.memberships.summary(second)
    assert (summary.participants, summary.capacity) == (1, 2)
    assert summary.facilitators == ["Bram Jansen"]
    # Reopening the ended membership would give Anna two open ones in the cohort.
    with pytest.raises(ValidationFailed):
        services.memberships.update(
            membership.membership_id,
            status=MembershipStatus.ACTIVE,
            start_date=None,
            end_date=None,
        )


def test_capacity_cannot_drop_below_the_members(services: Services) -> None:
    table = make_table(services, capacity=3)
    for name in ("A", "B", "C"):
        services.memberships.add(table, make_person(services, name))
    cohort = services.tables.get(table).cohort_id
    errors = errors_of(
        lambda: services.tables.save({"name": "Tafel", "cohort_id": cohort, "capacity": 2}, table)
    )
    assert "3 deelnemers" in errors["capacity"]


def test_removing_used_records_is_refused_and_archiving_hides_them(services: Services) -> None:
    table = make_table(services)
    cohort = services.tables.get(table).cohort_id
    location = services.cohorts.get(cohort).location_id
    person = make_person(services)
    services.memberships.add(table, person)
    for service, entity in (
        (services.locations, location),
        (services.cohorts, cohort),
        (services.tables, table),
        (services.people, person),
    ):
        with pytest.raises(InUse, match="Archiveer"):
            service.remove(entity)
        assert service.list_ids(ListQuery()) == [entity]
        service.set_archived(entity, True)
        assert service.list_ids(ListQuery()) == []
        assert service.list_ids(ListQuery(include_archived=True)) == [entity]
    unused = make_person(services, "Cor")
    services.people.remove(unused)
    assert unused not in services.people.list_ids(ListQuery(include_archived=True))


def test_referrals_and_cycles(services: Services) -> None:
    institution = services.institutions.save({"name": "Wijkteam Feijenoord"})
    anna = make_person(services, "Anna")
    assert "referrer_id" in errors_of(
        lambda: make_person(services, "Bram", referral_route=ReferralRoute.INVITED)
    )
    assert "institution_id" in errors_of(
        lambda: make_person(services, "Bram", referral_route=ReferralRoute.INSTITUTION)
    )
    bram = make_person(services, "Bram", referral_route=ReferralRoute.INVITED, referrer_id=anna)
    cor = make_person(services, "Cor", referral_route=ReferralRoute.RECRUITED, referrer_id=bram)
    values = services.people.form_values(anna)
    values.update(referral_route=ReferralRoute.INVITED, referrer_id=cor)
    assert "kring" in errors_of(lambda: services.people.save(values, anna))["referrer_id"]
    values.update(referral_route=ReferralRoute.INSTITUTION, institution_id=institution)
    services.people.save(values, anna)
    saved = services.people.form_values(anna)
    assert saved["referral_route"] == ReferralRoute.INSTITUTION
    assert saved["institution_id"] == institution
    assert saved["referrer_id"] is None
    with pytest.raises(InUse):
        services.institutions.remove(institution)
    rows = services.people.rows([bram])
    assert rows[bram]["referrer"] == "Anna Jansen"


def test_people_list_filters_and_sorting(services: Services) -> None:
    table = make_table(services)
    anna = services.people.save({"first_name": "Anna", "last_name": "Zwart"})
    bram = services.people.save({"first_name": "Bram", "infix": "van", "last_name": "Aken"})
    services.memberships.add(table, anna)
    assert services.people.list_ids(ListQuery()) == [bram, anna]
    assert services.people.list_ids(ListQuery(descending=True)) == [anna, bram]
    assert services.people.list_ids(ListQuery(filters={"table_id": table})) == [anna]
    assert services.people.list_ids(ListQuery(filters={"status": MembershipStatus.ACTIVE})) == []
    assert services.people.find("van ak") == [(bram, "Bram van Aken")]
