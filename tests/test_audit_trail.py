"""The audit trail: an entry for every kind of action (created, changed, removed, exported,
anonymised, erased, restored), who and when, ids only: no personal data in it."""

import datetime as dt
import getpass
import sqlite3
from pathlib import Path

from tests.export_world import data_rows, header, workbook
from tests.test_consent import database_at
from tests.test_services_backbone import make_table
from verbindtafel_desktop.domain.enums import AuditAction, MembershipStatus
from verbindtafel_desktop.exports.registry import export
from verbindtafel_desktop.exports.scope import ExportScope
from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.persistence.restore import restore_backup
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.registry import Services

# What must never appear in the trail.
PERSONAL = ("Zoë", "Quispel", "06-11223344", "zoe.quispel@example.nl", "Bergweg", "suiker")


def zoe(services: Services) -> int:
    return services.people.save(
        {
            "first_name": "Zoë",
            "last_name": "Quispel",
            "phone": "06-11223344",
            "email": "zoe.quispel@example.nl",
            "address": "Bergweg 12",
            "notes": "heeft suikerziekte",
            "consent_date": dt.date.today(),
            "consent_registration": True,
            "consent_measurements": True,
        }
    )


def trail_text(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        values = [
            str(value)
            for table in ("audit_entries", "audit_people")
            for row in connection.execute(f"SELECT * FROM {table}")
            for value in row
        ]
    return " ".join(values)


def test_every_kind_of_action_is_recorded_without_personal_data(
    tmp_path: Path, services: Services
) -> None:
    db = services.db
    person = zoe(services)
    entries = services.audit.entries()
    created = {entry.record_type: entry for entry in entries}
    assert set(created) == {"people", "referrals", "consents"}
    assert all(entry.action == AuditAction.CREATED for entry in entries)
    assert created["people"].record_ids == str(person)
    assert created["consents"].people == str(person)
    assert {entry.actor for entry in entries} == {getpass.getuser()}
    assert all(
        abs(entry.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1) for entry in entries
    )

    values = services.people.form_values(person)
    services.people.save({**values, "phone": "06-99887766"}, person)
    table = make_table(services)
    membership = services.memberships.add(table, person, status=MembershipStatus.ACTIVE)
    services.memberships.remove(membership)
    export(db, "person", ExportScope(person_id=person), tmp_path / "inzage.json")
    other = services.people.save({"first_name": "Piet", "last_name": "Pieterse"})
    services.anonymisation.anonymise([other], "op verzoek")
    services.anonymisation.forget(person)
    gone = services.people.save({"first_name": "Weg", "last_name": "Ermee"})
    services.people.remove(gone)  # nothing refers to them: the list's Delete removes them

    newest_first = services.audit.entries()
    kinds = [(entry.action, entry.record_type) for entry in reversed(newest_first)]
    expected = [
        (AuditAction.CHANGED, "people"),
        (AuditAction.CREATED, "memberships"),
        (AuditAction.REMOVED, "memberships"),
        (AuditAction.EXPORTED, "export:person"),
        (AuditAction.ANONYMISED, "people"),
        (AuditAction.ERASED, "people"),
        (AuditAction.ERASED, "people"),
    ]
    seen = [kind for kind in kinds if kind in expected]
    assert seen == expected
    about = {entry.action for entry in services.audit.about_person(person)}
    assert about == {
        AuditAction.CREATED,
        AuditAction.CHANGED,
        AuditAction.REMOVED,
        AuditAction.EXPORTED,
        AuditAction.ERASED,
    }
    exported = next(e for e in newest_first if e.action == AuditAction.EXPORTED)
    assert exported.detail == f"json; persoon {person}; {exported.detail.split('; ')[-1]}"

    # Restoring a backup: the restored file records it.
    backup = BackupStore.for_database(db.path).make(db.path, BackupKind.MANUAL)
    path = db.path
    db.close()
    restore_backup(backup.path, path)
    reopened = open_database(path)
    try:
        restored = Services.for_database(reopened).audit.entries()[0]
        assert restored.action == AuditAction.RESTORED and restored.record_type == "database"
        assert restored.detail.startswith("back-up van ")
    finally:
        reopened.close()

    text = trail_text(path)
    for secret in PERSONAL:
        assert secret.lower() not in text.lower(), secret


def test_restoring_a_backup_older_than_the_trail_is_recorded_after_migrating(
    tmp_path: Path,
) -> None:
    old = tmp_path / "oud.sqlite"
    database_at(old, "0002")
    target = tmp_path / "centrum.sqlite"
    restore_backup(old, target)
    db = open_database(target)
    try:
        entries = Services.for_database(db).audit.entries()
        assert [(e.action, e.actor) for e in entries] == [(AuditAction.RESTORED, getpass.getuser())]
        with sqlite3.connect(target) as connection:
            assert connection.execute(
                "SELECT count(*) FROM app_settings WHERE key = 'audit_pending'"
            ).fetchone() == (0,)
    finally:
        db.close()


def test_the_trail_is_listed_filtered_and_exported_to_excel(
    tmp_path: Path, services: Services
) -> None:
    first = zoe(services)
    second = services.people.save({"first_name": "Bram", "last_name": "Aken"})
    services.anonymisation.anonymise([second], "op verzoek")
    audit = services.audit
    anonymised = audit.list_ids(ListQuery(filters={"action": AuditAction.ANONYMISED}))
    assert len(anonymised) == 1
    assert audit.list_ids(ListQuery(filters={"person_id": second}))[-1] == anonymised[0]
    assert len(audit.list_ids(ListQuery(filters={"person_id": first}))) == 3
    assert audit.list_ids(ListQuery(search="op verzoek")) == anonymised

    target = tmp_path / "logboek.xlsx"
    result = export(services.db, "audit", ExportScope(), target)
    sheet = workbook(target).active
    assert header(sheet) == [
        "Wanneer",
        "Wie",
        "Handeling",
        "Soort gegevens",
        "Nummers",
        "Betreft personen (nummers)",
        "Toelichting",
    ]
    rows = data_rows(sheet)
    entries = audit.entries()[1:]  # the export itself is recorded after the file was made
    assert len(rows) == len(entries) == result.count
    assert [(row[2], row[3], row[4]) for row in rows] == [
        (
            {"created": "aangemaakt", "anonymised": "geanonimiseerd"}[e.action.value],
            e.record_type,
            e.record_ids,
        )
        for e in entries
    ]
    assert audit.entries()[0].record_type == "export:audit"
    assert "Quispel" not in " ".join(str(value) for row in rows for value in row)
