"""Planning a table's 5 sessions: a proposal from the template, every date can be moved."""

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.labels import label, weekday_label
from verbindtafel_desktop.app.widgets.date_field import DateField, TimeField
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.planning import PlanProposal
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("PlanSessions", text)


class PlanSessionsDialog(QDialog):
    def __init__(
        self,
        services: Services,
        table_id: int,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.table_id = table_id
        self.setMinimumWidth(680)
        start = services.planning.default_start(table_id, today)
        self.proposal: PlanProposal = services.planning.propose(table_id, start)
        self.setWindowTitle(tr("Sessies plannen — %1").replace("%1", self.proposal.table_name))

        weekday = self.proposal.weekday
        intro = QLabel(
            tr(
                "De 5 sessies volgen het sjabloon, wekelijks op %1. Vrije dagen worden "
                "overgeslagen. Elke datum kan daarna nog verschoven worden."
            ).replace("%1", weekday_label(weekday) if weekday is not None else tr("dezelfde dag"))
        )
        intro.setWordWrap(True)

        self.start_field = DateField()
        self.start_field.setObjectName("field_start")
        self.start_field.set_value(start)
        self.time_field = TimeField()
        self.time_field.setObjectName("field_time")
        self.time_field.set_value(self.proposal.start_time)
        propose = QPushButton(tr("Opnieuw voorstellen"))
        propose.setToolTip(
            tr("Alle nog niet gehouden sessies opnieuw verdelen vanaf de startdatum")
        )
        propose.clicked.connect(self.propose_again)
        holiday = QPushButton(tr("Vrije dag toevoegen…"))
        holiday.clicked.connect(self.add_holiday)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Vanaf")))
        top.addWidget(self.start_field)
        top.addWidget(QLabel(tr("Tijd")))
        top.addWidget(self.time_field)
        top.addWidget(propose)
        top.addWidget(holiday)
        top.addStretch(1)

        self.rows = QGridLayout()
        self.date_fields: dict[int, DateField] = {}
        self.errors: dict[int, QLabel] = {}
        for row, planned in enumerate(self.proposal.sessions):
            title = QLabel(
                tr("Sessie %1 · %2 · %3")
                .replace("%1", str(planned.number))
                .replace("%2", label(planned.phase))
                .replace("%3", planned.title)
            )
            field = DateField()
            field.setObjectName(f"field_date_{planned.number}")
            error = QLabel()
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            self.rows.addWidget(title, row * 2, 0)
            self.rows.addWidget(field, row * 2, 1)
            self.rows.addWidget(error, row * 2 + 1, 0, 1, 2)
            self.date_fields[planned.number] = field
            self.errors[planned.number] = error
        self.rows.setColumnStretch(0, 1)
        self.skipped = QLabel()
        self.skipped.setObjectName("fieldHelp")
        self.skipped.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Inplannen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addLayout(self.rows)
        layout.addWidget(self.skipped)
        layout.addWidget(self.buttons)
        self._show(self.proposal)

    def _show(self, proposal: PlanProposal) -> None:
        self.proposal = proposal
        for planned in proposal.sessions:
            field = self.date_fields[planned.number]
            field.set_value(planned.date)
            field.setEnabled(not planned.fixed)
            field.setToolTip(
                tr("Deze sessie is al %1.").replace("%1", label(planned.status))
                if planned.fixed
                else ""
            )
            self.errors[planned.number].hide()
        if proposal.skipped:
            self.skipped.setText(
                tr("Overgeslagen vrije dagen: %1").replace(
                    "%1",
                    ", ".join(f"{format_date(day)} ({name})" for day, name in proposal.skipped),
                )
            )
        else:
            self.skipped.setText("")

    def propose_again(self) -> None:
        try:
            start = self.start_field.value()
        except ValueError as error:
            QMessageBox.warning(self, tr("Startdatum"), str(error))
            return
        if start is None:
            QMessageBox.warning(self, tr("Startdatum"), tr("Vul een startdatum in."))
            return
        self._show(self.services.planning.propose(self.table_id, start))

    def add_holiday(self) -> None:
        fields = [
            FieldSpec("date", tr("Datum"), kind="date", required=True),
            FieldSpec("name", tr("Omschrijving"), help=tr("Bijvoorbeeld: Koningsdag, studiedag")),
        ]

        def save(values: Values) -> int:
            return self.services.programme.add_holiday(values["date"], values["name"] or "")

        dialog = FormDialog(tr("Vrije dag toevoegen"), fields, save, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.propose_again()

    def accept(self) -> None:
        dates: dict[int, dt.date | None] = {}
        problems: dict[int, str] = {}
        for number, field in self.date_fields.items():
            try:
                dates[number] = field.value()
            except ValueError as error:
                problems[number] = str(error)
        try:
            start_time = self.time_field.value()
        except ValueError as error:
            QMessageBox.warning(self, tr("Tijd"), str(error))
            return
        if not problems:
            try:
                self.services.planning.plan(self.table_id, dates, start_time)
            except ValidationFailed as refused:
                problems = {
                    int(key.removeprefix("date_")): message
                    for key, message in refused.errors.items()
                    if key.startswith("date_")
                }
        if problems:
            for number, message in self.errors.items():
                message.setText(problems.get(number, ""))
                message.setVisible(number in problems)
            return
        super().accept()


def plan_sessions(services: Services, table_id: int, parent: Any = None) -> bool:
    """Open the planning dialog; True when sessions were planned."""
    dialog = PlanSessionsDialog(services, table_id, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


def offer_planning(services: Services, table_id: int, parent: Any = None) -> bool:
    """Right after a table is made: ask whether to plan its sessions now."""
    box = QMessageBox(parent)
    box.setObjectName("offerPlanning")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Sessies plannen"))
    box.setText(tr("De tafel is aangemaakt. Wilt u nu de 5 sessies van het traject plannen?"))
    plan = box.addButton(tr("Sessies plannen…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Later"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is plan and plan_sessions(services, table_id, parent)
