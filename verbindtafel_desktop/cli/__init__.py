"""The `verbindtafel` program: the desktop app, and headless subcommands for scripted work.

Every subcommand takes --db PATH (default: the app's own file) and exits non-zero with a
one-line message on bad input. Qt is imported only when the window is opened, and the
subcommands (with the demo generator, the importers and the exporters behind them) only
when one is given: the window opens without loading them.
"""

import argparse
import multiprocessing
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from verbindtafel_desktop import __version__
from verbindtafel_desktop.cli.errors import CommandError
from verbindtafel_desktop.logs import close_logging, configure_logging
from verbindtafel_desktop.persistence.data_dir import default_database_path
from verbindtafel_desktop.persistence.errors import DatabaseProblem
from verbindtafel_desktop.services.errors import ServiceError


def subcommands() -> tuple[ModuleType, ...]:
    """The modules of the subcommands, in the order `--help` lists them."""
    from verbindtafel_desktop.cli import (
        backup_command,
        check_command,
        demo_command,
        export_command,
        import_command,
        restore_command,
    )

    return (
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


def window_parser(description: str | None = None, *, add_help: bool = True) -> OneLineParser:
    """The program's own options: enough to open the window."""
    parser = OneLineParser(prog="verbindtafel", description=description, add_help=add_help)
    parser.add_argument("--version", action="version", version=f"verbindtafel {__version__}")
    add_db_option(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = window_parser("Verbindtafel Desktop. Zonder opdracht opent het programmavenster.")
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=OneLineParser)
    for module in subcommands():
        subparser = module.register(commands)
        add_db_option(subparser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # The mixing board runs the engine in a child process; a frozen app must let the
    # child start as that child instead of opening a second window.
    multiprocessing.freeze_support()
    given = list(sys.argv[1:] if argv is None else argv)
    window, rest = window_parser(add_help=False).parse_known_args(given)
    if not rest:
        from verbindtafel_desktop.app.application import run

        return run(window.db or default_database_path())
    arguments = build_parser().parse_args(given)
    database = arguments.db or default_database_path()
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
