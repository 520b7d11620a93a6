"""The main window: a navigation sidebar on the left, the chosen page on the right."""

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from verbindtafel_desktop import __version__
from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.check_dialog import run_check
from verbindtafel_desktop.app.export_menu import add_export_menu
from verbindtafel_desktop.app.pages.backups import BackupsPage
from verbindtafel_desktop.app.pages.registry import PAGES
from verbindtafel_desktop.app.people_import.wizard import open_import_wizard
from verbindtafel_desktop.app.privacy.page import PrivacyPage
from verbindtafel_desktop.persistence.data_dir import data_dir
from verbindtafel_desktop.services.registry import Services


class MainWindow(QMainWindow):
    # Asks the application to close this database and open another file.
    open_requested = Signal(Path)
    # Asks the application to put a backup in place of this database and reopen it.
    restore_requested = Signal(Path)
    # The window is about to close its database (the application backs it up first).
    closing = Signal()
    # Asks the application to lock the app now (Extra → Vergrendelen, the Privacy page).
    lock_requested = Signal()

    def __init__(self, services: Services, bus: ChangeBus | None = None) -> None:
        super().__init__()
        self.services = services
        self.bus = bus or ChangeBus(self)
        self.setWindowTitle(self.tr("Verbindtafel — %1").replace("%1", services.db.path.name))
        self.resize(1200, 780)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        # The pages built so far. A page is built when it is first shown, so the window
        # opens on a city-sized database without building screens nobody looked at yet.
        self.pages: dict[str, QWidget] = {}
        for entry in PAGES:
            self.stack.addWidget(QWidget())  # stands in until the page is first shown
            item = QListWidgetItem(QCoreApplication.translate("MainWindow", entry.title))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setCurrentRow(0)
        self.bus.show_requested.connect(self.show_item)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        database_label = QLabel(self.tr("Database: %1").replace("%1", str(services.db.path)))
        database_label.setObjectName("databasePath")
        self.statusBar().addPermanentWidget(database_label)

    def page(self, key: str) -> QWidget:
        """The page `key`, built (in its place in the stack) when it is first asked for."""
        built = self.pages.get(key)
        if built is not None:
            return built
        index = [entry.key for entry in PAGES].index(key)
        built = PAGES[index].factory(self.services, self.bus)
        built.setObjectName(f"page_{key}")
        self.pages[key] = built
        stand_in = self.stack.widget(index)
        assert stand_in is not None
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        self.stack.insertWidget(index, built)
        if isinstance(built, BackupsPage):
            built.restore_requested.connect(self.restore_requested)
        if isinstance(built, PrivacyPage):
            built.lock_requested.connect(self.lock_requested)
        return built

    @property
    def backups_page(self) -> BackupsPage:
        page = self.page("backups")
        assert isinstance(page, BackupsPage)
        return page

    def _show_row(self, row: int) -> None:
        self.page(PAGES[row].key)
        self.stack.setCurrentIndex(row)

    def show_page(self, key: str) -> QWidget:
        keys = [entry.key for entry in PAGES]
        self.nav.setCurrentRow(keys.index(key))
        return self.page(key)

    def show_item(self, key: str, item: object) -> None:
        """Show a page and, when it can, one record on it (a page with `show_item`)."""
        page = self.show_page(key)
        show = getattr(page, "show_item", None)
        if item is not None and callable(show):
            show(item)

    def _action(
        self, text: str, handler: Callable[[], object], shortcut: QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(handler)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        file_menu.addAction(
            self._action(
                self.tr("Database &openen…"),
                self.choose_database,
                QKeySequence(QKeySequence.StandardKey.Open),
            )
        )
        file_menu.addAction(self._action(self.tr("&Nieuwe database…"), self.new_database))
        file_menu.addSeparator()
        import_action = self._action(
            self.tr("Personen &importeren…"), self.import_people, QKeySequence("Ctrl+I")
        )
        import_action.setObjectName("importPeopleAction")
        file_menu.addAction(import_action)
        add_export_menu(self, file_menu, self.services)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(
                self.tr("&Afsluiten"), self.close, QKeySequence(QKeySequence.StandardKey.Quit)
            )
        )
        go_menu = self.menuBar().addMenu(self.tr("&Ga naar"))
        for number, entry in enumerate(PAGES, start=1):
            go_menu.addAction(
                self._action(
                    QCoreApplication.translate("MainWindow", entry.title),
                    partial(self.show_page, entry.key),
                    # Only single digits make a key; later pages are reached by menu or mouse.
                    QKeySequence(f"Ctrl+{number}") if number <= 9 else None,
                )
            )
        extra_menu = self.menuBar().addMenu(self.tr("E&xtra"))
        extra_menu.addAction(
            self._action(self.tr("&Back-up maken"), self.back_up_now, QKeySequence("Ctrl+B"))
        )
        extra_menu.addAction(
            self._action(self.tr("Back-ups &beheren…"), partial(self.show_page, "backups"))
        )
        self.check_action = self._action(self.tr("Database &controleren…"), self.check_database)
        extra_menu.addAction(self.check_action)
        extra_menu.addSeparator()
        self.lock_action = self._action(
            self.tr("&Vergrendelen"), self.lock_requested.emit, QKeySequence("Ctrl+L")
        )
        self.lock_action.setObjectName("lockAction")
        extra_menu.addAction(self.lock_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&Over Verbindtafel"), self.show_about))

    def choose_database(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Database openen"),
            str(self.services.db.path.parent),
            self.tr("Verbindtafel-database (*.sqlite *.db);;Alle bestanden (*)"),
        )
        if path:
            self.open_requested.emit(Path(path))

    def new_database(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Nieuwe database"),
            str(self.services.db.path.parent / "verbindtafel-nieuw.sqlite"),
            self.tr("Verbindtafel-database (*.sqlite)"),
        )
        if path:
            self.open_requested.emit(Path(path))

    def import_people(self) -> None:
        self.show_page("people")
        open_import_wizard(self.services, self.bus, self)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Over Verbindtafel"),
            self.tr(
                "<h3>Verbindtafel Desktop %1</h3>"
                "<p>Voor De Verbindtafel: samen eenzaamheid bestrijden in Rotterdam.</p>"
                "<p>Database: %2<br>Gegevensmap: %3</p>"
            )
            .replace("%1", __version__)
            .replace("%2", str(self.services.db.path))
            .replace("%3", str(data_dir())),
        )

    def back_up_now(self) -> None:
        self.show_page("backups")
        self.backups_page.back_up_now()

    def check_database(self) -> None:
        run_check(self, self.services.db.path)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A page with unsaved work (the mixing board) may ask to save it, or to stay.
        for page in self.pages.values():
            may_close = getattr(page, "may_close", None)
            if may_close is not None and not may_close():
                event.ignore()
                return
        self.closing.emit()
        self.services.db.close()
        super().closeEvent(event)
