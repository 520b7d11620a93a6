"""Retention: who is past the period, and anonymising them: nothing personal survives
anywhere in the file (raw bytes), while the figures of earlier periods stay the same."""

import datetime as dt
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from verbindtafel_desktop.domain.enums import AuditAction
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.anonymisation import ANONYMOUS_NAME
from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.progress import Cancelled, Progress
from verbindtafel_desktop.services.registry import Services
from verbindtafel_desktop.services.relay_figures import relay_figures
from verbindtafel_desktop.services.retention import months_before

LATER = dt.date(2029, 1, 1)  # two years after the demo's cohorts (laid out around 2026-11-25)
YEAR_2026 = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def rows(path: Path, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, parameters).fetchall()


def age_group(born: str | None, day: dt.date) -> str:
    if born is None:
        return "onbekend"
    birth = dt.date.fromisoformat(born)
    age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
    return next(
        name
        for low, name in ((80, "80+"), (65, "65-79"), (50, "50-64"), (30, "30-49"), (0, "<30"))
        if age >= low
    )


def report(db: Database) -> dict[str, Any]:
    """What a period report over 2026 counts: the relay figures, attendance, measurements,
    and the participants by gender, wijk and age group (at the end of the year)."""
    path = db.path
    participants = rows(
        path,
        """SELECT DISTINCT p.id, p.gender, p.neighbourhood, p.date_of_birth FROM people p
           JOIN memberships m ON m.person_id = p.id JOIN tables t ON t.id = m.table_id
           JOIN cohorts c ON c.id = t.cohort_id
           WHERE m.role = 'participant' AND c.start_date <= ? AND coalesce(c.end_date,
           c.start_date) >= ?""",
        YEAR_2026[1].isoformat(),
        YEAR_2026[0].isoformat(),
    )
    return {
        "relay": relay_figures(db, start=YEAR_2026[0], end=YEAR_2026[1], location_id=None),
        "attendance": rows(
            path,
            """SELECT s.table_id, a.status, a.role, count(*) FROM attendance a
               JOIN sessions s ON s.id = a.session_id WHERE s.date BETWEEN ? AND ?
               GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
            *(day.isoformat() for day in YEAR_2026),
        ),
        "measurements": rows(
            path,
            """SELECT cohort_id, moment, item_1, item_2, item_3, item_4, item_5, item_6,
               network_size, count(*) FROM measurements GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
               ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9""",
        ),
        "participants": len(participants),
        "genders": Counter(row[1] for row in participants),
        "wijken": Counter(row[2] for row in participants),
        "ages": Counter(age_group(row[3], YEAR_2026[1]) for row in participants),
        "activities": rows(
            path, "SELECT activity_id, count(*) FROM activity_participations GROUP BY 1 ORDER BY 1"
        ),
    }


def test_the_retention_list_holds_who_had_no_contact_for_the_period(demo_db: Database) -> None:
    services = Services.for_database(demo_db)
    assert services.privacy_settings.get().retention_months == 24
    assert services.retention.due(dt.date(2026, 11, 25)) == []
    due = services.retention.due(LATER)
    assert due, "the demo's first cohorts are more than two years ago by then"
    cutoff = months_before(LATER, 24)
    assert cutoff == dt.date(2027, 1, 1)
    path = demo_db.path
    for person in due:
        assert person.last_contact < cutoff
        # Nothing dated on or after the cutoff: no session of their tables, no invitation.
        assert rows(
            path,
            """SELECT count(*) FROM memberships m JOIN sessions s ON s.table_id = m.table_id
               WHERE m.person_id = ? AND s.date >= ?""",
            person.person_id,
            cutoff.isoformat(),
        ) == [(0,)]
    coming = {
        row[0]
        for row in rows(
            path,
            """SELECT m.person_id FROM memberships m JOIN sessions s ON s.table_id = m.table_id
               WHERE s.date >= ?""",
            cutoff.isoformat(),
        )
    }
    assert coming and not coming & {person.person_id for person in due}
    # A longer period lists fewer people; a shorter one at least as many.
    services.privacy_settings.save(36, 10)
    assert len(services.retention.due(LATER)) < len(due)
    services.privacy_settings.save(12, 10)
    assert len(services.retention.due(LATER)) >= len(due)
    with pytest.raises(ValidationFailed) as refused:
        services.privacy_settings.save(2, 0)
    assert set(refused.value.errors) == {"retention_months", "idle_minutes"}


def make_findable(services: Services, person_id: int) -> dict[str, str]:
    """Give the person identifiers that occur nowhere else, and mention them in texts of
    other records, so that a raw scan of the file proves where they went."""
    values = services.people.form_values(person_id)
    values.update(
        first_name="Xanthippe",
        infix="van",
        last_name="Qwerkenbosch",
        phone="06-98765432",
        email="xanthippe.q@voorbeeld.nl",
        address="Zwaluwstraat 99",
        notes="Heeft een hekel aan Qwerkenboschstraat-achtige grappen",
    )
    services.people.save(values, person_id)
    with services.db.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE sessions SET notes = 'Xanthippe van Qwerkenbosch kwam te laat; "
            "bel 0698765432' WHERE id = (SELECT min(id) FROM sessions)"
        )
        connection.exec_driver_sql(
            "UPDATE people SET notes = 'buurvrouw van xanthippe qwerkenbosch' "
            f"WHERE id = (SELECT min(id) FROM people WHERE id <> {person_id})"
        )
    return {
        "name": "Qwerkenbosch",
        "first name": "Xanthippe",
        "phone": "98765432",
        "email": "xanthippe.q@voorbeeld.nl",
        "address": "Zwaluwstraat",
    }


def raw_hits(path: Path, identifiers: dict[str, str]) -> list[str]:
    found = []
    for file in (path, Path(f"{path}-wal")):
        if not file.exists():
            continue
        content = file.read_bytes().lower()
        found += [
            f"{what} in {file.name}"
            for what, text in identifiers.items()
            if text.lower().encode() in content
        ]
    return found


def test_anonymising_leaves_no_personal_field_in_the_file_and_keeps_the_figures(
    demo_db: Database,
) -> None:
    services = Services.for_database(demo_db)
    due = services.retention.due(LATER)
    target = due[0].person_id
    identifiers = make_findable(services, target)
    before = report(demo_db)
    assert raw_hits(demo_db.path, identifiers), "the scan must see the data while it is there"

    done = services.anonymisation.anonymise(
        [person.person_id for person in due], "bewaartermijn verstreken"
    )
    assert sorted(done) == sorted(person.person_id for person in due)

    # In the file as it is (secure_delete zeroed the old cells, the log was emptied) ...
    assert raw_hits(demo_db.path, identifiers) == []
    # ... and after a checkpoint and VACUUM.
    with demo_db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.exec_driver_sql("VACUUM")
    assert raw_hits(demo_db.path, identifiers) == []

    assert report(demo_db) == before
    assert services.retention.due(LATER) == []
    person = services.people.get(target)
    assert (person.first_name, person.last_name, person.phone, person.email) == (
        ANONYMOUS_NAME,
        "",
        "",
        "",
    )
    assert person.archived and person.anonymised_at is not None
    assert person.search_text == "" and person.notes == "" and person.address == ""
    assert person.date_of_birth is not None and (
        person.date_of_birth.month,
        person.date_of_birth.day,
    ) == (1, 1)
    assert rows(demo_db.path, "SELECT count(*) FROM consents WHERE person_id = ?", target) == [(0,)]
    assert "[verwijderd]" in rows(demo_db.path, "SELECT notes FROM sessions ORDER BY id")[0][0]
    (entry,) = [e for e in services.audit.entries() if e.action == AuditAction.ANONYMISED]
    assert entry.detail == "bewaartermijn verstreken"
    assert str(target) in entry.people.split(",")
    # Anonymising again changes nothing and writes nothing.
    assert services.anonymisation.anonymise([target], "op verzoek") == []


def test_a_cancelled_anonymisation_changes_nothing(demo_db: Database) -> None:
    services = Services.for_database(demo_db)
    due = [person.person_id for person in services.retention.due(LATER)]
    before = rows(demo_db.path, "SELECT * FROM people ORDER BY id")
    logged = services.audit.entries()
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        services.anonymisation.anonymise(due, "bewaartermijn verstreken", progress)
    assert rows(demo_db.path, "SELECT * FROM people ORDER BY id") == before
    assert services.audit.entries() == logged
