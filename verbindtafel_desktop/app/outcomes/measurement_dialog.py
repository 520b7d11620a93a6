"""The quick loneliness measurement form: moment, date, the six statements of the De Jong
Gierveld scale (J / M / N from the keyboard), the score as it is filled in, the person's
network size and, at T1 and T2, the fellow participants they still see."""

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop import loneliness
from verbindtafel_desktop.app.labels import choices
from verbindtafel_desktop.app.outcomes.answer_row import AnswerRow
from verbindtafel_desktop.app.widgets.date_field import DateField
from verbindtafel_desktop.domain.enums import MeasurementMoment
from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.measurements import CONTACT_MOMENTS, ITEM_KEYS, MAX_NETWORK_SIZE
from verbindtafel_desktop.services.registry import Services

NOT_ASKED = -1  # the network spin box's "niet gevraagd"


class MeasurementDialog(QDialog):
    def __init__(
        self,
        services: Services,
        person_id: int,
        measurement_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("measurementDialog")
        self.services = services
        self.person_id = person_id
        self.measurement_id = measurement_id
        self.saved_id: int | None = None
        measurements = services.measurements
        name = services.people.display_name(person_id)
        self.setWindowTitle(
            self.tr("Meting van %1").replace("%1", name)
            if measurement_id is None
            else self.tr("Meting van %1 aanpassen").replace("%1", name)
        )
        self.setMinimumWidth(780)
        self.error_labels: dict[str, QLabel] = {}

        self.moment = QComboBox()
        self.moment.setObjectName("moment")
        for value, text in choices(MeasurementMoment):
            self.moment.addItem(text, value)
        self.taken_on = DateField()
        self.taken_on.setObjectName("takenOn")
        self.cohort = QComboBox()
        self.cohort.setObjectName("cohort")
        self.cohort.addItem(self.tr("(geen lichting)"), None)
        for cohort_id, text in measurements.cohort_choices(person_id):
            self.cohort.addItem(text, cohort_id)
        top = QFormLayout()
        top.addRow(self.tr("Moment *"), self._with_error("moment", self.moment))
        top.addRow(self.tr("Datum *"), self._with_error("taken_on", self.taken_on))
        top.addRow(self.tr("Lichting"), self._with_error("cohort_id", self.cohort))

        scale = QGroupBox(self.tr("Eenzaamheid (De Jong Gierveld, 6 uitspraken)"))
        scale_layout = QVBoxLayout(scale)
        hint = QLabel(
            self.tr(
                "Lees elke uitspraak voor. Typ J (ja), M (min of meer) of N (nee): de "
                "volgende uitspraak komt dan vanzelf. Een open vraag mag, maar dan krijgt "
                "de meting geen score."
            )
        )
        hint.setObjectName("fieldHelp")
        hint.setWordWrap(True)
        hint.setMinimumHeight(hint.fontMetrics().lineSpacing() * 2 + 2)
        scale_layout.addWidget(hint)
        self.rows: list[AnswerRow] = []
        for item in loneliness.ITEMS:
            row = AnswerRow(item)
            row.changed.connect(self.update_score)
            self.rows.append(row)
            scale_layout.addWidget(row)
        self.score = QLabel()
        self.score.setObjectName("scoreLabel")
        self.score.setWordWrap(True)
        self.score.setMinimumHeight(self.score.fontMetrics().lineSpacing() * 2 + 6)
        scale_layout.addWidget(self.score)

        self.network = QSpinBox()
        self.network.setObjectName("networkSize")
        self.network.setRange(NOT_ASKED, MAX_NETWORK_SIZE)
        self.network.setSpecialValueText(self.tr("niet gevraagd"))
        self.network.setSuffix(self.tr(" mensen"))
        self.network.setMinimumWidth(140)
        self.network.setToolTip(
            self.tr("Met hoeveel mensen heeft u geregeld contact? (eigen opgave)")
        )
        network_row = QFormLayout()
        network_row.addRow(
            self.tr("Netwerk: geregeld contact met"), self._with_error("network_size", self.network)
        )

        self.contacts_box = QGroupBox(self.tr("Blijvende contacten (bij T1 en T2)"))
        contacts_layout = QVBoxLayout(self.contacts_box)
        contacts_hint = QLabel(
            self.tr(
                "Wie van de andere deelnemers (van de eigen tafel of een mixmoment) ziet deze "
                "persoon nog buiten de sessies? Vink ze aan."
            )
        )
        contacts_hint.setObjectName("fieldHelp")
        contacts_hint.setWordWrap(True)
        contacts_hint.setMinimumHeight(contacts_hint.fontMetrics().lineSpacing() * 2 + 2)
        self.contacts = QListWidget()
        self.contacts.setObjectName("lastingContacts")
        self.contacts.setFixedHeight(110)
        for contact_id, contact_name in measurements.fellow_participants(person_id):
            entry = QListWidgetItem(contact_name)
            entry.setData(Qt.ItemDataRole.UserRole, contact_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.contacts.addItem(entry)
        if self.contacts.count() == 0:
            contacts_hint.setText(
                self.tr("Deze persoon zat nog niet aan een tafel of mixmoment met anderen.")
            )
        contacts_layout.addWidget(contacts_hint)
        contacts_layout.addWidget(self._with_error("lasting_contact_ids", self.contacts))

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(54)
        notes_row = QFormLayout()
        notes_row.addRow(self.tr("Opmerkingen"), self.notes)

        self.summary = QLabel()
        self.summary.setObjectName("formSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Opslaan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scale)
        layout.addLayout(network_row)
        layout.addWidget(self.contacts_box)
        layout.addLayout(notes_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        self.moment.currentIndexChanged.connect(self._moment_changed)
        self._fill(measurement_id)
        self._moment_changed()
        self.update_score()
        self.rows[0].setFocus()

    def _with_error(self, key: str, widget: QWidget) -> QWidget:
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        self.error_labels[key] = error
        block = QWidget()
        column = QVBoxLayout(block)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(widget)
        if not isinstance(widget, QListWidget):
            row.addStretch(1)
        column.addLayout(row)
        column.addWidget(error)
        return block

    def _fill(self, measurement_id: int | None) -> None:
        measurements = self.services.measurements
        if measurement_id is None:
            taken = {row.moment for row in measurements.for_person(self.person_id)}
            moment = next(
                (moment for moment in MeasurementMoment if moment not in taken),
                MeasurementMoment.FOLLOW_UP,
            )
            values: dict[str, Any] = {
                "moment": moment,
                "taken_on": dt.date.today(),
                "cohort_id": measurements.default_cohort(self.person_id),
                "lasting_contact_ids": measurements.lasting_contacts(self.person_id, moment),
            }
        else:
            values = measurements.form_values(measurement_id)
        self.moment.setCurrentIndex(max(self.moment.findData(values["moment"]), 0))
        self.taken_on.set_value(values.get("taken_on"))
        self.cohort.setCurrentIndex(max(self.cohort.findData(values.get("cohort_id")), 0))
        for row, key in zip(self.rows, ITEM_KEYS, strict=True):
            answer = values.get(key)
            row.set_answer(str(answer) if answer else None)
        network = values.get("network_size")
        self.network.setValue(NOT_ASKED if network is None else int(network))
        self.notes.setPlainText(values.get("notes") or "")
        self.set_contacts(values.get("lasting_contact_ids") or [])

    def set_contacts(self, contact_ids: list[int]) -> None:
        wanted = set(contact_ids)
        for index in range(self.contacts.count()):
            entry = self.contacts.item(index)
            checked = entry.data(Qt.ItemDataRole.UserRole) in wanted
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked_contacts(self) -> list[int]:
        return [
            int(self.contacts.item(index).data(Qt.ItemDataRole.UserRole))
            for index in range(self.contacts.count())
            if self.contacts.item(index).checkState() == Qt.CheckState.Checked
        ]

    def _moment_changed(self, *_args: Any) -> None:
        self.contacts_box.setEnabled(self.moment.currentData() in CONTACT_MOMENTS)

    def answers(self) -> list[str | None]:
        return [row.answer() for row in self.rows]

    def update_score(self) -> None:
        answers = self.answers()
        result = loneliness.score(answers)
        if result is None:
            missing = answers.count(None)
            self.score.setText(
                self.tr("Nog 1 vraag open: zonder alle zes antwoorden krijgt de meting geen score.")
                if missing == 1
                else self.tr(
                    "Nog %1 vragen open: zonder alle zes antwoorden krijgt de meting geen score."
                ).replace("%1", str(missing))
            )
            self.score.setProperty("complete", False)
        else:
            self.score.setText(
                self.tr("Score %1 van 6: %2 (emotioneel %3 van 3, sociaal %4 van 3)")
                .replace("%1", str(result.total))
                .replace("%2", result.category)
                .replace("%3", str(result.emotional))
                .replace("%4", str(result.social))
            )
            self.score.setProperty("complete", True)
        self.score.style().polish(self.score)

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        unreadable: dict[str, str] = {}
        try:
            taken_on = self.taken_on.value()
        except ValueError as error:
            taken_on = None
            unreadable["taken_on"] = str(error)
        network = self.network.value()
        moment = self.moment.currentData()
        values: dict[str, Any] = {
            "moment": moment,
            "taken_on": taken_on,
            "cohort_id": self.cohort.currentData(),
            "network_size": None if network == NOT_ASKED else network,
            "notes": self.notes.toPlainText(),
            "lasting_contact_ids": self.checked_contacts() if moment in CONTACT_MOMENTS else None,
        }
        values.update(zip(ITEM_KEYS, self.answers(), strict=True))
        return values, unreadable

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.error_labels.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        unplaced = [message for key, message in errors.items() if key not in self.error_labels]
        lines = [self.tr("De meting is niet opgeslagen. Verbeter wat rood staat."), *unplaced]
        self.summary.setText("\n".join(lines))
        self.summary.setVisible(bool(errors))

    def accept(self) -> None:
        values, unreadable = self.values()
        if unreadable:
            self.show_errors(unreadable)
            return
        try:
            self.saved_id = self.services.measurements.save(
                self.person_id, values, self.measurement_id
            )
        except ValidationFailed as refused:
            self.show_errors(refused.errors)
            return
        super().accept()
