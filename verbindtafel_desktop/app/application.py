"""Starting the desktop app: QApplication, translations, style, and the open database."""

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.assets import resource_path, ui_path
from verbindtafel_desktop.persistence.data_dir import read_local_settings, remember_database_path
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.persistence.errors import DatabaseProblem
from verbindtafel_desktop.services.registry import Services


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


class AppController(QObject):
    """Owns the open database and its window; switches to another file on request."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: MainWindow | None = None

    def open(self, path: Path, *, remember: bool = False) -> bool:
        current = self.window.services.db.path if self.window else None
        if current is not None and Path(path).resolve() == current:
            return True
        try:
            db = open_database(path)
        except DatabaseProblem as problem:
            self.show_problem(str(problem), parent=self.window)
            return False
        window = MainWindow(Services.for_database(db))
        window.open_requested.connect(lambda chosen: self.open(chosen, remember=True))
        if self.window is not None:
            self.window.close()
        self.window = window
        if remember:
            remember_database_path(db.path)
        window.show()
        return True

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
    install_translator(app)
    load_style(app)
    controller = AppController(app)
    if not controller.open(database):
        return 1
    return app.exec()
