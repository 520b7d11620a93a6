"""The tables page: the list of tables, and the selected table's members."""

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.labels import choices, weekday_choices
from verbindtafel_desktop.app.list_page import FilterSpec, ListPage, PageSpec
from verbindtafel_desktop.app.members_model import MembersModel
from verbindtafel_desktop.app.plan_sessions_dialog import offer_planning, plan_sessions
from verbindtafel_desktop.app.query_model import Column
from verbindtafel_desktop.app.table_exports import table_export_button
from verbindtafel_desktop.domain.enums import MembershipRole, MembershipStatus
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("TablesPage", text)


def table_fields(services: Services) -> list[FieldSpec]:
    return [
        FieldSpec("name", tr("Naam"), required=True, help=tr("Bijvoorbeeld: Tafel Zonnebloem")),
        FieldSpec(
            "cohort_id",
            tr("Lichting"),
            kind="choice",
            required=True,
            choices=services.cohorts.options,
            optional_choice=tr("(kies een lichting)"),
        ),
        FieldSpec(
            "capacity",
            tr("Plaatsen"),
            kind="int",
            minimum=1,
            maximum=20,
            default=8,
            help=tr("Hoeveel tafelgenoten er aan deze tafel passen (1 tot 20)."),
        ),
        FieldSpec(
            "meeting_weekday",
            tr("Vaste dag"),
            kind="choice",
            choices=weekday_choices,
            optional_choice=tr("(nog niet bekend)"),
        ),
        FieldSpec("meeting_time", tr("Tijd"), kind="time", help=tr("Bijvoorbeeld 14:00")),
        FieldSpec("notes", tr("Opmerkingen"), kind="multiline"),
    ]


