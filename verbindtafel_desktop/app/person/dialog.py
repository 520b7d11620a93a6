"""A person's page: who they are, how they came in, whom they brought in, their path.

It opens beside the main window (several can be open) from the people list, the relay
picture and the recruitment list. Names on it are links: following one shows that person
in the same window, and "Terug" goes back.
"""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FormDialog, Values
from verbindtafel_desktop.app.person.context import PersonContext, PersonTab
from verbindtafel_desktop.app.person.enrol_dialog import enrol_dialog
from verbindtafel_desktop.app.person.tabs import PERSON_TABS, PersonTabEntry
from verbindtafel_desktop.app.relay.legend import role_label
from verbindtafel_desktop.services.errors import NotFound
from verbindtafel_desktop.services.person_history import PersonHistory
from verbindtafel_desktop.services.registry import Services

# What the line under the name depends on: role, generation, how many they brought in.
HEADER_SHOWS = ("memberships", "referrals", "invitations", "attendance", "recruitment_leads")


class PersonDialog(QDialog):
    def __init__(
        self,
        services: Services,
        bus: ChangeBus,
        person_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.resize(820, 600)
        self.services = services
        self.bus = bus
        self.person_id = person_id
        self.history: list[int] = []
        context = PersonContext(services, bus, self.go_to)

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("personSummary")
        self.tabs = QTabWidget()
        self.tab_pages: dict[str, PersonTab] = {}
        self.tab_entries: dict[str, PersonTabEntry] = {}
        for entry in PERSON_TABS:
            page = entry.factory(context)
            page.setObjectName(f"personTab_{entry.key}")
            self.tab_pages[entry.key] = page
            self.tab_entries[entry.key] = entry
            self.tabs.addTab(page, self.tr_tab(entry.title))

        self.back_button = QPushButton(self.tr("← Terug"))
        self.back_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.back_button.setToolTip(self.tr("Terug naar de vorige persoon (Alt+Links)"))
        self.edit_button = QPushButton(self.tr("Bewerken…"))
        self.enrol_button = QPushButton(self.tr("Aan tafel inschrijven…"))
        self.enrol_button.setToolTip(
            self.tr(
                "Schrijf deze persoon in als tafelgenoot van een latere lichting; wie hem "
                "of haar binnenbracht blijft bewaard."
            )
        )
        close_button = QPushButton(self.tr("Sluiten"))
        self.back_button.clicked.connect(self.go_back)
        self.edit_button.clicked.connect(self.edit)
        self.enrol_button.clicked.connect(self.enrol)
        close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.enrol_button)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        bus.changed.connect(self._on_changed)
        self.show_person(person_id)

    def tr_tab(self, title: str) -> str:
        return QCoreApplication.translate("PersonTabs", title)

    # --- showing ---------------------------------------------------------------
    def show_person(self, person_id: int) -> None:
        self.person_id = person_id
        self._show_header(self.services.person_history.history(person_id))
        for page in self.tab_pages.values():
            page.show_person(person_id)
        self.back_button.setEnabled(bool(self.history))

    def _show_header(self, history: PersonHistory) -> None:
        self.setWindowTitle(self.tr("Persoon: %1").replace("%1", history.name))
        self.title.setText(history.name)
        parts = [role_label(history.role)]
        if history.chain or history.brought_in:
            parts.append(self.tr("generatie %1").replace("%1", str(history.generation)))
        brought = len(history.brought_in)
        if brought:
            parts.append(
                self.tr("bracht 1 persoon binnen")
                if brought == 1
                else self.tr("bracht %1 mensen binnen").replace("%1", str(brought))
            )
        self.summary.setText(" · ".join(parts))

    def go_to(self, person_id: int) -> None:
        if person_id != self.person_id:
            self.history.append(self.person_id)
            self.show_person(person_id)

    def go_back(self) -> None:
        if self.history:
            self.show_person(self.history.pop())

    def _on_changed(self, entity: str) -> None:
        try:
            if entity == "people":
                self.show_person(self.person_id)
                return
            if entity in HEADER_SHOWS:
                self._show_header(self.services.person_history.history(self.person_id))
            for key, entry in self.tab_entries.items():
                if entity in entry.listens_to:
                    self.tab_pages[key].show_person(self.person_id)
        except NotFound:  # the person was removed meanwhile
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.bus.changed.disconnect(self._on_changed)
        super().closeEvent(event)

    # --- actions ------------------------------------------------------------------
    def edit(self) -> None:
        # Imported here: the people page imports this module to open a person's page.
        from verbindtafel_desktop.app.pages.people import person_fields

        person_id = self.person_id

        def save(values: Values) -> int:
            return self.services.people.save(values, person_id)

        dialog = FormDialog(
            self.tr("Persoon bewerken"),
            person_fields(self.services),
            save,
            self.services.people.form_values(person_id),
            parent=self,
        )
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.bus.announce("people")

    def enrol(self) -> None:
        dialog = enrol_dialog(self, self.services, self.person_id)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.bus.announce("memberships", "referrals", "recruitment_leads")


def open_person_dialog(
    parent: QWidget, services: Services, bus: ChangeBus, person_id: int
) -> PersonDialog:
    """Open a person's page beside the main window."""
    dialog = PersonDialog(services, bus, person_id, parent=parent.window())
    dialog.show()
    dialog.raise_()
    return dialog
