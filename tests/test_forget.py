"""Forgetting a person: completely, or as an anonymous link where others came in through
them (the chain keeps its shape); what the confirmation names; how long backups hold
them."""

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from tests.test_retention import make_findable, raw_hits
from verbindtafel_desktop.domain.enums import AuditAction
from verbindtafel_desktop.persistence.backup_horizon import backup_horizon, removal_day
from verbindtafel_desktop.persistence.backup_thinning import ThinningPolicy, backups_to_keep
from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.anonymisation import ANONYMOUS_NAME, noun
from verbindtafel_desktop.services.registry import Services


def one(path: Path, sql: str, *parameters: Any) -> Any:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, parameters).fetchone()


def count(path: Path, sql: str, *parameters: Any) -> int:
    return int(one(path, sql, *parameters)[0])


def chain_link(path: Path) -> tuple[int, int]:
    """A demo participant who was brought in by someone and brought someone in too, and
    who has measurements: (link, someone they brought in)."""
    found = one(
        path,
        """SELECT r.person_id, child.person_id FROM referrals r
           JOIN referrals child ON child.referrer_id = r.person_id
           WHERE r.referrer_id IS NOT NULL
             AND EXISTS (SELECT 1 FROM measurements m WHERE m.person_id = r.person_id)
           ORDER BY r.person_id LIMIT 1""",
    )
    assert found, "the demo has a relay several generations deep"
    return found[0], found[1]


def shape(services: Services) -> dict[int, tuple[int | None, int, str]]:
    graph = services.relay.graph()
    return {
        person_id: (person.parent_id, person.generation, person.role.value)
        for person_id, person in graph.people.items()
    }


def test_forgetting_a_link_keeps_the_chain_but_not_the_person(demo_db: Database) -> None:
    services = Services.for_database(demo_db)
    path = demo_db.path
    link, child = chain_link(path)
    identifiers = make_findable(services, link)
    name = services.people.display_name(link)
    before = shape(services)

    plan = services.anonymisation.erasure_plan(link)
    assert plan.is_link and plan.brought_in >= 1 and plan.name == name
    removed = dict(plan.removed)
    measured = count(path, "SELECT count(*) FROM measurements WHERE person_id = ?", link)
    assert removed[noun("measurements", measured)] == measured
    assert removed["toestemmingsverklaring"] == 1
    kept = dict(plan.kept)
    routes = count(
        path, "SELECT count(*) FROM referrals WHERE person_id = ? OR referrer_id = ?", link, link
    )
    assert kept[noun("referrals", routes)] == routes  # theirs and those of whom they brought in
    assert all("binnenkw" not in what for what, _count in plan.removed)

    services.anonymisation.forget(link)

    assert shape(services) == before  # every chain through them runs as it did
    graph = services.relay.graph()
    assert graph.people[child].parent_id == link
    assert graph.people[link].name == ANONYMOUS_NAME
    person = services.people.get(link)
    assert (person.date_of_birth, person.gender, person.neighbourhood, person.phone) == (
        None,
        None,
        "",
        "",
    )
    for table in ("measurements", "consents", "seatings", "activity_participations"):
        assert count(path, f"SELECT count(*) FROM {table} WHERE person_id = ?", link) == 0
    assert (
        count(path, "SELECT count(*) FROM attendance WHERE person_id = ? AND role <> 'guest'", link)
        == 0
    )
    entries = [entry for entry in services.audit.entries() if entry.action == AuditAction.ERASED]
    assert [(entry.record_ids, entry.detail) for entry in entries] == [
        (str(link), "als anonieme schakel in de estafette bewaard")
    ]
    assert raw_hits(path, identifiers) == []


