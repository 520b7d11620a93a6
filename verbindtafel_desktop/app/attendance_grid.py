"""The attendance grid of one table: people as rows, sessions 1–5 as columns.

Each cell is aanwezig, afwezig or afgemeld, set with the mouse (double-click cycles,
right-click chooses) or the keyboard (arrows, then A/1, W/2, M/3, Delete to clear), and
saved at once.
"""

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QMessageBox, QTableView

from verbindtafel_desktop.app.labels import label
from verbindtafel_desktop.domain.attendance_rules import AttendanceRules, Completion
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    MembershipStatus,
    SessionStatus,
)
from verbindtafel_desktop.services.attendance import AttendanceGrid, GridSession
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.registry import Services

Index = QModelIndex | QPersistentModelIndex

STATUS_KEYS: dict[int, AttendanceStatus | None] = {
    Qt.Key.Key_A: AttendanceStatus.PRESENT,
    Qt.Key.Key_1: AttendanceStatus.PRESENT,
    Qt.Key.Key_W: AttendanceStatus.ABSENT,
    Qt.Key.Key_2: AttendanceStatus.ABSENT,
    Qt.Key.Key_M: AttendanceStatus.EXCUSED,
    Qt.Key.Key_3: AttendanceStatus.EXCUSED,
    Qt.Key.Key_Delete: None,
    Qt.Key.Key_Backspace: None,
    Qt.Key.Key_0: None,
}
CYCLE: list[AttendanceStatus | None] = [
    None,
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT,
    AttendanceStatus.EXCUSED,
]
BACKGROUNDS = {
    AttendanceStatus.PRESENT: QBrush(QColor("#d7efd9")),
    AttendanceStatus.ABSENT: QBrush(QColor("#f6d5d1")),
    AttendanceStatus.EXCUSED: QBrush(QColor("#fbe9c6")),
}
CANCELLED_BACKGROUND = QBrush(QColor("#eeeeee"))
GREY = QBrush(QColor("#888888"))
ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
)
FIXED_COLUMNS = 2  # name, role


def tr(text: str) -> str:
    return QCoreApplication.translate("AttendanceGrid", text)


