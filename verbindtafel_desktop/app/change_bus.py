"""One signal that tells every open screen which kind of records changed."""

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    # The names are table names of the domain model ("people", "tables", ...).
    changed = Signal(str)
    # Asks the main window to show a page and, on it, one record: ("trajectory", table_id).
    show_requested = Signal(str, object)

    def announce(self, *what: str) -> None:
        for name in what:
            self.changed.emit(name)

    def request_show(self, page: str, item: object = None) -> None:
        self.show_requested.emit(page, item)
