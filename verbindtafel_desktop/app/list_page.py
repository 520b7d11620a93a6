"""A page with a searchable, sortable list of one kind of record and its add/edit/remove actions."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.query_model import Column, LazyQueryModel, column_width
from verbindtafel_desktop.services.entity import EntityService
from verbindtafel_desktop.services.errors import InUse, ServiceError
from verbindtafel_desktop.services.listing import ListQuery


@dataclass
class FilterSpec:
    key: str
    label: str
    options: Callable[[], Sequence[tuple[Any, str]]]
    all_label: str


@dataclass
class PageSpec:
    """Everything that differs between the list pages."""

    entity: str  # table name announced on the change bus
    title: str
    singular: str  # "locatie", used in buttons and messages
    empty_text: str
    columns: list[Column]
    form_fields: Callable[[], list[FieldSpec]]
    form_values: Callable[[int], Mapping[str, Any]] | None = None
    filters: list[FilterSpec] = field(default_factory=list)
    listens_to: tuple[str, ...] = ()
    stretch_column: int = 0
    # A detail view of one record (double-click opens it; "Bewerken…" keeps the form).
    open_item: Callable[[QWidget, int], object] | None = None
    open_label: str = ""


class ListPage(QWidget):
    selection_changed = Signal(object)  # the selected id, or None

    def __init__(
        self,
        service: EntityService[Any],
        spec: PageSpec,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.spec = spec
        self.bus = bus

        title = QLabel(spec.title)
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Zoeken… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._typing = QTimer(self, singleShot=True, interval=120)
        self._typing.timeout.connect(self._apply_query)
        self.search.textChanged.connect(lambda _text: self._typing.start())

        self.filter_boxes: dict[str, QComboBox] = {}
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.search, 2)
        for filter_spec in spec.filters:
            box = QComboBox()
            box.setObjectName(f"filter_{filter_spec.key}")
            box.setToolTip(filter_spec.label)
            box.setMinimumContentsLength(14)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.filter_boxes[filter_spec.key] = box
            box.currentIndexChanged.connect(self._apply_query)
            filter_row.addWidget(box, 1)
        self.show_archived = QCheckBox(self.tr("Toon gearchiveerd"))
        self.show_archived.toggled.connect(self._apply_query)
        filter_row.addWidget(self.show_archived)

        self.model = LazyQueryModel(service, spec.columns, parent=self)
        self.view = QTableView()
        self.view.setObjectName("list")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        # Fixed row heights let the view ask only for the rows it paints.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for number, column in enumerate(spec.columns):
            header.resizeSection(number, column_width(column))
        header.resizeSection(spec.stretch_column, max(220, spec.columns[0].width))
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(
            lambda *_args: self.selection_changed.emit(self.selected_id())
        )

        self.empty_label = QLabel(spec.empty_text)
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        self.new_button = QPushButton(self.tr("Nieuw…"))
        self.new_button.setToolTip(
            self.tr("Nieuwe %1 toevoegen (Ctrl+N)").replace("%1", spec.singular)
        )
        self.edit_button = QPushButton(self.tr("Bewerken…"))
        self.edit_button.setToolTip(self.tr("Geselecteerde regel bewerken (Enter of F2)"))
        self.remove_button = QPushButton(self.tr("Verwijderen…"))
        self.remove_button.setToolTip(self.tr("Geselecteerde regel verwijderen (Delete)"))
        self.archive_button = QPushButton(self.tr("Archiveren"))
        self.open_button = QPushButton(spec.open_label)
        self.open_button.setVisible(spec.open_item is not None)
        self.open_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.create_new)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.archive_button.clicked.connect(self.toggle_archived_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.archive_button)
        self.button_row = buttons
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        self.button_row = buttons  # pages add their own buttons here

        self.body = QVBoxLayout(self)
        self.body.addWidget(title)
        self.body.addLayout(filter_row)
        self.body.addWidget(self.view, 1)
        self.body.addWidget(self.empty_label, 1)
        self.body.addLayout(buttons)

        self._add_shortcuts()
        self.model.on_reloaded = self._after_reload
        bus.changed.connect(self._on_changed)
        self.selection_changed.connect(self._update_buttons)
        self.refresh_filters()
        self._apply_query()

    def add_button(
        self, text: str, handler: Callable[[], object], tooltip: str = ""
    ) -> QPushButton:
        """An extra action of this page, after the standard buttons."""
        button = QPushButton(text)
        button.setToolTip(tooltip)
        button.clicked.connect(handler)
        self.button_row.insertWidget(self.button_row.indexOf(self.archive_button) + 1, button)
        return button

    # --- queries --------------------------------------------------------------
    def current_query(self) -> ListQuery:
        filters = {
            key: box.currentData() for key, box in self.filter_boxes.items() if box.currentData()
        }
        return replace(
            self.model.query,
            search=self.search.text(),
            filters=filters,
            include_archived=self.show_archived.isChecked(),
        )

    def _apply_query(self, *_args: Any) -> None:
        selected = self.selected_id()
        self.model.set_query(self.current_query())
        if selected is not None:
            self.select_id(selected)

    def refresh_filters(self) -> None:
        for filter_spec in self.spec.filters:
            box = self.filter_boxes[filter_spec.key]
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(filter_spec.all_label, None)
            for value, text in filter_spec.options():
                box.addItem(text, value)
            box.setCurrentIndex(max(box.findData(current), 0))
            box.blockSignals(False)

    def _after_reload(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(self.tr("%n regel(s)", "", count))
        is_empty = count == 0 and not self.search.text() and not self.current_query().filters
        self.view.setVisible(not is_empty)
        self.empty_label.setVisible(is_empty)
        self._update_buttons()

    def _on_changed(self, entity: str) -> None:
        if entity == self.spec.entity or entity in self.spec.listens_to:
            self.refresh_filters()
            self._apply_query()

    # --- selection ------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select_id(self, entity_id: int) -> None:
        row = self.model.row_of(entity_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _update_buttons(self, *_args: Any) -> None:
        entity_id = self.selected_id()
        for button in (
            self.open_button,
            self.edit_button,
            self.remove_button,
            self.archive_button,
        ):
            button.setEnabled(entity_id is not None)
        row = self.model.row_data(self.model.row_of(entity_id) or 0) if entity_id else None
        archived = bool(row and row.get("archived"))
        self.archive_button.setText(self.tr("Dearchiveren") if archived else self.tr("Archiveren"))

    # --- actions --------------------------------------------------------------
    def _add_shortcuts(self) -> None:
        page_wide = Qt.ShortcutContext.WidgetWithChildrenShortcut
        in_list = Qt.ShortcutContext.WidgetShortcut
        for keys, handler, target, context in (
            (QKeySequence(QKeySequence.StandardKey.New), self.create_new, self, page_wide),
            (QKeySequence(QKeySequence.StandardKey.Find), self.focus_search, self, page_wide),
            (QKeySequence(Qt.Key.Key_F2), self.edit_selected, self, page_wide),
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected, self.view, in_list),
            (QKeySequence(Qt.Key.Key_Delete), self.remove_selected, self.view, in_list),
        ):
            action = QAction(target)
            action.setShortcut(keys)
            action.setShortcutContext(context)
            action.triggered.connect(handler)
            target.addAction(action)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_form(self, entity_id: int | None) -> FormDialog:
        values = None
        if entity_id is not None:
            values = (
                self.spec.form_values(entity_id)
                if self.spec.form_values
                else self.service.get(entity_id).model_dump()
            )
        title = (
            self.tr("Nieuwe %1").replace("%1", self.spec.singular)
            if entity_id is None
            else self.tr("%1 bewerken").replace("%1", self.spec.singular.capitalize())
        )

        def save(form_values: Values) -> int:
            return self.service.save(form_values, entity_id)

        return FormDialog(title, self.spec.form_fields(), save, values, parent=self)

    def create_new(self) -> None:
        self._run_form(self.open_form(None))

    def open_selected(self) -> None:
        """The record's detail view when the page has one, else its form."""
        entity_id = self.selected_id()
        if entity_id is None:
            return
        if self.spec.open_item is None:
            self.edit_selected()
        else:
            self.spec.open_item(self, entity_id)

    def edit_selected(self) -> None:
        entity_id = self.selected_id()
        if entity_id is not None:
            self._run_form(self.open_form(entity_id))

    def _run_form(self, dialog: FormDialog) -> None:
        if dialog.exec() == FormDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.bus.announce(self.spec.entity)
            self.select_id(dialog.saved_id)

    def remove_selected(self) -> None:
        entity_id = self.selected_id()
        if entity_id is None:
            return
        row = self.model.row_data(self.model.row_of(entity_id) or 0) or {}
        name = row.get("name", "")
        answer = QMessageBox.question(
            self,
            self.tr("Verwijderen"),
            self.tr("Weet u zeker dat u %1 '%2' wilt verwijderen? Dit kan niet ongedaan worden.")
            .replace("%1", self.spec.singular)
            .replace("%2", str(name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.service.remove(entity_id)
        except InUse as refused:
            self._offer_archive(entity_id, str(refused))
            return
        except ServiceError as refused:
            QMessageBox.warning(self, self.tr("Niet verwijderd"), str(refused))
            return
        self.bus.announce(self.spec.entity)

    def _offer_archive(self, entity_id: int, reason: str) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Niet verwijderd"))
        box.setText(reason)
        archive = box.addButton(self.tr("Archiveren"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Niets doen"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is archive:
            self.service.set_archived(entity_id, True)
            self.bus.announce(self.spec.entity)

    def toggle_archived_selected(self) -> None:
        entity_id = self.selected_id()
        if entity_id is None:
            return
        row = self.model.row_data(self.model.row_of(entity_id) or 0) or {}
        self.service.set_archived(entity_id, not row.get("archived"))
        self.bus.announce(self.spec.entity)
