"""`verbindtafel export KIND -o FILE`: write an export without opening the app.

    verbindtafel export signin --db centrum.sqlite -o presentielijst.pdf --session 12
    verbindtafel export seating --db centrum.sqlite -o indeling.xlsx --mixmoment 3
    verbindtafel export certificate --db centrum.sqlite -o certificaat.pdf --person 7 --table 2
    verbindtafel export report --db centrum.sqlite -o rapportage.pdf --from 1-1-2026 --to 31-12-2026
    verbindtafel export person --db centrum.sqlite --person 7 -o inzage.json

The format follows the file's extension where an export offers two. Unknown ids, an
empty scope or a wrong extension print one line and exit 1, and leave no file behind.
"""

import argparse
import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from verbindtafel_desktop.cli.errors import CommandError
from verbindtafel_desktop.domain.dutch_formats import parse_date
from verbindtafel_desktop.domain.enums import MembershipStatus
from verbindtafel_desktop.exports.participants import COLUMNS
from verbindtafel_desktop.exports.registry import EXPORTS, export
from verbindtafel_desktop.exports.report import report_scope
from verbindtafel_desktop.exports.scope import ExportScope
from verbindtafel_desktop.exports.wording import WORDS
from verbindtafel_desktop.persistence.database import Database, open_database
from verbindtafel_desktop.services.listing import ListQuery

# Statuses as staff say them, and as stored.
STATUS_NAMES = {
    **{text: status for status, text in WORDS[MembershipStatus].items()},
    **{status.value: status for status in MembershipStatus},
}


def register(commands: Any) -> argparse.ArgumentParser:
    kinds = "\n".join(
        f"  {kind.key:<13} {kind.title} ({'/'.join(kind.formats)}): {kind.scope_help}"
        for kind in EXPORTS.values()
    )
    parser: argparse.ArgumentParser = commands.add_parser(
        "export",
        help="maak een Excel- of PDF-export (lijsten, presentielijsten, indelingen, …)",
        description="Schrijft een export naar een bestand.",
        epilog=f"Soorten:\n{kinds}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("kind", choices=list(EXPORTS), metavar="SOORT", help=", ".join(EXPORTS))
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="BESTAND",
        help="het bestand dat gemaakt wordt (.xlsx, .pdf of .json)",
    )  # fmt: skip
    for option, help_text in (
        ("--cohort", "lichting (id)"),
        ("--table", "tafel (id)"),
        ("--session", "sessie (id)"),
        ("--mixmoment", "mixmoment (id)"),
        ("--person", "persoon (id), voor een certificaat of een inzage-export"),
        ("--deck", "kaartenset (id), voor kaartenvellen"),
        ("--location", "locatie (id), voor de perioderapportage"),
        ("--funder", "financier (id) voor wie de perioderapportage is"),
    ):
        parser.add_argument(option, type=int, metavar="ID", help=help_text)
    parser.add_argument(
        "--from", dest="period_from", metavar="DATUM",
        help="perioderapportage: eerste dag van de periode (dd-mm-jjjj)",
    )  # fmt: skip
    parser.add_argument(
        "--to", dest="period_to", metavar="DATUM",
        help="perioderapportage: laatste dag van de periode (dd-mm-jjjj)",
    )  # fmt: skip
    parser.add_argument(
        "--status",
        choices=sorted(STATUS_NAMES),
        metavar="STATUS",
        help="deelnemerslijst: alleen deze deelnamestatus (aangemeld, actief, afgerond, gestopt)",
    )
    parser.add_argument("--search", default="", metavar="TEKST", help="deelnemerslijst: zoekterm")
    parser.add_argument(
        "--columns",
        default="",
        metavar="KOLOMMEN",
        help=f"deelnemerslijst: kolommen, met komma's ({','.join(COLUMNS)})",
    )
    parser.set_defaults(handler=run)
    return parser


def period_day(option: str, text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError as error:
        raise CommandError(f"{option} {text}: {error}") from error


def scope_from(arguments: argparse.Namespace) -> ExportScope:
    list_query = None
    if arguments.kind == "participants":
        filters = {
            key: value
            for key, value in (
                ("cohort_id", arguments.cohort),
                ("table_id", arguments.table),
                ("status", STATUS_NAMES.get(arguments.status or "")),
            )
            if value
        }
        list_query = ListQuery(search=arguments.search, filters=filters)
    columns = tuple(part.strip() for part in arguments.columns.split(",") if part.strip())
    return ExportScope(
        cohort_id=arguments.cohort,
        table_id=arguments.table,
        session_id=arguments.session,
        mixed_session_id=arguments.mixmoment,
        person_id=arguments.person,
        deck_id=arguments.deck,
        list_query=list_query,
        columns=columns,
        period_start=period_day("--from", arguments.period_from),
        period_end=period_day("--to", arguments.period_to),
        location_id=arguments.location,
        funder_id=arguments.funder,
    )


def draw_relay(db: Database, scope: ExportScope) -> bytes | None:
    """The report's relay picture; drawing it needs Qt, loaded only for this."""
    from verbindtafel_desktop.app.outcomes.report_picture import ensure_application, relay_picture

    ensure_application()
    return relay_picture(db, report_scope(scope))


def run(arguments: argparse.Namespace, database: Path) -> int:
    if not Path(database).is_file():
        raise CommandError(f"De database {database} bestaat niet.")
    scope = scope_from(arguments)
    if arguments.kind == "report" and (scope.period_start is None or scope.period_end is None):
        raise CommandError("Geef de periode van de rapportage op met --from DATUM en --to DATUM.")
    db = open_database(database)
    try:
        if arguments.kind == "report" and Path(arguments.output).suffix.lower() == ".pdf":
            scope = replace(scope, relay_picture=draw_relay(db, scope))
        result = export(db, arguments.kind, scope, arguments.output)
    finally:
        db.close()
    title = EXPORTS[arguments.kind].title
    print(f"{title} geschreven: {result.path} ({result.summary})")
    return 0
