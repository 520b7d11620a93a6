"""Exports from the real window, offscreen: menu, scope form, save dialog, worker, result."""

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.export_world import data_rows, pdf_text, workbook
from tests.gui_helpers import when_modal
from tests.test_gui_backbone import open_window
from verbindtafel_desktop.app import export_actions
from verbindtafel_desktop.app.list_page import ListPage
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.session_dialog import SessionDialog
from verbindtafel_desktop.app.worker import JobRunner
from verbindtafel_desktop.exports import signin
from verbindtafel_desktop.exports.scope import ExportScope
from verbindtafel_desktop.persistence.data_dir import read_local_settings


def named(name: str) -> Callable[[QWidget], bool]:
    return lambda widget: widget.objectName() == name


def save_as(path: Path) -> list[bool]:
    def choose(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        dialog.accept()

    return when_modal(named("exportSaveDialog"), choose)


def answer_done(button: str) -> list[bool]:
    def click(box: QMessageBox) -> None:
        for candidate in box.buttons():
            if candidate.text() == button:
                candidate.click()
                return
        raise AssertionError(button)

    return when_modal(named("exportDone"), click)


def choose(combo: Any, text: str) -> None:
    assert isinstance(combo, QComboBox)
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


@pytest.fixture
def opened(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """Records what 'open the file / folder' would have opened on the desktop."""
    urls: list[QUrl] = []
    monkeypatch.setattr(export_actions, "open_url", lambda url: urls.append(url) or True)
    return urls


def test_sign_in_sheet_from_the_menu_through_the_worker(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, opened: list[QUrl]
) -> None:
    window = open_window(qtbot, demo_path)
    target = tmp_path / "lijsten" / "presentielijst.pdf"
    target.parent.mkdir()

    def fill_scope(dialog: Any) -> None:
        choose(dialog.widgets["cohort_id"], "Lichting augustus 2026")
        choose(dialog.widgets["table_id"], "Tafel Jip")
        choose(dialog.widgets["session_id"], "Sessie 2")
        save_as(target)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    asked = when_modal(named("exportScopeDialog"), fill_scope)
    done = answer_done("Map openen")
    action(window, "export_signin").trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    assert asked
    runner = window.findChildren(JobRunner)[-1]
    assert runner.outcome == "done"
    text = pdf_text(target)
    assert "Tafel Jip · Lichting augustus 2026" in text and "Sessie 2 van 5" in text
    assert opened == [QUrl.fromLocalFile(str(target.parent))]
    assert read_local_settings()["export_folder"] == str(target.parent)

    # The next save dialog starts in the folder of this export.
    started_in: list[str] = []

    def look(dialog: QFileDialog) -> None:
        started_in.append(dialog.directory().absolutePath())
        dialog.reject()

    when_modal(named("exportSaveDialog"), look)
    assert export_actions.export_attendance(window, window.services, cohort_id=1) is None
    assert started_in == [str(target.parent)]


def test_people_page_exports_the_list_as_filtered_on_screen(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, opened: list[QUrl]
) -> None:
    window = open_window(qtbot, demo_path)
    page = window.show_page("people")
    assert isinstance(page, ListPage)
    page.search.setText("van")
    qtbot.waitUntil(lambda: page.model.query.search == "van")
    model = page.model
    on_screen = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert 0 < len(on_screen) < 60
    target = tmp_path / "personen.xlsx"

    def columns(dialog: Any) -> None:
        for key in ("date_of_birth", "email", "route", "referrer", "tables"):
            dialog.widgets[f"column_{key}"].setChecked(False)
        save_as(target)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(named("exportScopeDialog"), columns)
    done = answer_done("Sluiten")
    button = page.findChild(QPushButton, "exportPeople")
    assert button is not None
    button.click()
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    rows = data_rows(workbook(target).active)
    assert [row[0] for row in rows] == on_screen
    assert len(rows[0]) == 3  # name, phone, neighbourhood
    assert opened == []


def test_table_detail_exports_the_selected_table(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, opened: list[QUrl]
) -> None:
    window = open_window(qtbot, demo_path)
    page: Any = window.show_page("tables")
    page.list.view.selectRow(0)
    table_id = page.list.selected_id()
    button = page.findChild(QToolButton, "tableExports")
    assert button is not None and button.isEnabled()
    target = tmp_path / "tafel.xlsx"
    save_as(target)
    done = answer_done("Bestand openen")
    attendance = button.menu().findChild(QAction, "table_export_attendance")
    assert attendance is not None
    attendance.trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    name = page.detail.services.tables.get(table_id).name
    rows = data_rows(workbook(target)["Aanwezigheid"])
    assert {row[1] for row in rows[:-1]} == {name}
    assert opened == [QUrl.fromLocalFile(str(target))]


def test_a_refused_export_explains_itself_and_writes_nothing(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_path)
    with window.services.db.engine.connect() as connection:
        cancelled = connection.execute(
            sa.text("SELECT min(id) FROM sessions WHERE status = 'cancelled'")
        ).scalar()
    assert cancelled is not None
    target = tmp_path / "leeg.pdf"
    save_as(target)
    shown: list[str] = []
    refused = when_modal(
        lambda box: isinstance(box, QMessageBox) and box.objectName() != "exportDone",
        lambda box: (shown.append(box.text()), box.accept()),
    )
    runner = export_actions.export_signin(window, window.services, cancelled)
    assert runner is not None
    qtbot.waitUntil(lambda: bool(refused), timeout=15000)
    assert runner.outcome == "refused"
    assert "geannuleerd" in shown[0]
    assert not target.exists()


def test_cancel_in_the_progress_dialog_leaves_no_file(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, demo_path)
    drawing = threading.Event()
    go_on = threading.Event()
    real_draw = signin.draw_page

    def slow_draw(*arguments: Any) -> None:
        drawing.set()
        go_on.wait(5)
        real_draw(*arguments)

    monkeypatch.setattr(signin, "draw_page", slow_draw)
    target = tmp_path / "lijst.pdf"
    save_as(target)
    runner = export_actions.start_export(
        window, window.services, "signin", ExportScope(cohort_id=1)
    )
    finished_anyway = answer_done("Sluiten")  # only if the cancel did not work
    assert runner is not None and drawing.wait(5)
    assert runner.dialog is not None
    cancel = next(
        button for button in runner.dialog.findChildren(QPushButton) if button.text() == "Annuleren"
    )
    cancel.click()  # the user presses Annuleren
    go_on.set()
    qtbot.waitUntil(lambda: not runner.running, timeout=10000)
    assert runner.outcome == "cancelled"
    assert not finished_anyway
    assert list(tmp_path.glob("*lijst*")) == []


def test_organisation_dialog_stores_name_and_logo(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_path)
    logo = tmp_path / "logo.png"
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(0x2E5E8C)
    assert image.save(str(logo))
    broken = tmp_path / "kapot.png"
    broken.write_text("geen plaatje", encoding="utf-8")
    errors: list[str] = []

    def fill(dialog: Any) -> None:
        dialog.name.setText("Huis van de Wijk Şükran")
        dialog.logo.setText(str(broken))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        errors.append(dialog.logo_error.text())
        assert dialog.isVisible()  # refused: stays open with the reason
        dialog.logo.setText(str(logo))
        assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    ran = when_modal(named("organisationDialog"), fill)
    action(window, "editOrganisation").trigger()
    assert ran and "geen afbeelding" in errors[0]
    saved = window.services.organisation.get()
    assert (saved.name, saved.logo) == ("Huis van de Wijk Şükran", logo)


def test_the_session_page_prints_its_sign_in_sheet(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, opened: list[QUrl]
) -> None:
    window = open_window(qtbot, demo_path)
    services = window.services
    with services.db.engine.connect() as connection:
        session_id, table = connection.exec_driver_sql(
            "SELECT s.id, t.name FROM sessions s JOIN tables t ON t.id = s.table_id "
            "WHERE s.status = 'planned' ORDER BY s.date, s.id LIMIT 1"
        ).one()
    page = SessionDialog(services, session_id, window)
    qtbot.addWidget(page)
    target = tmp_path / "sessie.pdf"
    saved = save_as(target)
    done = answer_done("Map openen")
    page.findChild(QAction, "printSignin").trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    assert saved
    text = pdf_text(target)
    assert table in text
    with services.db.engine.connect() as connection:
        expected = (
            connection.exec_driver_sql(
                "SELECT p.first_name FROM memberships m JOIN people p ON p.id = m.person_id "
                "JOIN sessions s ON s.table_id = m.table_id "
                "WHERE s.id = ? AND m.role = 'participant'",
                (session_id,),
            )
            .scalars()
            .all()
        )
    assert expected and all(name in text for name in expected)
