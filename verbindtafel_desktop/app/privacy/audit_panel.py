"""Logboek: the audit trail, newest first, filtered by action and person; to Excel."""

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.export_actions import export_audit_trail
from verbindtafel_desktop.app.labels import choices
from verbindtafel_desktop.app.query_model import Column, LazyQueryModel, column_width
from verbindtafel_desktop.domain.enums import AuditAction
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.registry import Services


class AuditPanel(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        explanation = QLabel(
            self.tr(
                "Wie wat deed met persoonsgegevens, en wanneer: aanmaken, wijzigen, "
                "verwijderen, exporteren, anonimiseren, vergeten en back-ups terugzetten. Het "
                "logboek bevat alleen nummers, nooit namen of andere gegevens zelf. 'Wie' is de "
                "Windows-gebruiker."
            )
        )
        explanation.setWordWrap(True)
        explanation.setObjectName("fieldHelp")
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.addItem(self.tr("Alle handelingen"), None)
        for value, text in choices(AuditAction):
            self.action.addItem(text, value)
        self.person = QSpinBox()
        self.person.setObjectName("auditPerson")
        self.person.setRange(0, 2_000_000_000)
        self.person.setSpecialValueText(self.tr("alle personen"))
        self.person.setPrefix(self.tr("persoon nr. "))
        self.person.setToolTip(self.tr("Alleen regels over deze persoon (het nummer)"))
        self.search = QLineEdit()
        self.search.setObjectName("auditSearch")
        self.search.setPlaceholderText(self.tr("Zoeken in wie, soort en toelichting…"))
        self.search.setClearButtonEnabled(True)
        self._typing = QTimer(self, singleShot=True, interval=150)
        self._typing.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.action.currentIndexChanged.connect(self.apply)
        self.person.valueChanged.connect(lambda _value: self._typing.start())
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.action, 1)
        filters.addWidget(self.person, 1)

        columns = [
            Column("when", self.tr("Wanneer"), width=150),
            Column("actor", self.tr("Wie")),
            Column("action", self.tr("Handeling"), kind="enum", enum=AuditAction),
            Column("record_type", self.tr("Soort gegevens")),
            Column("record_ids", self.tr("Nummers"), sortable=False),
            Column("people", self.tr("Betreft personen"), sortable=False),
            Column("detail", self.tr("Toelichting"), sortable=False),
        ]
        self.model = LazyQueryModel(
            services.audit, columns, ListQuery(sort_key="when", descending=True), self
        )
        self.view = QTableView()
        self.view.setObjectName("auditList")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for number, column in enumerate(columns):
            header.resizeSection(number, column_width(column))
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        export_button = QPushButton(self.tr("Exporteren naar Excel…"))
        export_button.setObjectName("exportAudit")
        export_button.setToolTip(self.tr("Het logboek zoals het nu gefilterd is"))
        export_button.clicked.connect(self.export)
        refresh = QPushButton(self.tr("Vernieuwen"))
        refresh.setToolTip(self.tr("Het logboek opnieuw lezen (F5)"))
        refresh.clicked.connect(self.apply)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Refresh),
            self,
            self.apply,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        buttons = QHBoxLayout()
        buttons.addWidget(export_button)
        buttons.addWidget(refresh)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def query(self) -> ListQuery:
        filters = {
            key: value
            for key, value in (
                ("action", self.action.currentData()),
                ("person_id", self.person.value() or None),
            )
            if value
        }
        return replace(self.model.query, search=self.search.text(), filters=filters)

    def apply(self, *_args: object) -> None:
        self.model.set_query(self.query())
        self.count.setText(self.tr("%1 regels").replace("%1", str(self.model.rowCount())))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.apply()  # every save adds entries; read them again when the list is shown

    def export(self) -> None:
        export_audit_trail(self, self.services, self.query())
