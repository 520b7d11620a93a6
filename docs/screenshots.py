"""Make the README's screenshots from a fresh demo database, offscreen.

    uv run python docs/screenshots.py

Each page of the sidebar is captured; pages can prepare themselves (select a row) via
PREPARE below. DIALOGS adds screens that open from a page (the session page, taking
attendance).
"""

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from verbindtafel_desktop.app.application import AppController, install_translator, load_style
from verbindtafel_desktop.app.pages.registry import PAGES
from verbindtafel_desktop.app.session_dialog import SessionDialog
from verbindtafel_desktop.app.take_attendance import TakeAttendanceDialog
from verbindtafel_desktop.demo import create_demo_database
from verbindtafel_desktop.services.registry import Services

OUT = Path(__file__).resolve().parent / "screenshots"
TODAY = dt.date(2026, 11, 25)  # the demo is laid out around this day


def select_first_table(page: QWidget) -> None:
    page.list.view.selectRow(0)  # type: ignore[attr-defined]


def as_of_demo_day(page: QWidget) -> None:
    page.set_today(TODAY)  # type: ignore[attr-defined]


def month_agenda(page: QWidget) -> None:
    as_of_demo_day(page)
    page.set_mode("month")  # type: ignore[attr-defined]


def this_weeks_table(services: Services) -> tuple[int, int, int]:
    """(table, its session this week, its next session) of a running table."""
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    week = services.sessions.between(monday, TODAY)[0]
    following = next(
        s for s in services.sessions.of_table(week.table_id) if s.number == week.number + 1
    )
    return week.table_id, week.session_id, following.session_id


def attendance_grid(page: QWidget) -> None:
    services = page.services  # type: ignore[attr-defined]
    page.show_item(("attendance", this_weeks_table(services)[0]))  # type: ignore[attr-defined]


PREPARE: dict[str, Callable[[QWidget], None]] = {
    "tables": select_first_table,
    "dashboard": as_of_demo_day,
    "agenda": month_agenda,
    "trajectory": attendance_grid,
}


def session_page(services: Services) -> QWidget:
    return SessionDialog(services, this_weeks_table(services)[1])


def taking_attendance(services: Services) -> QWidget:
    dialog = TakeAttendanceDialog(services, this_weeks_table(services)[2])
    dialog.resize(720, 560)
    return dialog


DIALOGS: dict[str, Callable[[Services], QWidget]] = {
    "session": session_page,
    "take_attendance": taking_attendance,
}


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["VERBINDTAFEL_DATA_DIR"] = folder
        database = Path(folder) / "demo.sqlite"
        create_demo_database(database, today=dt.date(2026, 11, 25))
        app = QApplication(sys.argv)
        load_style(app)
        install_translator(app)
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
        for name, make in DIALOGS.items():
            dialog = make(window.services)
            dialog.show()
            app.processEvents()
            dialog.grab().save(str(OUT / f"{name}.png"))
            dialog.close()
            print(OUT / f"{name}.png")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
