"""Every released schema's fixture (tests/fixtures/schema-*.sqlite) upgrades to the newest
schema with every row intact. See tests/fixtures/README.md for adding one per release."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.persistence.migrations import head_revision, stored_revision
from verbindtafel_desktop.services.database_check import check_database

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("schema-*.sqlite"))

# A migration that renames a table or a column says so here, so the old rows are looked
# for under the new name. Dropping data is not something a migration may do.
RENAMED_TABLES: dict[str, str] = {}
RENAMED_COLUMNS: dict[tuple[str, str], str] = {}  # (old table, old column) -> new column


def contents(path: Path) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """Columns and rows (by rowid) of every table that holds data: the people search
    index (an FTS5 table and its shadow tables) is derived from `people`."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            row[1]
            for row in connection.execute("PRAGMA main.table_list")
            if row[2] == "table"
            and not row[1].startswith("sqlite_")
            and row[1] != "alembic_version"
        ]
        found = {}
        for table in tables:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            rows = connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            found[table] = (columns, rows)
        return found
    finally:
        connection.close()


def test_there_is_a_fixture_with_rows_in_every_table() -> None:
    assert FIXTURES, "tests/fixtures has no schema-*.sqlite"
    newest = contents(FIXTURES[-1])
    empty = [table for table, (_columns, rows) in newest.items() if not rows]
    assert empty == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_a_released_schema_upgrades_with_every_row(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "verbindtafel.sqlite"
    shutil.copyfile(fixture, path)
    revision = stored_revision(path)
    before = contents(path)

    open_database(path).close()

    assert stored_revision(path) == head_revision()
    after = contents(path)
    connection = sqlite3.connect(path)
    try:
        for table, (columns, rows) in before.items():
            new_table = RENAMED_TABLES.get(table, table)
            assert new_table in after, f"table {table} is gone"
            new_columns = [RENAMED_COLUMNS.get((table, column), column) for column in columns]
            missing = set(new_columns) - set(after[new_table][0])
            assert not missing, f"columns of {table} are gone: {missing}"
            # Every old row, with every old value, is still there.
            selected = ", ".join(f'"{column}"' for column in new_columns)
            now = connection.execute(
                f"SELECT {selected} FROM {new_table} ORDER BY rowid"
            ).fetchall()
            assert now == rows, table
    finally:
        connection.close()
    assert check_database(path).ok
    if revision != head_revision():
        kinds = [backup.kind for backup in BackupStore.for_database(path).backups()]
        assert kinds == [BackupKind.BEFORE_MIGRATION]
