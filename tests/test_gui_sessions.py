"""Sessions and attendance driven through the real window and dialogs, offscreen."""

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import DEMO_TODAY
from tests.gui_helpers import answer_message, click_save, when_dialog_opens
from verbindtafel_desktop.app.application import AppController
from verbindtafel_desktop.app.attendance_grid import FIXED_COLUMNS, AttendanceGridModel
from verbindtafel_desktop.app.card_model import CardListModel
from verbindtafel_desktop.app.card_pixmaps import CardPixmaps
from verbindtafel_desktop.app.follow_up_model import FollowUpModel
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.pages.agenda import AgendaPage
from verbindtafel_desktop.app.pages.card_decks import CardDecksPage
from verbindtafel_desktop.app.pages.dashboard import CohortProgressModel, DashboardPage
from verbindtafel_desktop.app.pages.programme import ProgrammePage
from verbindtafel_desktop.app.pages.tables import TablesPage
from verbindtafel_desktop.app.pages.trajectory import TrajectoryPage
from verbindtafel_desktop.app.rows_model import RowsModel, TextRow
from verbindtafel_desktop.app.session_dialog import MeaningDialog, SessionDialog
from verbindtafel_desktop.app.session_list_model import SessionListModel
from verbindtafel_desktop.app.take_attendance import TakeAttendanceDialog
from verbindtafel_desktop.domain.enums import MembershipRole, SessionStatus
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.registry import Services


def open_window(qtbot: QtBot, path: Path) -> MainWindow:
    controller = AppController()
    assert controller.open(path)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    return window


