"""Long work off the GUI thread, with a progress dialog and a cancel button.

    run_with_progress(parent, "Exporteren…", lambda progress: export(..., progress=progress),
                      on_done=show_result)

The work function runs in the global QThreadPool and receives a `Progress` (no Qt in
it), reports through it and checks it for a cancel. Its result, a `Cancelled`, a known
`ServiceError`/`DatabaseProblem` or an unexpected exception come back on the GUI thread.
"""

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from verbindtafel_desktop.persistence.errors import DatabaseProblem
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.progress import Cancelled, Progress

Work = Callable[[Progress], Any]


class JobSignals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    refused = Signal(str)  # a known problem, explained in Dutch
    cancelled = Signal()
    crashed = Signal(str)  # a bug: the technical details


class Job(QRunnable):
    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.signals = JobSignals()
        self.progress = Progress(on_report=self.signals.progressed.emit)
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except (ServiceError, DatabaseProblem, OSError) as problem:
            self.signals.refused.emit(str(problem))
        except Exception:
            self.signals.crashed.emit(traceback.format_exc())
        else:
            self.signals.succeeded.emit(result)


# Unexpected errors in jobs go here; the crash handler replaces it when installed.
def _default_crash_report(parent: QWidget | None, details: str) -> None:
    QMessageBox.critical(parent, "Onverwachte fout", details.strip().splitlines()[-1])


crash_reporter: Callable[[QWidget | None, str], None] = _default_crash_report


class JobRunner(QObject):
    """Runs one job and shows its progress; keeps the job alive until it has finished."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        work: Work,
        on_done: Callable[[Any], None] | None = None,
        *,
        show_dialog: bool = True,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.job = Job(work)
        self.on_done = on_done
        self.result: Any = None
        self.outcome = ""  # "done" | "refused" | "cancelled" | "crashed"
        self.message = ""
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            dialog = QProgressDialog(title, self.tr("Annuleren"), 0, 0, parent)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self.cancel)
            self.dialog = dialog
        signals = self.job.signals
        signals.progressed.connect(self._progressed)
        signals.succeeded.connect(self._succeeded)
        signals.refused.connect(self._refused)
        signals.cancelled.connect(self._cancelled)
        signals.crashed.connect(self._crashed)

    def start(self) -> "JobRunner":
        QThreadPool.globalInstance().start(self.job)
        return self

    def cancel(self) -> None:
        self.job.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Bezig met annuleren…"))

    @property
    def running(self) -> bool:
        return self.outcome == ""

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)
        if text:
            self.dialog.setLabelText(text)

    def _close(self, outcome: str) -> None:
        self.outcome = outcome
        if self.dialog is not None:
            self.dialog.close()
        self.finished.emit()

    def _succeeded(self, result: Any) -> None:
        self.result = result
        self._close("done")
        if self.on_done is not None:
            self.on_done(result)

    def _refused(self, message: str) -> None:
        self.message = message
        self._close("refused")
        QMessageBox.warning(self.parent_widget, self.tr("Niet gelukt"), message)

    def _cancelled(self) -> None:
        self._close("cancelled")

    def _crashed(self, details: str) -> None:
        self.message = details
        self._close("crashed")
        crash_reporter(self.parent_widget, details)


def run_with_progress(
    parent: QWidget | None,
    title: str,
    work: Work,
    on_done: Callable[[Any], None] | None = None,
    *,
    show_dialog: bool = True,
) -> JobRunner:
    return JobRunner(parent, title, work, on_done, show_dialog=show_dialog).start()


def wait_for(runner: JobRunner) -> JobRunner:
    """Wait (the GUI keeps painting) until the job has finished: for work the user must
    wait for, such as the backup when the app opens or closes."""
    if runner.running:
        loop = QEventLoop()
        runner.finished.connect(loop.quit)
        loop.exec()
    return runner
