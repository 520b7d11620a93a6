"""Make the README's screenshots from a fresh demo database, offscreen.

    uv run python docs/screenshots.py

Each page of the sidebar is captured; pages can prepare themselves (select a row) via
PREPARE below. DIALOGS adds screens that open from a page (the session page, taking
attendance).
"""

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from verbindtafel_desktop.app.application import AppController, install_translator, load_style
from verbindtafel_desktop.app.export_dialog import ask_scope
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.organisation_dialog import OrganisationDialog
from verbindtafel_desktop.app.outcomes.measurement_dialog import MeasurementDialog
from verbindtafel_desktop.app.outcomes.report_actions import ask_report_scope, with_relay_picture
from verbindtafel_desktop.app.pages.backups import BackupsPage
from verbindtafel_desktop.app.pages.registry import PAGES
from verbindtafel_desktop.app.people_import.wizard import open_import_wizard
from verbindtafel_desktop.app.person.dialog import PersonDialog, open_person_dialog
from verbindtafel_desktop.app.person.forget_tab import ForgetDialog, backup_note
from verbindtafel_desktop.app.privacy.page import PrivacyPage
from verbindtafel_desktop.app.session_dialog import SessionDialog
from verbindtafel_desktop.app.take_attendance import TakeAttendanceDialog
from verbindtafel_desktop.app.worker import wait_for
from verbindtafel_desktop.demo import create_demo_database
from verbindtafel_desktop.exports.registry import export
from verbindtafel_desktop.exports.scope import ExportScope
from verbindtafel_desktop.persistence.backups import BackupKind
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.progress import NO_PROGRESS
from verbindtafel_desktop.services.registry import Services

OUT = Path(__file__).resolve().parent / "screenshots"
TODAY = dt.date(2026, 11, 25)  # the demo is laid out around this day


def select_first_table(page: QWidget) -> None:
    page.list.view.selectRow(0)  # type: ignore[attr-defined]


def open_mixing_board(page: QWidget) -> None:
    page.list.view.selectRow(1)  # type: ignore[attr-defined]
    page.open_selected()  # type: ignore[attr-defined]


def show_relay_overview(page: QWidget) -> None:
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]


def select_busiest_activity(page: QWidget) -> None:
    listing = page.list  # type: ignore[attr-defined]
    model = listing.model
    counts = [
        (model.row_data(row) or {}).get("participant_count") or 0 for row in range(model.rowCount())
    ]
    listing.view.selectRow(counts.index(max(counts)))


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


def show_audit_trail(page: QWidget) -> None:
    """The Logboek after a day's work: a consent recorded, an access export made."""
    assert isinstance(page, PrivacyPage)
    services = page.retention.services
    person = services.people.find("a")[0][0]
    services.consent.record(
        person,
        {
            "given_on": dt.date.today(),
            "recorded_by": "balie",
            "registration": True,
            "measurements": True,
        },
    )
    with tempfile.TemporaryDirectory() as folder:
        export(services.db, "person", ExportScope(person_id=person), Path(folder) / "inzage.pdf")
    page.tabs.setCurrentWidget(page.audit)
    page.audit.apply()


