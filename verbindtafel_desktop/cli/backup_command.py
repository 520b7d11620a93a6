"""`verbindtafel backup`: a checked backup of the database, into the backup folder or a file."""

import argparse
from pathlib import Path
from typing import Any

from verbindtafel_desktop.cli.errors import CommandError
from verbindtafel_desktop.persistence.backups import (
    BackupKind,
    BackupStore,
    backup_file_name,
    read_contents,
)
from verbindtafel_desktop.persistence.file_check import (
    SQLITE_HEADER,
    has_content,
    inspect_database_file,
)
from verbindtafel_desktop.persistence.sqlite_copy import copy_database


def register(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "backup",
        help="maak een gecontroleerde back-up van de database",
        description=(
            "Maakt een back-up met de back-up-API van SQLite (veilig terwijl de app open is), "
            "controleert die en zet hem pas dan op zijn plaats. Zonder -o gaat hij naar de "
            "back-upmap uit de instellingen."
        ),
    )
    parser.add_argument(
        "-o",
        dest="output",
        type=Path,
        default=None,
        metavar="FILE",
        help="schrijf de back-up naar dit bestand (of in deze map)",
    )
    parser.set_defaults(handler=run)
    return parser


def _target(output: Path, database: Path) -> Path:
    target = output.expanduser().resolve()
    if target.is_dir():
        target = target / backup_file_name(database.stem, BackupKind.MANUAL)
    if target == database:
        raise CommandError("De back-up kan niet over het databasebestand zelf geschreven worden.")
    if has_content(target):
        with target.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise CommandError(
                    f"{target} bestaat al en is geen database; kies een ander bestand."
                )
    return target


def run(arguments: argparse.Namespace, database: Path) -> int:
    database = database.expanduser().resolve()
    if not has_content(database):
        raise CommandError(f"Het databasebestand {database} bestaat niet of is leeg.")
    inspect_database_file(database)
    if arguments.output is None:
        target = BackupStore.for_database(database).make(database, BackupKind.MANUAL).path
    else:
        target = copy_database(database, _target(arguments.output, database), "de back-up maken")
    contents = read_contents(target)
    print(
        f"Back-up gemaakt: {target} ({contents.people} personen, {contents.sessions} sessies, "
        f"{target.stat().st_size // 1024} kB)"
    )
    return 0
