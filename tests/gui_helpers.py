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


def when_dialog_opens(handle: Callable[[Any], None], *, timeout_ms: int = 15000) -> list[bool]:
    """Call `handle(dialog)` as soon as a modal dialog is active. Returns a list that gets
    True appended once the handler ran, so the test can assert it did."""
    ran: list[bool] = []
    waited = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        # A worker's progress dialog (shown when work is slow) is not the dialog awaited.
        if dialog is None or not dialog.isVisible() or isinstance(dialog, QProgressDialog):
            waited[0] += 10
            if waited[0] < timeout_ms:
                QTimer.singleShot(10, poll)
            return
        ran.append(True)
        handle(dialog)

    QTimer.singleShot(0, poll)
    return ran


def click_save(dialog: Any) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def answer_message(box: QWidget, button_text: str) -> None:
    assert isinstance(box, QMessageBox)
    for button in box.buttons():
        if button.text().replace("&", "") == button_text:
            button.click()
            return
    raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")
