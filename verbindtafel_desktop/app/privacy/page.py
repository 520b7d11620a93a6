"""The Privacy page: retention and anonymising, the audit trail, and the app lock."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.privacy.audit_panel import AuditPanel
from verbindtafel_desktop.app.privacy.lock_panel import LockPanel
from verbindtafel_desktop.app.privacy.retention_panel import RetentionPanel
from verbindtafel_desktop.services.registry import Services


class PrivacyPage(QWidget):
    # Asks the window to lock the app now.
    lock_requested = Signal()

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Privacy"))
        title.setObjectName("pageTitle")
        self.retention = RetentionPanel(services, bus)
        self.audit = AuditPanel(services)
        self.lock = LockPanel(services, bus)
        self.lock.lock_requested.connect(self.lock_requested)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.retention, self.tr("Bewaartermijn"))
        self.tabs.addTab(self.audit, self.tr("Logboek"))
        self.tabs.addTab(self.lock, self.tr("Vergrendeling"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
