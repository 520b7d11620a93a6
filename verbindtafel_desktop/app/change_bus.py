"""One signal that tells every open screen which kind of records changed."""

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    # The names are table names of the domain model ("people", "tables", ...).
    changed = Signal(str)

    def announce(self, *what: str) -> None:
        for name in what:
            self.changed.emit(name)
