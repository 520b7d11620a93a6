"""One running Verbindtafel per database file.

An operating-system lock on `<file>.lock` (filelock): the OS releases it when the process
ends, so a crashed instance never leaves the file stuck.
"""

from pathlib import Path

from filelock import FileLock, Timeout

from verbindtafel_desktop.persistence.errors import DatabaseInUse


class InstanceLock:
    def __init__(self, database_path: Path) -> None:
        self.path = Path(f"{database_path}.lock")
        # Not thread-local: the app opens the file in the worker and closes it in the GUI.
        self._lock = FileLock(str(self.path), timeout=0, is_singleton=False, thread_local=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout as error:
            raise DatabaseInUse(
                "Dit databasebestand is al geopend in een ander venster of programma van "
                "Verbindtafel. Sluit dat eerst en probeer het opnieuw."
            ) from error

    def release(self) -> None:
        self._lock.release(force=True)

    @property
    def is_held(self) -> bool:
        return self._lock.is_locked
