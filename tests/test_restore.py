"""Restoring a backup: a round trip, the current file always kept, and the refusals."""

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_database_lifecycle import HOLDER, database_at
from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.persistence.errors import (
    DatabaseInUse,
    DatabaseProblem,
    NotADatabase,
    SchemaTooNew,
    UnsafeLocation,
)
from verbindtafel_desktop.persistence.migrations import head_revision, stored_revision
from verbindtafel_desktop.persistence.restore import restore_backup
from verbindtafel_desktop.services.database_check import check_database
from verbindtafel_desktop.services.registry import Services

TABLES = ("people", "referrals", "memberships", "sessions", "attendance", "seatings")


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in TABLES
        }


def add_person(path: Path, first_name: str) -> None:
    db = open_database(path)
    try:
        Services.for_database(db).people.save({"first_name": first_name, "last_name": "Nieuw"})
    finally:
        db.close()


def test_restore_round_trip(demo_path: Path) -> None:
    original = snapshot(demo_path)
    store = BackupStore.for_database(demo_path)
    backup = store.make(demo_path, BackupKind.MANUAL, now=dt.datetime(2026, 11, 24, 17, 0))
    add_person(demo_path, "Fenna")
    changed = snapshot(demo_path)
    assert len(changed["people"]) == len(original["people"]) + 1

    outcome = restore_backup(backup.path, demo_path)

    assert snapshot(demo_path) == original
    assert outcome.set_aside is None
    assert outcome.safety_backup is not None
    assert outcome.safety_backup.kind == BackupKind.BEFORE_RESTORE
    assert snapshot(outcome.safety_backup.path) == changed  # the undo of the restore
    assert check_database(demo_path).ok
    # And undoing it is a restore like any other.
    restore_backup(outcome.safety_backup.path, demo_path)
    assert snapshot(demo_path) == changed


def test_a_damaged_file_is_set_aside_not_overwritten(demo_path: Path) -> None:
    store = BackupStore.for_database(demo_path)
    backup = store.make(demo_path, BackupKind.MANUAL)
    original = snapshot(demo_path)
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 2])  # truncated, e.g. by a full USB stick
    damaged = demo_path.read_bytes()

    outcome = restore_backup(backup.path, demo_path)

    assert outcome.safety_backup is None
    assert outcome.set_aside is not None
    assert outcome.set_aside.name.startswith("demo.sqlite.beschadigd-")
    assert outcome.set_aside.read_bytes() == damaged
    assert snapshot(demo_path) == original


def test_restore_is_refused_while_the_app_has_the_file_open(demo_path: Path) -> None:
    backup = BackupStore.for_database(demo_path).make(demo_path, BackupKind.MANUAL)
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(demo_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == "open"
            before = snapshot(demo_path)
            with pytest.raises(DatabaseInUse, match="al geopend"):
                restore_backup(backup.path, demo_path)
            assert snapshot(demo_path) == before
        finally:
            assert holder.stdin is not None
            holder.stdin.write("\n")
            holder.stdin.close()
            holder.wait()
    assert [b.kind for b in BackupStore.for_database(demo_path).backups()] == [BackupKind.MANUAL]
    restore_backup(backup.path, demo_path)  # once the app is closed, it works


def test_backups_that_cannot_be_restored_are_refused(demo_path: Path, tmp_path: Path) -> None:
    before = demo_path.read_bytes()
    text = tmp_path / "boodschappen.sqlite"
    text.write_text("melk, brood", encoding="utf-8")
    with pytest.raises(NotADatabase):
        restore_backup(text, demo_path)
    newer = tmp_path / "nieuwer.sqlite"
    open_database(newer).close()
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    with pytest.raises(SchemaTooNew):
        restore_backup(newer, demo_path)
    with pytest.raises(DatabaseProblem, match="bestaat niet"):
        restore_backup(tmp_path / "weg.sqlite", demo_path)
    with pytest.raises(DatabaseProblem, match="hetzelfde bestand"):
        restore_backup(demo_path, demo_path)
    assert demo_path.read_bytes() == before
    assert BackupStore.for_database(demo_path).backups() == []


def test_an_older_backup_is_restored_and_then_migrated(tmp_path: Path) -> None:
    old = tmp_path / "oud-0001.sqlite"
    database_at(old, "0001")
    target = tmp_path / "centrum.sqlite"
    restore_backup(old, target)
    assert stored_revision(target) == "0001"
    open_database(target).close()
    assert stored_revision(target) == head_revision()


def test_restore_refuses_a_target_in_a_sync_folder(demo_path: Path, tmp_path: Path) -> None:
    backup = BackupStore.for_database(demo_path).make(demo_path, BackupKind.MANUAL)
    with pytest.raises(UnsafeLocation, match="OneDrive"):
        restore_backup(backup.path, tmp_path / "OneDrive" / "demo.sqlite")
    assert not (tmp_path / "OneDrive").exists()
