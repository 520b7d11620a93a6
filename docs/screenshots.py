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
from verbindtafel_desktop.app.pages.backups import BackupsPage
from verbindtafel_desktop.app.pages.registry import PAGES
from verbindtafel_desktop.app.worker import wait_for
from verbindtafel_desktop.demo import create_demo_database
from verbindtafel_desktop.persistence.backups import BackupKind

OUT = Path(__file__).resolve().parent / "screenshots"


def select_first_table(page: QWidget) -> None:
    page.list.view.selectRow(0)  # type: ignore[attr-defined]


def show_backups(page: QWidget) -> None:
    """A week of backups, as the backups page shows them after some use."""
    assert isinstance(page, BackupsPage)
    if page.loading is not None:
        wait_for(page.loading)  # the listing started when the page was shown
    store = page.store()
    path = page.services.db.path
    yesterday = dt.date.today() - dt.timedelta(days=1)
    for moment, kind in (
        (dt.datetime.combine(yesterday - dt.timedelta(days=2), dt.time(11, 40)), BackupKind.MANUAL),
        (dt.datetime.combine(yesterday, dt.time(9, 2)), BackupKind.START),
        (dt.datetime.combine(yesterday, dt.time(12, 32)), BackupKind.INTERVAL),
        (dt.datetime.combine(yesterday, dt.time(17, 15)), BackupKind.CLOSE),
    ):
        store.make(path, kind, now=moment)
    page.reload()
    assert page.loading is not None
    wait_for(page.loading)
    page.view.selectRow(1)


PREPARE: dict[str, Callable[[QWidget], None]] = {
    "tables": select_first_table,
    "backups": show_backups,
}


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
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
