"""`verbindtafel demo`: create a realistic Dutch demo database."""

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from verbindtafel_desktop.cli.errors import CommandError
from verbindtafel_desktop.demo import DEFAULT_SEED, SIZES, create_demo_database
from verbindtafel_desktop.domain.dutch_formats import parse_date


def register(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "demo",
        help="maak een demodatabase met Rotterdamse locaties, tafels en deelnemers",
        description="Maakt een realistische demodatabase. Dezelfde --seed geeft dezelfde mensen.",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="startwaarde (vast)")
    parser.add_argument(
        "--size",
        choices=sorted(SIZES),
        default="small",
        help="small: één centrum (standaard); large: een stad vol, voor benchmarks",
    )
    parser.add_argument(
        "--today",
        default=None,
        metavar="DATUM",
        help="de datum waaromheen de lichtingen liggen (standaard: vandaag)",
    )
    parser.add_argument("--force", action="store_true", help="vervang een bestaand bestand")
    parser.set_defaults(handler=run)
    return parser


def run(arguments: argparse.Namespace, database: Path) -> int:
    try:
        today = parse_date(arguments.today) if arguments.today else dt.date.today()
    except ValueError as error:
        raise CommandError(f"--today: {error}") from error
    try:
        counts = create_demo_database(
            database, seed=arguments.seed, size=arguments.size, today=today, force=arguments.force
        )
    except FileExistsError as error:
        raise CommandError(str(error)) from error
    print(
        f"Demodatabase gemaakt: {database} ({counts['people']} personen, "
        f"{counts['tables']} tafels, {counts['sessions']} sessies, "
        f"{counts['attendance']} aanwezigheden)"
    )
    return 0