class TableDetail(QWidget):
    """Who sits at the selected table, and the actions on its memberships."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.table_id: int | None = None
        self.heading = QLabel(tr("Kies een tafel in de lijst."))
        self.heading.setObjectName("detailTitle")
        self.heading.setWordWrap(True)
        self.occupancy = QLabel()
        self.occupancy.setObjectName("occupancy")
        self.facilitators = QLabel()
        self.facilitators.setWordWrap(True)
        self.members = MembersModel(self)
        self.view = QTableView()
        self.view.setObjectName("members")
        self.view.setModel(self.members)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.edit_membership())

        self.add_participant = QPushButton(tr("Tafelgenoot toevoegen…"))
        self.add_facilitator = QPushButton(tr("Begeleider toevoegen…"))
        self.edit_button = QPushButton(tr("Deelname wijzigen…"))
        self.remove_button = QPushButton(tr("Deelname verwijderen…"))
        self.add_participant.clicked.connect(lambda: self.add_member(MembershipRole.PARTICIPANT))
        self.add_facilitator.clicked.connect(lambda: self.add_member(MembershipRole.FACILITATOR))
        self.edit_button.clicked.connect(self.edit_membership)
        self.remove_button.clicked.connect(self.remove_membership)
        self.export_button = table_export_button(self, services, lambda: self.table_id)
        buttons = QHBoxLayout()
        for button in (
            self.add_participant,
            self.add_facilitator,
            self.edit_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.plan_button = QPushButton(tr("Sessies plannen…"))
        self.plan_button.clicked.connect(self.plan_sessions)
        self.attendance_button = QPushButton(tr("Aanwezigheid…"))
        self.attendance_button.setToolTip(tr("Het traject en de aanwezigheid van deze tafel"))
        self.attendance_button.clicked.connect(
            lambda: bus.request_show("trajectory", ("attendance", self.table_id))
        )
        buttons.addWidget(self.plan_button)
        buttons.addWidget(self.attendance_button)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.occupancy)
        layout.addWidget(self.facilitators)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.show_table(None)

    def show_table(self, table_id: int | None) -> None:
        self.table_id = table_id
        has_table = table_id is not None
        for button in (
            self.add_participant,
            self.add_facilitator,
            self.edit_button,
            self.remove_button,
            self.plan_button,
            self.attendance_button,
            self.export_button,
        ):
            button.setEnabled(has_table)
        if table_id is None:
            self.heading.setText(tr("Kies een tafel in de lijst."))
            self.occupancy.clear()
            self.facilitators.clear()
            self.members.set_rows([])
            return
        summary = self.services.memberships.summary(table_id)
        self.heading.setText(f"{summary.name} — {summary.cohort}")
        full = summary.participants >= summary.capacity
        self.occupancy.setText(
            tr("Bezetting: %1 van %2 plaatsen%3")
            .replace("%1", str(summary.participants))
            .replace("%2", str(summary.capacity))
            .replace("%3", tr(" (vol)") if full else "")
        )
        self.occupancy.setProperty("full", full)
        self.occupancy.style().polish(self.occupancy)
        self.facilitators.setText(
            tr("Begeleiding: %1").replace("%1", ", ".join(summary.facilitators))
            if summary.facilitators
            else tr("Begeleiding: nog niemand — voeg een begeleider toe.")
        )
        self.members.set_rows(self.services.memberships.members(table_id))

    def plan_sessions(self) -> None:
        if self.table_id is not None and plan_sessions(self.services, self.table_id, self):
            self.bus.announce("sessions")

    def selected_member(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.members.member_at(rows[0].row()) if rows else None

    def add_member(self, role: MembershipRole) -> None:
        if self.table_id is None:
            return
        table_id = self.table_id
        people = self.services.people
        fields = [
            FieldSpec(
                "person_id",
                tr("Persoon"),
                kind="person",
                required=True,
                find_person=people.find,
                person_name=people.display_name,
                help=tr(
                    "Staat de persoon er nog niet in? Voeg hem of haar eerst toe bij Personen."
                ),
            ),
            FieldSpec(
                "status",
                tr("Status"),
                kind="choice",
                choices=lambda: choices(MembershipStatus),
                default=MembershipStatus.REGISTERED,
            ),
            FieldSpec("start_date", tr("Startdatum"), kind="date"),
        ]

        def save(values: Values) -> int:
            return self.services.memberships.add(
                table_id,
                values["person_id"],
                role,
                start_date=values["start_date"],
                status=values["status"],
            )

        title = (
            tr("Tafelgenoot toevoegen")
            if role == MembershipRole.PARTICIPANT
            else tr("Begeleider toevoegen")
        )
        dialog = FormDialog(title, fields, save, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.bus.announce("memberships")

    def edit_membership(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        fields = [
            FieldSpec(
                "status", tr("Status"), kind="choice", choices=lambda: choices(MembershipStatus)
            ),
            FieldSpec("start_date", tr("Startdatum"), kind="date"),
            FieldSpec(
                "end_date",
                tr("Einddatum"),
                kind="date",
                help=tr("Wordt vandaag als iemand op 'gestopt' gezet wordt en dit leeg is."),
            ),
        ]

        def save(values: Values) -> int:
            self.services.memberships.update(
                member.membership_id,
                status=values["status"],
                start_date=values["start_date"],
                end_date=values["end_date"],
            )
            return int(member.membership_id)

        values = {
            "status": member.status,
            "start_date": member.start_date,
            "end_date": member.end_date,
        }
        title = tr("Deelname van %1").replace("%1", member.name)
        dialog = FormDialog(title, fields, save, values, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.bus.announce("memberships")

    def remove_membership(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Deelname verwijderen"),
            tr("Deelname van %1 aan deze tafel verwijderen?").replace("%1", member.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.memberships.remove(member.membership_id)
        except ServiceError as refused:
            QMessageBox.information(self, tr("Niet verwijderd"), str(refused))
            return
        self.bus.announce("memberships")


class TableList(ListPage):
    created = Signal(int)  # a new table was saved through the form

    def create_new(self) -> None:
        dialog = self.open_form(None)
        self._run_form(dialog)
        if dialog.result() == FormDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.created.emit(dialog.saved_id)


class TablesPage(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        spec = PageSpec(
            entity="tables",
            title=tr("Tafels"),
            singular=tr("tafel"),
            empty_text=tr(
                "Nog geen tafels. Maak eerst een locatie en een lichting, en daarna hier "
                "een tafel met 'Nieuw…' (Ctrl+N)."
            ),
            columns=[
                Column("name", tr("Naam"), width=220),
                Column("cohort", tr("Lichting")),
                Column("location", tr("Locatie")),
                Column("meeting_weekday", tr("Dag"), kind="weekday"),
                Column("meeting_time", tr("Tijd"), kind="time"),
                Column("occupancy", tr("Bezetting"), kind="occupancy"),
                Column("facilitators", tr("Begeleiding")),
            ],
            form_fields=lambda: table_fields(services),
            filters=[
                FilterSpec(
                    "cohort_id", tr("Lichting"), services.cohorts.options, tr("Alle lichtingen")
                ),
                FilterSpec(
                    "location_id", tr("Locatie"), services.locations.options, tr("Alle locaties")
                ),
            ],
            listens_to=("cohorts", "locations", "memberships", "people"),
        )
        self.list = TableList(services.tables, spec, bus)
        self.detail = TableDetail(services, bus)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.list.selection_changed.connect(self.detail.show_table)
        self.list.created.connect(self._offer_planning)
        bus.changed.connect(self._on_changed)

    def _offer_planning(self, table_id: int) -> None:
        if offer_planning(self.detail.services, table_id, self):
            self.detail.bus.announce("sessions")

    def _on_changed(self, entity: str) -> None:
        if entity in ("memberships", "people", "tables"):
            self.detail.show_table(self.list.selected_id())
