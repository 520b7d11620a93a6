"""`verbindtafel restore`: put a backup back in place of the database file."""

import argparse
from pathlib import Path
from typing import Any

from verbindtafel_desktop.persistence.restore import restore_backup


def register(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "restore",
        help="zet een back-up terug (het huidige bestand wordt eerst bewaard)",
        description=(
            "Controleert de back-up, bewaart het huidige bestand als back-up (of zet het apart "
            "als het beschadigd is) en zet dan de back-up op zijn plaats. Weigert zolang "
            "Verbindtafel het bestand open heeft."
        ),
    )
    parser.add_argument("backup", type=Path, metavar="BACKUP", help="het back-upbestand")
    parser.set_defaults(handler=run)
    return parser


def run(arguments: argparse.Namespace, database: Path) -> int:
    outcome = restore_backup(arguments.backup, database)
    print(f"Teruggezet: {arguments.backup} staat nu op {database.expanduser().resolve()}.")
    if outcome.safety_backup is not None:
        print(f"Het vorige bestand is bewaard als back-up: {outcome.safety_backup.path}")
    if outcome.set_aside is not None:
        print(f"Het vorige bestand was beschadigd en staat apart als: {outcome.set_aside}")
    return 0
