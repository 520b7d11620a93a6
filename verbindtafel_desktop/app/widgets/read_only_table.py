"""Read-only tables of rows: the lists on the pages and on a person's page."""

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView


def make_read_only(view: QTableView) -> None:
    """Whole rows selected one at a time, no editing, compact striped rows."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)


def list_view(model: QAbstractItemModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    make_read_only(view)
    # Columns that fit their contents measure the rows on screen, not every row: a month
    # of sessions in a city would otherwise be formatted many times over for each paint.
    view.horizontalHeader().setResizeContentsPrecision(0)
    return view
