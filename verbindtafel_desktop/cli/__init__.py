"""The `verbindtafel` program: the desktop app, and headless subcommands for scripted work.

Every subcommand takes --db PATH (default: the app's own file) and exits non-zero with a
one-line message on bad input. Qt is imported only when the window is opened.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import verbindtafel_desktop.cli.backup_command as backup_command
import verbindtafel_desktop.cli.check_command as check_command
import verbindtafel_desktop.cli.demo_command as demo_command
import verbindtafel_desktop.cli.export_command as export_command
import verbindtafel_desktop.cli.import_command as import_command
import verbindtafel_desktop.cli.restore_command as restore_command
from verbindtafel_desktop import __version__
from verbindtafel_desktop.cli.errors import CommandError
from verbindtafel_desktop.logs import close_logging, configure_logging
from verbindtafel_desktop.persistence.data_dir import default_database_path
from verbindtafel_desktop.persistence.errors import DatabaseProblem
from verbindtafel_desktop.services.errors import ServiceError

SUBCOMMANDS = (
    demo_command,
    import_command,
    export_command,
    backup_command,
    restore_command,
    check_command,
)


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line, not argparse's usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: fout: {message} (zie --help)\n")


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        metavar="PATH",
        help="het databasebestand (standaard: het eigen bestand van de app)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="verbindtafel",
        description="Verbindtafel Desktop. Zonder opdracht opent het programmavenster.",
    )
    parser.add_argument("--version", action="version", version=f"verbindtafel {__version__}")
    add_db_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=OneLineParser)
    for module in SUBCOMMANDS:
        subparser = module.register(commands)
        add_db_option(subparser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    database = arguments.db or default_database_path()
    if arguments.command is None:
        from verbindtafel_desktop.app.application import run

        return run(database)
    configure_logging()  # restores and backups from scripts belong in the log too
    try:
        return int(arguments.handler(arguments, database) or 0)
    except (CommandError, DatabaseProblem, ServiceError) as problem:
        print(f"verbindtafel: fout: {problem}", file=sys.stderr)
        return 1
    finally:
        close_logging()


if __name__ == "__main__":
    sys.exit(main())
