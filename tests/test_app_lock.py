"""The app lock: asked at start, locking after idle time with every window covered, the
wrong password refused, and setting the password on the Privacy page."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.gui_helpers import click_save, when_dialog_opens
from verbindtafel_desktop.app.application import AppController
from verbindtafel_desktop.app.idle_lock import LOCKED_TITLE, IdleLock
from verbindtafel_desktop.app.lock_screen import Cover
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.person.dialog import open_person_dialog
from verbindtafel_desktop.app.privacy.page import PrivacyPage
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.registry import Services

PASSWORD = "lange-tafel-42"
COVER_COLOUR = QColor("#24384d")


def set_password(path: Path) -> None:
    db = open_database(path)
    try:
        Services.for_database(db).app_lock.set_password(PASSWORD, PASSWORD)
    finally:
        db.close()


def open_app(qtbot: QtBot, path: Path) -> tuple[MainWindow, IdleLock]:
    controller = AppController()
    assert controller.open(path)
    window, lock = controller.window, controller.idle_lock
    assert window is not None and lock is not None
    qtbot.addWidget(window)
    return window, lock


def covered(window: QWidget) -> bool:
    """Nothing of the window shows: an opaque cover on top of all of it."""
    covers = [
        child
        for child in window.findChildren(Cover)
        if child.parentWidget() is window and child.isVisible()
    ]
    if not covers or covers[0].geometry() != window.rect():
        return False
    on_top = window.childAt(window.rect().center())
    return on_top is covers[0] or covers[0].isAncestorOf(on_top)


def cover_colour_at(window: QWidget, point: QPoint) -> bool:
    return window.grab().toImage().pixelColor(point) == COVER_COLOUR


def test_with_a_password_nothing_shows_before_it_is_given(qtbot: QtBot, demo_path: Path) -> None:
    set_password(demo_path)
    window, lock = open_app(qtbot, demo_path)
    assert lock.locked and covered(window)
    assert lock.screen.isVisible() and QApplication.activeModalWidget() is lock.screen
    people = window.page("people")
    list_point = people.mapTo(window, people.rect().center())
    assert cover_colour_at(window, list_point)
    lock.screen.password.setText(PASSWORD)
    lock.screen.unlock_button.click()
    assert not lock.locked and not covered(window) and not lock.screen.isVisible()
    assert not cover_colour_at(window, list_point)


def test_the_app_locks_after_idle_time_and_hides_every_window(
    qtbot: QtBot, demo_path: Path
) -> None:
    window, lock = open_app(qtbot, demo_path)
    assert not lock.locked and not lock.timer.isActive()  # no password: no lock
    window.lock_action.trigger()
    assert not lock.locked and "wachtwoord in" in window.statusBar().currentMessage()
    window.services.app_lock.set_password(PASSWORD, PASSWORD)
    window.bus.announce("privacy_settings")
    assert lock.enabled and lock.timer.isActive()
    assert lock.idle_ms == 10 * 60_000  # the default: 10 minutes

    person_page = open_person_dialog(window, window.services, window.bus, 1)
    name_title = person_page.windowTitle()
    lock.idle_ms = 600
    lock.restart()
    # Input keeps it open: a key press half-way restarts the idle time.
    qtbot.wait(350)
    QTest.keyClick(window.page("people"), Qt.Key.Key_Down)
    qtbot.wait(400)
    assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)

    assert covered(window) and covered(person_page)
    assert person_page.windowTitle() == LOCKED_TITLE and "Persoon" not in LOCKED_TITLE
    assert QApplication.activeModalWidget() is lock.screen
    view = window.page("people").view  # type: ignore[attr-defined]
    tip = QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), view.viewport().mapToGlobal(QPoint(5, 5)))
    assert lock.eventFilter(view.viewport(), tip)  # tooltips with data are swallowed
    back = person_page.back_button
    assert cover_colour_at(person_page, back.mapTo(person_page, back.rect().center()))

    # A window that opens while locked (an export that finished) is covered at once.
    late = QWidget()
    late.setWindowTitle("Export klaar: inzage-fatima.pdf")
    qtbot.addWidget(late)
    late.show()
    assert covered(late) and late.windowTitle() == LOCKED_TITLE

    assert lock.unlock(PASSWORD)
    assert person_page.windowTitle() == name_title and not covered(person_page)
    assert lock.timer.isActive()


def test_a_wrong_password_is_refused(qtbot: QtBot, demo_path: Path) -> None:
    set_password(demo_path)
    window, lock = open_app(qtbot, demo_path)
    screen = lock.screen
    QTest.keyClicks(screen.password, "verkeerd-wachtwoord")
    QTest.keyClick(screen.password, Qt.Key.Key_Return)
    assert lock.locked and covered(window) and screen.isVisible()
    assert screen.error.isVisible() and "klopt niet" in screen.error.text()
    assert screen.password.text() == ""
    screen.reject()  # Escape and the close button do not open it either
    assert screen.isVisible() and lock.locked
    QTest.keyClicks(screen.password, PASSWORD)
    QTest.keyClick(screen.password, Qt.Key.Key_Return)
    assert not lock.locked and not screen.error.isVisible()


def test_setting_and_changing_the_password_on_the_privacy_page(
    qtbot: QtBot, demo_path: Path
) -> None:
    window, lock = open_app(qtbot, demo_path)
    page = window.show_page("privacy")
    assert isinstance(page, PrivacyPage)
    panel = page.lock
    assert not panel.lock_button.isEnabled()

    def fill(values: dict[str, str]) -> Any:
        def handle(dialog: Any) -> None:
            for key, text in values.items():
                dialog.widgets[key].setText(text)
            click_save(dialog)
            if dialog.isVisible():  # refused: show what is wrong, then give up
                errors = {k: v.text() for k, v in dialog.error_labels.items() if v.text()}
                refused.append(errors)
                dialog.reject()

        return handle

    refused: list[dict[str, str]] = []
    when_dialog_opens(fill({"new": "kort", "repeated": "kort"}))
    panel.set_button.click()
    assert refused and "minstens 8" in refused[-1]["new"]
    assert not window.services.app_lock.enabled

    ran = when_dialog_opens(fill({"new": PASSWORD, "repeated": PASSWORD}))
    panel.set_button.click()
    assert ran and window.services.app_lock.enabled and lock.enabled
    assert panel.lock_button.isEnabled() and panel.set_button.text() == "Wachtwoord wijzigen…"

    when_dialog_opens(
        fill({"current": "fout-fout-fout", "new": "nieuw-123", "repeated": "nieuw-123"})
    )
    panel.set_button.click()
    assert "klopt niet" in refused[-1]["current"]
    assert window.services.app_lock.verify(PASSWORD)

    window.lock_action.trigger()  # Extra → Vergrendelen (Ctrl+L)
    assert lock.locked
    assert lock.unlock(PASSWORD)
