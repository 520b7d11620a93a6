"""The recruitment list of a cohort: names its participants bring in for a next intake,
how far each one got, and enrolling one at a table of the next cohort in one action."""

from collections import Counter

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.labels import choices, label
from verbindtafel_desktop.app.person.dialog import open_person_dialog
from verbindtafel_desktop.app.person.table_view import RowsView
from verbindtafel_desktop.app.reload_when_shown import ReloadWhenShown
from verbindtafel_desktop.app.rows_model import RowsModel, TextRow
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import LeadStatus
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.recruitment import LeadRow
from verbindtafel_desktop.services.registry import Services

WATCHED = ("recruitment_leads", "people", "memberships", "cohorts", "tables", "referrals")


def tr(text: str) -> str:
    return QCoreApplication.translate("RecruitmentPanel", text)


class RecruitmentPanel(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.leads: dict[int, LeadRow] = {}

        self.cohort = QComboBox()
        self.cohort.setObjectName("leadCohort")
        self.cohort.setMinimumContentsLength(30)
        self.cohort.currentIndexChanged.connect(lambda _index: self.reload())
        explanation = QLabel(
            tr(
                "Namen die tafelgenoten van deze lichting aandragen voor een volgende "
                "lichting. Bel ze na, houd bij hoe het ging, en schrijf wie wil met één "
                "klik in aan een tafel van de volgende lichting."
            )
        )
        explanation.setObjectName("fieldHelp")
        explanation.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Wervingslijst van")))
        top.addWidget(self.cohort, 1)

        self.model = RowsModel(
            [
                tr("Naam"),
                tr("Telefoon"),
                tr("Aangedragen door"),
                tr("Status"),
                tr("Genoteerd op"),
                tr("Tafel in een latere lichting"),
                tr("Notitie"),
            ],
            self,
        )
        self.view = RowsView(self.model)
        self.view.setObjectName("leads")
        self.view.row_activated.connect(lambda _lead: self.edit_lead())
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.empty = QLabel(
            tr(
                "Nog geen namen op de lijst van deze lichting. Voeg een naam toe met "
                "'Naam toevoegen…' (Ctrl+N) zodra een tafelgenoot iemand aandraagt."
            )
        )
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counts = QLabel()
        self.counts.setObjectName("countLabel")

        self.add_button = QPushButton(tr("Naam toevoegen…"))
        self.add_button.setToolTip(tr("Een naam op de lijst zetten (Ctrl+N)"))
        self.edit_button = QPushButton(tr("Wijzigen…"))
        self.edit_button.setToolTip(tr("Status, aandrager of notitie wijzigen (F2)"))
        self.enrol_button = QPushButton(tr("Inschrijven aan tafel…"))
        self.enrol_button.setToolTip(
            tr("Inschrijven als tafelgenoot van een volgende lichting en op 'ingeschreven' zetten")
        )
        self.open_button = QPushButton(tr("Persoonskaart…"))
        self.remove_button = QPushButton(tr("Van de lijst halen…"))
        self.remove_button.setToolTip(tr("De naam van de lijst halen; de persoon blijft (Delete)"))
        self.add_button.clicked.connect(self.add_lead)
        self.edit_button.clicked.connect(self.edit_lead)
        self.enrol_button.clicked.connect(self.enrol_lead)
        self.open_button.clicked.connect(self.open_person)
        self.remove_button.clicked.connect(self.remove_lead)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.enrol_button,
            self.open_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.counts)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(explanation)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self._add_shortcuts()
        bus.changed.connect(self._on_changed)
        ReloadWhenShown(self, bus, WATCHED, self.reload, stale=True)
        self._fill_cohorts()

    def _add_shortcuts(self) -> None:
        for keys, handler, target, context in (
            (
                QKeySequence(QKeySequence.StandardKey.New),
                self.add_lead,
                self,
                Qt.ShortcutContext.WidgetWithChildrenShortcut,
            ),
            (
                QKeySequence(Qt.Key.Key_F2),
                self.edit_lead,
                self,
                Qt.ShortcutContext.WidgetWithChildrenShortcut,
            ),
            (
                QKeySequence(Qt.Key.Key_Delete),
                self.remove_lead,
                self.view,
                Qt.ShortcutContext.WidgetShortcut,
            ),
        ):
            action = QAction(target)
            action.setShortcut(keys)
            action.setShortcutContext(context)
            action.triggered.connect(handler)
            target.addAction(action)

    # --- loading -----------------------------------------------------------------
    def _fill_cohorts(self) -> None:
        current = self.cohort.currentData() or self.services.recruitment.current_cohort()
        self.cohort.blockSignals(True)
        self.cohort.clear()
        for cohort_id, text in self.services.cohorts.options():
            self.cohort.addItem(text, cohort_id)
        self.cohort.setCurrentIndex(max(self.cohort.findData(current), 0))
        self.cohort.blockSignals(False)

    def _on_changed(self, entity: str) -> None:
        if entity == "cohorts":
            self._fill_cohorts()

    def cohort_id(self) -> int | None:
        value = self.cohort.currentData()
        return int(value) if value is not None else None

    def reload(self) -> None:
        cohort_id = self.cohort_id()
        selected = self.selected_lead()
        rows = self.services.recruitment.leads(cohort_id) if cohort_id else []
        self.leads = {row.lead_id: row for row in rows}
        self.model.set_rows(
            [
                TextRow(
                    row.lead_id,
                    (
                        row.name,
                        row.phone,
                        row.recruiter,
                        label(row.status),
                        format_date(row.noted_on),
                        row.table,
                        row.note,
                    ),
                    (
                        None,
                        None,
                        None,
                        str(list(LeadStatus).index(row.status)),
                        row.noted_on.isoformat() if row.noted_on else None,
                    ),
                )
                for row in rows
            ]
        )
        self.view.resizeColumnsToContents()
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.empty.setText(
            tr(
                "Nog geen namen op de lijst van deze lichting. Voeg een naam toe met "
                "'Naam toevoegen…' (Ctrl+N) zodra een tafelgenoot iemand aandraagt."
            )
            if cohort_id
            else tr("Maak eerst een lichting aan bij Lichtingen.")
        )
        per_status = Counter(row.status for row in rows)
        counted = [status for status in LeadStatus if per_status[status]]
        self.counts.setText(
            " · ".join(f"{per_status[status]} {label(status)}" for status in counted)
        )
        if selected is not None:
            self.select_lead(selected.lead_id)
        self._update_buttons()

    def selected_lead(self) -> LeadRow | None:
        lead_id = self.view.selected_id()
        return self.leads.get(lead_id) if lead_id is not None else None

    def select_lead(self, lead_id: int) -> None:
        for row in range(self.view.proxy.rowCount()):
            if self.view.id_at(row) == lead_id:
                self.view.selectRow(row)
                return

    def _update_buttons(self) -> None:
        lead = self.selected_lead()
        self.add_button.setEnabled(self.cohort_id() is not None)
        for button in (self.edit_button, self.open_button, self.remove_button):
            button.setEnabled(lead is not None)
        self.enrol_button.setEnabled(lead is not None and lead.status != LeadStatus.ENROLLED)

    # --- actions --------------------------------------------------------------------
    def _recruiters(self, cohort_id: int, keep: int | None = None) -> list[tuple[int, str]]:
        found = self.services.recruitment.recruiter_options(cohort_id)
        if keep is not None and all(person_id != keep for person_id, _name in found):
            found.append((keep, self.services.people.display_name(keep)))
        return found

    def add_lead(self) -> None:
        cohort_id = self.cohort_id()
        if cohort_id is None:
            return
        people = self.services.people

        def new_person(values: Values) -> bool:
            return not values.get("person_id")

        name, details = tr("Nieuwe naam"), tr("Aangedragen")
        fields = [
            FieldSpec(
                "person_id",
                tr("Staat al in het bestand"),
                kind="person",
                find_person=people.find,
                person_name=people.display_name,
                help=tr("Kies iemand die er al in staat, of vul hieronder een nieuwe naam in."),
                group=name,
            ),
            FieldSpec("first_name", tr("Voornaam"), enabled_when=new_person, group=name),
            FieldSpec("infix", tr("Tussenvoegsel"), enabled_when=new_person, group=name),
            FieldSpec("last_name", tr("Achternaam"), enabled_when=new_person, group=name),
            FieldSpec(
                "phone",
                tr("Telefoon"),
                enabled_when=new_person,
                help=tr("Om na te bellen, bijvoorbeeld 06-12345678"),
                group=name,
            ),
            FieldSpec("email", tr("E-mail"), enabled_when=new_person, group=name),
            FieldSpec(
                "recruiter_id",
                tr("Door"),
                kind="choice",
                required=True,
                choices=lambda: self._recruiters(cohort_id),
                optional_choice=tr("(kies wie de naam aandroeg)"),
                group=details,
            ),
            FieldSpec("noted_on", tr("Genoteerd op"), kind="date", group=details),
            FieldSpec("note", tr("Notitie"), kind="multiline", group=details),
        ]

        def save(values: Values) -> int:
            return self.services.recruitment.add(cohort_id, values)

        dialog = FormDialog(tr("Naam op de wervingslijst zetten"), fields, save, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted and dialog.saved_id is not None:
            self.bus.announce("people", "referrals", "recruitment_leads")
            self.select_lead(dialog.saved_id)

    def edit_lead(self) -> None:
        lead = self.selected_lead()
        cohort_id = self.cohort_id()
        if lead is None or cohort_id is None:
            return
        fields = [
            FieldSpec(
                "status",
                tr("Status"),
                kind="choice",
                choices=lambda: choices(LeadStatus),
                help=tr("'Ingeschreven' zet u het makkelijkst met 'Inschrijven aan tafel…'."),
            ),
            FieldSpec(
                "recruiter_id",
                tr("Aangedragen door"),
                kind="choice",
                required=True,
                choices=lambda: self._recruiters(cohort_id, lead.recruiter_id),
                optional_choice=tr("(kies wie de naam aandroeg)"),
            ),
            FieldSpec("noted_on", tr("Genoteerd op"), kind="date"),
            FieldSpec("note", tr("Notitie"), kind="multiline"),
        ]

        def save(values: Values) -> int:
            return self.services.recruitment.update(lead.lead_id, values)

        dialog = FormDialog(
            tr("%1 op de wervingslijst").replace("%1", lead.name),
            fields,
            save,
            self.services.recruitment.form_values(lead.lead_id),
            parent=self,
        )
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.bus.announce("recruitment_leads", "referrals")

    def enrol_lead(self) -> None:
        lead = self.selected_lead()
        if lead is None:
            return
        fields = [
            FieldSpec(
                "table_id",
                tr("Tafel"),
                kind="choice",
                required=True,
                choices=lambda: self.services.recruitment.table_options(lead.lead_id),
                optional_choice=tr("(kies een tafel)"),
                help=tr("Tafels van lichtingen die na deze lichting beginnen."),
            ),
            FieldSpec(
                "start_date",
                tr("Startdatum"),
                kind="date",
                help=tr("Leeg: de start van de lichting, of vandaag als die al begonnen is."),
            ),
        ]

        def save(values: Values) -> int:
            return self.services.recruitment.enrol(
                lead.lead_id, values["table_id"], values["start_date"]
            )

        dialog = FormDialog(
            tr("%1 inschrijven aan een tafel").replace("%1", lead.name), fields, save, parent=self
        )
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.bus.announce("memberships", "referrals", "recruitment_leads")

    def open_person(self) -> None:
        lead = self.selected_lead()
        if lead is not None:
            open_person_dialog(self, self.services, self.bus, lead.person_id)

    def remove_lead(self) -> None:
        lead = self.selected_lead()
        if lead is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Van de lijst halen"),
            tr("%1 van de wervingslijst halen? De persoon zelf blijft bewaard.").replace(
                "%1", lead.name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.recruitment.remove(lead.lead_id)
        except ServiceError as refused:
            QMessageBox.warning(self, tr("Niet gelukt"), str(refused))
            return
        self.bus.announce("recruitment_leads")
