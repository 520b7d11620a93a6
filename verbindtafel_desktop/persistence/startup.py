"""Opening the database the way the desktop app does: with a backup at every start."""

import logging
from dataclasses import dataclass
from pathlib import Path

from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import Database, open_database
from verbindtafel_desktop.persistence.errors import DatabaseProblem

log = logging.getLogger(__name__)


@dataclass
class OpenedDatabase:
    db: Database
    backup_problem: str = ""  # why the start backup failed (the file itself opened fine)


def open_with_start_backup(path: Path, *, start_backup: bool = True) -> OpenedDatabase:
    """`open_database`, plus a backup of the file as it was when the app started.

    When the file needed a migration, the backup made before it is the start backup; a new
    file has nothing to back up. A start backup that fails (the USB stick with the backup
    folder is not there) does not keep the app from opening; `backup_problem` tells the
    user. Database problems of the file itself are raised as by `open_database`.
    """
    store = BackupStore.for_database(Path(path))
    db = open_database(path, backups=store)
    if db.migration_backup is not None or db.created or not start_backup:
        return OpenedDatabase(db)
    try:
        store.make(db.path, BackupKind.START)
    except DatabaseProblem as problem:
        log.warning("Back-up bij het starten mislukt: %s", type(problem).__name__)
        return OpenedDatabase(db, str(problem))
    except BaseException:
        db.close()  # a bug: do not leave the file locked behind the crash report
        raise
    return OpenedDatabase(db)
