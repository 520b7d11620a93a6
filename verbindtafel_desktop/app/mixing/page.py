"""The "Mixmomenten" page: the list of mixmoments, their form, and the mixing board."""

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.labels import choices
from verbindtafel_desktop.app.list_page import FilterSpec, ListPage, PageSpec
from verbindtafel_desktop.app.mixing.board import MixingBoard
from verbindtafel_desktop.app.query_model import Column
from verbindtafel_desktop.domain.enums import SessionStatus
from verbindtafel_desktop.services.mixmoments import SessionChoice, choices_for
from verbindtafel_desktop.services.registry import Services

TABLE_ROLE = Qt.ItemDataRole.UserRole + 1


def tr(text: str) -> str:
    return QCoreApplication.translate("MixmomentsPage", text)


def mixmoment_fields(services: Services) -> list[FieldSpec]:
    return [
        FieldSpec(
            "cohort_id",
            tr("Lichting"),
            kind="choice",
            required=True,
            choices=services.cohorts.options,
            optional_choice=tr("(kies een lichting)"),
        ),
        FieldSpec("date", tr("Datum"), kind="date", required=True),
        FieldSpec("start_time", tr("Begintijd"), kind="time", help=tr("Bijvoorbeeld 14:00")),
        FieldSpec(
            "title",
            tr("Titel"),
            help=tr("Mag leeg blijven; dan heet het 'Mixmoment' met de naam van de lichting."),
        ),
        FieldSpec(
            "status",
            tr("Status"),
            kind="choice",
            choices=lambda: choices(SessionStatus),
            default=SessionStatus.PLANNED,
        ),
        FieldSpec("notes", tr("Opmerkingen"), kind="multiline"),
    ]


def choice_key(choice: SessionChoice) -> str:
    """Combo boxes hold plain strings: "s12" is session 12, "n4" a new session 4."""
    if choice.session_id is not None:
        return f"s{choice.session_id}"
    return f"n{choice.new_number}" if choice.new_number is not None else ""


def choice_of(key: str | None) -> SessionChoice:
    if not key:
        return SessionChoice()
    number = int(key[1:])
    return SessionChoice(session_id=number) if key[0] == "s" else SessionChoice(new_number=number)


class TablePicker(QGroupBox):
    """The cohort's tables: tick who takes part, and through which of its sessions."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(tr("Tafels die meedoen"), parent)
        self.services = services
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("tablePicker")
        self.table.setHorizontalHeaderLabels([tr("Tafel"), tr("Via sessie")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 230)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(150)
        self.empty = QLabel(tr("Kies eerst een lichting."))
        self.empty.setObjectName("fieldHelp")
        hint = QLabel(
            tr(
                "Normaal doen de tafels mee via sessie 4 of 5. De datum van die sessie wordt "
                "de datum van het mixmoment; de aanwezigheid komt in die sessie."
            )
        )
        hint.setObjectName("fieldHelp")
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        self.combos: dict[int, QComboBox] = {}

    def load(
        self,
        cohort_id: int | None,
        day: dt.date | None,
        mixed_session_id: int | None,
        links: dict[int, SessionChoice] | None,
    ) -> None:
        options = self.services.mixmoments.table_options(cohort_id) if cohort_id else []
        self.table.setRowCount(len(options))
        self.combos = {}
        for row, option in enumerate(options):
            name = QTableWidgetItem(option.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            taking_part = option.table_id in links if links is not None else True
            name.setCheckState(Qt.CheckState.Checked if taking_part else Qt.CheckState.Unchecked)
            name.setData(TABLE_ROLE, option.table_id)
            self.table.setItem(row, 0, name)
            combo = QComboBox()
            for choice, text in choices_for(option, mixed_session_id):
                combo.addItem(text, choice_key(choice))
            wanted = (links or {}).get(option.table_id) or SessionChoice()
            if wanted == SessionChoice():
                wanted = option.suggestion(day, mixed_session_id)
            combo.setCurrentIndex(max(0, combo.findData(choice_key(wanted))))
            self.table.setCellWidget(row, 1, combo)
            self.combos[option.table_id] = combo
        self.table.setVisible(bool(options))
        self.empty.setVisible(not options)
        self.empty.setText(
            tr("Kies eerst een lichting.")
            if not cohort_id
            else tr("Deze lichting heeft geen tafels.")
        )

    def set_taking_part(self, table_id: int, on: bool) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            assert item is not None
            if item.data(TABLE_ROLE) == table_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def links(self) -> dict[int, SessionChoice]:
        chosen = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            assert item is not None
            if item.checkState() == Qt.CheckState.Checked:
                table_id = int(item.data(TABLE_ROLE))
                chosen[table_id] = choice_of(self.combos[table_id].currentData())
        return chosen


class MixmomentDialog(FormDialog):
    """The mixmoment's own fields, plus the participating tables and their sessions."""

    def __init__(
        self,
        services: Services,
        entity_id: int | None,
        values: dict[str, Any] | None,
        parent: QWidget | None = None,
    ) -> None:
        self.services = services
        self.entity_id = entity_id
        self.picker = TablePicker(services)

        def save(form_values: Values) -> int:
            form_values["links"] = self.picker.links()
            return services.mixmoments.save(form_values, entity_id)

        title = tr("Nieuw mixmoment") if entity_id is None else tr("Mixmoment bewerken")
        super().__init__(title, mixmoment_fields(services), save, values, parent)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.picker)
        # The tables' error shows under the picker, which gets the focus then.
        self.error_labels["links"] = self.picker.error
        self.widgets["links"] = self.picker.table
        cohort = self.widgets["cohort_id"]
        assert isinstance(cohort, QComboBox)
        cohort.currentIndexChanged.connect(lambda _index: self.reload_tables(None))
        self.widgets["date"].editingFinished.connect(self._date_changed)  # type: ignore[attr-defined]
        self.reload_tables((values or {}).get("links"))

    def _day(self) -> dt.date | None:
        try:
            value = self.widgets["date"].value()  # type: ignore[attr-defined]
        except ValueError:
            return None
        return value if isinstance(value, dt.date) else None

    def reload_tables(self, links: dict[int, SessionChoice] | None) -> None:
        cohort = self.widgets["cohort_id"]
        assert isinstance(cohort, QComboBox)
        self.picker.load(cohort.currentData(), self._day(), self.entity_id, links)

    def _date_changed(self) -> None:
        if self.entity_id is None:
            self.reload_tables(None)


