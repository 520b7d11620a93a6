"""The person's consent: what is in force, its history, and recording or withdrawing it."""

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.labels import label
from verbindtafel_desktop.app.person.context import PersonContext, PersonTab
from verbindtafel_desktop.app.person.table_view import RowsView
from verbindtafel_desktop.app.rows_model import RowsModel, TextRow
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import ConsentScope
from verbindtafel_desktop.domain.models import Consent
from verbindtafel_desktop.persistence.audit_log import current_actor


class ConsentTab(PersonTab):
    def __init__(self, context: PersonContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.person_id = 0
        self.status = QLabel()
        self.status.setObjectName("consentStatus")
        self.status.setWordWrap(True)
        self.scopes: dict[ConsentScope, QLabel] = {}
        scope_box = QVBoxLayout()
        for scope in ConsentScope:
            line = QLabel()
            line.setObjectName(f"consentScope_{scope.value}")
            self.scopes[scope] = line
            scope_box.addWidget(line)
        help_text = QLabel(
            self.tr(
                "Elke wijziging wordt een nieuwe verklaring; de vorige blijven hieronder "
                "zichtbaar. Metingen kunnen alleen worden ingevoerd met toestemming voor "
                "metingen."
            )
        )
        help_text.setObjectName("fieldHelp")
        help_text.setWordWrap(True)
        self.history = RowsModel(
            [
                self.tr("Gegeven op"),
                self.tr("Inschrijving"),
                self.tr("Metingen"),
                self.tr("Foto's"),
                self.tr("Delen"),
                self.tr("Ingetrokken op"),
                self.tr("Vastgelegd door"),
                self.tr("Opmerking"),
            ],
            self,
        )
        self.history_view = RowsView(self.history)
        self.history_view.setObjectName("consentHistory")
        self.record_button = QPushButton(self.tr("Toestemming vastleggen…"))
        self.record_button.setObjectName("recordConsent")
        self.record_button.setToolTip(
            self.tr("Leg vast waarvoor de persoon toestemming geeft (of een wijziging daarvan)")
        )
        self.withdraw_button = QPushButton(self.tr("Intrekken…"))
        self.withdraw_button.setObjectName("withdrawConsent")
        self.withdraw_button.setToolTip(self.tr("De persoon trekt alle toestemming in"))
        self.record_button.clicked.connect(self.record)
        self.withdraw_button.clicked.connect(self.withdraw)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(scope_box)
        layout.addLayout(buttons)
        layout.addSpacing(6)
        layout.addWidget(help_text)
        layout.addWidget(self.history_view, 1)

    def show_person(self, person_id: int) -> None:
        self.person_id = person_id
        statements = self.context.services.consent.statements(person_id)
        newest = statements[0] if statements else None
        in_force = newest if newest is not None and newest.withdrawn_on is None else None
        if newest is None:
            self.status.setText(self.tr("Er is nog geen toestemming vastgelegd."))
        elif in_force is None:
            self.status.setText(
                self.tr("Toestemming ingetrokken op %1 (vastgelegd door %2).")
                .replace("%1", format_date(newest.withdrawn_on))
                .replace("%2", newest.withdrawn_by)
            )
        else:
            self.status.setText(
                self.tr("Toestemming gegeven op %1 (vastgelegd door %2).")
                .replace("%1", format_date(in_force.given_on))
                .replace("%2", in_force.recorded_by or self.tr("onbekend"))
            )
        for scope, line in self.scopes.items():
            given = in_force is not None and bool(getattr(in_force, scope.value))
            line.setText(("✓ " if given else "✗ ") + label(scope))
            line.setProperty("given", given)
        self.withdraw_button.setEnabled(in_force is not None)
        self.history.set_rows([self._row(statement) for statement in statements])
        self.history_view.resizeColumnsToContents()

    def _row(self, statement: Consent) -> TextRow:
        yes, no = self.tr("ja"), self.tr("nee")
        return TextRow(
            int(statement.id or 0),
            (
                format_date(statement.given_on),
                *(yes if getattr(statement, scope.value) else no for scope in ConsentScope),
                format_date(statement.withdrawn_on),
                statement.recorded_by,
                statement.note,
            ),
            (statement.given_on.isoformat(), None, None, None, None, None, None, None),
        )

    # --- actions ------------------------------------------------------------------
    def record(self) -> None:
        current = self.context.services.consent.in_force(self.person_id)
        fields = [
            FieldSpec(
                "given_on",
                self.tr("Gegeven op"),
                kind="date",
                required=True,
                default=dt.date.today(),
            ),
            FieldSpec(
                "recorded_by",
                self.tr("Vastgelegd door"),
                required=True,
                default=current_actor(),
                help=self.tr("Wie de toestemming vastlegt (uw naam of functie)"),
            ),
            *(
                FieldSpec(
                    scope.value,
                    label(scope).capitalize(),
                    kind="bool",
                    default=bool(current and getattr(current, scope.value)),
                    help=self.tr("ja, hiervoor geeft de persoon toestemming"),
                )
                for scope in ConsentScope
            ),
            FieldSpec(
                "note",
                self.tr("Opmerking"),
                kind="multiline",
                help=self.tr("Bijvoorbeeld: mondeling gegeven, formulier in de map"),
            ),
        ]

        def save(values: Values) -> int:
            return self.context.services.consent.record(self.person_id, values)

        dialog = FormDialog(self.tr("Toestemming vastleggen"), fields, save, parent=self)
        dialog.setObjectName("consentDialog")
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.context.bus.announce("consents", "people")

    def withdraw(self) -> None:
        fields = [
            FieldSpec(
                "withdrawn_on",
                self.tr("Ingetrokken op"),
                kind="date",
                required=True,
                default=dt.date.today(),
            ),
            FieldSpec(
                "withdrawn_by", self.tr("Vastgelegd door"), required=True, default=current_actor()
            ),
        ]

        def save(values: Values) -> int:
            self.context.services.consent.withdraw(
                self.person_id, values["withdrawn_on"], values["withdrawn_by"]
            )
            return self.person_id

        dialog = FormDialog(self.tr("Toestemming intrekken"), fields, save, parent=self)
        dialog.setObjectName("withdrawDialog")
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.context.bus.announce("consents", "people")
