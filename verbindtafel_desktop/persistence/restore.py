"""Putting a backup back in place of the database file, without ever losing the current one.

The backup is checked and copied beside the database first; only then is the current file
saved as a backup of its own (or, when it is damaged, renamed and kept), and the copy moved
into place. The instance lock keeps a running Verbindtafel from having the file open
meanwhile.
"""

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from verbindtafel_desktop.persistence.atomic_file import sync_folder, temporary_sibling
from verbindtafel_desktop.persistence.audit_log import record_restore
from verbindtafel_desktop.persistence.backups import Backup, BackupKind, BackupStore
from verbindtafel_desktop.persistence.data_dir import data_dir
from verbindtafel_desktop.persistence.errors import DatabaseProblem, NotADatabase, SchemaTooNew
from verbindtafel_desktop.persistence.file_check import has_content, inspect_database_file
from verbindtafel_desktop.persistence.instance_lock import InstanceLock
from verbindtafel_desktop.persistence.sqlite_copy import copy_database
from verbindtafel_desktop.persistence.storage_errors import from_os_error
from verbindtafel_desktop.persistence.storage_location import check_location

log = logging.getLogger(__name__)

COMPANIONS = ("-wal", "-shm")


@dataclass(frozen=True)
class RestoreOutcome:
    safety_backup: Backup | None  # the file as it was, saved before it was replaced
    set_aside: Path | None  # the file as it was, when it was damaged: renamed, not removed


def put_in_place(staging: Path, database: Path) -> None:
    """Move a checked copy over `database`. Nobody may have it open: its -wal and -shm
    belong to the old file and would be replayed onto the new one."""
    try:
        for suffix in COMPANIONS:
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(staging, database)
        sync_folder(database.parent)
    except OSError as error:
        raise from_os_error(error, "de back-up terugzetten", database) from error


def set_aside(database: Path) -> Path:
    """Rename a damaged file (and its -wal) so it is kept for rescue but out of the way."""
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    kept = database.with_name(f"{database.name}.beschadigd-{stamp}")
    try:
        for suffix in COMPANIONS:
            companion = Path(f"{database}{suffix}")
            if companion.exists():
                os.replace(companion, Path(f"{kept}{suffix}"))
        os.replace(database, kept)
    except OSError as error:
        raise from_os_error(error, "het beschadigde bestand apart zetten", database) from error
    return kept


def check_backup(backup: Path) -> str:
    """The schema revision of a backup that can be restored; refuses anything else."""
    if not backup.is_file():
        raise DatabaseProblem(f"De back-up {backup} bestaat niet.")
    revision = inspect_database_file(backup)
    if revision is None:
        raise NotADatabase(f"{backup} is leeg of geen Verbindtafel-back-up.")
    return revision


def _is_sound(database: Path) -> bool:
    try:
        inspect_database_file(database)
    except SchemaTooNew:
        return True  # sound, only newer: it is backed up like any other
    except NotADatabase:
        return False
    return True


def restore_backup(
    backup: Path, database: Path, store: BackupStore | None = None
) -> RestoreOutcome:
    """Replace `database` with a checked copy of `backup`.

    The current file is backed up first (kind "voor-terugzetten"); a damaged current file
    is renamed to `<name>.beschadigd-<time>` instead. Refuses while another Verbindtafel
    has the file open (DatabaseInUse), a backup that is not sound or from a newer version,
    and a target on a network drive or in a sync folder.
    """
    backup = Path(backup).expanduser().resolve()
    database = Path(database).expanduser().resolve()
    if backup == database:
        raise DatabaseProblem("De back-up en het databasebestand zijn hetzelfde bestand.")
    revision = check_backup(backup)
    check_location(database, data_dir())
    database.parent.mkdir(parents=True, exist_ok=True)
    store = store or BackupStore.for_database(database)
    lock = InstanceLock(database)
    lock.acquire()
    try:
        staging = copy_database(
            backup, temporary_sibling(database, "terugzetten"), "de back-up terugzetten"
        )
        try:
            # The restored file says itself that it was restored (the file it replaces is
            # kept as a backup with its own trail).
            made = dt.datetime.fromtimestamp(backup.stat().st_mtime)
            record_restore(staging, f"back-up van {made:%d-%m-%Y %H:%M} (schema {revision})")
            safety, kept = None, None
            if has_content(database):
                if _is_sound(database):
                    safety = store.make(database, BackupKind.BEFORE_RESTORE)
                else:
                    kept = set_aside(database)
            put_in_place(staging, database)
        finally:
            staging.unlink(missing_ok=True)
    finally:
        lock.release()
    log.info(
        "Back-up teruggezet: %s (schema %s), huidige bestand %s",
        backup.name,
        revision,
        "apart gezet" if kept else "bewaard als back-up" if safety else "was er niet",
    )
    return RestoreOutcome(safety, kept)
