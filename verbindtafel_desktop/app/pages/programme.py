"""The programme: the 5-session template, the days without sessions, and the rules."""

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.labels import choices, label, weekday_label
from verbindtafel_desktop.app.rows_model import RowsModel, TextRow
from verbindtafel_desktop.app.widgets.read_only_table import list_view
from verbindtafel_desktop.app.worker import run_with_progress
from verbindtafel_desktop.domain.attendance_rules import TRAJECTORY_LENGTH, AttendanceRules
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import Phase
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("Programme", text)


class TemplateTab(QWidget):
    def __init__(self, services: Services, bus: ChangeBus) -> None:
        super().__init__()
        self.services = services
        self.bus = bus
        intro = QLabel(
            tr(
                "Nieuwe tafels worden met dit sjabloon ingepland. Een wijziging geldt voor "
                "tafels die daarna gepland worden; sessies die al gepland zijn houden hun fase."
            )
        )
        intro.setWordWrap(True)
        self.model = RowsModel(
            [
                tr("Nr"),
                tr("Fase"),
                tr("Titel"),
                tr("Doel"),
                tr("Kaartwerk"),
                tr("Gemengd"),
                tr("Introducees"),
            ],
            self,
        )
        self.view = list_view(self.model, "templateSteps")
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # Five rows of wrapped text: let every row follow its text as the columns change.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda _index: self.edit())
        edit = QPushButton(tr("Bewerken…"))
        edit.clicked.connect(self.edit)
        restore = QPushButton(tr("Standaard herstellen…"))
        restore.clicked.connect(self.restore)
        buttons = QHBoxLayout()
        buttons.addWidget(edit)
        buttons.addWidget(restore)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        yes = QCoreApplication.translate("Labels", "ja")
        self.model.set_rows(
            [
                TextRow(
                    step.number,
                    (
                        str(step.number),
                        label(step.phase),
                        step.title,
                        step.goal,
                        step.card_work,
                        yes if step.mixed else "",
                        yes if step.guests_welcome else "",
                    ),
                )
                for step in self.services.programme.steps()
            ]
        )

    def edit(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        number = self.model.row_id(rows[0].row()) if rows else None
        if number is None:
            return
        step = self.services.programme.step(number)
        fields = [
            FieldSpec("phase", tr("Fase"), kind="choice", choices=lambda: choices(Phase)),
            FieldSpec("title", tr("Titel"), required=True),
            FieldSpec("goal", tr("Doel"), kind="multiline"),
            FieldSpec(
                "card_work",
                tr("Kaartwerk"),
                kind="multiline",
                help=tr("Wat de begeleider met de beeld- en themakaarten doet."),
            ),
            FieldSpec("mixed", tr("Gemengd"), kind="bool", help=tr("Gemengd met andere tafels")),
            FieldSpec(
                "guests_welcome",
                tr("Introducees"),
                kind="bool",
                help=tr("Deelnemers mogen introducees meenemen"),
            ),
        ]

        def save(values: Values) -> int:
            return self.services.programme.save_step(number, values)

        title = tr("Sessie %1 van het sjabloon").replace("%1", str(number))
        dialog = FormDialog(title, fields, save, step.model_dump(), parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.reload()
            self.bus.announce("session_templates")

    def restore(self) -> None:
        answer = QMessageBox.question(
            self,
            tr("Standaard herstellen"),
            tr("Het sjabloon terugzetten naar het standaardtraject? Uw wijzigingen gaan verloren."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.services.programme.restore_default()
            self.reload()
            self.bus.announce("session_templates")


class HolidaysTab(QWidget):
    def __init__(self, services: Services, bus: ChangeBus) -> None:
        super().__init__()
        self.services = services
        self.bus = bus
        intro = QLabel(
            tr(
                "Op vrije dagen wordt geen sessie gepland: het plannen schuift de sessie (en de "
                "volgende) een week op."
            )
        )
        intro.setWordWrap(True)
        self.model = RowsModel([tr("Datum"), tr("Dag"), tr("Omschrijving")], self)
        self.view = list_view(self.model, "holidays")
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(tr("Toevoegen…"))
        add.clicked.connect(self.add)
        public = QPushButton(tr("Feestdagen toevoegen…"))
        public.setToolTip(tr("De Nederlandse feestdagen van een jaar als vrije dag markeren"))
        public.clicked.connect(self.add_public)
        remove = QPushButton(tr("Verwijderen…"))
        remove.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (add, public, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(
            [
                TextRow(
                    holiday.id or 0,
                    (
                        format_date(holiday.date),
                        weekday_label(holiday.date.weekday()),
                        holiday.name,
                    ),
                )
                for holiday in self.services.programme.holidays()
            ]
        )

    def add(self) -> None:
        fields = [
            FieldSpec("date", tr("Datum"), kind="date", required=True),
            FieldSpec("name", tr("Omschrijving"), help=tr("Bijvoorbeeld: Koningsdag, studiedag")),
        ]

        def save(values: Values) -> int:
            return self.services.programme.add_holiday(values["date"], values["name"] or "")

        dialog = FormDialog(tr("Vrije dag toevoegen"), fields, save, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.reload()
            self.bus.announce("holidays")

    def add_public(self) -> None:
        year, accepted = QInputDialog.getInt(
            self,
            tr("Feestdagen toevoegen"),
            tr("Jaar:"),
            dt.date.today().year,
            2000,
            2100,
        )
        if not accepted:
            return
        added = self.services.programme.add_public_holidays(year)
        QMessageBox.information(
            self,
            tr("Feestdagen toegevoegd"),
            tr("%1 feestdag(en) van %2 toegevoegd.")
            .replace("%1", str(added))
            .replace("%2", str(year)),
        )
        self.reload()
        self.bus.announce("holidays")

    def remove(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        holiday_id = self.model.row_id(rows[0].row()) if rows else None
        if holiday_id is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Vrije dag verwijderen"),
            tr("Deze vrije dag verwijderen? Al geplande sessies veranderen niet."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.services.programme.remove_holiday(holiday_id)
            self.reload()
            self.bus.announce("holidays")


class RulesTab(QWidget):
    def __init__(self, services: Services, bus: ChangeBus) -> None:
        super().__init__()
        self.services = services
        self.bus = bus
        self.job: Any = None
        self.completion = QSpinBox()
        self.completion.setObjectName("rule_completion_minimum")
        self.completion.setRange(1, TRAJECTORY_LENGTH)
        self.completion.setSuffix(tr(" van de %1 sessies").replace("%1", str(TRAJECTORY_LENGTH)))
        self.follow_up = QSpinBox()
        self.follow_up.setObjectName("rule_follow_up_after")
        self.follow_up.setRange(1, TRAJECTORY_LENGTH)
        self.follow_up.setSuffix(tr(" keer achter elkaar"))
        self.excused = QCheckBox(tr("Afgemeld telt als afwezig (voor nabellen)"))
        self.excused.setObjectName("rule_excused_counts_as_absence")
        self.cancelled = QCheckBox(
            tr("Een geannuleerde sessie verlaagt het aantal dat nodig is om af te ronden")
        )
        self.cancelled.setObjectName("rule_cancelled_lowers_minimum")
        for spin in (self.completion, self.follow_up):
            spin.setMinimumWidth(220)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(tr("Afgerond bij minstens"), self.completion)
        form.addRow(tr("Nabellen na"), self.follow_up)
        form.addRow("", self.excused)
        form.addRow("", self.cancelled)
        explanation = QLabel(
            tr(
                "Een tafelgenoot die vaak genoeg aanwezig was, heeft het traject afgerond. Wie "
                "een aantal sessies achter elkaar afwezig was, komt op de nabellijst van het "
                "overzicht tot iemand het gesprek noteert. Sessies zonder ingevulde aanwezigheid "
                "en geannuleerde sessies tellen niet als afwezig. Na opslaan wordt de nabellijst "
                "opnieuw opgemaakt; gevoerde gesprekken blijven bewaard."
            )
        )
        explanation.setWordWrap(True)
        explanation.setObjectName("fieldHelp")
        self.save_button = QPushButton(tr("Opslaan"))
        self.save_button.clicked.connect(self.save)
        defaults = QPushButton(tr("Standaardregels"))
        defaults.clicked.connect(lambda: self.show_rules(AttendanceRules()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(defaults)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_rules(services.settings.rules())

    def show_rules(self, rules: AttendanceRules) -> None:
        self.completion.setValue(rules.completion_minimum)
        self.follow_up.setValue(rules.follow_up_after)
        self.excused.setChecked(rules.excused_counts_as_absence)
        self.cancelled.setChecked(rules.cancelled_lowers_minimum)

    def rules(self) -> AttendanceRules:
        return AttendanceRules(
            completion_minimum=self.completion.value(),
            follow_up_after=self.follow_up.value(),
            excused_counts_as_absence=self.excused.isChecked(),
            cancelled_lowers_minimum=self.cancelled.isChecked(),
        )

    def save(self) -> None:
        self.services.settings.save_rules(self.rules())
        self.bus.announce("settings")
        self.job = run_with_progress(
            self,
            tr("Nabellijst bijwerken…"),
            lambda progress: self.services.follow_ups.sync(progress=progress),
            self._synced,
        )

    def _synced(self, open_calls: int) -> None:
        self.bus.announce("follow_ups")
        QMessageBox.information(
            self,
            tr("Regels opgeslagen"),
            tr("De regels zijn opgeslagen. Op de nabellijst staan nu %1 namen.").replace(
                "%1", str(open_calls)
            ),
        )


class ProgrammePage(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(tr("Programma"))
        title.setObjectName("pageTitle")
        self.template = TemplateTab(services, bus)
        self.holidays = HolidaysTab(services, bus)
        self.rules = RulesTab(services, bus)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.template, tr("Sessiesjabloon"))
        self.tabs.addTab(self.holidays, tr("Vrije dagen"))
        self.tabs.addTab(self.rules, tr("Regels"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        bus.changed.connect(self._on_changed)

    def _on_changed(self, entity: str) -> None:
        if entity == "holidays":
            self.holidays.reload()

    def show_item(self, item: object) -> None:
        """Open a tab by name: 'template', 'holidays' or 'rules'."""
        tabs = {"template": 0, "holidays": 1, "rules": 2}
        if isinstance(item, str) and item in tabs:
            self.tabs.setCurrentIndex(tabs[item])
