"""Driving modal dialogs from tests: the dialog is handled once it is on screen."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

# Bumped after every test (conftest.py), which stops the pollers a test left waiting: a
# poller that outlived its test would answer the next test's dialogs as if they were its own.
_test_round = [0]


def stop_waiting_pollers() -> None:
    _test_round[0] += 1


def when_modal(
    accepts: Callable[[QWidget], bool], handle: Callable[[Any], None], timeout_ms: int = 60000
) -> list[bool]:
    """Call `handle(dialog)` once the active modal dialog is one `accepts`. Returns a list
    that gets True appended once the handler ran, so the test can assert it did."""
    ran: list[bool] = []
    waited = [0]
    round_started = _test_round[0]

    def poll() -> None:
        if _test_round[0] != round_started:
            return  # its test is over
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible() and accepts(dialog):
            ran.append(True)
            handle(dialog)
            return
        waited[0] += 10
        if waited[0] < timeout_ms:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return ran


def when_dialog_opens(handle: Callable[[Any], None], *, timeout_ms: int = 60000) -> list[bool]:
    """Call `handle(dialog)` as soon as a modal dialog is active; a worker's progress
    dialog (shown when work is slow) is not the dialog awaited."""
    return when_modal(lambda dialog: not isinstance(dialog, QProgressDialog), handle, timeout_ms)


def click_save(dialog: Any) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def answer_message(box: QWidget, button_text: str) -> None:
    assert isinstance(box, QMessageBox)
    for button in box.buttons():
        if button.text().replace("&", "") == button_text:
            button.click()
            return
    raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")
