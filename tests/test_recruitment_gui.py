"""The recruitment lists on the Estafette page, driven offscreen."""

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.gui_helpers import answer_message, click_save, when_dialog_opens
from tests.relay_helpers import open_window
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.relay.page import RelayPage
from verbindtafel_desktop.app.relay.recruitment_panel import RecruitmentPanel


def recruitment_panel(window: MainWindow, cohort: str) -> RecruitmentPanel:
    page = window.show_page("relay")
    assert isinstance(page, RelayPage)
    page.tabs.setCurrentWidget(page.recruitment)
    panel = page.recruitment
    panel.cohort.setCurrentIndex(panel.cohort.findText(cohort, Qt.MatchFlag.MatchStartsWith))
    return panel


def rows(panel: RecruitmentPanel) -> dict[str, tuple[str, ...]]:
    model = panel.model
    return {
        model.data(model.index(row, 0)): tuple(
            model.data(model.index(row, column)) for column in range(1, model.columnCount())
        )
        for row in range(model.rowCount())
    }


def select(panel: RecruitmentPanel, name: str) -> int:
    lead_id = next(lead for lead, row in panel.leads.items() if row.name == name)
    panel.select_lead(lead_id)
    assert panel.selected_lead() is not None
    return lead_id


def query(path: Path, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, args).fetchall()


def run_dialog(qtbot: QtBot, button: Any, handle: Any) -> None:
    def safely(dialog: Any) -> None:
        try:
            handle(dialog)
        except BaseException:
            dialog.reject()
            raise

    ran = when_dialog_opens(safely)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ran


def test_the_list_of_a_cohort(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = recruitment_panel(window, "Lichting oktober 2026")
    cohort = panel.cohort_id()
    listed = query(
        demo_path,
        """SELECT p.first_name, l.status FROM recruitment_leads l
           JOIN people p ON p.id = l.person_id WHERE l.cohort_id = ?""",
        cohort,
    )
    shown = rows(panel)
    assert len(shown) == len(listed) > 5
    statuses = {"interested": "heeft interesse", "enrolled": "ingeschreven"}
    statuses["not_interested"] = "geen interesse"
    for first, status in listed:
        (row,) = [row for name, row in shown.items() if name.startswith(first)]
        assert row[2] == statuses[status]
    enrolled = [row for row in shown.values() if row[2] == "ingeschreven"]
    assert enrolled and all("december 2026" in row[4] for row in enrolled)
    assert "heeft interesse" in panel.counts.text()

    panel.cohort.setCurrentIndex(
        panel.cohort.findText("Lichting december", Qt.MatchFlag.MatchStartsWith)
    )
    assert panel.model.rowCount() == 0
    assert panel.empty.isVisibleTo(panel)
    window.close()


def test_add_a_name_and_enrol_it_in_one_action(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = recruitment_panel(window, "Lichting oktober 2026")
    offered: list[str] = []

    def add(dialog: Any) -> None:
        click_save(dialog)  # nothing filled in: both problems shown, nothing saved
        assert dialog.error_labels["recruiter_id"].isVisible()
        assert dialog.error_labels["first_name"].isVisible()
        dialog.widgets["first_name"].setText("Jet")
        dialog.widgets["last_name"].setText("Öztürk")
        QTest.keyClicks(dialog.widgets["phone"], "0612345678")
        recruiters = dialog.widgets["recruiter_id"]
        offered.extend(recruiters.itemText(index) for index in range(1, recruiters.count()))
        recruiters.setCurrentIndex(1)
        click_save(dialog)

    run_dialog(qtbot, panel.add_button, add)
    shown = rows(panel)
    assert shown["Jet Öztürk"][:3] == ("06-12345678", offered[0], "heeft interesse")
    ((person, route, referrer),) = query(
        demo_path,
        """SELECT p.id, r.route, r.referrer_id FROM people p
           JOIN referrals r ON r.person_id = p.id WHERE p.first_name = 'Jet'""",
    )
    assert route == "recruited"
    assert window.services.people.display_name(referrer) == offered[0]

    select(panel, "Jet Öztürk")
    tables: list[str] = []

    def enrol(dialog: Any) -> None:
        combo = dialog.widgets["table_id"]
        tables.extend(combo.itemText(index) for index in range(1, combo.count()))
        combo.setCurrentIndex(1)
        click_save(dialog)

    run_dialog(qtbot, panel.enrol_button, enrol)
    assert tables and all("december 2026" in text for text in tables)
    shown = rows(panel)
    assert shown["Jet Öztürk"][2] == "ingeschreven"
    assert "december 2026" in shown["Jet Öztürk"][4]
    ((seats,),) = query(
        demo_path,
        "SELECT count(*) FROM memberships WHERE person_id = ? AND role = 'participant'",
        person,
    )
    assert seats == 1
    assert query(demo_path, "SELECT route FROM referrals WHERE person_id = ?", person) == [
        ("recruited",)
    ]
    assert not panel.enrol_button.isEnabled()  # already enrolled
    window.close()


def test_change_the_status_and_take_a_name_off(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = recruitment_panel(window, "Lichting oktober 2026")
    name = next(name for name, row in rows(panel).items() if row[2] == "heeft interesse")
    lead = select(panel, name)

    def refuse_enrolled_then_not_interested(dialog: Any) -> None:
        status = dialog.widgets["status"]
        status.setCurrentIndex(status.findData("enrolled"))
        click_save(dialog)
        assert "Inschrijven aan tafel" in dialog.error_labels["status"].text()
        status.setCurrentIndex(status.findData("not_interested"))
        dialog.widgets["note"].setPlainText("Heeft het te druk")
        click_save(dialog)

    run_dialog(qtbot, panel.edit_button, refuse_enrolled_then_not_interested)
    assert rows(panel)[name][2] == "geen interesse"
    assert rows(panel)[name][5] == "Heeft het te druk"

    select(panel, name)
    run_dialog(qtbot, panel.remove_button, lambda box: answer_message(box, "No"))
    assert name in rows(panel)
    select(panel, name)
    run_dialog(qtbot, panel.remove_button, lambda box: answer_message(box, "Yes"))
    assert name not in rows(panel)
    assert query(demo_path, "SELECT count(*) FROM recruitment_leads WHERE id = ?", lead) == [(0,)]
    assert query(
        demo_path,
        "SELECT count(*) FROM people WHERE first_name || ' ' || "
        "CASE WHEN infix <> '' THEN infix || ' ' ELSE '' END || last_name = ?",
        name,
    ) == [(1,)]
    window.close()
