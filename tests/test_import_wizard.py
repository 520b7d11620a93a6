"""The import wizard driven offscreen from the file choice to the report."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from tests.gui_helpers import when_modal
from tests.import_files import messy_workbook, workbook_with_rows
from verbindtafel_desktop.app.application import AppController
from verbindtafel_desktop.app.list_page import ListPage
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.people_import.preview_model import PreviewModel
from verbindtafel_desktop.app.people_import.wizard import ImportWizard
from verbindtafel_desktop.importing.preview import Choice, RowStatus
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.registry import Services


def when_message_box(handle: Callable[[QMessageBox], Any]) -> list[bool]:
    """Handle the next message box (the wizard itself is modal too, so wait for the box)."""
    return when_modal(lambda widget: isinstance(widget, QMessageBox), handle)


def open_window(qtbot: QtBot, path: Path) -> MainWindow:
    controller = AppController()
    assert controller.open(path)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    return window


def prepare_database(path: Path) -> int:
    """A table with two seats and Anna Bakker, who is in the file too."""
    db = open_database(path)
    services = Services.for_database(db)
    location = services.locations.save({"name": "Buurthuis De Klimop"})
    cohort = services.cohorts.save(
        {"name": "Voorjaar 2026", "location_id": location, "start_date": dt.date(2026, 3, 1)}
    )
    table = services.tables.save({"name": "Tafel Zon", "cohort_id": cohort, "capacity": 2})
    services.people.save({"first_name": "Anna", "last_name": "Bakker", "phone": "06-11112222"})
    db.close()
    return table


def wait_for_work(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.busy, timeout=10_000)


def next_page(qtbot: QtBot, wizard: ImportWizard) -> None:
    before = wizard.currentId()
    forward = wizard.button(QWizard.WizardButton.NextButton)
    if not forward.isVisible():
        forward = wizard.button(QWizard.WizardButton.CommitButton)
    forward.click()
    wait_for_work(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() != before, timeout=10_000)


def open_wizard(qtbot: QtBot, window: MainWindow) -> ImportWizard:
    people = window.show_page("people")
    assert isinstance(people, ListPage)
    button = people.findChild(type(people.new_button), "importPeople")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    shown = [wizard for wizard in window.findChildren(ImportWizard) if wizard.isVisible()]
    assert len(shown) == 1
    return shown[0]


def test_from_file_choice_to_report(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "centrum.sqlite"
    table = prepare_database(database)
    source = workbook_with_rows(
        tmp_path / "aanmeldingen.xlsx",
        ["Voornaam", "Achternaam", "Geboortedatum", "Mobiel", "Lievelingskleur", "Opmerking"],
        [
            ["Anna", "Bakker", None, None, "rood", "=cmd|' /C calc'!A0"],
            ["Şükrü", "Öztürk", "2-11-1946", "0612345678", "blauw", None],
            ["Bo", "van der Berg", "1-1-1950", None, "groen", None],
            ["Piet", "Jansen", "31-02-1950", None, "geel", None],
            ["Cas", "de Wit", None, None, None, None],
        ],
    )
    window = open_window(qtbot, database)
    wizard = open_wizard(qtbot, window)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args, **_kw: (str(source), ""))
    )
    browse = wizard.file_page.findChild(QPushButton, "browse")
    assert browse is not None
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path.text() == str(source)
    next_page(qtbot, wizard)

    # Columns: recognised, and the user leaves the notes out.
    assert wizard.currentPage() is wizard.mapping_page
    layout = wizard.sheet_layout
    assert layout is not None
    assert layout.mapping == {0: "first_name", 1: "last_name", 2: "date_of_birth", 3: "phone",
                              5: "notes"}  # fmt: skip
    notes_box = wizard.mapping_page.field_box(5)
    notes_box.setCurrentIndex(0)
    assert 5 not in layout.mapping
    first_name_box = wizard.mapping_page.field_box(0)
    first_name_box.setCurrentIndex(0)  # no name column: the wizard says so and waits
    assert wizard.mapping_page.problem.isVisibleTo(wizard)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    first_name_box.setCurrentIndex(first_name_box.findData("first_name"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    next_page(qtbot, wizard)

    # Preview: Anna is probably already there; merge her and seat everyone at the table.
    page = wizard.preview_page
    assert wizard.currentPage() is page
    preview = wizard.preview
    assert preview is not None
    assert preview.counts() == {RowStatus.NEW: 3, RowStatus.DUPLICATE: 1, RowStatus.INVALID: 1}
    page.show_only.setCurrentIndex(page.show_only.findData(RowStatus.DUPLICATE.value))
    assert page.proxy.rowCount() == 1
    page.view.selectRow(0)
    assert page.compare.item(0, 1).text() == "Anna"
    assert page.compare.item(0, 2).text() == "Anna"
    assert "Anna Bakker" in page.match_label.text()
    assert not page.choice_radios[Choice.MERGE].isChecked()
    assert page.choice_radios[Choice.SKIP].isChecked()
    assert page.choice_radios[Choice.ADD].text().replace("&", "") == "Toch toevoegen"
    page.choice_radios[Choice.MERGE].click()
    assert preview.rows[0].choice == Choice.MERGE
    page.show_only.setCurrentIndex(0)
    page.assign_to.setCurrentIndex(page.assign_to.findData(f"table:{table}"))
    assert preview.assignment is not None and preview.assignment.table_id == table
    unseated = [row for row in preview.rows if row.seat_problem]
    assert [row.line for row in unseated] == [4, 6]  # two seats: Anna and Şükrü get them
    assert "vol" in page.summary.text() or "niet in te delen: 2" in page.summary.text()
    model = page.model
    assert isinstance(model, PreviewModel)
    next_page(qtbot, wizard)

    # Done: the people are there, the page shows them, the report holds the rest.
    assert wizard.currentPage() is wizard.done_page
    assert "3 personen toegevoegd, 1 samengevoegd, 1 regel overgeslagen" in (
        wizard.done_page.outcome.text()
    )
    people = window.show_page("people")
    assert isinstance(people, ListPage)
    names = [
        people.model.data(people.model.index(row, 0)) for row in range(people.model.rowCount())
    ]
    assert names == ["Anna Bakker", "Bo van der Berg", "Cas de Wit", "Şükrü Öztürk"]
    members = window.services.memberships.members(table)
    assert sorted(member.name for member in members) == ["Anna Bakker", "Şükrü Öztürk"]

    report = tmp_path / "rapport.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kw: (str(report), ""))
    )
    qtbot.mouseClick(wizard.done_page.report_button, Qt.MouseButton.LeftButton)
    wait_for_work(qtbot, wizard)
    assert str(report) in wizard.done_page.report_saved.text()
    workbook = load_workbook(report)
    skipped = list(workbook["Overgeslagen"].iter_rows(values_only=True))
    assert skipped[0][:3] == ("Regel", "Reden", "Voornaam")
    assert [row[0] for row in skipped[1:]] == [5]
    assert "Geboortedatum: Deze datum bestaat niet." in skipped[1][1]
    unseated_rows = list(workbook["Niet ingedeeld"].iter_rows(values_only=True))
    assert [row[:2] for row in unseated_rows[1:]] == [(4, "Bo van der Berg"), (6, "Cas de Wit")]
    wizard.button(QWizard.WizardButton.FinishButton).click()
    window.close()


def test_a_refused_file_keeps_the_wizard_on_the_file_page(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "centrum.sqlite"
    prepare_database(database)
    window = open_window(qtbot, database)
    wizard = open_wizard(qtbot, window)
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    wizard.file_page.path.setText(str(empty))
    shown: list[str] = []
    ran = when_message_box(lambda box: (shown.append(box.text()), box.accept()))
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: bool(ran) and not wizard.busy, timeout=10_000)
    assert wizard.currentPage() is wizard.file_page
    assert shown and "leeg" in shown[0]
    wizard.reject()
    window.close()


def test_cancelling_the_import_writes_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "centrum.sqlite"
    prepare_database(database)
    window = open_window(qtbot, database)
    wizard = open_wizard(qtbot, window)
    wizard.file_page.path.setText(str(messy_workbook(tmp_path / "deelnemers.xlsx")))
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page
    importer = window.services.people_import
    real_commit = importer.commit

    def commit_then_cancel(preview: Any, progress: Any) -> Any:
        progress.cancel()  # as the Annuleren button of the progress dialog does
        return real_commit(preview, progress)

    monkeypatch.setattr(importer, "commit", commit_then_cancel)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    wait_for_work(qtbot, wizard)
    assert wizard.runner is not None and wizard.runner.outcome == "cancelled"
    assert wizard.currentPage() is wizard.preview_page
    with window.services.db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM people").scalar() == 1
    wizard.reject()
    window.close()


def test_the_file_menu_opens_the_wizard(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "leeg.sqlite")
    action = next(
        action
        for action in window.menuBar().actions()[0].menu().actions()  # type: ignore[union-attr]
        if action.objectName() == "importPeopleAction"
    )
    assert action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.reject()
    window.close()


def test_preview_model_is_a_proper_qt_model(
    qtbot: QtBot, tmp_path: Path, qtmodeltester: Any
) -> None:
    database = tmp_path / "centrum.sqlite"
    prepare_database(database)
    db = open_database(database)
    services = Services.for_database(db)
    layout = services.people_import.read(messy_workbook(tmp_path / "deelnemers.xlsx"))
    model = PreviewModel()
    model.set_preview(services.people_import.preview(layout))
    qtmodeltester.check(model)
    db.close()


def test_a_mapping_made_by_hand_is_saved_and_reused(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = ["Lidnr", "Wie", "Mob"]
    source = workbook_with_rows(tmp_path / "leden.xlsx", headers, [[1, "Anna", "0612345678"]])
    window = open_window(qtbot, tmp_path / "leeg.sqlite")
    wizard = open_wizard(qtbot, window)
    wizard.file_page.path.setText(str(source))
    next_page(qtbot, wizard)
    page = wizard.mapping_page
    assert "Geen bekende kolommen" in page.problem.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.field_box(1).setCurrentIndex(page.field_box(1).findData("first_name"))
    page.field_box(2).setCurrentIndex(page.field_box(2).findData("phone"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    saved = tmp_path / "koppeling.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kw: (str(saved), ""))
    )
    qtbot.mouseClick(page.findChild(QPushButton, "saveMapping"), Qt.MouseButton.LeftButton)
    assert saved.exists()
    wizard.reject()

    again = open_wizard(qtbot, window)
    again.file_page.path.setText(str(source))
    next_page(qtbot, again)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args, **_kw: (str(saved), ""))
    )
    page = again.mapping_page
    qtbot.mouseClick(page.findChild(QPushButton, "loadMapping"), Qt.MouseButton.LeftButton)
    assert again.sheet_layout is not None
    assert again.sheet_layout.mapping == {1: "first_name", 2: "phone"}
    assert page.field_box(2).currentData() == "phone"
    next_page(qtbot, again)
    assert again.preview is not None and again.preview.rows[0].values["phone"] == "06-12345678"
    again.reject()
    window.close()
