"""Opening the database file: lock, check, back up, migrate, then hand out sessions."""

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from verbindtafel_desktop.persistence.errors import (
    DatabaseProblem,
    MigrationFailed,
    NotADatabase,
    SchemaTooNew,
)
from verbindtafel_desktop.persistence.instance_lock import InstanceLock
from verbindtafel_desktop.persistence.migrations import (
    has_tables,
    head_revision,
    known_revisions,
    stored_revision,
    upgrade_to_head,
)
from verbindtafel_desktop.persistence.sqlite_copy import copy_database

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def create_database_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _configure_connection)
    return engine


class Database:
    """An open, migrated database file. Services get one and ask it for sessions."""

    def __init__(self, path: Path, engine: Engine, lock: InstanceLock | None) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends normally, rolled back otherwise."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _check_file(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabase(
            f"Het bestand {path} is geen Verbindtafel-database of is beschadigd. "
            "Het bestand is niet aangepast."
        )


def _pre_migration_backup(path: Path, revision: str | None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.voor-migratie-{revision or 'leeg'}-{stamp}.bak")
    return copy_database(path, backup)


def _schema_state(path: Path) -> str | None:
    """The stored revision; refuses files from a newer app and files that are not ours."""
    try:
        revision = stored_revision(path)
        foreign = revision is None and has_tables(path)
    except sqlite3.DatabaseError as error:
        raise NotADatabase(
            f"Het bestand {path} kan niet gelezen worden ({error}). Het is niet aangepast."
        ) from error
    if foreign:
        raise NotADatabase(
            f"Het bestand {path} is een SQLite-bestand, maar geen Verbindtafel-database. "
            "Het is niet aangepast."
        )
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNew(
            f"Het bestand {path} is gemaakt met een nieuwere versie van Verbindtafel "
            f"(schema {revision}). Installeer de nieuwste versie om het te openen; "
            "het bestand is niet aangepast."
        )
    return revision


def open_database(path: Path, *, lock: bool = True) -> Database:
    """Open (or create) the file at `path` and bring it to the newest schema.

    Raises a `DatabaseProblem` with a Dutch message for every problem a user can act on.
    """
    path = Path(path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    _check_file(path)
    instance_lock = InstanceLock(path) if lock else None
    if instance_lock is not None:
        instance_lock.acquire()
    try:
        existed = path.exists() and path.stat().st_size > 0
        revision = _schema_state(path) if existed else None
        backup = None
        if existed and revision != head_revision():
            backup = _pre_migration_backup(path, revision)
            log.info("Backup before migration: %s", backup)
        engine = create_database_engine(path)
        try:
            with engine.connect() as connection:
                upgrade_to_head(connection)
                connection.commit()
            # The migration connection ran with foreign keys off; start the pool afresh.
            engine.dispose()
        except Exception as error:
            engine.dispose()
            if backup is not None:
                copy_database(backup, path)
                Path(f"{path}-wal").unlink(missing_ok=True)
                Path(f"{path}-shm").unlink(missing_ok=True)
                raise MigrationFailed(
                    "Het bijwerken van de database is mislukt; de vorige versie is "
                    f"teruggezet uit {backup}. ({error})"
                ) from error
            raise
        return Database(path, engine, instance_lock)
    except BaseException:
        if instance_lock is not None:
            instance_lock.release()
        raise


__all__ = ["Database", "DatabaseProblem", "create_database_engine", "open_database"]
