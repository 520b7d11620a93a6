"""Unexpected errors (in a worker job, a Qt slot, another thread) end in the crash dialog:
a short explanation, details to copy, the log's location; the app keeps running."""

import threading
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.gui_helpers import when_dialog_opens
from verbindtafel_desktop.app import crash_handler as crash_module
from verbindtafel_desktop.app import worker
from verbindtafel_desktop.app.crash_handler import CrashDialog, CrashHandler
from verbindtafel_desktop.app.worker import run_with_progress
from verbindtafel_desktop.logs import (
    close_logging,
    configure_logging,
    log_file,
    redact_traceback,
    scrub,
)
from verbindtafel_desktop.persistence.errors import StorageProblem
from verbindtafel_desktop.services.progress import Progress

PERSONAL = "Fatima El Amrani, fatima.elamrani@example.nl, 06-12345678, 3072 AB"


@pytest.fixture
def handler() -> Iterator[CrashHandler]:
    log_path = configure_logging()
    assert log_path == log_file()
    installed = CrashHandler(log_path)
    installed.install()
    yield installed
    installed.uninstall()
    close_logging()


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    widget.setWindowTitle("Verbindtafel")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def handle_crash(seen: dict[str, Any], button: str = "Doorgaan") -> list[bool]:
    def handle(dialog: Any) -> None:
        assert isinstance(dialog, CrashDialog)
        seen["details"] = dialog.text.toPlainText()
        seen["log"] = dialog.log_label.text()
        seen["fatal"] = dialog.fatal
        dialog.copy_button.click()
        seen["clipboard"] = QGuiApplication.clipboard().text()
        seen["buttons"] = dialog.close_button.text().replace("&", "")
        dialog.close_button.click()

    return when_dialog_opens(handle)


def test_an_error_in_a_worker_job_shows_the_crash_dialog(
    qtbot: QtBot, handler: CrashHandler, window: QWidget
) -> None:
    assert worker.crash_reporter == handler.report_job_crash

    def export(_progress: Progress) -> None:
        raise ValueError(f"rij 12 klopt niet: {PERSONAL}")

    seen: dict[str, Any] = {}
    ran = handle_crash(seen)
    runner = run_with_progress(window, "Exporteren", export, show_dialog=False)
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    assert runner.outcome == "crashed"
    assert "ValueError: rij 12 klopt niet" in seen["details"]
    assert "Traceback" in seen["details"]
    assert seen["clipboard"] == seen["details"]
    assert seen["log"] == f"Logbestand: {log_file()}"
    assert seen["buttons"] == "Doorgaan"
    assert not seen["fatal"]
    # The app keeps running.
    assert window.isVisible()
    assert handler.dialog is None and not handler.quit_requested
    # The log has where it went wrong, but no personal data: not the message, which
    # quotes the data, and the details to copy have no contact details.
    logged = log_file().read_text(encoding="utf-8")
    assert "Onverwachte fout" in logged and "in export" in logged
    assert "ValueError: (melding weggelaten)" in logged
    assert "Fatima" not in logged
    assert (
        "rij 12 klopt niet: Fatima El Amrani, <e-mail>, <telefoon>, <postcode>"
        in (seen["clipboard"])
    )
    for secret in ("fatima.elamrani@example.nl", "06-12345678", "3072 AB"):
        assert secret not in seen["clipboard"]


def test_an_error_in_a_slot_goes_to_the_crash_dialog(
    qtbot: QtBot, handler: CrashHandler, window: QWidget
) -> None:
    button = QPushButton("Opslaan", window)

    def broken() -> None:
        raise KeyError("kolom")

    button.clicked.connect(broken)
    seen: dict[str, Any] = {}
    ran = handle_crash(seen)
    button.click()
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    assert "KeyError: 'kolom'" in seen["details"]
    assert "in broken" in seen["details"]
    assert window.isVisible()


