"""The Estafette page: the relay picture with its figures, and the recruitment lists."""

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.relay.picture_panel import RelayPicturePanel
from verbindtafel_desktop.app.relay.recruitment_panel import RecruitmentPanel
from verbindtafel_desktop.services.registry import Services


class RelayPage(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Estafette"))
        title.setObjectName("pageTitle")
        self.picture = RelayPicturePanel(services, bus)
        self.recruitment = RecruitmentPanel(services, bus)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.picture, self.tr("Beeld en cijfers"))
        self.tabs.addTab(self.recruitment, self.tr("Wervingslijsten"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
