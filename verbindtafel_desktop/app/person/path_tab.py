"""The person's path through cohorts and tables: as a guest, on a recruitment list, at a
table as participant or facilitator."""

from PySide6.QtWidgets import QVBoxLayout, QWidget

from verbindtafel_desktop.app.labels import label
from verbindtafel_desktop.app.person.context import PersonContext, PersonTab
from verbindtafel_desktop.app.person.table_view import RowsView
from verbindtafel_desktop.app.rows_model import RowsModel, TextRow
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import AttendanceStatus, LeadStatus, MembershipStatus
from verbindtafel_desktop.services.person_history import PathStep, StepKind


class PathTab(PersonTab):
    def __init__(self, context: PersonContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.steps = RowsModel(
            [
                self.tr("Datum"),
                self.tr("Als"),
                self.tr("Lichting"),
                self.tr("Tafel"),
                self.tr("Bijzonderheden"),
            ],
            self,
        )
        self.view = RowsView(self.steps)
        self.view.setObjectName("path")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def show_person(self, person_id: int) -> None:
        history = self.context.services.person_history.history(person_id)
        kinds = {
            StepKind.GUEST: self.tr("introducee"),
            StepKind.LEAD: self.tr("op de wervingslijst"),
            StepKind.PARTICIPANT: self.tr("tafelgenoot"),
            StepKind.FACILITATOR: self.tr("tafelbegeleider"),
        }
        self.steps.set_rows(
            [
                TextRow(
                    number,
                    (
                        format_date(step.date),
                        kinds[step.kind],
                        step.cohort,
                        step.table,
                        self.details(step),
                    ),
                    (step.date.isoformat() if step.date else None,),
                )
                for number, step in enumerate(history.path)
            ]
        )
        for column in range(4):
            self.view.resizeColumnToContents(column)

    def details(self, step: PathStep) -> str:
        parts = []
        if step.kind == StepKind.GUEST:
            if step.by:
                parts.append(self.tr("uitgenodigd door %1").replace("%1", step.by))
            if step.session_number:
                parts.append(self.tr("sessie %1").replace("%1", str(step.session_number)))
            if step.status:
                parts.append(label(AttendanceStatus(step.status)))
        elif step.kind == StepKind.LEAD:
            if step.by:
                parts.append(self.tr("aangedragen door %1").replace("%1", step.by))
            parts.append(label(LeadStatus(step.status)))
        else:
            parts.append(label(MembershipStatus(step.status)))
            if step.held:
                parts.append(
                    self.tr("aanwezig bij %1 van %2 gehouden sessies")
                    .replace("%1", str(step.present))
                    .replace("%2", str(step.held))
                )
        return ", ".join(parts)
