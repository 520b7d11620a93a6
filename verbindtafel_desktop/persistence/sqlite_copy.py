"""Consistent copies of a live SQLite file with the online backup API (never a file copy)."""

import os
import sqlite3
from pathlib import Path

from verbindtafel_desktop.persistence.atomic_file import sync_folder, temporary_sibling
from verbindtafel_desktop.persistence.errors import DatabaseDamaged
from verbindtafel_desktop.persistence.storage_errors import from_os_error, from_sqlite_error


def structure_problems(path: Path) -> list[str]:
    """PRAGMA quick_check of the file on a fresh read-only connection: [] when it is sound.

    Raises sqlite3.DatabaseError (or UnicodeDecodeError, when SQLite's error message is
    itself garbled) for a file too damaged to be checked at all.
    """
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
    finally:
        connection.close()
    return [] if found == ["ok"] else found


def copy_database(source: Path, target: Path, what: str = "de kopie maken") -> Path:
    """Copy `source` to `target` through a temporary file that is reopened and checked before
    it is moved into place, so `target` is either a complete, sound database or untouched.

    Raises StorageProblem when the disk fails (full, I/O error, no permission) and
    DatabaseDamaged when `source` cannot be read or the copy is not sound.
    """
    target = Path(target)
    temporary = temporary_sibling(target)
    try:
        _backup_into(Path(source), temporary, what)
        try:
            problems = structure_problems(temporary)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            problems = [str(error)]
        if problems:
            raise DatabaseDamaged(
                f"De kopie van {source} is niet in orde ({problems[0]}); {what} is niet gelukt."
            )
        os.replace(temporary, target)
        sync_folder(target.parent)
    except OSError as error:
        raise from_os_error(error, what, target) from error
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _backup_into(source: Path, temporary: Path, what: str) -> None:
    try:
        source_connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            target_connection = sqlite3.connect(temporary)
            try:
                source_connection.backup(target_connection)
                # The copy must stand on its own: no -wal file travels with it.
                target_connection.execute("PRAGMA journal_mode=DELETE")
            finally:
                target_connection.close()
        finally:
            source_connection.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        problem = from_sqlite_error(error, what, temporary)
        if problem is not None:
            raise problem from error
        raise DatabaseDamaged(
            f"{source} kan niet gelezen worden ({error}); {what} is niet gelukt."
        ) from error