def rows(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def planned_table(path: Path) -> tuple[int, list[int], list[int]]:
    """A table with a facilitator, three participants and 5 planned sessions."""
    db = open_database(path)
    try:
        services = Services.for_database(db)
        location = services.locations.save({"name": "Buurthuis De Klimop"})
        cohort = services.cohorts.save(
            {"name": "Voorjaar 2027", "location_id": location, "start_date": dt.date(2027, 3, 1)}
        )
        table = services.tables.save(
            {"name": "Tafel Zonnebloem", "cohort_id": cohort, "meeting_weekday": 1}
        )
        facilitator = services.people.save({"first_name": "Bea", "last_name": "Bakker"})
        services.memberships.add(table, facilitator, MembershipRole.FACILITATOR)
        people = []
        for name in ("Ayşe", "Piet", "Fatima"):
            person = services.people.save(
                {"first_name": name, "last_name": "Jansen", "phone": "0612345678"}
            )
            services.memberships.add(table, person)
            people.append(person)
        proposal = services.planning.propose(table, dt.date(2027, 3, 2))
        sessions = services.planning.plan(table, {p.number: p.date for p in proposal.sessions})
    finally:
        db.close()
    return table, people, sessions


def status_of(path: Path, session_id: int, person_id: int) -> str | None:
    found = rows(
        path,
        "SELECT status FROM attendance WHERE session_id = ? AND person_id = ?",
        session_id,
        person_id,
    )
    return found[0][0] if found else None


def test_the_dashboard_is_the_start_screen(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    assert window.stack.currentWidget() is window.pages["dashboard"]
    assert window.nav.item(0).text() == "Overzicht"
    window.close()


def test_attendance_grid_by_keyboard_is_saved_and_survives_a_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "grid.sqlite"
    table, people, sessions = planned_table(path)
    window = open_window(qtbot, path)
    window.bus.request_show("trajectory", ("attendance", table))
    page = window.stack.currentWidget()
    assert isinstance(page, TrajectoryPage)
    assert page.tabs.currentIndex() == 1
    grid, model = page.grid, page.grid_model
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert names == ["Bea Bakker", "Ayşe Jansen", "Fatima Jansen", "Piet Jansen"]

    grid.setFocus()
    grid.setCurrentIndex(model.index(1, FIXED_COLUMNS))  # Ayşe, session 1
    QTest.keyClick(grid, Qt.Key.Key_A)  # aanwezig, and down to Fatima
    assert grid.currentIndex().row() == 2
    QTest.keyClick(grid, Qt.Key.Key_W)  # Fatima afwezig
    QTest.keyClick(grid, Qt.Key.Key_3)  # Piet afgemeld
    QTest.keyClick(grid, Qt.Key.Key_Up)
    QTest.keyClick(grid, Qt.Key.Key_Up)
    QTest.keyClick(grid, Qt.Key.Key_Right)  # Ayşe, session 2
    QTest.keyClick(grid, Qt.Key.Key_M)  # and down to Fatima, session 2
    QTest.keyClick(grid, Qt.Key.Key_Delete)  # clearing an empty cell is harmless

    ayse, piet, fatima = people
    assert status_of(path, sessions[0], ayse) == "present"
    assert status_of(path, sessions[0], fatima) == "absent"
    assert status_of(path, sessions[0], piet) == "excused"
    assert status_of(path, sessions[1], ayse) == "excused"
    assert rows(path, "SELECT status FROM sessions WHERE id = ?", sessions[0]) == [("held",)]
    assert model.index(1, FIXED_COLUMNS).data() == "aanwezig"
    assert "gehouden" in str(
        model.headerData(FIXED_COLUMNS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    )

    # Delete clears a recorded cell again.
    grid.setCurrentIndex(model.index(2, FIXED_COLUMNS))
    QTest.keyClick(grid, Qt.Key.Key_Delete)
    assert status_of(path, sessions[0], fatima) is None
    QTest.keyClick(grid, Qt.Key.Key_Up)
    QTest.keyClick(grid, Qt.Key.Key_2)
    assert status_of(path, sessions[0], fatima) == "absent"
    window.close()

    again = open_window(qtbot, path)
    page = again.show_page("trajectory")
    assert isinstance(page, TrajectoryPage)
    page.show_item(("attendance", table))
    model = page.grid_model
    assert [model.index(row, FIXED_COLUMNS).data() for row in range(1, 4)] == [
        "aanwezig",
        "afwezig",
        "afgemeld",
    ]
    assert model.index(1, FIXED_COLUMNS + 1).data() == "afgemeld"
    again.close()


def test_a_cancelled_session_column_refuses_attendance_with_a_message(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "cancelled.sqlite"
    table, people, sessions = planned_table(path)
    db = open_database(path)
    Services.for_database(db).sessions.cancel(sessions[2], "Buurthuis dicht")
    db.close()
    window = open_window(qtbot, path)
    page = window.show_page("trajectory")
    assert isinstance(page, TrajectoryPage)
    page.show_item(("attendance", table))
    messages: list[str] = []

    def read(box: Any) -> None:
        messages.append(box.text())
        box.accept()

    ran = when_dialog_opens(read)
    page.grid.setCurrentIndex(page.grid_model.index(1, FIXED_COLUMNS + 2))
    QTest.keyClick(page.grid, Qt.Key.Key_A)
    assert ran and "geannuleerd" in messages[0]
    assert status_of(path, sessions[2], people[0]) is None
    window.close()


def test_grid_and_list_models_pass_the_model_tester(
    qapp: QApplication, qtmodeltester: Any, demo_db: Any
) -> None:
    services = Services.for_database(demo_db)
    table = services.dashboard.figures(DEMO_TODAY).week_sessions[0].table_id
    grid = AttendanceGridModel(services)
    grid.load(table)
    qtmodeltester.check(grid)
    sessions = SessionListModel(["date", "table", "session", "status", "present"])
    infos = services.sessions.of_table(table)
    sessions.set_sessions(infos, services.sessions.counts([s.session_id for s in infos]))
    qtmodeltester.check(sessions)
    cards = CardListModel(CardPixmaps(), checkable=True)
    cards.set_cards(services.cards.cards(services.cards.decks()[0].deck_id), [1, 2])
    qtmodeltester.check(cards)
    figures = services.dashboard.figures(DEMO_TODAY)
    follow_ups = FollowUpModel()
    follow_ups.set_rows(figures.follow_ups)
    qtmodeltester.check(follow_ups)
    cohorts = CohortProgressModel()
    cohorts.set_rows(figures.cohorts)
    qtmodeltester.check(cohorts)
    steps = RowsModel(["Nr", "Titel"])
    steps.set_rows(
        [
            TextRow(step.number, (str(step.number), step.title))
            for step in services.programme.steps()
        ]
    )
    qtmodeltester.check(steps)


def test_take_attendance_now_with_a_walk_in_guest(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "now.sqlite"
    table, people, sessions = planned_table(path)
    window = open_window(qtbot, path)
    page = window.show_page("trajectory")
    assert isinstance(page, TrajectoryPage)
    page.show_item(table)
    page.today = lambda: dt.date(2027, 3, 23)  # the day of session 4

    def take(dialog: Any) -> None:
        assert isinstance(dialog, TakeAttendanceDialog)
        assert dialog.session_id == sessions[3]
        ayse = dialog.line_of(people[0])
        assert ayse is not None
        ayse.present.click()
        piet = dialog.line_of(people[1])
        assert piet is not None
        piet.excused.click()

        def guest_form(form: Any) -> None:
            combo = form.widgets["inviter_id"]
            combo.setCurrentIndex(combo.findText("Ayşe Jansen"))
            form.widgets["first_name"].setText("Gül")
            form.widgets["last_name"].setText("Demir")
            form.widgets["phone"].setText("06 1111 2222")
            click_save(form)

        ran_form = when_dialog_opens(guest_form)
        qtbot.mouseClick(dialog.guest_button, Qt.MouseButton.LeftButton)
        assert ran_form
        guest = [line for line in dialog.lines if "Gül Demir" in line.present.text()]
        assert guest and guest[0].present.isChecked()
        assert "uitgenodigd door Ayşe Jansen" in guest[0].present.text()

        ran_finish = when_dialog_opens(lambda box: answer_message(box, "Yes"))
        qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
        assert ran_finish
        dialog.accept()

    ran = when_dialog_opens(take)
    qtbot.mouseClick(page.now_button, Qt.MouseButton.LeftButton)
    assert ran

    (guest_id,) = rows(path, "SELECT id FROM people WHERE first_name = 'Gül'")[0]
    assert rows(
        path,
        "SELECT inviter_id, session_id FROM invitations WHERE invitee_id = ?",
        guest_id,
    ) == [(people[0], sessions[3])]
    assert status_of(path, sessions[3], guest_id) == "present"
    assert rows(path, "SELECT phone FROM people WHERE id = ?", guest_id) == [("06-11112222",)]
    assert status_of(path, sessions[3], people[0]) == "present"
    assert status_of(path, sessions[3], people[1]) == "excused"
    assert status_of(path, sessions[3], people[2]) == "absent"  # Klaar: no tick, so absent
    assert rows(path, "SELECT status FROM sessions WHERE id = ?", sessions[3]) == [("held",)]
    window.close()


def test_walk_in_guest_form_shows_what_is_missing_and_saves_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "guest.sqlite"
    _table, _people, sessions = planned_table(path)
    db = open_database(path)
    services = Services.for_database(db)
    dialog = TakeAttendanceDialog(services, sessions[0])
    qtbot.addWidget(dialog)
    errors: dict[str, str] = {}

    def fill(form: Any) -> None:
        form.widgets["phone"].setText("12345")
        click_save(form)
        errors.update(
            {key: label.text() for key, label in form.error_labels.items() if label.text()}
        )
        form.reject()

    ran = when_dialog_opens(fill)
    qtbot.mouseClick(dialog.guest_button, Qt.MouseButton.LeftButton)
    assert ran
    assert set(errors) == {"inviter_id", "first_name", "phone"}
    assert rows(path, "SELECT count(*) FROM invitations") == [(0,)]
    db.close()


def test_dashboard_follow_up_is_marked_called_with_a_note(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    page = window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    page.set_today(DEMO_TODAY)
    open_before = rows(demo_path, "SELECT count(*) FROM follow_ups WHERE done_at IS NULL")[0][0]
    assert page.follow_up_model.rowCount() == open_before > 0
    assert page.week_model.rowCount() > 0
    page.follow_up_view.selectRow(0)
    name = page.follow_up_model.row_at(0).name  # type: ignore[union-attr]

    def fill(form: Any) -> None:
        click_save(form)  # an empty note is refused
        assert form.error_labels["note"].isVisible()
        form.widgets["note"].setPlainText("Was ziek; komt maandag weer.")
        click_save(form)

    ran = when_dialog_opens(fill)
    qtbot.mouseClick(page.called_button, Qt.MouseButton.LeftButton)
    assert ran
    assert page.follow_up_model.rowCount() == open_before - 1
    done = rows(
        demo_path,
        "SELECT f.note FROM follow_ups f JOIN people p ON p.id = f.person_id "
        "WHERE f.done_at IS NOT NULL AND f.note = 'Was ziek; komt maandag weer.'",
    )
    assert len(done) == 1
    assert name not in [
        page.follow_up_model.index(row, 0).data() for row in range(page.follow_up_model.rowCount())
    ]
    window.close()


def test_creating_a_table_offers_to_plan_its_sessions(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite"
    db = open_database(path)
    services = Services.for_database(db)
    location = services.locations.save({"name": "Buurthuis De Klimop"})
    services.cohorts.save(
        {"name": "Voorjaar 2099", "location_id": location, "start_date": dt.date(2099, 3, 2)}
    )
    services.programme.add_holiday(dt.date(2099, 3, 17), "Studiedag")
    db.close()
    window = open_window(qtbot, path)
    tables = window.show_page("tables")
    assert isinstance(tables, TablesPage)

    def plan(dialog: Any) -> None:
        assert dialog.date_fields[1].value() == dt.date(2099, 3, 3)  # first Tuesday
        assert dialog.date_fields[3].value() == dt.date(2099, 3, 24)  # past the holiday
        assert "Studiedag" in dialog.skipped.text()
        dialog.date_fields[5].set_value(dt.date(2099, 4, 9))  # moved by hand
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    def offer(box: Any) -> None:
        when_dialog_opens(plan)
        answer_message(box, "Sessies plannen…")

    def fill(form: Any) -> None:
        form.widgets["name"].setText("Tafel Zonnebloem")
        combo = form.widgets["cohort_id"]
        combo.setCurrentIndex(combo.findText("Voorjaar 2099", Qt.MatchFlag.MatchContains))
        weekday = form.widgets["meeting_weekday"]
        weekday.setCurrentIndex(weekday.findText("dinsdag"))
        form.widgets["meeting_time"].setText("14:00")
        when_dialog_opens(offer)
        click_save(form)

    ran = when_dialog_opens(fill)
    qtbot.mouseClick(tables.list.new_button, Qt.MouseButton.LeftButton)
    assert ran
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    planned = rows(path, "SELECT number, date, start_time, status FROM sessions ORDER BY number")
    assert [row[1] for row in planned] == [
        "2099-03-03",
        "2099-03-10",
        "2099-03-24",
        "2099-03-31",
        "2099-04-09",
    ]
    assert {row[2] for row in planned} == {"14:00:00.000000"}
    assert {row[3] for row in planned} == {"planned"}

    # The table's detail panel leads to its attendance grid.
    tables.list.view.selectRow(0)
    qtbot.mouseClick(tables.detail.attendance_button, Qt.MouseButton.LeftButton)
    trajectory = window.stack.currentWidget()
    assert isinstance(trajectory, TrajectoryPage)
    assert trajectory.tabs.currentIndex() == 1
    assert trajectory.grid_model.grid is not None
    assert len(trajectory.grid_model.grid.sessions) == 5
    assert trajectory.sessions.rowCount() == 5
    window.close()


def test_session_page_cards_meanings_notes_and_cancelling(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "session.sqlite"
    _table, _people, sessions = planned_table(path)
    db = open_database(path)
    services = Services.for_database(db)
    dialog = SessionDialog(services, sessions[1])
    qtbot.addWidget(dialog)
    assert "Betekenis geven" in dialog.heading.text()

    def pick(picker: Any) -> None:
        model = picker.model
        for row in (0, 1, 2):
            model.setData(model.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        picker.buttons.button(picker.buttons.StandardButton.Ok).click()

    ran = when_dialog_opens(pick)
    choose = [
        b for b in dialog.findChildren(type(dialog.held_button)) if "Kaarten kiezen" in b.text()
    ]
    qtbot.mouseClick(choose[0], Qt.MouseButton.LeftButton)
    assert ran and dialog.cards.rowCount() == 3

    def meaning(form: Any) -> None:
        assert isinstance(form, MeaningDialog)
        click_save(form)  # empty text is refused
        assert form.error.isVisible()
        form.text.setPlainText("Thuis is waar je gegroet wordt.")
        form.cards.setData(
            form.cards.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )
        click_save(form)

    ran = when_dialog_opens(meaning)
    dialog.add_meaning()
    assert ran and dialog.meaning_list.count() == 1
    assert "Thuis is waar je gegroet wordt." in dialog.meaning_list.item(0).text()

    dialog.notes.setPlainText("Goede sfeer, Ayşe nam taart mee.")
    dialog.notes.document().setModified(True)

    def cancel(form: Any) -> None:
        form.widgets["reason"].setPlainText("Begeleider ziek")
        click_save(form)

    ran = when_dialog_opens(cancel)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert ran
    assert "Begeleider ziek" in dialog.when.text()
    assert dialog.move_button.text() == "Opnieuw inplannen…"

    def reschedule(form: Any) -> None:
        form.widgets["date"].setText("12-3-2027")
        click_save(form)

    ran = when_dialog_opens(reschedule)
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert ran
    dialog.reject()  # closing saves the notes

    info = services.sessions.info(sessions[1])
    assert info.status == SessionStatus.PLANNED and info.date == dt.date(2027, 3, 12)
    assert info.notes.startswith("Goede sfeer, Ayşe nam taart mee.")
    assert "Begeleider ziek" in info.notes
    (saved,) = services.meanings.meanings([sessions[1]])
    assert saved.text == "Thuis is waar je gegroet wordt." and len(saved.card_ids) == 1
    assert len(services.meanings.cards_on_table(sessions[1])) == 3
    db.close()


def picture(path: Path) -> Path:
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a9d8f"))
    assert image.save(str(path))
    return path


def test_image_import_through_the_cards_page(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "cards.sqlite"
    window = open_window(qtbot, path)
    page = window.show_page("cards")
    assert isinstance(page, CardDecksPage)
    deck = page.deck_id()
    assert deck is not None and page.cards.rowCount() >= 40

    broken = tmp_path / "kapot.jpg"
    whole = picture(tmp_path / "heel.jpg").read_bytes()
    broken.write_bytes(whole[: len(whole) // 2])
    text = tmp_path / "lijst.png"
    text.write_text("geen plaatje", encoding="utf-8")
    messages: list[str] = []

    def read(box: Any) -> None:
        messages.append(box.text())
        box.accept()

    ran = when_dialog_opens(read)
    page.import_paths(deck, [broken, text])
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    assert "beschadigd" in messages[0] and "geen afbeelding" in messages[0]
    assert rows(path, "SELECT count(*) FROM cards WHERE kind = 'image'") == [(0,)]

    good = picture(tmp_path / "de_markt.png")
    ran = when_dialog_opens(lambda box: answer_message(box, "Yes"))
    page.import_paths(deck, [good, broken])
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    qtbot.waitUntil(lambda: rows(path, "SELECT count(*) FROM cards WHERE kind = 'image'") == [(1,)])
    (title, thumbnail) = rows(path, "SELECT title, thumbnail FROM cards WHERE kind = 'image'")[0]
    assert title == "De markt" and len(thumbnail) > 100
    assert any(page.cards.index(row).data() == "De markt" for row in range(page.cards.rowCount()))
    window.close()


def test_rules_are_edited_in_the_programme_page(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "rules.sqlite"
    window = open_window(qtbot, path)
    page = window.show_page("programme")
    assert isinstance(page, ProgrammePage)
    page.show_item("rules")
    rules = page.rules
    rules.completion.setValue(3)
    rules.follow_up.setValue(3)
    rules.excused.setChecked(True)
    ran = when_dialog_opens(lambda box: box.accept())
    qtbot.mouseClick(rules.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    stored = dict(rows(path, "SELECT key, value FROM app_settings"))
    assert stored["rules.completion_minimum"] == "3"
    assert stored["rules.follow_up_after"] == "3"
    assert stored["rules.excused_counts_as_absence"] == "1"
    window.close()


def test_agenda_week_and_month(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    page = window.show_page("agenda")
    assert isinstance(page, AgendaPage)
    page.set_today(DEMO_TODAY)
    week = rows(
        demo_path, "SELECT count(*) FROM sessions WHERE date BETWEEN '2026-11-23' AND '2026-11-29'"
    )[0][0]
    assert page.model.rowCount() == week
    page.set_mode("month")
    month = rows(
        demo_path, "SELECT count(*) FROM sessions WHERE date BETWEEN '2026-11-01' AND '2026-11-30'"
    )[0][0]
    assert page.model.rowCount() == month > week
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    december = rows(
        demo_path, "SELECT count(*) FROM sessions WHERE date BETWEEN '2026-12-01' AND '2026-12-31'"
    )[0][0]
    assert page.model.rowCount() == december
    assert page.period.text() == "december 2026"
    window.close()


@pytest.mark.parametrize("entry", ["dashboard", "agenda", "trajectory", "cards", "programme"])
def test_new_pages_open_on_an_empty_database(qtbot: QtBot, tmp_path: Path, entry: str) -> None:
    window = open_window(qtbot, tmp_path / "empty.sqlite")
    page = window.show_page(entry)
    assert page.isVisible()
    window.close()
