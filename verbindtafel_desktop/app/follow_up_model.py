"""The follow-up list (nabellen) as a table model."""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.services.follow_ups import FollowUpRow

Index = QModelIndex | QPersistentModelIndex


class FollowUpModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FollowUpRow] = []
        self._headers = [
            self.tr("Naam"),
            self.tr("Telefoon"),
            self.tr("Tafel"),
            self.tr("Afwezig t/m"),
        ]

    def set_rows(self, rows: list[FollowUpRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> FollowUpRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            match index.column():
                case 0:
                    return item.name
                case 1:
                    return item.phone or self.tr("(geen nummer)")
                case 2:
                    return item.table
            if item.session_number is None:
                return ""
            missed = self.tr("sessie %1, %2").replace("%1", str(item.session_number))
            return missed.replace("%2", format_date(item.missed_on))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Dubbelklik of kies 'Gebeld…' als het gesprek gevoerd is.")
        return None