PREPARE: dict[str, Callable[[QWidget], None]] = {
    "tables": select_first_table,
    "mixmoments": open_mixing_board,
    "relay": show_relay_overview,
    "activities": select_busiest_activity,
    "backups": show_backups,
    "dashboard": as_of_demo_day,
    "agenda": month_agenda,
    "trajectory": attendance_grid,
    "privacy": show_audit_trail,
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


def measured_person(window: MainWindow) -> tuple[int, int]:
    """Someone with an end measurement (T1), and that measurement."""
    for person, _name in window.services.people.find("a", limit=500):
        for row in window.services.measurements.for_person(person):
            if row.moment == "T1" and row.score is not None:
                return person, row.id
    raise LookupError("no T1 in the demo")


def person_measurements(window: MainWindow) -> QWidget:
    person, _measurement = measured_person(window)
    page = open_person_dialog(window, window.services, window.bus, person)
    page.tabs.setCurrentWidget(page.tab_pages["measurements"])
    return page


def measurement_form(window: MainWindow) -> QWidget:
    person, measurement = measured_person(window)
    dialog = MeasurementDialog(window.services, person, measurement, parent=window)
    dialog.rows[5].set_answer(None)  # as if the last statement is still to be asked
    dialog.rows[5].setFocus()
    dialog.show()
    return dialog


def consent_tab(window: MainWindow) -> QWidget:
    dialog = person_page(window)
    assert isinstance(dialog, PersonDialog)
    dialog.tabs.setCurrentWidget(dialog.tab_pages["consent"])
    return dialog


def retention_list(window: MainWindow) -> QWidget:
    """The retention list of a centre that has used the app for over two years: a demo laid
    out around a day long ago, in a window of its own."""
    folder = Path(os.environ["VERBINDTAFEL_DATA_DIR"])
    database = folder / "oud.sqlite"
    create_demo_database(database, today=dt.date.today() - dt.timedelta(days=30 * 30))
    other = MainWindow(Services.for_database(open_database(database)))
    other.resize(window.size())
    page = other.show_page("privacy")
    assert isinstance(page, PrivacyPage)
    page.retention.reload()
    page.retention.view.selectRow(2)
    other.show()
    return other


# Screens that are not a page of their own: (file name, how to open it).
EXTRA: list[tuple[str, Callable[[MainWindow], QWidget]]] = [
    ("relay-search", relay_search),
    ("recruitment", recruitment_list),
    ("person", person_page),
    ("person-measurements", person_measurements),
    ("measurement", measurement_form),
    ("consent", consent_tab),
    ("retention", retention_list),
]


def forget_dialog(app: QApplication, window: MainWindow) -> None:
    """The confirmation of "forget this person" for someone others came in through."""
    graph = window.services.relay.graph()
    link = next(person for person in graph.people if graph.children.get(person))
    plan = window.services.anonymisation.erasure_plan(link)
    note = backup_note(window.services.db.path, window)
    capture_dialog(app, lambda: ForgetDialog(plan, note, window).exec(), OUT / "forget.png")


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


def sample_people_file(path: Path) -> Path:
    """A sign-up list as a centre keeps it: a title row, Dutch headers, mixed formats."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Aanmeldingen Buurthuis De Klimop, voorjaar 2027"])
    sheet.append(["Voornaam", "Tussenv.", "Achternaam", "Geb. datum", "Mobiel", "E-mail"])
    for row in (
        ["Joke", "", "van Leeuwen", dt.datetime(1948, 5, 12), "0612398765", ""],
        ["Ayşe", "", "Yılmaz", "3-4-1950", "+31 6 2345 6789", "ayse@example.nl"],
        ["Mehmet", "", "Kaya", "1952-10-01", "06-98765432", ""],
        ["Rui", "", "Tavares", "31-02-1949", "0101234", ""],
        ["Henk", "de", "Groot", "7 juli 1945", "", "henk@"],
        ["Priya", "", "Ramdin", "12-12-1960", "06 11 22 33 44", ""],
    ):
        sheet.append(row)
    workbook.save(path)
    return path


def capture_import_wizard(app: QApplication, window: Any, folder: Path) -> None:
    """The import wizard's preview, with an existing person matched in the database."""
    services = window.services
    first = services.people.find("a")[0][0]
    existing = services.people.get(first)
    source = sample_people_file(folder / "aanmeldingen.xlsx")
    workbook = load_workbook(source)
    sheet = workbook.active
    sheet.append(
        [
            existing.first_name,
            existing.infix,
            existing.last_name,
            existing.date_of_birth,
            existing.phone,
            existing.email,
        ]
    )
    workbook.save(source)
    wizard = open_import_wizard(services, window.bus, window, source)
    for _step in range(2):
        wizard.next()
        while wizard.busy:
            app.processEvents()
        app.processEvents()
    page = wizard.preview_page
    page.view.selectRow(page.proxy.rowCount() - 1)
    app.processEvents()
    wizard.grab().save(str(OUT / "import.png"))
    print(OUT / "import.png")
    wizard.reject()


def report_pages(app: QApplication, window: Any, folder: Path) -> None:
    """The report's form, and two pages of the PDF it makes (when pdftoppm is there to
    turn a PDF page into a picture)."""
    capture_dialog(app, lambda: ask_report_scope(window, window.services), OUT / "report.png")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm not found: report-pdf.png not remade")
        return
    year = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    scope = ExportScope(period_start=year[0], period_end=year[1], funder_id=1)
    target = folder / "rapportage.pdf"
    scope = with_relay_picture(window.services.db)(scope, target, NO_PROGRESS)
    export(window.services.db, "report", scope, target)
    for page in (1, 3):
        subprocess.run(
            [pdftoppm, "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile",
             str(target), str(folder / f"page-{page}")],
            check=True,
        )  # fmt: skip
    pages = [QImage(str(folder / f"page-{page}.png")) for page in (1, 3)]
    sheet = QImage(
        sum(page.width() for page in pages) + 10, pages[0].height(), QImage.Format.Format_RGB32
    )
    sheet.fill(0xFFFFFF)
    painter = QPainter(sheet)
    painter.drawImage(0, 0, pages[0])
    painter.drawImage(pages[0].width() + 10, 0, pages[1])
    painter.end()
    sheet.save(str(OUT / "report-pdf.png"))
    print(OUT / "report-pdf.png")


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
        create_demo_database(database, today=TODAY)
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
        export_dialogs(app, window)
        forget_dialog(app, window)
        capture_import_wizard(app, window, Path(folder))
        report_pages(app, window, Path(folder))
        for name, show in EXTRA:
            shown = show(window)
            app.processEvents()
            shown.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
            if shown is not window:
                shown.close()
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
