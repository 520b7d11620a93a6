"""Outcomes in the real window, offscreen: the measurement form on the person page, the
activities register, and the period report made through the worker."""

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.export_world import data_rows, pdf_text, workbook
from tests.gui_helpers import click_save, when_dialog_opens
from tests.relay_helpers import open_window
from tests.test_gui_exports import action, answer_done, choose, named, save_as, when_modal
from verbindtafel_desktop.app import export_actions
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.outcomes.measurement_dialog import MeasurementDialog
from verbindtafel_desktop.app.outcomes.measurements_tab import MeasurementsTab
from verbindtafel_desktop.app.pages.activities import ActivitiesPage
from verbindtafel_desktop.app.person.dialog import PersonDialog, open_person_dialog
from verbindtafel_desktop.app.worker import JobRunner


def safely(handle: Callable[[Any], None]) -> Callable[[Any], None]:
    """Close the dialog when the handler fails, so the test fails instead of hanging."""

    def run(dialog: Any) -> None:
        try:
            handle(dialog)
        except BaseException:
            dialog.reject()
            raise

    return run


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def finished_participant(path: Path) -> int:
    """Someone of the finished cohort with a T0 and a T1."""
    return int(rows(path, "SELECT min(person_id) FROM measurements WHERE moment = 'T1'")[0][0])


def measurements_tab(window: MainWindow, person: int) -> tuple[PersonDialog, MeasurementsTab]:
    page = open_person_dialog(window, window.services, window.bus, person)
    tab = page.tab_pages["measurements"]
    assert isinstance(tab, MeasurementsTab)
    page.tabs.setCurrentWidget(tab)
    return page, tab


