"""Alembic, driven from code: the scripts live in the top-level `db/` folder."""

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from verbindtafel_desktop.assets import migrations_dir


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "db/ has no migrations"
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in script_directory().walk_revisions()}


def stored_revision(path: Path) -> str | None:
    """The schema revision written in the file, or None for a file without one."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has_version_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_version_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def has_tables(path: Path) -> bool:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        connection.close()


def upgrade_to_head(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")
