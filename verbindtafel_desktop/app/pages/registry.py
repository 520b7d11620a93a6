"""The pages of the sidebar, in order. A new screen adds one entry here."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.i18n import QT_TRANSLATE_NOOP
from verbindtafel_desktop.app.pages.backups import BackupsPage
from verbindtafel_desktop.app.pages.cohorts import cohorts_page
from verbindtafel_desktop.app.pages.institutions import institutions_page
from verbindtafel_desktop.app.pages.locations import locations_page
from verbindtafel_desktop.app.pages.people import people_page
from verbindtafel_desktop.app.pages.tables import TablesPage
from verbindtafel_desktop.app.privacy.page import PrivacyPage
from verbindtafel_desktop.app.relay.page import RelayPage
from verbindtafel_desktop.services.registry import Services

PageFactory = Callable[[Services, ChangeBus], QWidget]


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str  # translated in the "MainWindow" context
    factory: PageFactory


PAGES: list[PageEntry] = [
    PageEntry("people", QT_TRANSLATE_NOOP("MainWindow", "Personen"), people_page),
    PageEntry("tables", QT_TRANSLATE_NOOP("MainWindow", "Tafels"), TablesPage),
    PageEntry("cohorts", QT_TRANSLATE_NOOP("MainWindow", "Lichtingen"), cohorts_page),
    PageEntry("locations", QT_TRANSLATE_NOOP("MainWindow", "Locaties"), locations_page),
    PageEntry("institutions", QT_TRANSLATE_NOOP("MainWindow", "Instellingen"), institutions_page),
    PageEntry("relay", QT_TRANSLATE_NOOP("MainWindow", "Estafette"), RelayPage),
    PageEntry("backups", QT_TRANSLATE_NOOP("MainWindow", "Back-ups"), BackupsPage),
    PageEntry("privacy", QT_TRANSLATE_NOOP("MainWindow", "Privacy"), PrivacyPage),
]
