"""Unexpected errors anywhere end in one dialog, not in a vanished window.

`CrashHandler.install()` takes over `sys.excepthook` (the GUI thread, including Qt slots
and virtual methods), `threading.excepthook` (other threads) and the shared worker's
`crash_reporter` (jobs). Each error is logged (without personal data, see `logs.py`)
and shown with a short Dutch explanation, the technical details to copy and where the log
is. Known problems (a full disk, a refusal of a service) get a plain message instead. The
app keeps running unless memory ran out.
"""

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app import worker
from verbindtafel_desktop.logs import redact_traceback, scrub
from verbindtafel_desktop.persistence.errors import DatabaseProblem
from verbindtafel_desktop.services.errors import ServiceError

log = logging.getLogger(__name__)

FATAL = (MemoryError,)


class CrashDialog(QDialog):
    def __init__(
        self, details: str, log_path: Path | None, parent: QWidget | None, *, fatal: bool
    ) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Er ging iets mis"))
        self.setMinimumWidth(560)
        self.details = details
        self.fatal = fatal
        self.more = 0

        explanation = QLabel(
            self.tr(
                "<b>Verbindtafel liep tegen een onverwachte fout aan.</b><br>"
                "Wat u al had opgeslagen, is bewaard; de laatste handeling is misschien "
                "niet uitgevoerd."
            )
        )
        explanation.setWordWrap(True)
        advice = QLabel(
            self.tr("Verbindtafel moet nu sluiten. Start het programma daarna opnieuw.")
            if fatal
            else self.tr(
                "U kunt verder werken. Gebeurt dit vaker, stuur dan de technische gegevens "
                "hieronder (knop Kopiëren) en het logbestand naar wie u helpt met Verbindtafel."
            )
        )
        advice.setWordWrap(True)
        log_text = (
            self.tr("Logbestand: %1").replace("%1", str(log_path))
            if log_path
            else self.tr("Er kon geen logbestand geschreven worden.")
        )
        self.log_label = QLabel(log_text)
        self.log_label.setObjectName("crashLogPath")
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_label.setWordWrap(True)
        self.more_label = QLabel()
        self.more_label.hide()

        self.text = QPlainTextEdit(details)
        self.text.setObjectName("crashDetails")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setMinimumHeight(180)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("&Kopiëren"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        if log_path is not None:
            folder_button = QPushButton(self.tr("Logmap &openen"))
            folder_button.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path.parent)))
            )
            buttons.addButton(folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        close_text = self.tr("&Afsluiten") if fatal else self.tr("&Doorgaan")
        self.close_button = QPushButton(close_text)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(advice)
        row = QHBoxLayout()
        row.addWidget(self.log_label, 1)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.more_label)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Gekopieerd"))

    def add_more(self, details: str) -> None:
        """Another error while this dialog is open: counted, added to the details."""
        self.more += 1
        self.details += "\n" + details
        self.text.setPlainText(self.details)
        self.more_label.setText(self.tr("Daarna nog %1 fout(en).").replace("%1", str(self.more)))
        self.more_label.show()


class CrashHandler(QObject):
    # Errors of other threads travel to the GUI thread through this (queued) signal.
    _reported = Signal(str, str, bool)  # kind ("bug" | "known"), text, fatal

    def __init__(self, log_path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: CrashDialog | None = None
        self.quit_requested = False
        self._previous: tuple[Any, Any, Callable[[QWidget | None, str], None]] | None = None
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook, worker.crash_reporter)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        worker.crash_reporter = self.report_job_crash

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook, worker.crash_reporter = self._previous
            self._previous = None

    def excepthook(
        self,
        kind: type[BaseException],
        value: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, trace)
            return
        if isinstance(value, (DatabaseProblem, ServiceError)):
            log.warning("Melding aan de gebruiker: %s", type(value).__name__)
            self._reported.emit("known", str(value), False)
            return
        details = "".join(traceback.format_exception(kind, value, trace))
        self._report(details, fatal=isinstance(value, FATAL))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        details = f"In thread {name}:\n" + "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        self._report(details, fatal=isinstance(args.exc_value, FATAL))

    def report_job_crash(self, _parent: QWidget | None, details: str) -> None:
        self._report(details, fatal=False)

    def _report(self, details: str, *, fatal: bool) -> None:
        log.error("Onverwachte fout:\n%s", redact_traceback(details))
        self._reported.emit("bug", scrub(details), fatal)

    def _show(self, kind: str, text: str, fatal: bool) -> None:
        parent = QApplication.activeWindow()
        if kind == "known":
            QMessageBox.warning(parent, self.tr("Niet gelukt"), text)
            return
        if self.dialog is not None:
            self.dialog.add_more(text)
            return
        self.dialog = CrashDialog(text, self.log_path, parent, fatal=fatal)
        try:
            self.dialog.exec()
        finally:
            self.dialog = None
        if fatal:
            self.quit_requested = True
            QApplication.exit(1)
