"""Bewaartermijn: the retention period, the people past it, and anonymising them."""

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.person.dialog import open_person_dialog
from verbindtafel_desktop.app.person.forget_tab import CHANGED, backup_note
from verbindtafel_desktop.app.person.table_view import RowsView
from verbindtafel_desktop.app.reload_when_shown import ReloadWhenShown
from verbindtafel_desktop.app.rows_model import RowsModel, TextRow
from verbindtafel_desktop.app.worker import JobRunner, run_with_progress
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.privacy_settings import RETENTION_RANGE
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.registry import Services
from verbindtafel_desktop.services.retention import DuePerson

REASON = "bewaartermijn verstreken"


class RetentionPanel(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.job: JobRunner | None = None
        self.months = QSpinBox()
        self.months.setObjectName("retentionMonths")
        self.months.setRange(*RETENTION_RANGE)
        self.months.setSuffix(self.tr(" maanden"))
        self.save_button = QPushButton(self.tr("Opslaan"))
        self.save_button.setObjectName("saveRetention")
        self.save_button.clicked.connect(self.save_period)
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("Bewaartermijn:")))
        period.addWidget(self.months)
        period.addWidget(QLabel(self.tr("na het laatste contact")))
        period.addWidget(self.save_button)
        period.addStretch(1)
        explanation = QLabel(
            self.tr(
                "Het laatste contact is de laatste datum waarop iets over iemand is "
                "vastgelegd: een sessie van zijn of haar tafel (ook een geplande), "
                "aanwezigheid, een uitnodiging, een wervingslijst, een meting, een activiteit, "
                "een nabelafspraak of toestemming. Wie langer geen contact had, staat hieronder "
                "en kan worden geanonimiseerd: naam en contactgegevens verdwijnen, de anonieme "
                "feiten voor rapportages (geboortejaar, wijk, gender, lichting, aanwezigheid, "
                "scores) blijven."
            )
        )
        explanation.setWordWrap(True)
        explanation.setObjectName("fieldHelp")
        self.count = QLabel()
        self.count.setObjectName("retentionCount")
        self.due = RowsModel(
            [self.tr("Naam"), self.tr("Geboren"), self.tr("Wijk"), self.tr("Laatste contact")],
            self,
        )
        self.view = RowsView(self.due)
        self.view.setObjectName("retentionList")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.row_activated.connect(
            lambda person_id: open_person_dialog(self, services, bus, person_id)
        )
        self.selected_button = QPushButton(self.tr("Geselecteerden anonimiseren…"))
        self.selected_button.setObjectName("anonymiseSelected")
        self.all_button = QPushButton(self.tr("Iedereen in de lijst anonimiseren…"))
        self.all_button.setObjectName("anonymiseAll")
        self.selected_button.clicked.connect(lambda: self.anonymise(self.selected_ids()))
        self.all_button.clicked.connect(lambda: self.anonymise(self.listed_ids()))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.selected_button)
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(explanation)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        # Who is past the period is a union over every contact table: read it only when
        # the list is on screen.
        ReloadWhenShown(self, bus, (*CHANGED, "privacy_settings"), self.reload)
        self.reload()

    def reload(self) -> None:
        settings = self.services.privacy_settings.get()
        self.months.setValue(settings.retention_months)
        people = self.services.retention.due()
        self.due.set_rows([self._row(person) for person in people])
        self.view.resizeColumnsToContents()
        self.count.setText(
            self.tr("%1 personen hadden geen contact meer sinds vóór %2.")
            .replace("%1", str(len(people)))
            .replace("%2", format_date(self.services.retention.cutoff()))
            if people
            else self.tr("Niemand is over de bewaartermijn heen.")
        )
        self._update_buttons()

    @staticmethod
    def _row(person: DuePerson) -> TextRow:
        return TextRow(
            person.person_id,
            (
                person.name,
                str(person.born.year) if person.born else "",
                person.neighbourhood,
                format_date(person.last_contact),
            ),
            (None, None, None, person.last_contact.isoformat()),
        )

    def listed_ids(self) -> list[int]:
        ids = (self.due.row_id(row) for row in range(self.due.rowCount()))
        return [person_id for person_id in ids if person_id is not None]

    def selected_ids(self) -> list[int]:
        rows = self.view.selectionModel().selectedRows()
        ids = (self.view.id_at(index.row()) for index in rows)
        return [person_id for person_id in ids if person_id is not None]

    def _update_buttons(self, *_args: Any) -> None:
        self.selected_button.setEnabled(bool(self.selected_ids()))
        self.all_button.setEnabled(self.due.rowCount() > 0)

    def save_period(self) -> None:
        settings = self.services.privacy_settings.get()
        try:
            self.services.privacy_settings.save(self.months.value(), settings.idle_minutes)
        except ValidationFailed as refused:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(refused))
            return
        self.bus.announce("privacy_settings")

    def anonymise(self, person_ids: list[int]) -> JobRunner | None:
        if not person_ids:
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Anonimiseren"),
            self.tr(
                "%1 personen anonimiseren? Hun namen, geboortedatums (alleen het jaar blijft), "
                "contactgegevens, opmerkingen en toestemming worden gewist en vermeldingen in "
                "notities elders vervangen. Dit kan niet ongedaan worden gemaakt.\n\n%2"
            )
            .replace("%1", str(len(person_ids)))
            .replace("%2", backup_note(self.services.db.path, self)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        anonymisation = self.services.anonymisation

        def work(progress: Progress) -> list[int]:
            return anonymisation.anonymise(person_ids, REASON, progress)

        self.job = run_with_progress(
            self, self.tr("Anonimiseren"), work, lambda _done: self.bus.announce(*CHANGED)
        )
        return self.job
