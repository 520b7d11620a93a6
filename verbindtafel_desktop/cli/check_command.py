"""`verbindtafel check`: is the database sound? Exit status 0 only when all is well."""

import argparse
from pathlib import Path
from typing import Any

from verbindtafel_desktop.services.database_check import check_database


def register(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "check",
        help="controleer de database (structuur, verwijzingen, regels van de app)",
        description=(
            "Controleert het bestand zonder het te veranderen: integrity_check, "
            "foreign_key_check en de regels van de app, met een aantal per probleem. "
            "Eindigt met status 0 alleen als alles in orde is."
        ),
    )
    parser.set_defaults(handler=run)
    return parser


def run(arguments: argparse.Namespace, database: Path) -> int:
    report = check_database(database)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1