def table_texts(tab: MeasurementsTab) -> list[tuple[str, ...]]:
    model = tab.measurements
    return [
        tuple(model.data(model.index(row, column)) for column in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def test_a_measurement_typed_with_the_keyboard_shows_its_score_and_is_stored(
    qtbot: QtBot, demo_path: Path
) -> None:
    window = open_window(qtbot, demo_path)
    person = finished_participant(demo_path)
    page, tab = measurements_tab(window, person)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Metingen"
    assert [texts[0] for texts in table_texts(tab)] == ["T0 – beginmeting", "T1 – eindmeting"]
    scores: list[str] = []
    focus: list[Any] = []
    chosen: list[int] = []

    ran_rows: list[Any] = []

    def fill(dialog: MeasurementDialog) -> None:
        ran_rows.extend(dialog.rows)
        assert dialog.moment.currentData() == "T2"  # T0 and T1 are there already
        assert dialog.contacts_box.isEnabled()
        dialog.taken_on.setText("20-11-2026")
        scores.append(dialog.score.text())
        dialog.rows[0].setFocus()
        for key in [Qt.Key.Key_J, Qt.Key.Key_N, Qt.Key.Key_N, Qt.Key.Key_M]:
            # Typed where the focus is: each answer moves on to the next statement.
            QTest.keyClick(dialog.focusWidget(), key)
            focus.append(dialog.focusWidget())
        QTest.keyClick(dialog.rows[4], Qt.Key.Key_2)  # 2 is "min of meer" too
        scores.append(dialog.score.text())
        QTest.keyClick(dialog.rows[5], Qt.Key.Key_N)
        scores.append(dialog.score.text())
        dialog.network.setValue(7)
        for index in (0, 2):
            entry = dialog.contacts.item(index)
            entry.setCheckState(Qt.CheckState.Checked)
            chosen.append(entry.data(Qt.ItemDataRole.UserRole))
        click_save(dialog)

    ran = when_dialog_opens(safely(fill))
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert ran
    assert scores == [
        "Nog 6 vragen open: zonder alle zes antwoorden krijgt de meting geen score.",
        "Nog 1 vraag open: zonder alle zes antwoorden krijgt de meting geen score.",
        "Score 5 van 6: sterk eenzaam (emotioneel 2 van 3, sociaal 3 van 3)",
    ]
    assert focus[:3] == [ran_rows[1], ran_rows[2], ran_rows[3]]
    stored = rows(
        demo_path,
        f"""SELECT moment, taken_on, item_1, item_2, item_3, item_4, item_5, item_6,
                   network_size FROM measurements WHERE person_id = {person} AND moment = 'T2'""",
    )
    assert stored == [
        ("T2", "2026-11-20", "ja", "nee", "nee", "min of meer", "min of meer", "nee", 7)
    ]
    contacts = rows(
        demo_path,
        f"SELECT contact_id FROM lasting_contacts WHERE person_id = {person} AND moment = 'T2'",
    )
    assert sorted(contact for (contact,) in contacts) == sorted(chosen)
    shown = table_texts(tab)[-1]
    assert shown[:6] == ("T2 – follow-up", "20-11-2026", "5", "sterk eenzaam", "7", "2")
    page.close()


def test_a_wrong_date_is_shown_next_to_the_field_and_nothing_is_saved(
    qtbot: QtBot, demo_path: Path
) -> None:
    window = open_window(qtbot, demo_path)
    person = finished_participant(demo_path)
    page, tab = measurements_tab(window, person)
    before = rows(demo_path, "SELECT count(*) FROM measurements")
    messages: list[str] = []

    def fill(dialog: MeasurementDialog) -> None:
        dialog.taken_on.setText("31-02-2026")
        click_save(dialog)
        messages.append(dialog.error_labels["taken_on"].text())
        assert dialog.isVisible()
        dialog.taken_on.setText("1-1-2099")
        click_save(dialog)
        messages.append(dialog.error_labels["taken_on"].text())
        assert dialog.isVisible() and dialog.summary.isVisible()
        dialog.reject()

    ran = when_dialog_opens(safely(fill))
    tab.new_measurement()
    assert ran
    assert messages == ["Deze datum bestaat niet.", "Een meting kan niet in de toekomst liggen."]
    assert rows(demo_path, "SELECT count(*) FROM measurements") == before
    page.close()


def test_change_and_remove_a_measurement(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    person = finished_participant(demo_path)
    page, tab = measurements_tab(window, person)
    end = int(
        rows(
            demo_path,
            f"SELECT id FROM measurements WHERE person_id = {person} AND moment = 'T1'",
        )[0][0]
    )

    def change(dialog: MeasurementDialog) -> None:
        assert dialog.moment.currentData() == "T1"
        QTest.keyClick(dialog.rows[2], Qt.Key.Key_Backspace)  # leave statement 3 open
        assert "Nog 1 vraag open" in dialog.score.text()
        click_save(dialog)

    ran = when_dialog_opens(safely(change))
    tab.edit_measurement(end)
    assert ran
    assert rows(demo_path, f"SELECT item_3 FROM measurements WHERE id = {end}") == [(None,)]
    [t1] = [texts for texts in table_texts(tab) if texts[0] == "T1 – eindmeting"]
    assert t1[2:4] == ("", "onvolledig")

    def confirm(box: QMessageBox) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()

    confirmed = when_dialog_opens(confirm)
    tab.remove_measurement(end)
    assert confirmed
    assert rows(demo_path, f"SELECT count(*) FROM measurements WHERE id = {end}") == [(0,)]
    assert [texts[0] for texts in table_texts(tab)] == ["T0 – beginmeting"]
    page.close()


def test_activities_register_and_who_joined(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    page = window.show_page("activities")
    assert isinstance(page, ActivitiesPage)
    assert page.list.model.rowCount() == rows(demo_path, "SELECT count(*) FROM activities")[0][0]
    starter = finished_participant(demo_path)

    def new_activity(dialog: Any) -> None:
        dialog.widgets["name"].setText("Fietsclub Zuid")
        choose(dialog.widgets["kind"], "eigen activiteit")
        assert dialog.widgets["started_by_id"].isEnabled()
        dialog.widgets["started_by_id"].set_person_id(starter)
        dialog.widgets["category"].setText("bewegen")
        click_save(dialog)

    ran = when_dialog_opens(safely(new_activity))
    qtbot.mouseClick(page.list.new_button, Qt.MouseButton.LeftButton)
    assert ran
    [(activity, kind, started_by)] = rows(
        demo_path, "SELECT id, kind, started_by_id FROM activities WHERE name = 'Fietsclub Zuid'"
    )
    assert (kind, started_by) == ("own", starter)
    assert page.list.selected_id() == activity
    assert page.detail.add_button.isEnabled()
    joiner = int(rows(demo_path, "SELECT min(person_id) FROM measurements")[0][0])

    def join(dialog: Any) -> None:
        dialog.widgets["person_id"].set_person_id(joiner)
        dialog.widgets["joined_on"].setText("1-10-2026")
        choose(dialog.widgets["still_going"], "ja")
        click_save(dialog)

    ran = when_dialog_opens(safely(join))
    qtbot.mouseClick(page.detail.add_button, Qt.MouseButton.LeftButton)
    assert ran
    assert rows(
        demo_path,
        f"SELECT person_id, joined_on, still_going FROM activity_participations "
        f"WHERE activity_id = {activity}",
    ) == [(joiner, "2026-10-01", 1)]
    model = page.detail.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 2)) == "ja"
    assert "1 deelnemer(s), van wie 1" in page.detail.heading.text()
    row = page.list.model.row_data(page.list.model.row_of(activity) or 0)
    assert row is not None and row["participant_count"] == 1

    # The same participation on the person's page.
    person_page, tab = measurements_tab(window, joiner)
    activities = tab.participations
    names = [activities.data(activities.index(r, 0)) for r in range(activities.rowCount())]
    assert "Fietsclub Zuid" in names
    person_page.close()


def test_joining_an_activity_from_the_person_page(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    person = finished_participant(demo_path)
    page, tab = measurements_tab(window, person)
    before = tab.participations.rowCount()

    def join(dialog: Any) -> None:
        choose(dialog.widgets["activity_id"], "Popkoor PLUS!")
        click_save(dialog)

    ran = when_dialog_opens(safely(join))
    qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
    assert ran
    assert tab.participations.rowCount() == before + 1
    assert rows(
        demo_path,
        f"""SELECT a.name, p.still_going FROM activity_participations p
            JOIN activities a ON a.id = p.activity_id
            WHERE p.person_id = {person} AND a.name = 'Popkoor PLUS!'""",
    ) == [("Popkoor PLUS!", None)]
    page.close()


@pytest.fixture
def no_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_actions, "open_url", lambda url: True)


@pytest.mark.usefixtures("no_desktop")
def test_the_period_report_from_the_menu_through_the_worker(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_path)
    target = tmp_path / "rapportage.pdf"
    periods: list[tuple[str, str]] = []

    def fill(dialog: Any) -> None:
        choose(dialog.widgets["funder_id"], "Gemeente Rotterdam")
        periods.append((dialog.widgets["period_start"].text(), dialog.widgets["period_end"].text()))
        choose(dialog.widgets["location_id"], "Wijkcentrum Het Klooster")
        cohorts = dialog.widgets["cohort_id"]
        offered = [cohorts.itemText(i) for i in range(1, cohorts.count())]
        assert offered and all("Wijkcentrum Het Klooster" in text for text in offered)
        dialog.widgets["minimum_count"].setValue(6)
        dialog.widgets["session_hours"].setText("3")
        save_as(target)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    asked = when_modal(named("reportScopeDialog"), safely(fill))
    done = answer_done("Sluiten")
    action(window, "export_report").trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    assert asked and periods == [("01-01-2026", "31-12-2026")]
    runner = window.findChildren(JobRunner)[-1]
    assert runner.outcome == "done"
    text = pdf_text(target)
    assert "1 januari 2026 t/m 31 december 2026 · locatie Wijkcentrum Het Klooster" in text
    assert "Voor Gemeente Rotterdam" in text
    assert "'<6'" in text  # the threshold that was chosen
    # The worker drew the relay picture for the PDF.
    pictures = [page for page in PdfReader(target).pages if page.images]
    assert len(pictures) == 1 and "De estafette in beeld" in pictures[0].extract_text()
    settings = dict(
        rows(demo_path, "SELECT key, value FROM app_settings WHERE key LIKE 'report_%'")
    )
    assert settings == {"report_minimum_count": "6", "report_session_hours": "3"}


@pytest.mark.usefixtures("no_desktop")
def test_the_report_form_refuses_a_period_that_ends_before_it_starts(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_path)
    errors: list[str] = []
    target = tmp_path / "rapportage.xlsx"

    def fill(dialog: Any) -> None:
        dialog.widgets["period_start"].setText("1-7-2026")
        dialog.widgets["period_end"].setText("30-6-2026")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        errors.append(dialog.error_labels["period_end"].text())
        dialog.widgets["session_hours"].setText("twee")
        dialog.widgets["period_end"].setText("31-12-2026")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        errors.append(dialog.error_labels["session_hours"].text())
        dialog.widgets["session_hours"].setText("2,5")
        save_as(target)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    asked = when_modal(named("reportScopeDialog"), safely(fill))
    done = answer_done("Sluiten")
    action(window, "export_report").trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    assert asked
    assert errors == [
        "De periode eindigt vóór zij begint.",
        "Vul een aantal uren in, bijvoorbeeld 2,5.",
    ]
    book = workbook(target)
    assert "1 juli 2026 t/m 31 december 2026" in book["Samenvatting"]["A2"].value
    assert data_rows(book["Estafette"])


def test_the_activity_lists_are_proper_models(
    qtbot: QtBot, demo_path: Path, qtmodeltester: Any
) -> None:
    window = open_window(qtbot, demo_path)
    page = window.show_page("activities")
    assert isinstance(page, ActivitiesPage)
    qtmodeltester.check(page.list.model)
    busiest = max(
        range(page.list.model.rowCount()),
        key=lambda row: (page.list.model.row_data(row) or {}).get("participant_count") or 0,
    )
    page.list.view.selectRow(busiest)
    assert page.detail.model.rowCount() >= 1
    qtmodeltester.check(page.detail.model)
    # Sorting by a computed column happens in SQL.
    page.list.view.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: page.list.model.query.sort_key == "participant_count")
    counts = [
        (page.list.model.row_data(row) or {}).get("participant_count")
        for row in range(page.list.model.rowCount())
    ]
    assert counts == sorted(counts, reverse=True)