class MixmomentList(ListPage):
    created = Signal(int)

    def __init__(self, services: Services, spec: PageSpec, bus: ChangeBus) -> None:
        self.services = services
        super().__init__(services.mixmoments, spec, bus)

    def open_form(self, entity_id: int | None) -> FormDialog:
        values = self.services.mixmoments.form_values(entity_id) if entity_id else None
        return MixmomentDialog(self.services, entity_id, values, parent=self)

    def create_new(self) -> None:
        dialog = self.open_form(None)
        self._run_form(dialog)
        if dialog.result() == FormDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.created.emit(dialog.saved_id)


class MixmomentsPage(QWidget):
    """The list of mixmoments; "Tafelindeling" opens a mixmoment's board in its place."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        spec = PageSpec(
            entity="mixed_sessions",
            title=tr("Mixmomenten"),
            singular=tr("mixmoment"),
            empty_text=tr(
                "Nog geen mixmomenten. Bij een mixmoment komen tafels van een lichting samen "
                "(meestal in sessie 4 of 5) en worden ze opnieuw ingedeeld, zodat iedereen "
                "nieuwe mensen ontmoet. Maak er een met 'Nieuw…' (Ctrl+N)."
            ),
            columns=[
                Column("date", tr("Datum"), kind="date"),
                Column("start_time", tr("Tijd"), kind="time"),
                Column("name", tr("Titel"), width=220),
                Column("cohort", tr("Lichting")),
                Column("location", tr("Locatie")),
                Column("tables", tr("Tafels"), width=200),
                Column("seated", tr("Ingedeeld"), kind="number"),
                Column("status", tr("Status"), kind="enum", enum=SessionStatus),
            ],
            form_fields=lambda: mixmoment_fields(services),
            filters=[
                FilterSpec(
                    "cohort_id", tr("Lichting"), services.cohorts.options, tr("Alle lichtingen")
                ),
                FilterSpec(
                    "status", tr("Status"), lambda: choices(SessionStatus), tr("Elke status")
                ),
            ],
            listens_to=("cohorts", "tables", "locations", "seatings", "attendance", "sessions"),
            stretch_column=2,
        )
        self.list = MixmomentList(services, spec, bus)
        # A mixmoment is removed, not archived: it is an event, not a record kept in use.
        self.list.archive_button.hide()
        self.list.show_archived.hide()
        self.open_button = QPushButton(tr("Tafelindeling…"))
        self.open_button.setObjectName("openBoard")
        self.open_button.setToolTip(tr("De mengtafels van dit mixmoment indelen (Ctrl+Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.list.button_row.insertWidget(0, self.open_button)
        open_action = QAction(self.list.view)
        open_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_selected)
        self.list.view.addAction(open_action)
        self.list.selection_changed.connect(
            lambda selected: self.open_button.setEnabled(selected is not None)
        )
        self.open_button.setEnabled(self.list.selected_id() is not None)
        self.list.created.connect(self.open_board)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.board: MixingBoard | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def open_selected(self) -> None:
        selected = self.list.selected_id()
        if selected is not None:
            self.open_board(selected)

    def open_board(self, mixed_session_id: int) -> MixingBoard | None:
        if self.board is not None and not self.close_board():
            return None
        board = MixingBoard(self.services, self.bus, mixed_session_id)
        board.back_requested.connect(self._board_left)
        self.board = board
        self.stack.addWidget(board)
        self.stack.setCurrentWidget(board)
        board.view.setFocus()
        return board

    def _board_left(self) -> None:
        board = self.board
        if board is None:
            return
        self.board = None
        self.stack.setCurrentWidget(self.list)
        self.stack.removeWidget(board)
        board.deleteLater()
        self.list.select_id(board.mixed_session_id)

    def close_board(self) -> bool:
        """Leave the board (asking about unsaved changes); False when the user stays."""
        if self.board is None:
            return True
        if not self.board.may_close():
            return False
        self._board_left()
        return True

    def may_close(self) -> bool:
        return self.board is None or self.board.may_close()
