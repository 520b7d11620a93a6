"""Sessions as rows (agenda, this week, a table's trajectory)."""

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from verbindtafel_desktop.app.i18n import QT_TRANSLATE_NOOP
from verbindtafel_desktop.app.labels import label, weekday_label
from verbindtafel_desktop.domain.dutch_formats import format_date, format_time
from verbindtafel_desktop.domain.enums import SessionStatus
from verbindtafel_desktop.services.sessions import SessionCounts, SessionInfo

Index = QModelIndex | QPersistentModelIndex
SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1

STATUS_COLOURS = {
    SessionStatus.PLANNED: "#23415a",
    SessionStatus.HELD: "#2e7d32",
    SessionStatus.CANCELLED: "#b03a2e",
}


Cell = Callable[[SessionInfo, SessionCounts | None], str]


def _attendance(info: SessionInfo, counts: SessionCounts | None) -> str:
    if counts is None or info.status != SessionStatus.HELD:
        return ""
    return f"{counts.members_present} / {counts.members_recorded}"


def _count(name: str) -> Cell:
    def cell(_info: SessionInfo, counts: SessionCounts | None) -> str:
        value = getattr(counts, name, 0) if counts else 0
        return str(value) if value else ""

    return cell


def _weekday(info: SessionInfo, _counts: SessionCounts | None) -> str:
    return weekday_label(info.date.weekday()) if info.date else ""


COLUMNS: dict[str, tuple[str, Cell]] = {
    "number": (QT_TRANSLATE_NOOP("Sessions", "Nr"), lambda s, _c: str(s.number)),
    "weekday": (QT_TRANSLATE_NOOP("Sessions", "Dag"), _weekday),
    "date": (QT_TRANSLATE_NOOP("Sessions", "Datum"), lambda s, _c: format_date(s.date)),
    "time": (QT_TRANSLATE_NOOP("Sessions", "Tijd"), lambda s, _c: format_time(s.start_time)),
    "table": (QT_TRANSLATE_NOOP("Sessions", "Tafel"), lambda s, _c: s.table),
    "cohort": (QT_TRANSLATE_NOOP("Sessions", "Lichting"), lambda s, _c: s.cohort),
    "location": (QT_TRANSLATE_NOOP("Sessions", "Locatie"), lambda s, _c: s.location),
    "session": (QT_TRANSLATE_NOOP("Sessions", "Sessie"), lambda s, _c: f"{s.number}. {s.title}"),
    "title": (QT_TRANSLATE_NOOP("Sessions", "Titel"), lambda s, _c: s.title),
    "phase": (QT_TRANSLATE_NOOP("Sessions", "Fase"), lambda s, _c: label(s.phase)),
    "status": (QT_TRANSLATE_NOOP("Sessions", "Status"), lambda s, _c: label(s.status)),
    "present": (QT_TRANSLATE_NOOP("Sessions", "Aanwezig"), _attendance),
    "guests": (QT_TRANSLATE_NOOP("Sessions", "Introducees"), _count("guests")),
    "cards": (QT_TRANSLATE_NOOP("Sessions", "Kaarten"), _count("cards")),
    "meanings": (QT_TRANSLATE_NOOP("Sessions", "Betekenissen"), _count("meanings")),
}
NUMERIC = {"number", "present", "guests", "cards", "meanings"}
ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        SESSION_ID_ROLE,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
    )
)


class SessionListModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._sessions: list[SessionInfo] = []
        self._counts: dict[int, SessionCounts] = {}

    def set_sessions(
        self, sessions: Sequence[SessionInfo], counts: dict[int, SessionCounts] | None = None
    ) -> None:
        self.beginResetModel()
        self._sessions = list(sessions)
        self._counts = counts or {}
        self.endResetModel()

    def session_at(self, row: int) -> SessionInfo | None:
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def row_of(self, session_id: int) -> int | None:
        for row, info in enumerate(self._sessions):
            if info.session_id == session_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sessions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Sessions", COLUMNS[self._columns[section]][0])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES or not index.isValid() or index.row() >= len(self._sessions):
            return None  # painting asks for more roles than these; turned away first
        info = self._sessions[index.row()]
        key = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[key][1](info, self._counts.get(info.session_id))
        if role == SESSION_ID_ROLE:
            return info.session_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if info.status == SessionStatus.CANCELLED and info.cancel_reason:
                return QCoreApplication.translate("Sessions", "Geannuleerd: %1").replace(
                    "%1", info.cancel_reason
                )
            return info.goal or None
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return QBrush(QColor(STATUS_COLOURS[info.status]))
        if role == Qt.ItemDataRole.FontRole and info.status == SessionStatus.CANCELLED:
            font = QFont()
            font.setStrikeOut(key in ("date", "time"))
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
