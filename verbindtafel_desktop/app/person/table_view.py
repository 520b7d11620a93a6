"""A read-only, sortable table for the short lists on a person's page."""

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from verbindtafel_desktop.app.rows_model import SORT_ROLE, RowsModel
from verbindtafel_desktop.app.widgets.read_only_table import make_read_only


class RowsView(QTableView):
    row_activated = Signal(int)  # the id of a double-clicked (or Enter) row

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        make_read_only(self)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.doubleClicked.connect(lambda index: self._activate(index.row()))
        self.activated.connect(lambda index: self._activate(index.row()))

    def selected_id(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return self.id_at(rows[0].row()) if rows else None

    def id_at(self, view_row: int) -> int | None:
        source = self.proxy.mapToSource(self.proxy.index(view_row, 0))
        return self.rows.row_id(source.row())

    def _activate(self, view_row: int) -> None:
        row_id = self.id_at(view_row)
        if row_id is not None:
            self.row_activated.emit(row_id)
