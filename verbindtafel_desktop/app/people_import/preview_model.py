"""The preview rows of an import as a Qt table: what will happen to each row of the file.

The rows live in memory (at most 100,000, already read); the model only formats them.
"""

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from verbindtafel_desktop.app.i18n import QT_TRANSLATE_NOOP
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.importing.preview import (
    CHOICE_LABELS,
    STATUS_LABELS,
    Preview,
    PreviewRow,
    RowStatus,
)

Index = QModelIndex | QPersistentModelIndex
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1

_STATUS_COLOURS = {
    RowStatus.NEW: "#e3f4e1",
    RowStatus.DUPLICATE: "#fff1cc",
    RowStatus.FILE_DUPLICATE: "#fff1cc",
    RowStatus.INVALID: "#fbe0e0",
}


def status_label(status: RowStatus) -> str:
    return QCoreApplication.translate("ImportStatus", STATUS_LABELS[status])


def choice_label(row: PreviewRow) -> str:
    return QCoreApplication.translate("ImportStatus", CHOICE_LABELS[row.choice])


class PreviewModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("PreviewModel", "Regel"),
        QT_TRANSLATE_NOOP("PreviewModel", "Status"),
        QT_TRANSLATE_NOOP("PreviewModel", "Wordt"),
        QT_TRANSLATE_NOOP("PreviewModel", "Naam"),
        QT_TRANSLATE_NOOP("PreviewModel", "Geboren"),
        QT_TRANSLATE_NOOP("PreviewModel", "Telefoon"),
        QT_TRANSLATE_NOOP("PreviewModel", "E-mail"),
        QT_TRANSLATE_NOOP("PreviewModel", "Toelichting"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.preview: Preview | None = None

    def set_preview(self, preview: Preview | None) -> None:
        self.beginResetModel()
        self.preview = preview
        self.endResetModel()

    def refresh(self) -> None:
        """The choices or seats changed: repaint every row."""
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def row_at(self, row: int) -> PreviewRow | None:
        if self.preview is None or not 0 <= row < len(self.preview.rows):
            return None
        return self.preview.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.preview is None:
            return 0
        return len(self.preview.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("PreviewModel", self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == STATUS_ROLE:
            return row.status.value
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(_STATUS_COLOURS[row.status]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#202020"))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
        return None

    def _text(self, row: PreviewRow, column: int) -> str:
        shown = row.shown
        values = row.values or {}
        match column:
            case 0:
                return str(row.line)
            case 1:
                return status_label(row.status)
            case 2:
                return choice_label(row)
            case 3:
                return row.name
            case 4:
                born = values.get("date_of_birth")
                return format_date(born) if born else shown.get("date_of_birth", "")
            case 5:
                return str(values.get("phone") or shown.get("phone", ""))
            case 6:
                return str(values.get("email") or shown.get("email", ""))
            case _:
                if row.status == RowStatus.NEW and row.imported:
                    return row.seat_problem
                return " ".join(part for part in (row.reason(), row.seat_problem) if part)
