"""Backups in the app: automatic at start, at close and every half hour after changes; the
backups page with "back up now", "restore this backup" and the settings; the check."""

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui_helpers import when_dialog_opens
from verbindtafel_desktop.app.application import AppController
from verbindtafel_desktop.app.backup_scheduler import BackupScheduler
from verbindtafel_desktop.app.backup_settings_dialog import BackupSettingsDialog
from verbindtafel_desktop.app.check_dialog import CheckReportDialog
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.pages.backups import BackupsPage
from verbindtafel_desktop.persistence.backup_settings import read_backup_settings
from verbindtafel_desktop.persistence.backup_thinning import ThinningPolicy
from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore, read_contents
from verbindtafel_desktop.persistence.data_dir import write_local_setting


def open_window(qtbot: QtBot, path: Path, **options: Any) -> tuple[AppController, MainWindow]:
    controller = AppController()
    assert controller.open(path, **options)
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    return controller, controller.window


def backups_page(qtbot: QtBot, window: MainWindow) -> BackupsPage:
    page = window.show_page("backups")
    assert isinstance(page, BackupsPage)
    qtbot.waitUntil(lambda: page.loading is not None and not page.loading.running)
    return page


def kinds(path: Path) -> list[BackupKind]:
    return [backup.kind for backup in BackupStore.for_database(path).backups()]


def add_person(window: MainWindow, first_name: str) -> None:
    window.services.people.save({"first_name": first_name, "last_name": "Kaya"})
    window.bus.announce("people")


def people(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return int(connection.execute("SELECT count(*) FROM people").fetchone()[0])


def test_backups_at_start_and_at_close_when_something_changed(
    qtbot: QtBot, demo_path: Path, demo_people: int
) -> None:
    _controller, window = open_window(qtbot, demo_path)
    assert kinds(demo_path) == [BackupKind.START]
    add_person(window, "Emre")
    window.close()
    assert kinds(demo_path) == [BackupKind.CLOSE, BackupKind.START]
    close_backup = BackupStore.for_database(demo_path).backups()[0]
    assert read_contents(close_backup.path).people == demo_people + 1

    _controller, window = open_window(qtbot, demo_path)
    window.close()  # nothing changed: no second copy of the same data
    assert kinds(demo_path) == [BackupKind.START, BackupKind.CLOSE, BackupKind.START]


def test_a_new_file_gets_no_start_backup(qtbot: QtBot, tmp_path: Path) -> None:
    _controller, window = open_window(qtbot, tmp_path / "nieuw.sqlite")
    assert kinds(tmp_path / "nieuw.sqlite") == []
    window.close()


def test_interval_backups_only_after_changes_and_half_an_hour(
    qtbot: QtBot, demo_path: Path
) -> None:
    _controller, window = open_window(qtbot, demo_path, start_backup=False)
    minutes = [0.0]
    scheduler = BackupScheduler(
        window.services.db, window.bus, window, clock=lambda: minutes[0] * 60
    )
    scheduler.timer.stop()

    def tick_at(minute: float) -> None:
        minutes[0] = minute
        scheduler.tick()
        if scheduler.running is not None:
            qtbot.waitUntil(lambda: not scheduler.running.running)  # type: ignore[union-attr]

    tick_at(45)
    assert kinds(demo_path) == []  # nothing changed
    add_person(window, "Bart")
    tick_at(29)
    assert kinds(demo_path) == []  # changed, but not yet half an hour
    tick_at(31)
    assert kinds(demo_path) == [BackupKind.INTERVAL]
    tick_at(70)
    assert kinds(demo_path) == [BackupKind.INTERVAL]  # no change since
    add_person(window, "Chaima")
    tick_at(80)
    assert len(kinds(demo_path)) == 2  # changed, and the last backup is 49 minutes old
    add_person(window, "Dirk")
    tick_at(100)
    assert len(kinds(demo_path)) == 2  # at most one every half hour
    tick_at(111)
    assert kinds(demo_path) == [BackupKind.INTERVAL] * 3
    window.close()


def test_the_page_lists_backups_and_backs_up_now(
    qtbot: QtBot, demo_path: Path, demo_people: int
) -> None:
    _controller, window = open_window(qtbot, demo_path)
    page = backups_page(qtbot, window)
    assert page.model.rowCount() == 1
    first = [page.model.data(page.model.index(0, column)) for column in range(6)]
    assert first[1] == "automatisch, bij het starten"
    assert first[3:5] == [str(demo_people), "40"]
    assert first[2].endswith("kB")
    assert str(BackupStore.for_database(demo_path).folder) in page.folder_label.text()

    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    newest = page.proxy.index(0, 1)
    assert page.proxy.data(newest) == "met de hand"
    selected = page.selected()  # the new backup is selected, ready to look at
    assert selected is not None and selected.backup.kind == BackupKind.MANUAL
    assert page.status_label.text().startswith("2 back-ups, samen ")
    assert kinds(demo_path) == [BackupKind.MANUAL, BackupKind.START]
    window.close()


def test_restore_from_the_page_backs_up_first_and_reopens_on_the_restored_data(
    qtbot: QtBot, demo_path: Path, demo_people: int
) -> None:
    controller, window = open_window(qtbot, demo_path)
    add_person(window, "Noor")
    assert people(demo_path) == demo_people + 1
    page = backups_page(qtbot, window)
    page.view.selectRow(0)  # the start backup, from before Noor
    messages: list[str] = []

    def confirm(box: Any) -> None:
        messages.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()
        when_dialog_opens(lambda done: (messages.append(done.text()), done.accept()))

    ran = when_dialog_opens(confirm)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.window is not window and controller.window is not None)
    qtbot.waitUntil(lambda: len(messages) == 2)
    assert ran
    new_window = controller.window
    assert new_window is not None
    qtbot.addWidget(new_window)
    assert f"({demo_people} personen, 40 sessies)" in messages[0]
    assert "eerst zelf als back-up bewaard" in messages[0]
    assert messages[1].startswith("De back-up is teruggezet.")
    assert not window.isVisible()
    assert people(demo_path) == demo_people
    saved = BackupStore.for_database(demo_path).backups()
    assert [backup.kind for backup in saved] == [BackupKind.BEFORE_RESTORE, BackupKind.START]
    assert read_contents(saved[0].path).people == demo_people + 1  # Noor is not lost
    assert new_window.services.people.find("Noor") == []
    new_window.close()


