"""Opening the file: WAL and foreign keys, migrations that keep data, and the refusals."""

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import create_database_engine, open_database
from verbindtafel_desktop.persistence.errors import DatabaseInUse, NotADatabase, SchemaTooNew
from verbindtafel_desktop.persistence.migrations import (
    alembic_config,
    head_revision,
    stored_revision,
)
from verbindtafel_desktop.persistence.search_index import include_name, missing_parts


def test_new_file_is_at_head_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "nieuw.sqlite")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(sa.exc.IntegrityError):
            connection.exec_driver_sql(
                "INSERT INTO cohorts (name, location_id, start_date, notes, archived) "
                "VALUES ('x', 999, '2027-01-01', '', 0)"
            )
    db.close()
    assert stored_revision(tmp_path / "nieuw.sqlite") == head_revision()


def test_migrations_build_exactly_the_model(tmp_path: Path) -> None:
    db = open_database(tmp_path / "model.sqlite")
    with db.engine.connect() as connection:
        # Compared the way db/env.py lets autogenerate compare: the people search index
        # (SQLite FTS5, which the model cannot express) is checked on its own.
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        differences = compare_metadata(context, SQLModel.metadata)
        missing = missing_parts(connection)
    db.close()
    assert differences == []
    assert missing == []


def database_at(path: Path, revision: str) -> None:
    from alembic import command

    engine = create_database_engine(path)
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), revision)
        connection.commit()
    engine.dispose()


def test_upgrading_a_database_with_data_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "oud.sqlite"
    database_at(path, "0001")
    old = sqlite3.connect(path)
    old.executescript(
        """
        INSERT INTO locations (id, name, address, postcode, neighbourhood, area,
            wheelchair_accessible, mixed_table_capacity, notes, archived)
            VALUES (1, 'De Ooievaar', '', '', 'Afrikaanderwijk', 'Feijenoord', 1, 6, '', 0);
        INSERT INTO cohorts (id, name, location_id, start_date, notes, archived)
            VALUES (1, 'Voorjaar', 1, '2026-03-02', '', 0);
        INSERT INTO tables (id, name, cohort_id, capacity, notes, archived)
            VALUES (1, 'Tafel Zon', 1, 8, '', 0);
        INSERT INTO people (id, first_name, infix, last_name, phone, email, address, postcode,
            neighbourhood, notes, archived, created_at, updated_at)
            VALUES (1, 'Şükrü', '', 'Öztürk', '06-12345678', '', '', '', '', '', 0,
                    '2026-01-01 10:00:00', '2026-01-01 10:00:00'),
                   (2, 'Jan', 'van der', 'Berg', '', 'jan@example.nl', '', '', '', '', 0,
                    '2026-01-01 10:00:00', '2026-01-01 10:00:00');
        INSERT INTO memberships (person_id, table_id, role, status)
            VALUES (1, 1, 'participant', 'active'), (2, 1, 'facilitator', 'active');
        INSERT INTO referrals (person_id, route, referrer_id, note)
            VALUES (1, 'invited', 2, ''), (2, 'self', NULL, '');
        """
    )
    old.commit()
    before = {
        table: old.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        for table in ("locations", "cohorts", "tables", "memberships", "referrals")
    }
    old.close()

    db = open_database(path)
    db.close()

    after = sqlite3.connect(path)
    for table, rows in before.items():
        assert after.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() == rows
    assert after.execute("SELECT search_text FROM people ORDER BY id").fetchall() == [
        ("sukru ozturk 06-12345678",),
        ("jan van der berg jan@example.nl",),
    ]
    assert after.execute("PRAGMA foreign_key_check").fetchall() == []
    after.close()
    backups = BackupStore.for_database(path).backups()
    assert [backup.kind for backup in backups] == [BackupKind.BEFORE_MIGRATION]
    assert stored_revision(backups[0].path) == "0001"


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "nieuwer.sqlite"
    open_database(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    original = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="nieuwere versie"):
        open_database(path)
    assert path.read_bytes() == original
    assert BackupStore.for_database(path).backups() == []


def test_files_that_are_not_ours_are_refused(tmp_path: Path) -> None:
    text_file = tmp_path / "boodschappen.sqlite"
    text_file.write_text("melk, brood, kaas", encoding="utf-8")
    with pytest.raises(NotADatabase):
        open_database(text_file)
    assert text_file.read_text(encoding="utf-8") == "melk, brood, kaas"
    other = tmp_path / "ander.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE recepten (naam TEXT)")
    with pytest.raises(NotADatabase, match="geen Verbindtafel"):
        open_database(other)


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from verbindtafel_desktop.persistence.database import open_database
    db = open_database(Path(sys.argv[1]))
    print("open", flush=True)
    sys.stdin.readline()
    db.close()
    """
)


def test_a_second_instance_is_refused_and_a_crashed_one_leaves_no_lock(tmp_path: Path) -> None:
    path = tmp_path / "gedeeld.sqlite"
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == "open"
            with pytest.raises(DatabaseInUse, match="al geopend"):
                open_database(path)
        finally:
            holder.kill()  # like a crash: no clean release of the lock
            holder.wait()
    assert Path(f"{path}.lock").exists()
    open_database(path).close()
