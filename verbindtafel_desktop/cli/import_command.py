"""`verbindtafel import people FILE`: import people from an .xlsx or .csv file.

Duplicates of people already in the database and rows with mistakes are skipped and
listed; the rest is written in one transaction. --dry-run shows what would happen.
"""

import argparse
import sys
from pathlib import Path
from typing import Any

from verbindtafel_desktop.cli.errors import CommandError
from verbindtafel_desktop.importing.columns import column_title, load_mapping
from verbindtafel_desktop.importing.fields import BY_KEY
from verbindtafel_desktop.importing.preview import Preview
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.registry import Services


def register(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "import",
        help="importeer gegevens uit een spreadsheet",
        description="Importeert gegevens uit een Excel- (.xlsx) of CSV-bestand.",
    )
    kinds = parser.add_subparsers(
        dest="kind", metavar="SOORT", required=True, parser_class=type(parser)
    )
    people = kinds.add_parser(
        "people",
        help="personen (deelnemers, introducees, vrijwilligers)",
        description=(
            "Importeert personen uit een .xlsx- of .csv-bestand. Kolomkoppen als Voornaam, "
            "Achternaam, Geboortedatum, Telefoon en E-mail worden herkend. Wie al in de "
            "database staat en regels met fouten worden overgeslagen en genoemd; de rest "
            "wordt in één keer opgeslagen, of bij een fout helemaal niet."
        ),
    )
    people.add_argument("file", type=Path, metavar="BESTAND", help="het .xlsx- of .csv-bestand")
    people.add_argument("--sheet", metavar="NAAM", help="het werkblad (standaard: gevonden)")
    people.add_argument(
        "--mapping",
        type=Path,
        metavar="BESTAND",
        help="een opgeslagen kolomkoppeling (.json, te maken in de importwizard)",
    )
    people.add_argument(
        "--dry-run", action="store_true", help="laat alleen zien wat er zou gebeuren"
    )
    people.set_defaults(handler=run)
    return people


def _columns_line(preview: Preview) -> str:
    used = [
        f"{column_title(preview.headers, column)} = {BY_KEY[key].label}"
        for column, key in sorted(preview.mapping.items())
    ]
    return "Kolommen: " + "; ".join(used)


def run(arguments: argparse.Namespace, database: Path) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        # Names from many languages must not crash a console in another code page.
        sys.stdout.reconfigure(errors="replace")
    saved = load_mapping(arguments.mapping) if arguments.mapping else None
    if arguments.dry_run and not Path(database).exists():
        raise CommandError(f"De database {database} bestaat niet.")
    db = open_database(database)
    try:
        importer = Services.for_database(db).people_import
        layout = importer.read(arguments.file, arguments.sheet, saved)
        preview = importer.preview(layout)
        where = f", blad '{preview.sheet}'" if preview.sheet else ""
        print(f"{arguments.file.name}{where}, kolomkoppen op regel {preview.header_line}")
        print(_columns_line(preview))
        for line in preview.summary():
            print(f"  {line}")
        if arguments.dry_run:
            print("Er is niets opgeslagen (--dry-run).")
            return 0
        result = importer.commit(preview)
    finally:
        db.close()
    print(result.summary())
    for row in preview.rows:
        if not row.imported:
            print(f"  regel {row.line}: {row.reason()}")
    return 0