def test_the_settings_choose_the_folder_and_the_thinning(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    _controller, window = open_window(qtbot, demo_path, start_backup=False)
    page = backups_page(qtbot, window)
    usb = tmp_path / "usb-stick" / "Verbindtafel"
    blocked = tmp_path / "een-bestand"
    blocked.write_text("geen map", encoding="utf-8")
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, BackupSettingsDialog)
        dialog.folder.setText(str(blocked / "Back-ups"))
        dialog.buttons.accepted.emit()
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        dialog.folder.setText(str(usb))
        dialog.keep_all_days.setValue(3)
        dialog.monthly_months.setValue(24)
        dialog.buttons.accepted.emit()

    ran = when_dialog_opens(fill)
    qtbot.mouseClick(page.settings_button, Qt.MouseButton.LeftButton)
    assert ran
    assert seen["open"] is True
    assert "niet gelukt" in seen["error"]
    settings = read_backup_settings()
    assert settings.folder == usb
    assert settings.policy == ThinningPolicy(3, 14, 13, 24)
    qtbot.waitUntil(lambda: page.loading is not None and not page.loading.running)
    assert str(usb) in page.folder_label.text()
    assert "laatste 3 dagen" in page.explanation.text()
    runner = page.back_up_now()
    qtbot.waitUntil(lambda: not runner.running)
    assert [path.name.endswith("_handmatig.sqlite") for path in usb.iterdir()] == [True]
    window.close()


def test_a_start_backup_that_fails_warns_but_opens(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "een-bestand"
    blocked.write_text("geen map", encoding="utf-8")
    write_local_setting("backup_folder", str(blocked / "Back-ups"))
    texts: list[str] = []
    ran = when_dialog_opens(lambda box: (texts.append(box.text()), box.accept()))
    _controller, window = open_window(qtbot, demo_path)
    qtbot.waitUntil(lambda: bool(ran))
    assert "de back-up maken is niet gelukt" in texts[0]
    assert "De database is wel geopend" in texts[0]
    assert window.isVisible()
    window.close()


def test_the_check_from_the_menu_shows_the_report(qtbot: QtBot, demo_path: Path) -> None:
    _controller, window = open_window(qtbot, demo_path, start_backup=False)
    seen: dict[str, Any] = {}

    def read(dialog: Any) -> None:
        assert isinstance(dialog, CheckReportDialog)
        seen["verdict"] = dialog.verdict.text()
        seen["lines"] = dialog.text.toPlainText()
        dialog.reject()

    ran = when_dialog_opens(read)
    window.check_action.trigger()
    qtbot.waitUntil(lambda: bool(ran))
    assert seen["verdict"] == "Alles in orde: de database is gezond."
    assert seen["lines"].endswith("Alles in orde.")
    window.close()
