"""The activities page: existing offerings in the city and activities participants started
themselves; below the list, who joined the selected activity, since when, and whether
they still go."""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec, Values
from verbindtafel_desktop.app.labels import choices
from verbindtafel_desktop.app.list_page import FilterSpec, ListPage, PageSpec
from verbindtafel_desktop.app.outcomes.participation_form import (
    participation_dialog,
    still_going_label,
)
from verbindtafel_desktop.app.person.dialog import open_person_dialog
from verbindtafel_desktop.app.person.table_view import RowsView
from verbindtafel_desktop.app.query_model import Column
from verbindtafel_desktop.app.rows_model import RowsModel, TextRow
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import ActivityKind
from verbindtafel_desktop.domain.rotterdam import all_neighbourhoods
from verbindtafel_desktop.services.activities import ParticipationRow
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("ActivitiesPage", text)


def _own(values: Values) -> bool:
    return values.get("kind") == ActivityKind.OWN


def activity_fields(services: Services) -> list[FieldSpec]:
    return [
        FieldSpec("name", tr("Naam"), required=True, help=tr("Bijvoorbeeld: Popkoor PLUS!")),
        FieldSpec(
            "kind",
            tr("Soort"),
            kind="choice",
            choices=lambda: choices(ActivityKind),
            default=ActivityKind.EXISTING,
            help=tr(
                "Bestaand aanbod in de stad (een koor, een kookinitiatief), of een activiteit "
                "die deelnemers zelf zijn begonnen."
            ),
        ),
        FieldSpec(
            "started_by_id",
            tr("Gestart door"),
            kind="person",
            find_person=services.people.find,
            person_name=services.people.display_name,
            enabled_when=_own,
            help=tr("Wie van de deelnemers nam het initiatief?"),
        ),
        FieldSpec("start_date", tr("Gestart op"), kind="date", enabled_when=_own),
        FieldSpec("organiser", tr("Organisator"), help=tr("De organisatie achter het aanbod")),
        FieldSpec(
            "category",
            tr("Soort activiteit"),
            help=tr("Bijvoorbeeld: muziek, samen koken, bewegen, kunst"),
        ),
        FieldSpec(
            "neighbourhood",
            tr("Wijk"),
            kind="suggest",
            suggestions=all_neighbourhoods(),
        ),
        FieldSpec(
            "contact",
            tr("Contact"),
            help=tr("Telefoon, e-mail of website om mensen naar door te verwijzen"),
        ),
        FieldSpec("notes", tr("Opmerkingen"), kind="multiline"),
    ]


class ParticipantsPanel(QWidget):
    """Who joined the selected activity."""

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.activity_id: int | None = None
        self.rows: list[ParticipationRow] = []
        self.heading = QLabel(tr("Kies een activiteit in de lijst."))
        self.heading.setObjectName("detailTitle")
        self.model = RowsModel(
            [tr("Naam"), tr("Doet mee sinds"), tr("Gaat nog"), tr("Gevraagd op")], self
        )
        self.view = RowsView(self.model)
        self.view.setObjectName("participants")
        self.view.row_activated.connect(self.edit)
        self.add_button = QPushButton(tr("Deelnemer aanmelden…"))
        self.add_button.setObjectName("addParticipant")
        self.edit_button = QPushButton(tr("Wijzigen…"))
        self.remove_button = QPushButton(tr("Afmelden…"))
        self.person_button = QPushButton(tr("Persoonskaart…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(lambda: self._selected(self.edit))
        self.remove_button.clicked.connect(lambda: self._selected(self.remove))
        self.person_button.clicked.connect(lambda: self._selected(self.open_person))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.person_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.show_activity(None)

    def _selected(self, action: Callable[[int], None]) -> None:
        selected = self.view.selected_id()
        if selected is not None:
            action(selected)

    def show_activity(self, activity_id: int | None) -> None:
        self.activity_id = activity_id
        for button in (self.add_button, self.edit_button, self.remove_button, self.person_button):
            button.setEnabled(activity_id is not None)
        if activity_id is None:
            self.heading.setText(tr("Kies een activiteit in de lijst."))
            self.rows = []
            self.model.set_rows([])
            return
        activity = self.services.activities.get(activity_id)
        self.rows = self.services.activities.participants(activity_id)
        going = sum(1 for row in self.rows if row.still_going)
        self.heading.setText(
            tr("%1 — %2 deelnemer(s), van wie %3 bij navraag nog gaan")
            .replace("%1", activity.name)
            .replace("%2", str(len(self.rows)))
            .replace("%3", str(going))
        )
        self.model.set_rows(
            [
                TextRow(
                    row.id,
                    (
                        row.name,
                        format_date(row.joined_on),
                        still_going_label(row.still_going),
                        format_date(row.checked_on),
                    ),
                    (
                        None,
                        row.joined_on.isoformat() if row.joined_on else None,
                        None,
                        row.checked_on.isoformat() if row.checked_on else None,
                    ),
                )
                for row in self.rows
            ]
        )
        self.view.resizeColumnsToContents()

    def add(self) -> None:
        if self.activity_id is None:
            return
        dialog = participation_dialog(self, self.services, activity_id=self.activity_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.bus.announce("activity_participations")

    def _row(self, participation_id: int) -> ParticipationRow:
        return next(row for row in self.rows if row.id == participation_id)

    def edit(self, participation_id: int) -> None:
        existing = self._row(participation_id)
        dialog = participation_dialog(self, self.services, existing=existing)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.bus.announce("activity_participations")

    def remove(self, participation_id: int) -> None:
        row = self._row(participation_id)
        answer = QMessageBox.question(
            self,
            tr("Afmelden"),
            tr("%1 afmelden bij %2? Wie gestopt is kunt u beter op 'Gaat nog: nee' zetten.")
            .replace("%1", row.name)
            .replace("%2", row.activity),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.services.activities.remove_participation(participation_id)
            self.bus.announce("activity_participations")

    def open_person(self, participation_id: int) -> None:
        open_person_dialog(self, self.services, self.bus, self._row(participation_id).person_id)


class ActivitiesPage(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        spec = PageSpec(
            entity="activities",
            title=tr("Activiteiten"),
            singular=tr("activiteit"),
            empty_text=tr(
                "Nog geen activiteiten. Voeg bestaand aanbod in de stad toe (een koor, een "
                "kookinitiatief) en activiteiten die deelnemers zelf begonnen, met 'Nieuw…' "
                "(Ctrl+N)."
            ),
            columns=[
                Column("name", tr("Naam"), width=230),
                Column("kind", tr("Soort"), kind="enum", enum=ActivityKind),
                Column("category", tr("Soort activiteit")),
                Column("organiser", tr("Organisator")),
                Column("started_by", tr("Gestart door")),
                Column("neighbourhood", tr("Wijk")),
                Column("participant_count", tr("Deelnemers"), kind="number"),
                Column("still_going_count", tr("Gaan nog"), kind="number"),
                Column("contact", tr("Contact")),
            ],
            form_fields=lambda: activity_fields(services),
            form_values=services.activities.form_values,
            filters=[
                FilterSpec("kind", tr("Soort"), lambda: choices(ActivityKind), tr("Elke soort"))
            ],
            listens_to=("activity_participations", "people"),
        )
        self.list = ListPage(services.activities, spec, bus)
        self.detail = ParticipantsPanel(services, bus)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.list.selection_changed.connect(self.detail.show_activity)
        bus.changed.connect(self._on_changed)

    def _on_changed(self, entity: str) -> None:
        if entity in ("activity_participations", "activities", "people"):
            self.detail.show_activity(self.list.selected_id())
