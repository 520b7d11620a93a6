"""The main window driven offscreen: setting up the backbone through the real forms."""

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui_helpers import answer_message, click_save, when_dialog_opens
from verbindtafel_desktop.app.application import AppController
from verbindtafel_desktop.app.list_page import ListPage
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.pages.tables import TablesPage
from verbindtafel_desktop.persistence.database import open_database


def open_window(qtbot: QtBot, path: Path) -> MainWindow:
    controller = AppController()
    assert controller.open(path)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    return window


def type_into(dialog: Any, key: str, text: str) -> None:
    widget = dialog.widgets[key]
    widget.setFocus()
    if text.isascii():
        QTest.keyClicks(widget, text)
    else:  # QTest can only synthesise ASCII key presses
        widget.insert(text)


def choose(dialog: Any, key: str, text: str) -> None:
    combo = dialog.widgets[key]
    index = combo.findText(text, Qt.MatchFlag.MatchContains)
    assert index >= 0, f"{text!r} not offered in {key}"
    combo.setCurrentIndex(index)


def visible_texts(page: ListPage, column: int = 0) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def create_through_form(qtbot: QtBot, page: ListPage, fill: Any) -> None:
    def handle(dialog: Any) -> None:
        fill(dialog)
        click_save(dialog)

    ran = when_dialog_opens(handle)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert ran


def test_set_up_the_backbone_and_find_it_after_a_restart(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "centrum.sqlite"
    window = open_window(qtbot, path)

    locations = window.show_page("locations")
    assert isinstance(locations, ListPage)
    assert locations.empty_label.isVisibleTo(window)

    def fill_location(dialog: Any) -> None:
        type_into(dialog, "name", "Buurthuis De Klimop")
        type_into(dialog, "postcode", "3072ab")
        dialog.widgets["neighbourhood"].setCurrentText("Afrikaanderwijk")
        dialog.widgets["wheelchair_accessible"].setChecked(True)

    create_through_form(qtbot, locations, fill_location)
    assert visible_texts(locations) == ["Buurthuis De Klimop"]
    assert visible_texts(locations, 2) == ["Feijenoord"]  # area follows from the wijk

    cohorts = window.show_page("cohorts")
    assert isinstance(cohorts, ListPage)

    def fill_cohort(dialog: Any) -> None:
        type_into(dialog, "name", "Voorjaar 2027")
        choose(dialog, "location_id", "De Klimop")
        type_into(dialog, "start_date", "1-3-2027")
        type_into(dialog, "end_date", "30 april 2027")

    create_through_form(qtbot, cohorts, fill_cohort)
    assert visible_texts(cohorts) == ["Voorjaar 2027"]

    tables_page = window.show_page("tables")
    assert isinstance(tables_page, TablesPage)

    def fill_table(dialog: Any) -> None:
        type_into(dialog, "name", "Tafel Zonnebloem")
        choose(dialog, "cohort_id", "Voorjaar 2027")
        dialog.widgets["capacity"].setValue(6)
        choose(dialog, "meeting_weekday", "dinsdag")
        type_into(dialog, "meeting_time", "14:00")
        # After saving, the app offers to plan the sessions; that is for later here.
        when_dialog_opens(lambda box: answer_message(box, "Later"))

    create_through_form(qtbot, tables_page.list, fill_table)
    assert visible_texts(tables_page.list) == ["Tafel Zonnebloem"]

    people = window.show_page("people")
    assert isinstance(people, ListPage)

    def fill_person(dialog: Any) -> None:
        type_into(dialog, "first_name", "Ayşe")
        type_into(dialog, "last_name", "Yılmaz")
        type_into(dialog, "date_of_birth", "3-4-1950")
        type_into(dialog, "phone", "0612345678")

    create_through_form(qtbot, people, fill_person)
    assert visible_texts(people) == ["Ayşe Yılmaz"]

    # Seat her at the table through the table's detail panel.
    window.show_page("tables")
    tables_page.list.view.selectRow(0)
    detail = tables_page.detail
    assert detail.table_id is not None

    def add_member(dialog: Any) -> None:
        picker = dialog.widgets["person_id"]
        picker.setFocus()
        QTest.keyClicks(picker, "ayse")
        popup = picker.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        QTest.keyClick(popup, Qt.Key.Key_Down)
        QTest.keyClick(popup, Qt.Key.Key_Return)
        assert picker.person_id() is not None
        click_save(dialog)

    ran = when_dialog_opens(add_member)
    qtbot.mouseClick(detail.add_participant, Qt.MouseButton.LeftButton)
    assert ran
    assert [detail.members.member_at(0).name] == ["Ayşe Yılmaz"]  # type: ignore[union-attr]
    assert "1 van 6" in detail.occupancy.text()
    assert visible_texts(tables_page.list, 5) == ["1 / 6"]
    window.close()

    # Restart on the same file: everything is still there.
    again = open_window(qtbot, path)
    people_again = again.show_page("people")
    assert isinstance(people_again, ListPage)
    assert visible_texts(people_again) == ["Ayşe Yılmaz"]
    assert visible_texts(people_again, 7) == ["Tafel Zonnebloem"]
    tables_again = again.show_page("tables")
    assert isinstance(tables_again, TablesPage)
    assert visible_texts(tables_again.list, 3) == ["dinsdag"]
    again.close()


def test_invalid_input_shows_the_reason_next_to_the_field_and_saves_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, tmp_path / "leeg.sqlite")
    people = window.show_page("people")
    assert isinstance(people, ListPage)
    seen: dict[str, str] = {}

    def fill_badly(dialog: Any) -> None:
        type_into(dialog, "last_name", "Jansen")
        type_into(dialog, "email", "jansen@")
        type_into(dialog, "phone", "123")
        type_into(dialog, "date_of_birth", "12-05-2099")
        click_save(dialog)
        for key in ("first_name", "email", "phone", "date_of_birth"):
            label = dialog.error_labels[key]
            assert label.isVisibleTo(dialog), key
            seen[key] = label.text()
        assert dialog.isVisible()  # the form stays open
        type_into(dialog, "postcode", "99999")
        dialog.reject()

    ran = when_dialog_opens(fill_badly)
    qtbot.mouseClick(people.new_button, Qt.MouseButton.LeftButton)
    assert ran
    assert "voornaam" in seen["first_name"].lower()
    assert "e-mail" in seen["email"].lower()
    assert "10 cijfers" in seen["phone"]
    assert "toekomst" in seen["date_of_birth"]
    assert people.model.rowCount() == 0
    with window.services.db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM people").scalar() == 0

    unreadable: dict[str, str] = {}

    def unreadable_date(dialog: Any) -> None:
        type_into(dialog, "first_name", "Piet")
        type_into(dialog, "date_of_birth", "31-02-1950")
        click_save(dialog)
        unreadable["text"] = dialog.error_labels["date_of_birth"].text()
        dialog.reject()

    ran = when_dialog_opens(unreadable_date)
    qtbot.mouseClick(people.new_button, Qt.MouseButton.LeftButton)
    assert ran
    assert "bestaat niet" in unreadable["text"]
    assert people.model.rowCount() == 0
    window.close()


