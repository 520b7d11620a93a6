"""The 'Metingen' tab of a person's page: their loneliness measurements (T0, T1, T2) with
score and network size, and the activities they joined."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.labels import label
from verbindtafel_desktop.app.outcomes.measurement_dialog import MeasurementDialog
from verbindtafel_desktop.app.outcomes.participation_form import (
    participation_dialog,
    still_going_label,
)
from verbindtafel_desktop.app.person.context import PersonContext, PersonTab
from verbindtafel_desktop.app.person.table_view import RowsView
from verbindtafel_desktop.app.rows_model import RowsModel, TextRow
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.services.measurements import CONTACT_MOMENTS, MeasurementRow


class MeasurementsTab(PersonTab):
    def __init__(self, context: PersonContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.person_id: int | None = None
        self.measurements = RowsModel(
            [
                self.tr("Moment"),
                self.tr("Datum"),
                self.tr("Score (0–6)"),
                self.tr("Eenzaamheid"),
                self.tr("Netwerk"),
                self.tr("Blijft zien"),
                self.tr("Lichting"),
            ],
            self,
        )
        self.measurement_view = RowsView(self.measurements)
        self.measurement_view.setObjectName("measurements")
        self.measurement_view.row_activated.connect(self.edit_measurement)
        self.new_button = QPushButton(self.tr("Nieuwe meting…"))
        self.new_button.setObjectName("newMeasurement")
        self.new_button.setToolTip(self.tr("Een meting invoeren (Ctrl+M)"))
        self.edit_button = QPushButton(self.tr("Bewerken…"))
        self.remove_button = QPushButton(self.tr("Verwijderen…"))
        self.new_button.clicked.connect(self.new_measurement)
        self.edit_button.clicked.connect(
            lambda: self._with_selected(self.measurement_view, self.edit_measurement)
        )
        self.remove_button.clicked.connect(
            lambda: self._with_selected(self.measurement_view, self.remove_measurement)
        )
        shortcut = QAction(self)
        shortcut.setShortcut(QKeySequence("Ctrl+M"))
        shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.triggered.connect(self.new_measurement)
        self.addAction(shortcut)

        self.participations = RowsModel(
            [self.tr("Activiteit"), self.tr("Soort"), self.tr("Sinds"), self.tr("Gaat nog")],
            self,
        )
        self.participation_view = RowsView(self.participations)
        self.participation_view.setObjectName("participations")
        self.participation_view.row_activated.connect(self.edit_participation)
        self.join_button = QPushButton(self.tr("Aanmelden bij activiteit…"))
        self.join_button.setObjectName("joinActivity")
        self.change_button = QPushButton(self.tr("Wijzigen…"))
        self.leave_button = QPushButton(self.tr("Afmelden…"))
        self.join_button.clicked.connect(self.join_activity)
        self.change_button.clicked.connect(
            lambda: self._with_selected(self.participation_view, self.edit_participation)
        )
        self.leave_button.clicked.connect(
            lambda: self._with_selected(self.participation_view, self.remove_participation)
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self._heading(self.tr("Metingen")))
        layout.addWidget(self.measurement_view, 3)
        layout.addLayout(self._buttons(self.new_button, self.edit_button, self.remove_button))
        layout.addWidget(self._heading(self.tr("Activiteiten")))
        layout.addWidget(self.participation_view, 2)
        layout.addLayout(self._buttons(self.join_button, self.change_button, self.leave_button))

    @staticmethod
    def _heading(text: str) -> QLabel:
        heading = QLabel(text)
        heading.setObjectName("detailTitle")
        return heading

    @staticmethod
    def _buttons(*buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        return row

    @staticmethod
    def _with_selected(view: RowsView, action: Callable[[int], None]) -> None:
        selected = view.selected_id()
        if selected is not None:
            action(selected)

    # --- showing --------------------------------------------------------------------
    def show_person(self, person_id: int) -> None:
        self.person_id = person_id
        services = self.context.services
        self.measurements.set_rows(
            [self._measurement_row(row) for row in services.measurements.for_person(person_id)]
        )
        self.participations.set_rows(
            [
                TextRow(
                    row.id,
                    (
                        row.activity,
                        label(row.kind),
                        format_date(row.joined_on),
                        still_going_label(row.still_going)
                        + (f" ({format_date(row.checked_on)})" if row.checked_on else ""),
                    ),
                    (None, None, row.joined_on.isoformat() if row.joined_on else None, None),
                )
                for row in services.activities.participations_of(person_id)
            ]
        )
        for view in (self.measurement_view, self.participation_view):
            view.resizeColumnsToContents()

    def _measurement_row(self, row: MeasurementRow) -> TextRow:
        if row.score is None:
            score, category = "", self.tr("onvolledig")
        else:
            score, category = str(row.score.total), row.score.category
        contacts = str(row.lasting_contacts) if row.moment in CONTACT_MOMENTS else ""
        return TextRow(
            row.id,
            (
                label(row.moment),
                format_date(row.taken_on),
                score,
                category,
                "" if row.network_size is None else str(row.network_size),
                contacts,
                row.cohort,
            ),
            (row.moment.value, row.taken_on.isoformat(), score.zfill(2) or None),
            tooltip=row.notes,
        )

    # --- measurements ---------------------------------------------------------------
    def new_measurement(self) -> None:
        if self.person_id is not None:
            self._run(MeasurementDialog(self.context.services, self.person_id, parent=self))

    def edit_measurement(self, measurement_id: int) -> None:
        if self.person_id is not None:
            dialog = MeasurementDialog(
                self.context.services, self.person_id, measurement_id, parent=self
            )
            self._run(dialog)

    def _run(self, dialog: MeasurementDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.bus.announce("measurements", "lasting_contacts")

    def remove_measurement(self, measurement_id: int) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Meting verwijderen"),
            self.tr(
                "Deze meting verwijderen? De antwoorden (en bij T1/T2 de blijvende "
                "contacten van dat moment) zijn daarna weg."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.context.services.measurements.remove(measurement_id)
            self.context.bus.announce("measurements", "lasting_contacts")

    # --- activities -----------------------------------------------------------------
    def join_activity(self) -> None:
        if self.person_id is None:
            return
        dialog = participation_dialog(self, self.context.services, person_id=self.person_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.bus.announce("activity_participations")

    def edit_participation(self, participation_id: int) -> None:
        if self.person_id is None:
            return
        rows = self.context.services.activities.participations_of(self.person_id)
        existing = next(row for row in rows if row.id == participation_id)
        dialog = participation_dialog(self, self.context.services, existing=existing)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.bus.announce("activity_participations")

    def remove_participation(self, participation_id: int) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Afmelden"),
            self.tr("Deze persoon afmelden bij de activiteit? Wie al gestopt is kunt u beter "
                    "op 'Gaat nog: nee' zetten, dan telt het mee in de rapportage."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.context.services.activities.remove_participation(participation_id)
            self.context.bus.announce("activity_participations")
