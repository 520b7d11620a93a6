"""Inzage-export: everything the database holds about the person, for them to read (PDF)
or to take along (JSON)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from verbindtafel_desktop.app.export_actions import export_person_data
from verbindtafel_desktop.app.person.context import PersonContext, PersonTab
from verbindtafel_desktop.exports.person_data import TABLE_TITLES, count_person_data


class AccessTab(PersonTab):
    def __init__(self, context: PersonContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.person_id = 0
        explanation = QLabel(
            self.tr(
                "Iemand mag weten wat er over hem of haar is vastgelegd (inzage) en die "
                "gegevens meenemen (overdraagbaarheid). De PDF is om te lezen; het "
                "JSON-bestand bevat hetzelfde in een vorm die andere programma's kunnen "
                "inlezen. Andere mensen staan er alleen met een nummer in. Het maken van de "
                "export komt in het logboek."
            )
        )
        explanation.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("accessSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        pdf = QPushButton(self.tr("Als PDF opslaan…"))
        pdf.setObjectName("accessPdf")
        json_button = QPushButton(self.tr("Als JSON opslaan…"))
        json_button.setObjectName("accessJson")
        pdf.clicked.connect(lambda: self.save("pdf"))
        json_button.clicked.connect(lambda: self.save("json"))
        buttons = QHBoxLayout()
        buttons.addWidget(pdf)
        buttons.addWidget(json_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(6)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_person(self, person_id: int) -> None:
        self.person_id = person_id
        counts = count_person_data(self.context.services.db, person_id)
        lines = [f"• {TABLE_TITLES.get(table, table)}: {count}" for table, count in counts.items()]
        self.summary.setText(self.tr("Vastgelegd over deze persoon:") + "\n" + "\n".join(lines))

    def save(self, extension: str) -> None:
        export_person_data(self, self.context.services, self.person_id, extension)
