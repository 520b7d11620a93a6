"""Consistent copies of a live SQLite file with the online backup API (never a file copy)."""

import os
import sqlite3
from pathlib import Path


def copy_database(source: Path, target: Path) -> Path:
    """Copy `source` to `target` through a temporary file that is checked before it is moved
    into place, so `target` is either a complete, readable database or untouched."""
    target = Path(target)
    temporary = target.with_name(f".{target.name}.partial")
    temporary.unlink(missing_ok=True)
    source_connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        target_connection = sqlite3.connect(temporary)
        try:
            source_connection.backup(target_connection)
            # The copy must stand on its own: no -wal file travels with it.
            target_connection.execute("PRAGMA journal_mode=DELETE")
            verdict = target_connection.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            target_connection.close()
    finally:
        source_connection.close()
    if verdict != "ok":
        temporary.unlink(missing_ok=True)
        raise sqlite3.DatabaseError(f"Kopie van {source} is niet in orde: {verdict}")
    os.replace(temporary, target)
    return target
