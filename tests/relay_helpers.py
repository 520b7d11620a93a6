"""Reading the relay straight from the database file, and opening the window, for the
relay's GUI tests."""

import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot

from verbindtafel_desktop.app.application import AppController
from verbindtafel_desktop.app.main_window import MainWindow


def open_window(qtbot: QtBot, path: Path) -> MainWindow:
    controller = AppController()
    assert controller.open(path)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    window.resize(1280, 800)
    return window


def referrers(path: Path) -> dict[int, int]:
    with sqlite3.connect(path) as connection:
        return dict(
            connection.execute(
                "SELECT person_id, referrer_id FROM referrals "
                "WHERE route IN ('invited', 'recruited') AND referrer_id IS NOT NULL"
            ).fetchall()
        )


def chain_and_below(parent: dict[int, int], person: int) -> set[int]:
    """Everyone above `person` up to the starter, `person`, and everyone below."""
    found = {person}
    current = person
    while current in parent:
        current = parent[current]
        found.add(current)
    below = [person]
    while below:
        below = [child for child, up in parent.items() if up in below]
        found.update(below)
    return found


def in_chains(parent: dict[int, int]) -> set[int]:
    return set(parent) | set(parent.values())


def name_of(path: Path, person: int) -> str:
    with sqlite3.connect(path) as connection:
        first, infix, last = connection.execute(
            "SELECT first_name, infix, last_name FROM people WHERE id = ?", (person,)
        ).fetchone()
    return " ".join(part for part in (first, infix, last) if part)