class AttendanceGridModel(QAbstractTableModel):
    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.grid: AttendanceGrid | None = None
        self.rules = AttendanceRules()
        self._completions: dict[int, Completion] = {}

    def load(self, table_id: int | None) -> None:
        self.beginResetModel()
        self.grid = self.services.attendance.grid(table_id) if table_id is not None else None
        self.rules = self.services.settings.rules()
        self._completions.clear()
        self.endResetModel()

    def completion(self, person_id: int) -> Completion:
        """A participant's completion, worked out once per change (painting asks often)."""
        assert self.grid is not None
        found = self._completions.get(person_id)
        if found is None:
            found = self._completions[person_id] = self.grid.completion(person_id, self.rules)
        return found

    # --- shape --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.grid is None:
            return 0
        return FIXED_COLUMNS + len(self.grid.sessions) + 1

    def session_of(self, column: int) -> GridSession | None:
        if self.grid is None:
            return None
        at = column - FIXED_COLUMNS
        return self.grid.sessions[at] if 0 <= at < len(self.grid.sessions) else None

    def is_status_cell(self, index: Index) -> bool:
        session = self.session_of(index.column())
        return index.isValid() and session is not None

    # --- what the view shows ---------------------------------------------------------
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.grid is None:
            return None
        session = self.session_of(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return tr("Naam")
            if section == 1:
                return tr("Rol")
            if session is None:
                return tr("Aanwezig")
            when = format_date(session.date)[:5] if session.date else "—"
            return tr("Sessie %1\n%2").replace("%1", str(session.number)).replace("%2", when)
        if role == Qt.ItemDataRole.ToolTipRole and session is not None:
            return label(session.status)
        cancelled = session is not None and session.status == SessionStatus.CANCELLED
        if role == Qt.ItemDataRole.ForegroundRole and cancelled:
            return QBrush(QColor("#b03a2e"))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES or self.grid is None or not index.isValid():
            return None  # painting asks for more roles than these; turned away first
        if index.row() >= len(self.grid.people):
            return None
        person = self.grid.people[index.row()]
        column = index.column()
        session = self.session_of(column)
        if session is not None:
            return self._status_data(person.person_id, session, role)
        dropped = person.membership_status == MembershipStatus.DROPPED_OUT
        if role == Qt.ItemDataRole.ForegroundRole and dropped:
            return GREY
        if column == 0 and role == Qt.ItemDataRole.DisplayRole:
            return person.name + (tr(" (gestopt)") if dropped else "")
        if column == 0 and role == Qt.ItemDataRole.ToolTipRole:
            return person.phone or None
        if column == 1 and role == Qt.ItemDataRole.DisplayRole:
            return label(person.role)
        if column == self.columnCount() - 1:
            return self._total_data(person.person_id, person.role, role)
        return None

    def _status_data(self, person_id: int, session: GridSession, role: int) -> Any:
        assert self.grid is not None
        status = self.grid.status(person_id, session.session_id)
        if role == Qt.ItemDataRole.DisplayRole:
            if session.status == SessionStatus.CANCELLED:
                return tr("geannuleerd")
            return label(status) if status else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if session.status == SessionStatus.CANCELLED:
                return CANCELLED_BACKGROUND
            return BACKGROUNDS[status] if status else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return label(status) if status else tr("niet ingevuld")
        return None

    def _total_data(self, person_id: int, role_of_person: AttendanceRole, role: int) -> Any:
        assert self.grid is not None
        if role_of_person != AttendanceRole.MEMBER:
            if role == Qt.ItemDataRole.DisplayRole:
                present = sum(
                    self.grid.status(person_id, s.session_id) == AttendanceStatus.PRESENT
                    for s in self.grid.sessions
                )
                return str(present)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        result = self.completion(person_id)
        if role == Qt.ItemDataRole.DisplayRole:
            text = tr("%1 van %2 nodig").replace("%1", str(result.attended))
            text = text.replace("%2", str(result.required))
            return text + (tr(" · afgerond") if result.completed else "")
        if role == Qt.ItemDataRole.ForegroundRole:
            if result.completed:
                return QBrush(QColor("#2e7d32"))
            if not result.still_possible:
                return QBrush(QColor("#b03a2e"))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if result.completed:
                return (
                    tr("Afgerond: %1 keer aanwezig, %2 nodig.")
                    .replace("%1", str(result.attended))
                    .replace("%2", str(result.required))
                )
            if not result.still_possible:
                return tr("Kan het traject niet meer afronden (%1 nodig).").replace(
                    "%1", str(result.required)
                )
            return (
                tr("Nog bezig: %1 keer aanwezig, %2 nodig.")
                .replace("%1", str(result.attended))
                .replace("%2", str(result.required))
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    # --- changing ----------------------------------------------------------------------
    def status_at(self, index: Index) -> AttendanceStatus | None:
        session = self.session_of(index.column())
        if self.grid is None or session is None:
            return None
        return self.grid.status(self.grid.people[index.row()].person_id, session.session_id)

    def set_status(self, index: Index, status: AttendanceStatus | None) -> None:
        """Save one cell; raises ServiceError when the service refuses."""
        session = self.session_of(index.column())
        if self.grid is None or session is None:
            return
        person = self.grid.people[index.row()]
        role = AttendanceRole.GUEST if person.role == AttendanceRole.GUEST else None
        new_session_status = self.services.attendance.set_status(
            session.session_id, person.person_id, status, role
        )
        key = (person.person_id, session.session_id)
        if status is None:
            self.grid.marks.pop(key, None)
        else:
            self.grid.marks[key] = status
        self._completions.pop(person.person_id, None)
        if new_session_status != session.status:
            self._completions.clear()  # a held or cancelled session counts for everyone
            at = index.column() - FIXED_COLUMNS
            self.grid.sessions[at] = GridSession(
                session.session_id, session.number, session.date, new_session_status
            )
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, index.column(), index.column())
        total = self.index(index.row(), self.columnCount() - 1)
        self.dataChanged.emit(index, index)
        self.dataChanged.emit(total, total)


class AttendanceGridView(QTableView):
    recorded = Signal()  # a cell was saved

    def __init__(self, model: AttendanceGridModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.grid_model = model
        self.setObjectName("attendanceGrid")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.horizontalHeader().setDefaultSectionSize(96)
        self.horizontalHeader().setMinimumSectionSize(60)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.doubleClicked.connect(self._cycle)
        self.setToolTip(
            tr(
                "Pijltjestoetsen: naar een vakje. A of 1 = aanwezig, W of 2 = afwezig, "
                "M of 3 = afgemeld, Delete = leegmaken. Dubbelklik wisselt, rechtsklik kiest."
            )
        )
        model.modelReset.connect(self._fit_columns)

    def _fit_columns(self) -> None:
        header = self.horizontalHeader()
        if self.grid_model.columnCount() == 0:
            return
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 110)
        last = self.grid_model.columnCount() - 1
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.ResizeToContents)

    def apply(self, index: QModelIndex, status: AttendanceStatus | None) -> bool:
        if not self.grid_model.is_status_cell(index):
            return False
        try:
            self.grid_model.set_status(index, status)
        except ServiceError as refused:
            QMessageBox.warning(self, tr("Niet opgeslagen"), str(refused))
            return False
        self.recorded.emit()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        no_modifier = not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        index = self.currentIndex()
        if key in STATUS_KEYS and no_modifier and self.grid_model.is_status_cell(index):
            if self.apply(index, STATUS_KEYS[key]):
                below = index.siblingAtRow(index.row() + 1)
                if below.isValid():
                    self.setCurrentIndex(below)
            event.accept()
            return
        super().keyPressEvent(event)

    def _cycle(self, index: QModelIndex) -> None:
        if self.grid_model.is_status_cell(index):
            current = self.grid_model.status_at(index)
            self.apply(index, CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)])

    def _menu(self, position: QPoint) -> None:
        index = self.indexAt(position)
        if not self.grid_model.is_status_cell(index):
            return
        menu = QMenu(self)
        for status, text in (
            (AttendanceStatus.PRESENT, tr("Aanwezig\tA")),
            (AttendanceStatus.ABSENT, tr("Afwezig\tW")),
            (AttendanceStatus.EXCUSED, tr("Afgemeld\tM")),
            (None, tr("Leegmaken\tDelete")),
        ):
            action = QAction(text, menu)
            action.triggered.connect(
                lambda _checked=False, chosen=status: self.apply(index, chosen)
            )
            menu.addAction(action)
        menu.exec(self.viewport().mapToGlobal(position))
