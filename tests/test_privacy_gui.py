"""The privacy screens, driven through the real widgets: consent on the person page and in
the person form, forgetting with its confirmation, the retention list, the audit trail."""

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from tests.export_world import data_rows, workbook
from tests.gui_helpers import click_save, when_dialog_opens
from tests.test_gui_backbone import open_window
from verbindtafel_desktop.app import export_actions
from verbindtafel_desktop.app.idle_lock import IdleLock
from verbindtafel_desktop.app.list_page import ListPage
from verbindtafel_desktop.app.person.dialog import open_person_dialog
from verbindtafel_desktop.app.person.forget_tab import ForgetDialog
from verbindtafel_desktop.app.privacy.page import PrivacyPage
from verbindtafel_desktop.app.worker import JobRunner
from verbindtafel_desktop.demo import create_demo_database
from verbindtafel_desktop.domain.enums import AuditAction, ConsentScope


def person_without_consent(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM consents WHERE person_id = 1")
        connection.execute("UPDATE people SET consent_date = NULL WHERE id = 1")
    return 1


def test_recording_and_withdrawing_consent_on_the_person_page(
    qtbot: QtBot, demo_path: Path
) -> None:
    person = person_without_consent(demo_path)
    window = open_window(qtbot, demo_path)
    page = open_person_dialog(window, window.services, window.bus, person)
    tab = page.tab_pages["consent"]
    page.tabs.setCurrentWidget(tab)
    assert "nog geen toestemming" in tab.status.text()  # type: ignore[attr-defined]
    assert not tab.withdraw_button.isEnabled()  # type: ignore[attr-defined]

    def record(dialog: Any) -> None:
        assert dialog.widgets["recorded_by"].text()  # the Windows user, to start with
        dialog.widgets["measurements"].setChecked(True)
        dialog.widgets["registration"].setChecked(True)
        click_save(dialog)

    assert when_dialog_opens(record) is not None
    tab.record_button.click()  # type: ignore[attr-defined]
    services = window.services
    services.consent.require_consent(person, ConsentScope.MEASUREMENTS)
    assert tab.scopes[ConsentScope.MEASUREMENTS].text().startswith("✓")  # type: ignore[attr-defined]
    assert tab.scopes[ConsentScope.PHOTOS].text().startswith("✗")  # type: ignore[attr-defined]
    details = page.tab_pages["details"]
    today = dt.date.today().strftime("%d-%m-%Y")
    assert details.values["consent_date"].text() == today  # type: ignore[attr-defined]

    when_dialog_opens(click_save)
    tab.withdraw_button.click()  # type: ignore[attr-defined]
    assert services.consent.in_force(person) is None
    assert "ingetrokken op" in tab.status.text()  # type: ignore[attr-defined]
    assert tab.history.rowCount() == 1  # type: ignore[attr-defined]


def test_the_person_form_records_consent_with_its_scopes(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    people = window.show_page("people")
    assert isinstance(people, ListPage)

    def fill(dialog: Any) -> None:
        dialog.widgets["first_name"].setText("Noor")
        dialog.widgets["last_name"].setText("Haddou")
        dialog.widgets["consent_date"].setText("3-11-2026")
        dialog.widgets["consent_registration"].setChecked(True)
        dialog.widgets["consent_photos"].setChecked(True)
        click_save(dialog)

    assert when_dialog_opens(fill) is not None
    people.create_new()
    with sqlite3.connect(demo_path) as connection:
        person, consent_date = connection.execute(
            "SELECT id, consent_date FROM people WHERE first_name = 'Noor'"
        ).fetchone()
        statement = connection.execute(
            "SELECT given_on, registration, measurements, photos, sharing FROM consents "
            "WHERE person_id = ?",
            (person,),
        ).fetchall()
    assert consent_date == "2026-11-03"
    assert statement == [("2026-11-03", 1, 0, 1, 0)]


def test_forgetting_asks_a_clear_confirmation_first(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    services = window.services
    person = services.people.save({"first_name": "Ilse", "last_name": "Vergeet"})
    page = open_person_dialog(window, services, window.bus, person)
    tab = page.tab_pages["forget"]
    seen: list[str] = []

    def cancel(dialog: Any) -> None:
        assert isinstance(dialog, ForgetDialog)
        seen.append(dialog.understood.text())
        assert not dialog.forget_button.isEnabled()  # not before "I understand"
        dialog.reject()

    when_dialog_opens(cancel)
    tab.forget_button.click()  # type: ignore[attr-defined]
    assert seen and services.people.get(person).first_name == "Ilse"

    texts: list[str] = []

    def confirm(dialog: Any) -> None:
        summary = dialog.findChild(QLabel, "forgetSummary")
        texts.append(summary.text())
        dialog.understood.setChecked(True)
        dialog.forget_button.click()

    when_dialog_opens(confirm)
    closed: list[bool] = []
    page.destroyed.connect(lambda: closed.append(True))
    tab.forget_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(closed), timeout=5000)  # the person is gone: page closes
    assert "Ilse Vergeet vergeten?" in texts[0] and "niet ongedaan" in texts[0]
    assert "back-ups" in texts[0].lower()
    with sqlite3.connect(demo_path) as connection:
        assert connection.execute(
            "SELECT count(*) FROM people WHERE id = ?", (person,)
        ).fetchone() == (0,)


def test_retention_list_anonymising_and_the_audit_trail(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "oud.sqlite"
    create_demo_database(path, today=dt.date.today() - dt.timedelta(days=3 * 365))
    window = open_window(qtbot, path)
    page = window.show_page("privacy")
    assert isinstance(page, PrivacyPage)
    panel = page.retention
    due = panel.due.rowCount()
    assert due > 0 and panel.all_button.isEnabled() and not panel.selected_button.isEnabled()
    panel.view.selectRow(0)
    assert panel.selected_button.isEnabled()

    when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    assert panel.anonymise(panel.listed_ids()) is None
    assert panel.due.rowCount() == due

    when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    job = panel.anonymise(panel.listed_ids())
    assert isinstance(job, JobRunner)
    qtbot.waitUntil(lambda: not job.running, timeout=15000)
    assert job.outcome == "done" and len(job.result) == due
    assert panel.due.rowCount() == 0 and not panel.all_button.isEnabled()

    page.tabs.setCurrentWidget(page.audit)
    audit = page.audit
    audit.apply()
    actions = [audit.model.row_data(row)["action"] for row in range(audit.model.rowCount())]
    assert actions[0] == AuditAction.ANONYMISED
    audit.action.setCurrentIndex(audit.action.findData(AuditAction.ANONYMISED))
    assert audit.model.rowCount() == 1

    # The save dialog answered with a file name, the "done" box noted (other tests'
    # dialog handlers may still be polling for those two).
    target = tmp_path / "logboek.xlsx"
    monkeypatch.setattr(export_actions, "choose_target", lambda *_args: target)
    done: list[Any] = []
    monkeypatch.setattr(export_actions, "show_done", lambda _parent, result: done.append(result))
    audit.export()
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    assert done[0].path == target and done[0].count == 1
    (row,) = data_rows(workbook(target).active)
    assert row[2] == "geanonimiseerd" and row[6] == "bewaartermijn verstreken"


def test_the_lock_settings_reach_the_window(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    page = window.show_page("privacy")
    assert isinstance(page, PrivacyPage)
    lock = window.findChild(IdleLock)
    assert lock is not None and lock.idle_ms == 10 * 60_000
    page.lock.minutes.setValue(3)
    page.lock.save_minutes()
    assert window.services.privacy_settings.get().idle_minutes == 3
    assert lock.idle_ms == 3 * 60_000
    page.retention.months.setValue(36)
    page.retention.save_period()
    assert window.services.privacy_settings.get().retention_months == 36