def test_removing_a_used_location_offers_to_archive_it(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    locations = window.show_page("locations")
    assert isinstance(locations, ListPage)
    before = visible_texts(locations)
    locations.view.selectRow(0)
    messages: list[str] = []

    def confirm(box: Any) -> None:
        messages.append(box.text())
        when_dialog_opens(refusal)
        box.button(QMessageBox.StandardButton.Yes).click()

    def refusal(box: Any) -> None:
        messages.append(box.text())
        answer_message(box, "Archiveren")

    ran = when_dialog_opens(confirm)
    window.activateWindow()
    locations.view.setFocus()
    qtbot.waitUntil(locations.view.hasFocus)
    QTest.keyClick(locations.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(messages) == 2)
    assert ran
    assert "wilt verwijderen" in messages[0]
    assert "lichting" in messages[1]
    assert visible_texts(locations) == before[1:]
    locations.show_archived.setChecked(True)
    assert visible_texts(locations) == before
    window.close()


def test_search_filters_as_you_type(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    people = window.show_page("people")
    assert isinstance(people, ListPage)
    total = people.model.rowCount()
    assert total > 60
    name = visible_texts(people)[3]
    QTest.keyClicks(people.search, name.split()[0][:4])
    qtbot.waitUntil(lambda: people.model.rowCount() < total)
    assert name in visible_texts(people)
    table_filter = people.filter_boxes["table_id"]
    table_filter.setCurrentIndex(1)
    people.search.clear()
    qtbot.waitUntil(lambda: 0 < people.model.rowCount() <= 9)
    window.close()


def test_second_instance_is_refused_with_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "dubbel.sqlite"
    holder = open_database(path)
    try:
        shown: list[str] = []

        def read_and_close(box: Any) -> None:
            shown.append(box.text())
            box.accept()

        ran = when_dialog_opens(read_and_close)
        assert not AppController().open(path)
        assert ran
        assert "al geopend" in shown[0]
    finally:
        holder.close()
    assert QApplication.activeModalWidget() is None


@pytest.fixture(autouse=True)
def no_leftover_dialogs() -> Any:
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.isModal():
            widget.close()
