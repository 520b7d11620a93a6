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

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from verbindtafel_desktop.app.application import AppController, load_style
from verbindtafel_desktop.app.export_dialog import ask_scope
from verbindtafel_desktop.app.organisation_dialog import OrganisationDialog
from verbindtafel_desktop.app.pages.registry import PAGES
from verbindtafel_desktop.demo import create_demo_database

OUT = Path(__file__).resolve().parent / "screenshots"


def select_first_table(page: QWidget) -> None:
    page.list.view.selectRow(0)  # type: ignore[attr-defined]


PREPARE: dict[str, Callable[[QWidget], None]] = {"tables": select_first_table}


def capture_dialog(app: QApplication, show: Callable[[], object], path: Path) -> None:
    """Grab the modal dialog `show()` opens, then close it."""

    def grab() -> None:
        dialog = app.activeModalWidget()
        assert dialog is not None
        dialog.grab().save(str(path))
        dialog.reject()

    QTimer.singleShot(300, grab)
    show()
    print(path)


def export_dialogs(app: QApplication, window: Any) -> None:
    """The sign-in sheet's scope form (File → Exporteren ▸ Presentielijsten) and
    File → Organisatie."""
    table_id = window.services.tables.options()[-1][0]
    capture_dialog(
        app,
        lambda: ask_scope(window, window.services, "signin", table_id=table_id),
        OUT / "export.png",
    )
    capture_dialog(
        app,
        lambda: OrganisationDialog(window.services.organisation, window).exec(),
        OUT / "organisation.png",
    )


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
        export_dialogs(app, window)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
