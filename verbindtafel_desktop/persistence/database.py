"""Opening the database file: where, lock, check, back up, migrate, then hand out sessions."""

import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from verbindtafel_desktop.persistence.atomic_file import temporary_sibling
from verbindtafel_desktop.persistence.audit_log import ChangeCollector, adopt_pending
from verbindtafel_desktop.persistence.backup_settings import default_backup_folder
from verbindtafel_desktop.persistence.backups import Backup, BackupKind, BackupStore
from verbindtafel_desktop.persistence.data_dir import data_dir
from verbindtafel_desktop.persistence.errors import (
    DatabaseProblem,
    MigrationFailed,
    StorageProblem,
)
from verbindtafel_desktop.persistence.file_check import (
    check_header,
    check_structure,
    has_content,
    schema_state,
)
from verbindtafel_desktop.persistence.instance_lock import InstanceLock
from verbindtafel_desktop.persistence.migrations import head_revision, upgrade_to_head
from verbindtafel_desktop.persistence.restore import put_in_place
from verbindtafel_desktop.persistence.sqlite_copy import copy_database
from verbindtafel_desktop.persistence.storage_errors import from_sqlite_error
from verbindtafel_desktop.persistence.storage_location import check_location

log = logging.getLogger(__name__)


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    # Deleted and overwritten content is zeroed, so erased people do not linger in free
    # pages or freed cell space of the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def create_database_engine(path: Path) -> Engine:
    # hide_parameters: error messages (and so the log and crash reports) never carry the
    # names, phone numbers or notes that a failing statement was writing.
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"check_same_thread": False}, hide_parameters=True
    )
    event.listen(engine, "connect", _configure_connection)
    return engine


class _ChangeLog:
    """Which rows a unit of work wrote, by table and id: the log's record of user actions
    (ids and kinds of change only, never the values)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], list[Any]] = defaultdict(list)

    def collect(self, session: Session, _context: Any) -> None:
        for kind, objects in (
            ("nieuw", session.new),
            ("gewijzigd", session.dirty),
            ("verwijderd", session.deleted),
        ):
            for record in objects:
                table = getattr(record, "__tablename__", type(record).__name__)
                # The key as the INSERT filled it in (the identity map is not updated yet).
                key = sa.inspect(record).mapper.primary_key_from_instance(record)
                self.rows[(table, kind)].append(key[0] if len(key) == 1 else tuple(key))

    def write(self) -> bool:
        """Logs what was written; False when the unit of work wrote nothing."""
        if not self.rows:
            return False
        parts = []
        for (table, kind), ids in sorted(self.rows.items()):
            shown = ", ".join(f"#{row_id}" for row_id in ids[:5])
            more = f" en {len(ids) - 5} meer" if len(ids) > 5 else ""
            parts.append(f"{table} {kind} {shown}{more}")
        log.info("Opgeslagen: %s", "; ".join(parts))
        return True


class Database:
    """An open, migrated database file. Services get one and ask it for sessions."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: InstanceLock | None,
        *,
        created: bool = False,
        migration_backup: Backup | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self.created = created  # the file was new (nothing to back up)
        self.migration_backup = migration_backup  # made before migrating, if it was needed
        # Units of work that changed rows: automatic backups skip a file that did not change.
        self.write_count = 0

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends normally, rolled back otherwise.

        A full disk or an I/O error becomes a StorageProblem that says so in Dutch; nothing
        of the unit of work is then stored, and nothing stored before is touched.
        """
        changes = _ChangeLog()
        audit = ChangeCollector()
        with Session(self.engine, expire_on_commit=False) as session:
            event.listen(session, "after_flush", changes.collect)
            event.listen(session, "after_flush", audit.collect)
            try:
                yield session
                session.flush()
                if audit.pending:  # in the same transaction as the change itself
                    audit.write(session.connection())
                session.commit()
            except BaseException as error:
                session.rollback()
                cause = error.orig if isinstance(error, sa.exc.DBAPIError) else error
                problem = from_sqlite_error(cause, "opslaan", self.path)
                if problem is not None:
                    log.error("Opslaan mislukt door de schijf: %s", cause)
                    raise problem from error
                raise
        if changes.write():
            self.write_count += 1

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _back_up_before_migration(path: Path, store: BackupStore) -> Backup:
    """The forced backup before a migration. When the chosen backup folder cannot be
    reached (the USB stick is at home), the data folder's own takes it, so an update never
    locks the user out of the file."""
    try:
        return store.make(path, BackupKind.BEFORE_MIGRATION)
    except StorageProblem:
        fallback = BackupStore(default_backup_folder(), store.database_name, store.policy)
        if fallback.folder == store.folder:
            raise
        log.warning("Back-upmap onbereikbaar; back-up voor migratie in de gegevensmap")
        return fallback.make(path, BackupKind.BEFORE_MIGRATION)


def _restore_after_failed_migration(backup: Backup, path: Path) -> None:
    staging = copy_database(
        backup.path, temporary_sibling(path, "terugzetten"), "de vorige versie terugzetten"
    )
    try:
        put_in_place(staging, path)
    finally:
        staging.unlink(missing_ok=True)


def open_database(path: Path, *, lock: bool = True, backups: BackupStore | None = None) -> Database:
    """Open (or create) the file at `path` and bring it to the newest schema.

    Refuses a file on a network drive or in a sync folder, a damaged file, a file from a
    newer version and a file of another program, each untouched. Before a migration a
    checked backup goes into `backups` (default: the store the settings of this PC choose);
    a failing migration puts it back. Raises a `DatabaseProblem` with a Dutch message for
    every problem a user can act on.
    """
    path = Path(path).expanduser().resolve()
    check_location(path, data_dir())
    path.parent.mkdir(parents=True, exist_ok=True)
    check_header(path)
    instance_lock = InstanceLock(path) if lock else None
    if instance_lock is not None:
        instance_lock.acquire()
    try:
        existed = has_content(path)
        revision = None
        if existed:
            check_structure(path)
            revision = schema_state(path)
        backup = None
        if existed and revision != head_revision():
            backup = _back_up_before_migration(path, backups or BackupStore.for_database(path))
            log.info("Back-up voor migratie van schema %s: %s", revision, backup.path.name)
        engine = create_database_engine(path)
        try:
            if not existed or revision != head_revision():
                with engine.connect() as connection:
                    upgrade_to_head(connection)
                    connection.commit()
                # The migration connection ran with foreign keys off; start the pool afresh.
                engine.dispose()
            # A restore may have left audit entries waiting for the restored file.
            with engine.begin() as connection:
                adopt_pending(connection)
        except Exception as error:
            engine.dispose()
            if backup is not None:
                log.error("Migratie mislukt (%s); back-up wordt teruggezet", type(error).__name__)
                _restore_after_failed_migration(backup, path)
                raise MigrationFailed(
                    "Het bijwerken van de database is mislukt; de vorige versie is "
                    f"teruggezet uit {backup.path}. ({error})"
                ) from error
            raise
        return Database(path, engine, instance_lock, created=not existed, migration_backup=backup)
    except BaseException:
        if instance_lock is not None:
            instance_lock.release()
        raise


__all__ = ["Database", "DatabaseProblem", "create_database_engine", "open_database"]
