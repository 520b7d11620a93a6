"""Make the README's screenshots from a fresh demo database, offscreen.

    uv run python docs/screenshots.py

Each page of the sidebar is captured; pages can prepare themselves (select a row) via
PREPARE below.
"""

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from verbindtafel_desktop.app.application import AppController, load_style
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.pages.registry import PAGES
from verbindtafel_desktop.app.person.dialog import open_person_dialog
from verbindtafel_desktop.demo import create_demo_database

OUT = Path(__file__).resolve().parent / "screenshots"


def select_first_table(page: QWidget) -> None:
    page.list.view.selectRow(0)  # type: ignore[attr-defined]


def show_relay_overview(page: QWidget) -> None:
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]


PREPARE: dict[str, Callable[[QWidget], None]] = {
    "tables": select_first_table,
    "relay": show_relay_overview,
}


def recruitment_list(window: MainWindow) -> QWidget:
    page = window.show_page("relay")
    page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    return window


def relay_search(window: MainWindow) -> QWidget:
    page = window.show_page("relay")
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    panel = page.picture  # type: ignore[attr-defined]
    deepest = max(panel.scene.nodes, key=lambda person: panel.graph.people[person].generation)
    panel.search.setText(panel.graph.people[deepest].name)
    panel.find_name()
    return window


def person_page(window: MainWindow) -> QWidget:
    page = window.show_page("relay")
    panel = page.picture  # type: ignore[attr-defined]
    person = max(
        panel.scene.nodes,
        key=lambda person: (
            bool(panel.graph.children.get(person)),
            panel.graph.people[person].generation,
        ),
    )
    return open_person_dialog(window, window.services, window.bus, person)


# Screens that are not a page of their own: (file name, how to open it).
EXTRA: list[tuple[str, Callable[[MainWindow], QWidget]]] = [
    ("relay-search", relay_search),
    ("recruitment", recruitment_list),
    ("person", person_page),
]


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["VERBINDTAFEL_DATA_DIR"] = folder
        database = Path(folder) / "demo.sqlite"
        create_demo_database(database, today=dt.date(2026, 11, 25))
        app = QApplication(sys.argv)
        load_style(app)
        controller = AppController()
        assert controller.open(database)
        window = controller.window
        assert window is not None
        window.resize(1280, 800)
        OUT.mkdir(exist_ok=True)
        for entry in PAGES:
            page = window.show_page(entry.key)
            if entry.key in PREPARE:
                PREPARE[entry.key](page)
            app.processEvents()
            window.grab().save(str(OUT / f"{entry.key}.png"))
            print(OUT / f"{entry.key}.png")
        for name, show in EXTRA:
            shown = show(window)
            app.processEvents()
            shown.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
