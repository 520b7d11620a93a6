"""The members of one table (a few dozen rows at most), for the table's detail panel."""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from verbindtafel_desktop.app.labels import label
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import MembershipRole
from verbindtafel_desktop.services.memberships import MemberRow

Index = QModelIndex | QPersistentModelIndex


class MembersModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MemberRow] = []
        self._headers = [
            self.tr("Naam"),
            self.tr("Rol"),
            self.tr("Status"),
            self.tr("Sinds"),
            self.tr("Telefoon"),
        ]

    def set_rows(self, rows: list[MemberRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def member_at(self, row: int) -> MemberRow | None:
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
        if not index.isValid():
            return None
        member = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                member.name,
                label(member.role),
                label(member.status),
                format_date(member.start_date),
                member.phone,
            )[index.column()]
        if role == Qt.ItemDataRole.FontRole and member.role == MembershipRole.FACILITATOR:
            font = QFont()
            font.setBold(True)
            return font
        return None
