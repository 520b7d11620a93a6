"""Item models of the board's side panels: who is there, the mixed tables, the rules.

They read the board's seating plan and hand every edit to the board, which records it
for undo; they never change the plan themselves.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from verbindtafel_desktop.app.labels import label
from verbindtafel_desktop.app.mixing.scene import home_colours
from verbindtafel_desktop.domain.enums import AttendanceRole, AttendanceStatus, MixingRuleKind
from verbindtafel_desktop.services.mixed_seating import MixedSeating

Index = QModelIndex | QPersistentModelIndex


class PresenceModel(QAbstractTableModel):
    """Everyone expected, with a tick for who is there (grouped by home table)."""

    def __init__(self, plan: MixedSeating, set_present: Callable[[int, bool], object]) -> None:
        super().__init__()
        self.plan = plan
        self.set_present = set_present
        self.order = list(plan.candidates)
        self.colours = home_colours(plan)
        self.headers = [self.tr("Aanwezig"), self.tr("Thuistafel"), self.tr("Tafel nu")]

    def refresh(self) -> None:
        if self.order:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.order) - 1, 2))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self.order[index.row()]
        candidate = self.plan.candidates[person]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return candidate.name
            if column == 1:
                return candidate.home_table
            table = self.plan.seats.get(person)
            if person not in self.plan.present:
                recorded = candidate.recorded
                return label(recorded, AttendanceStatus) if recorded else self.tr("niet aanwezig")
            return self.plan.tables[table].title(table) if table is not None else "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            if candidate.host_id is not None:
                return (
                    self.tr("%1 is introducee van %2")
                    .replace("%1", candidate.name)
                    .replace("%2", self.plan.name(candidate.host_id))
                )
            return f"{candidate.name}: {label(candidate.role, AttendanceRole)}"
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            present = person in self.plan.present
            return Qt.CheckState.Checked if present else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self.colours.get(candidate.home_table_id)
        if role == Qt.ItemDataRole.FontRole and candidate.role != AttendanceRole.MEMBER:
            # As on the cards: facilitators bold, guests in italics.
            font = QFont()
            font.setBold(candidate.role == AttendanceRole.FACILITATOR)
            font.setItalic(candidate.role == AttendanceRole.GUEST)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and person not in self.plan.present:
            return QBrush(QColor("#888888"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.set_present(self.order[index.row()], checked)
        return True


class TablesModel(QAbstractTableModel):
    """The mixed tables: name and seats editable, a tick to lock a table."""

    NAME, CAPACITY, SEATED, LOCKED = range(4)

    def __init__(
        self,
        plan: MixedSeating,
        edit: Callable[[int, str, Any], object],
    ) -> None:
        super().__init__()
        self.plan = plan
        self.edit = edit
        self.headers = [self.tr("Naam"), self.tr("Plaatsen"), self.tr("Bezet"), self.tr("Vast")]

    def reset(self, plan: MixedSeating) -> None:
        self.beginResetModel()
        self.plan = plan
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.tables)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (self.NAME, self.CAPACITY):
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == self.LOCKED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.plan.tables):
            return None
        number = index.row()
        table = self.plan.tables[number]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.NAME:
                return table.title(number) if role == Qt.ItemDataRole.DisplayRole else table.label
            if column == self.CAPACITY:
                return table.capacity
            if column == self.SEATED:
                return len(self.plan.at_table(number))
        if role == Qt.ItemDataRole.CheckStateRole and column == self.LOCKED:
            return Qt.CheckState.Checked if table.locked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == self.LOCKED:
            return self.tr("Een vaste tafel houdt haar mensen bij opnieuw mixen.")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.LOCKED:
            self.edit(index.row(), "locked", Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        if column == self.NAME:
            self.edit(index.row(), "label", str(value))
            return True
        if column == self.CAPACITY:
            try:
                capacity = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= capacity <= 20:
                return False
            self.edit(index.row(), "capacity", capacity)
            return True
        return False


@dataclass(frozen=True)
class RuleRow:
    kind: str  # "together", "apart", "pinned", "guest"
    people: tuple[int, ...]
    text: str
    reason: str
    rule_id: int | None = None


class RulesModel(QAbstractTableModel):
    """The rules the mixing keeps: the cohort's pairs, guests with their host, fixed tables."""

    def __init__(self, plan: MixedSeating) -> None:
        super().__init__()
        self.plan = plan
        self.rows: list[RuleRow] = []
        self.headers = [self.tr("Regel"), self.tr("Reden")]
        self.reload(plan)

    def reload(self, plan: MixedSeating) -> None:
        self.beginResetModel()
        self.plan = plan
        rows = []
        names = plan.name
        for rule in plan.rules:
            if rule.a not in plan.candidates or rule.b not in plan.candidates:
                continue
            verb = (
                self.tr("samen") if rule.kind == MixingRuleKind.TOGETHER else self.tr("uit elkaar")
            )
            rows.append(
                RuleRow(
                    rule.kind.value,
                    (rule.a, rule.b),
                    f"{names(rule.a)} + {names(rule.b)}: {verb}",
                    rule.reason,
                    rule.rule_id,
                )
            )
        for rule in plan.active_rules():
            if rule.rule_id is None:
                rows.append(
                    RuleRow(
                        "guest",
                        (rule.a, rule.b),
                        f"{names(rule.a)} + {names(rule.b)}: " + self.tr("samen"),
                        self.tr("introducee (automatisch)"),
                    )
                )
        for person in sorted(plan.pinned, key=names):
            table = plan.seats[person]
            rows.append(
                RuleRow(
                    "pinned",
                    (person,),
                    self.tr("%1: vaste tafel %2")
                    .replace("%1", names(person))
                    .replace("%2", plan.tables[table].title(table)),
                    "",
                )
            )
        self.rows = rows
        self.endResetModel()

    def rule_at(self, row: int) -> RuleRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.text if index.column() == 0 else row.reason
        if role == Qt.ItemDataRole.ForegroundRole and row.kind == "guest":
            return QBrush(QColor("#666666"))
        return None
