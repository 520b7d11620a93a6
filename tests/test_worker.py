"""Long work runs off the GUI thread, reports progress and can be cancelled."""

import threading
import time
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.gui_helpers import when_dialog_opens
from verbindtafel_desktop.app import worker
from verbindtafel_desktop.app.worker import run_with_progress
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.progress import Progress


def test_work_runs_off_the_gui_thread_and_reports_back(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    gui_thread = threading.get_ident()
    seen: dict[str, Any] = {}

    def work(progress: Progress) -> int:
        seen["thread"] = threading.get_ident()
        for step in range(5):
            progress.report(step, 5, f"stap {step}")
            time.sleep(0.02)
        return 42

    runner = run_with_progress(
        parent, "Bezig", work, on_done=lambda result: seen.update(result=result)
    )
    # The GUI thread stays free while the work runs.
    ticks = 0
    while runner.running:
        QApplication.processEvents()
        ticks += 1
    assert seen == {"thread": seen["thread"], "result": 42}
    assert seen["thread"] != gui_thread
    assert ticks > 1
    assert runner.outcome == "done"


def test_cancel_stops_the_work(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(progress: Progress) -> None:
        started.set()
        while True:
            progress.check()
            time.sleep(0.01)

    runner = run_with_progress(None, "Lang", work, show_dialog=False)
    assert started.wait(2)
    runner.cancel()
    qtbot.waitUntil(lambda: not runner.running)
    assert runner.outcome == "cancelled"


def test_known_problems_are_shown_and_bugs_reported(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_progress: Progress) -> None:
        raise ServiceError("Het bestand is leeg.")

    shown: list[str] = []
    ran = when_dialog_opens(lambda box: (shown.append(box.text()), box.accept()))
    runner = run_with_progress(None, "Import", refuse, show_dialog=False)
    qtbot.waitUntil(lambda: not runner.running)
    qtbot.waitUntil(lambda: bool(ran))
    assert runner.outcome == "refused"
    assert shown == ["Het bestand is leeg."]

    reports: list[str] = []
    monkeypatch.setattr(worker, "crash_reporter", lambda _parent, details: reports.append(details))

    def bug(_progress: Progress) -> None:
        raise KeyError("oeps")

    runner = run_with_progress(None, "Export", bug, show_dialog=False)
    qtbot.waitUntil(lambda: not runner.running)
    assert runner.outcome == "crashed"
    assert "KeyError" in reports[0]