def test_forgetting_someone_nobody_came_in_through_removes_them_completely(
    demo_db: Database,
) -> None:
    services = Services.for_database(demo_db)
    path = demo_db.path
    leaf, parent = one(
        path,
        """SELECT r.person_id, r.referrer_id FROM referrals r
           WHERE r.referrer_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM referrals c WHERE c.referrer_id = r.person_id)
             AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.inviter_id = r.person_id)
             AND NOT EXISTS (SELECT 1 FROM recruitment_leads l WHERE l.recruiter_id = r.person_id)
           ORDER BY r.person_id LIMIT 1""",
    )
    brought_before = len(services.relay.graph().children[parent])
    plan = services.anonymisation.erasure_plan(leaf)
    assert not plan.is_link and plan.kept == []
    attendance = count(path, "SELECT count(*) FROM attendance WHERE person_id = ?", leaf)
    if attendance:
        assert (noun("attendance", attendance), attendance) in plan.removed

    services.anonymisation.forget(leaf)

    assert one(path, "SELECT count(*) FROM people WHERE id = ?", leaf) == (0,)
    for table, column in (
        ("referrals", "person_id"),
        ("attendance", "person_id"),
        ("memberships", "person_id"),
        ("invitations", "invitee_id"),
        ("consents", "person_id"),
    ):
        assert count(path, f"SELECT count(*) FROM {table} WHERE {column} = ?", leaf) == 0
    assert len(services.relay.graph().children[parent]) == brought_before - 1
    assert services.audit.about_person(leaf)[0].action == AuditAction.ERASED


def test_the_plan_counts_mentions_elsewhere_and_forgetting_replaces_them(
    services: Services,
) -> None:
    anna = services.people.save(
        {"first_name": "Anna", "last_name": "Zwart", "phone": "010-1234567"}
    )
    other = services.people.save(
        {"first_name": "Bram", "notes": "Komt samen met Anna Zwart (tel 010-1234567)."}
    )
    plan = services.anonymisation.erasure_plan(anna)
    assert plan.mentions == 1 and not plan.is_link
    services.anonymisation.forget(anna)
    assert services.people.get(other).notes == "Komt samen met [verwijderd] (tel [verwijderd])."


def test_backups_hold_erased_people_until_thinning_removes_them(tmp_path: Path) -> None:
    source = tmp_path / "centrum.sqlite"
    with sqlite3.connect(source) as connection:
        connection.execute("CREATE TABLE x (y)")
    policy = ThinningPolicy()
    store = BackupStore(tmp_path / "Back-ups", "centrum", policy)
    assert backup_horizon(store).empty
    now = dt.datetime(2026, 11, 25, 14, 30)
    made = [now - dt.timedelta(days=days, hours=3) for days in (0, 1, 9, 40, 200)]
    for moment in made:
        store.make(source, BackupKind.INTERVAL, now=moment)
    store.make(source, BackupKind.MANUAL, now=now - dt.timedelta(days=3))
    horizon = backup_horizon(store)
    assert [backup.kind for backup in horizon.kept] == [BackupKind.MANUAL]
    # The monthly tier holds 12 calendar months: November 2026 leaves it on 1 November 2027.
    assert horizon.automatic_until == dt.date(2027, 11, 1)
    kept_moments = {b.made_at for b in store.backups() if b.automatic}
    # Simulate the app used every day from now on: by that day none of them is kept.
    day = now
    future: list[dt.datetime] = []
    while day.date() <= horizon.automatic_until:
        day += dt.timedelta(days=1)
        future.append(day.replace(hour=9))
        kept = backups_to_keep([*kept_moments, *future], future[-1], policy)
        kept_moments &= kept
    assert kept_moments == set()
    # The day is not needlessly late: when the app is next used in December, the last
    # November backup stays the month's backup until that very day.
    december = [dt.datetime(2026, 12, 1, 9) + dt.timedelta(days=n) for n in range(340)]
    eve = dt.datetime(2027, 10, 31, 9)
    assert made[0] in backups_to_keep([*made, *(d for d in december if d <= eve)], eve, policy)
    first = dt.datetime(2027, 11, 1, 9)
    assert made[0] not in backups_to_keep([*made, *december, first], first, policy)
    assert removal_day(made[0], policy) == horizon.automatic_until