def test_an_error_in_another_thread_reaches_the_dialog(
    qtbot: QtBot, handler: CrashHandler, window: QWidget
) -> None:
    def background() -> None:
        raise RuntimeError("achtergrond")

    seen: dict[str, Any] = {}
    ran = handle_crash(seen)
    thread = threading.Thread(target=background, name="synchroniseren")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    assert seen["details"].startswith("In thread synchroniseren:")
    assert "RuntimeError: achtergrond" in seen["details"]


def test_known_problems_get_a_plain_message_not_a_crash_report(
    qtbot: QtBot, handler: CrashHandler, window: QWidget
) -> None:
    button = QPushButton("Archiveren", window)

    def full_disk() -> None:
        raise StorageProblem("De schijf is vol: opslaan is niet gelukt.")

    button.clicked.connect(full_disk)
    texts: list[str] = []
    ran = when_dialog_opens(lambda box: (texts.append(box.text()), box.accept()))
    button.click()
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    assert texts == ["De schijf is vol: opslaan is niet gelukt."]
    assert "Onverwachte fout" not in log_file().read_text(encoding="utf-8")


def test_errors_during_an_open_dialog_are_added_to_it(
    qtbot: QtBot, handler: CrashHandler, window: QWidget
) -> None:
    seen: dict[str, Any] = {}

    def second_error_then_close(dialog: Any) -> None:
        try:
            raise IndexError("tweede")
        except IndexError as error:
            handler.excepthook(IndexError, error, error.__traceback__)
        qtbot.waitUntil(lambda: dialog.more == 1)
        seen["more"] = dialog.more_label.text()
        seen["details"] = dialog.text.toPlainText()
        dialog.close_button.click()

    ran = when_dialog_opens(second_error_then_close)
    try:
        raise LookupError("eerste")
    except LookupError as error:
        handler.excepthook(LookupError, error, error.__traceback__)
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    assert seen["more"] == "Daarna nog 1 fout(en)."
    assert "LookupError: eerste" in seen["details"] and "IndexError: tweede" in seen["details"]


def test_out_of_memory_closes_the_app_after_the_dialog(
    qtbot: QtBot, handler: CrashHandler, window: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    exits: list[int] = []
    monkeypatch.setattr(crash_module.QApplication, "exit", lambda code=0: exits.append(code))
    seen: dict[str, Any] = {}
    ran = handle_crash(seen)
    handler.excepthook(MemoryError, MemoryError(), None)
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    assert seen["fatal"] and seen["buttons"] == "Afsluiten"
    qtbot.waitUntil(lambda: exits == [1])
    assert handler.quit_requested


def test_uninstall_puts_the_previous_hooks_back() -> None:
    before = (threading.excepthook, worker.crash_reporter)
    handler = CrashHandler(None)
    handler.install()
    assert worker.crash_reporter == handler.report_job_crash
    handler.uninstall()
    assert (threading.excepthook, worker.crash_reporter) == before


def test_contact_details_are_scrubbed() -> None:
    text = scrub(f"fout bij {PERSONAL}; ook +31 6 1234 5678 en 010-1234567")
    assert text == (
        "fout bij Fatima El Amrani, <e-mail>, <telefoon>, <postcode>; ook <telefoon> en <telefoon>"
    )


def test_logged_tracebacks_keep_frames_and_drop_messages() -> None:
    name = PERSONAL.split(",")[0]  # data, as in the app: not in the source code

    def inner() -> None:
        raise KeyError(name)

    try:
        try:
            inner()
        except KeyError as error:
            raise RuntimeError(f"opslaan van\n{name} mislukt") from error
    except RuntimeError as error:
        text = "".join(traceback.format_exception(error))
    redacted = redact_traceback(text)
    assert "Fatima" not in redacted
    assert "KeyError: (melding weggelaten)" in redacted
    assert "RuntimeError: (melding weggelaten)" in redacted
    assert "in inner" in redacted
    assert "The above exception was the direct cause" in redacted
