"""The backup folder of one database file: making, listing and thinning backups.

A backup is a checked copy made with SQLite's online backup API (`copy_database`), named
`<database>_<date>_<time>_<kind>.sqlite` so the folder explains itself in Explorer and needs
no index file. Automatic backups (at start, at close, every 30 minutes while data changed)
are thinned; backups made by hand, before a migration and before a restore are kept until
the user removes them.
"""

import datetime as dt
import logging
import re
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from verbindtafel_desktop.persistence.backup_settings import read_backup_settings
from verbindtafel_desktop.persistence.backup_thinning import ThinningPolicy, backups_to_keep
from verbindtafel_desktop.persistence.errors import DatabaseProblem
from verbindtafel_desktop.persistence.file_check import inspect_database_file
from verbindtafel_desktop.persistence.sqlite_copy import copy_database
from verbindtafel_desktop.persistence.storage_errors import from_os_error

log = logging.getLogger(__name__)

STAMP_FORMAT = "%Y-%m-%d_%H-%M-%S"


class BackupKind(StrEnum):
    # The values appear in file names, so they are Dutch.
    START = "start"
    CLOSE = "afsluiten"
    INTERVAL = "tussendoor"
    MANUAL = "handmatig"
    BEFORE_MIGRATION = "voor-migratie"
    BEFORE_RESTORE = "voor-terugzetten"


AUTOMATIC_KINDS = frozenset({BackupKind.START, BackupKind.CLOSE, BackupKind.INTERVAL})


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: dt.datetime  # local time: thinning and the list think in the user's days
    kind: BackupKind
    size: int
    number: int = 1  # the order of backups made within the same second

    @property
    def automatic(self) -> bool:
        return self.kind in AUTOMATIC_KINDS


@dataclass(frozen=True)
class BackupContents:
    people: int
    sessions: int
    revision: str | None


def read_contents(path: Path) -> BackupContents:
    """What a backup holds. Raises sqlite3.DatabaseError for a file that cannot be read."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}

        def count(table: str) -> int:
            if table not in tables:
                return 0
            return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return BackupContents(count("people"), count("sessions"), revision)
    finally:
        connection.close()


def backup_file_name(
    database_name: str, kind: BackupKind, moment: dt.datetime | None = None, number: int = 1
) -> str:
    stamp = (moment or dt.datetime.now()).strftime(STAMP_FORMAT)
    counter = f"_{number}" if number > 1 else ""
    return f"{database_name}_{stamp}{counter}_{kind.value}.sqlite"


class BackupStore:
    """The backups of the database file called `database_name` inside `folder`."""

    def __init__(
        self, folder: Path, database_name: str, policy: ThinningPolicy | None = None
    ) -> None:
        self.folder = Path(folder)
        self.database_name = database_name
        self.policy = policy or ThinningPolicy()
        kinds = "|".join(re.escape(kind.value) for kind in BackupKind)
        self._pattern = re.compile(
            rf"^{re.escape(database_name)}_(\d{{4}}-\d\d-\d\d_\d\d-\d\d-\d\d)(?:_(\d+))?_({kinds})\.sqlite$"
        )

    @classmethod
    def for_database(cls, database: Path) -> "BackupStore":
        """The store the settings of this PC choose for `database`."""
        settings = read_backup_settings()
        return cls(settings.folder, Path(database).stem, settings.policy)

    def backups(self) -> list[Backup]:
        """Every backup of this database in the folder, newest first."""
        try:
            entries = list(self.folder.iterdir())
        except FileNotFoundError:
            return []
        except OSError as error:
            raise from_os_error(error, "de back-ups lezen", self.folder / "x") from error
        found: list[Backup] = []
        for entry in entries:
            match = self._pattern.match(entry.name)
            if match is None:
                continue
            try:
                size = entry.stat().st_size
            except FileNotFoundError:  # thinned by another instance meanwhile
                continue
            made_at = dt.datetime.strptime(match.group(1), STAMP_FORMAT)
            number = int(match.group(2) or 1)
            found.append(Backup(entry, made_at, BackupKind(match.group(3)), size, number))
        return sorted(found, key=lambda backup: (backup.made_at, backup.number), reverse=True)

    def _next_number(self, moment: dt.datetime) -> int:
        # Numbered within the second across kinds, so "newest first" is never a guess.
        taken = [backup.number for backup in self.backups() if backup.made_at == moment]
        return max(taken, default=0) + 1

    def make(self, source: Path, kind: BackupKind, *, now: dt.datetime | None = None) -> Backup:
        """A checked backup of `source`; then old automatic backups are thinned.

        Raises StorageProblem (folder unreachable, disk full, I/O error) or DatabaseDamaged
        (the source cannot be read); the folder is then as it was.
        """
        moment = (now or dt.datetime.now()).replace(microsecond=0)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise from_os_error(error, "de back-up maken", self.folder / "x") from error
        number = self._next_number(moment)
        path = self.folder / backup_file_name(self.database_name, kind, moment, number)
        target = copy_database(source, path, "de back-up maken")
        backup = Backup(target, moment, kind, target.stat().st_size, number)
        log.info("Back-up gemaakt: soort %s, %d bytes, %s", kind.value, backup.size, target.name)
        if backup.automatic:
            self.thin(now=moment)
        return backup

    def thin(self, *, now: dt.datetime | None = None) -> list[Backup]:
        """Removes the automatic backups the policy no longer keeps; returns them."""
        automatic = [backup for backup in self.backups() if backup.automatic]
        keep = backups_to_keep(
            (backup.made_at for backup in automatic), now or dt.datetime.now(), self.policy
        )
        removed = []
        for backup in automatic:
            if backup.made_at in keep:
                continue
            try:
                backup.path.unlink(missing_ok=True)
            except OSError as error:  # kept for now; the next backup tries again
                log.warning(
                    "Oude back-up niet verwijderd (%s): %s", error.strerror, backup.path.name
                )
                continue
            removed.append(backup)
        if removed:
            log.info("Uitgedund: %d oude automatische back-ups verwijderd", len(removed))
        return removed

    def newest_sound(self) -> tuple[Backup, str | None] | None:
        """The newest backup that passes every check, with its schema revision."""
        for backup in self.backups():
            try:
                return backup, inspect_database_file(backup.path)
            except DatabaseProblem:
                log.warning("Back-up %s is niet in orde; een oudere volgt", backup.path.name)
        return None
