"""A table model that holds only ids and loads the rows it shows, in batches.

Searching and sorting happen in SQL (the service's `list_ids`); painting asks `rows` for
the batch around the visible row. So a list of 10,000 people opens and filters as fast
as a list of ten, and no keystroke reloads every row.
"""

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from verbindtafel_desktop.app.labels import label, weekday_label
from verbindtafel_desktop.domain.dutch_formats import format_date, format_time
from verbindtafel_desktop.services.listing import ListQuery, ListSource, Row

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole)
ANSWERED_ROLES = frozenset(
    (
        int(Qt.ItemDataRole.DisplayRole),
        int(Qt.ItemDataRole.ToolTipRole),
        FOREGROUND_ROLE,
        ALIGNMENT_ROLE,
        int(ID_ROLE),
    )
)
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ARCHIVED_BRUSH = QBrush(QColor("#888888"))

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A list column: the key in the service's row, its header, and how to show it."""

    key: str
    header: str
    kind: str = "text"  # text | date | time | bool | number | weekday | enum | occupancy
    enum: type[StrEnum] | None = None
    sortable: bool = True
    width: int = 0  # pixels; 0 means a width that suits the kind


DEFAULT_WIDTHS = {"date": 95, "time": 60, "bool": 70, "number": 90, "weekday": 95, "occupancy": 90}


def column_width(column: Column) -> int:
    return column.width or DEFAULT_WIDTHS.get(column.kind, 150)


def format_value(column: Column, row: Row) -> str:
    value = row.get(column.key)
    match column.kind:
        case "date":
            return format_date(value if isinstance(value, dt.date) else None)
        case "time":
            return format_time(value if isinstance(value, dt.time) else None)
        case "bool":
            return QCoreApplication.translate("Labels", "ja") if value else ""
        case "weekday":
            return weekday_label(value)
        case "enum":
            return label(value, column.enum)
        case "occupancy":
            return f"{row.get('participant_count') or 0} / {row.get('capacity') or 0}"
        case _:
            return "" if value is None else str(value)


class LazyQueryModel(QAbstractTableModel):
    BATCH_SIZE = 100
    CACHE_ROWS = 2_000

    def __init__(
        self,
        source: ListSource,
        columns: list[Column],
        query: ListQuery | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._columns = columns
        self._query = query or ListQuery()
        self._ids: list[int] = []
        self._cache: OrderedDict[int, Row] = OrderedDict()
        self.rows_loaded = 0  # rows fetched from the database since the last reset
        self.on_reloaded: Callable[[], None] | None = None

    # --- what the views ask -------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks each cell for some seven roles; the ones this model does not
        # answer are turned away before anything else (see benchmarks/bench_people_list).
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        number = index.row()
        if number >= len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[number]
        column = self._columns[index.column()]
        if role == ALIGNMENT_ROLE:
            return RIGHT_ALIGNED if column.kind in ("number", "occupancy") else None
        row = self._row(number)
        if row is None:
            return None
        if role == FOREGROUND_ROLE:
            return ARCHIVED_BRUSH if row.get("archived") else None
        return format_value(column, row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        spec = self._columns[column]
        if not spec.sortable:
            return
        self.set_query(
            replace(
                self._query,
                sort_key=spec.key,
                descending=order == Qt.SortOrder.DescendingOrder,
            )
        )

    # --- what the page asks ---------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Fetch the matching ids again (after a search, a sort or a change elsewhere)."""
        self.beginResetModel()
        self._ids = self._source.list_ids(self._query)
        self._cache.clear()
        self.rows_loaded = 0
        self.endResetModel()
        if self.on_reloaded is not None:
            self.on_reloaded()

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, entity_id: int) -> int | None:
        try:
            return self._ids.index(entity_id)
        except ValueError:
            return None

    def row_data(self, row: int) -> Row | None:
        return self._row(row)

    # --- loading ---------------------------------------------------------------
    def _row(self, row: int) -> Row | None:
        entity_id = self._ids[row]
        cached = self._cache.get(entity_id)
        if cached is not None:
            return cached  # the oldest batches make room first; painting reads them often
        start = max(0, row - self.BATCH_SIZE // 4)
        batch = self._ids[start : start + self.BATCH_SIZE]
        wanted = [each for each in batch if each not in self._cache]
        loaded = self._source.rows(wanted)
        self.rows_loaded += len(loaded)
        self._cache.update(loaded)
        while len(self._cache) > self.CACHE_ROWS:
            self._cache.popitem(last=False)
        return self._cache.get(entity_id)
