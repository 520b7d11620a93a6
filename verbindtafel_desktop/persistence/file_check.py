"""Is this file a sound Verbindtafel database this version can open? Read-only checks.

The header check catches files that are not SQLite at all; `PRAGMA quick_check` catches a
truncated file and damaged pages in well under a second even for a city-sized database
(see benchmarks/bench_data_safety.py); the schema check refuses files from a newer app and
SQLite files of other programs.
"""

import sqlite3
from pathlib import Path

from verbindtafel_desktop.persistence.errors import (
    DatabaseDamaged,
    NotADatabase,
    SchemaTooNew,
)
from verbindtafel_desktop.persistence.migrations import (
    has_tables,
    known_revisions,
    stored_revision,
)
from verbindtafel_desktop.persistence.sqlite_copy import structure_problems

SQLITE_HEADER = b"SQLite format 3\x00"


def has_content(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def check_header(path: Path) -> None:
    """Refuses a file that is not an SQLite database (an empty or missing file is fine)."""
    if not has_content(path):
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabase(
            f"Het bestand {path} is geen Verbindtafel-database of is beschadigd. "
            "Het bestand is niet aangepast."
        )


def check_structure(path: Path) -> None:
    """Refuses a truncated file or one with damaged pages (DatabaseDamaged)."""
    try:
        problems = structure_problems(path)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        problems = [str(error)]
    if problems:
        raise DatabaseDamaged(
            f"Het bestand {path} is beschadigd en kan niet veilig geopend worden "
            f"({problems[0].splitlines()[-1]}). Het bestand is niet aangepast."
        )


def schema_state(path: Path) -> str | None:
    """The stored revision; refuses files from a newer app and files that are not ours."""
    try:
        revision = stored_revision(path)
        foreign = revision is None and has_tables(path)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise DatabaseDamaged(
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


def inspect_database_file(path: Path) -> str | None:
    """All checks of an existing file; returns its schema revision (None when empty)."""
    check_header(path)
    if not has_content(path):
        return None
    check_structure(path)
    return schema_state(path)
