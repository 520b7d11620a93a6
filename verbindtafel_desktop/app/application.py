"""Starting the desktop app: QApplication, translations, style, crash handling, logging,
and the open database with its automatic backups."""

import logging
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from verbindtafel_desktop import __version__
from verbindtafel_desktop.app.backup_scheduler import BackupScheduler
from verbindtafel_desktop.app.crash_handler import CrashHandler
from verbindtafel_desktop.app.idle_lock import IdleLock
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.recovery import offer_move, offer_restore
from verbindtafel_desktop.app.worker import run_with_progress, wait_for
from verbindtafel_desktop.assets import resource_path, ui_path
from verbindtafel_desktop.logs import close_logging, configure_logging
from verbindtafel_desktop.persistence.data_dir import read_local_settings, remember_database_path
from verbindtafel_desktop.persistence.errors import DatabaseProblem, NotADatabase, UnsafeLocation
from verbindtafel_desktop.persistence.restore import restore_backup
from verbindtafel_desktop.persistence.startup import OpenedDatabase, open_with_start_backup
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.registry import Services

log = logging.getLogger(__name__)


def install_translator(app: QApplication) -> QTranslator | None:
    """Dutch is built in; another language is loaded from resources/translations."""
    language = read_local_settings().get("language") or "nl"
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    if language == "nl":
        # Qt's own texts (Ja/Nee on message boxes, the calendar) come from Qt's catalogue.
        qt_texts = QTranslator(app)
        if qt_texts.load("qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_texts)
        return None
    translator = QTranslator(app)
    if translator.load(str(resource_path("translations", f"verbindtafel_{language}.qm"))):
        app.installTranslator(translator)
        return translator
    return None


def load_style(app: QApplication) -> None:
    app.setStyleSheet(ui_path("style.qss").read_text(encoding="utf-8"))


def load_icon(app: QApplication) -> None:
    """The window and task-bar icon, rendered from resources/icons/verbindtafel.svg."""
    icon = QIcon()
    for png in resource_path("icons").glob("verbindtafel-*.png"):
        icon.addFile(str(png))
    app.setWindowIcon(icon)


class AppController(QObject):
    """Owns the open database and its window; switches to another file on request, puts a
    backup back, and makes the automatic backups at start and close."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: MainWindow | None = None
        self.scheduler: BackupScheduler | None = None
        self.idle_lock: IdleLock | None = None
        self._restoring = False

    def open(self, path: Path, *, remember: bool = False, start_backup: bool = True) -> bool:
        """Open `path` (checked, backed up and migrated in the worker) in a new window."""
        current = self.window.services.db.path if self.window else None
        if current is not None and Path(path).resolve() == current:
            return True
        outcome = self._open_in_worker(Path(path), start_backup)
        if outcome is None:
            return False  # a bug; the crash handler has told the user
        if isinstance(outcome, DatabaseProblem):
            return self._recover(Path(path), outcome, remember)
        self._show(outcome, remember)
        return True

    def _open_in_worker(
        self, path: Path, start_backup: bool
    ) -> OpenedDatabase | DatabaseProblem | None:
        def work(progress: Progress) -> OpenedDatabase | DatabaseProblem:
            progress.report(0, 0, self.tr("Database controleren en een back-up maken…"))
            try:
                return open_with_start_backup(path, start_backup=start_backup)
            except DatabaseProblem as problem:
                return problem  # answered below, with a way out where there is one

        runner = wait_for(run_with_progress(self.window, self.tr("Database openen"), work))
        return runner.result if runner.outcome == "done" else None

    def _recover(self, path: Path, problem: DatabaseProblem, remember: bool) -> bool:
        if isinstance(problem, NotADatabase):
            if offer_restore(self.window, path, problem):
                return self.open(path, remember=remember, start_backup=False)
            return False
        if isinstance(problem, UnsafeLocation):
            moved = offer_move(self.window, path, problem)
            return moved is not None and self.open(moved, remember=True)
        self.show_problem(str(problem), parent=self.window)
        return False

    def _show(self, opened: OpenedDatabase, remember: bool) -> None:
        log.info("Database geopend: %s", opened.db.path.name)
        window = MainWindow(Services.for_database(opened.db))
        window.open_requested.connect(lambda chosen: self.open(chosen, remember=True))
        # Queued: the old window is closed from the event loop, not from inside its button.
        window.restore_requested.connect(self.restore, Qt.ConnectionType.QueuedConnection)
        scheduler = BackupScheduler(opened.db, window.bus, window)
        window.closing.connect(partial(self._closing, scheduler))
        services = window.services
        self.idle_lock = IdleLock(services.app_lock, services.privacy_settings, window, window.bus)
        window.lock_requested.connect(self.lock_now)
        window.closing.connect(self.idle_lock.stop)
        if self.window is not None:
            self.window.close()
        self.window = window
        self.scheduler = scheduler
        if remember:
            remember_database_path(opened.db.path)
        window.show()
        self.idle_lock.lock()  # with a password, nothing shows before it is given
        if opened.backup_problem:
            QMessageBox.warning(
                window,
                self.tr("Geen back-up gemaakt"),
                opened.backup_problem
                + "\n\n"
                + self.tr(
                    "De database is wel geopend. Kies op de pagina Back-ups een bereikbare "
                    "back-upmap."
                ),
            )

    def lock_now(self) -> None:
        if self.idle_lock is None or self.window is None or self.idle_lock.lock():
            return
        self.window.statusBar().showMessage(
            self.tr("Stel eerst een wachtwoord in (Privacy → Vergrendeling)."), 8000
        )

    def _closing(self, scheduler: BackupScheduler) -> None:
        if self._restoring:
            scheduler.timer.stop()  # the restore backs up the current file itself
        else:
            scheduler.back_up_at_close()

    def restore(self, backup: Path) -> bool:
        """Put `backup` in place of the open database (after saving the current file as a
        backup) and reopen the window on it."""
        if self.window is None:
            return False
        path = self.window.services.db.path
        log.info("Back-up terugzetten gevraagd: %s", backup.name)
        self._restoring = True
        try:
            self.window.close()
        finally:
            self._restoring = False
        self.window = None
        runner = wait_for(
            run_with_progress(
                None,
                self.tr("Back-up terugzetten"),
                lambda _progress: restore_backup(backup, path),
            )
        )
        reopened = self.open(path, start_backup=False)
        restored = runner.outcome == "done" and reopened
        if restored and self.window is not None:
            QMessageBox.information(
                self.window,
                self.tr("Back-up teruggezet"),
                self.tr(
                    "De back-up is teruggezet. Wat er daarvoor in de database stond, staat als "
                    "back-up 'voor het terugzetten van een back-up' op de pagina Back-ups."
                ),
            )
        return restored

    def show_problem(self, message: str, parent: QWidget | None = None) -> None:
        box = QMessageBox(parent)
        box.setObjectName("databaseProblem")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Database kan niet geopend worden"))
        box.setText(message)
        box.exec()


def run(database: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Verbindtafel")
    app.setOrganizationName("Verbindtafel")
    app.setApplicationDisplayName("Verbindtafel")
    crash_handler = CrashHandler(configure_logging(), app)
    crash_handler.install()
    log.info("Verbindtafel %s gestart", __version__)
    install_translator(app)
    load_style(app)
    load_icon(app)
    controller = AppController(app)
    try:
        if not controller.open(database):
            return 1
        return app.exec()
    finally:
        log.info("Verbindtafel afgesloten")
        crash_handler.uninstall()
        close_logging()
