"""Extra → Database controleren: the check runs in the worker, the report in a dialog."""

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.worker import JobRunner, run_with_progress
from verbindtafel_desktop.services.database_check import CheckReport, check_database


class CheckReportDialog(QDialog):
    def __init__(self, report: CheckReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkReport")
        self.setWindowTitle(self.tr("Databasecontrole"))
        self.setMinimumSize(680, 380)
        self.report = report
        self.verdict = QLabel()
        self.verdict.setObjectName("checkVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setProperty("ok", report.ok)
        if report.ok:
            self.verdict.setText(self.tr("Alles in orde: de database is gezond."))
        else:
            self.verdict.setText(
                self.tr(
                    "Er zijn problemen gevonden (zie hieronder). Er is niets aangepast. Zet een "
                    "back-up van voor het probleem terug (pagina Back-ups), of stuur dit "
                    "verslag naar wie u helpt met Verbindtafel."
                )
            )
        self.text = QPlainTextEdit("\n".join(report.lines()))
        self.text.setObjectName("checkLines")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sluiten"))
        copy = QPushButton(self.tr("&Kopiëren"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText("\n".join(report.lines())))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


def run_check(parent: QWidget, path: Path) -> JobRunner:
    """Check `path` in the worker and show the report."""

    def show(report: CheckReport) -> None:
        CheckReportDialog(report, parent).exec()

    return run_with_progress(
        parent,
        parent.tr("Database controleren"),
        lambda progress: check_database(path, progress),
        show,
    )
