"""The pages of the sidebar, in order. A new screen adds one entry here."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.i18n import QT_TRANSLATE_NOOP
from verbindtafel_desktop.app.mixing.page import MixmomentsPage
from verbindtafel_desktop.app.pages.activities import ActivitiesPage
from verbindtafel_desktop.app.pages.agenda import AgendaPage
from verbindtafel_desktop.app.pages.backups import BackupsPage
from verbindtafel_desktop.app.pages.card_decks import CardDecksPage
from verbindtafel_desktop.app.pages.cohorts import cohorts_page
from verbindtafel_desktop.app.pages.dashboard import DashboardPage
from verbindtafel_desktop.app.pages.institutions import institutions_page
from verbindtafel_desktop.app.pages.locations import locations_page
from verbindtafel_desktop.app.pages.people import people_page
from verbindtafel_desktop.app.pages.programme import ProgrammePage
from verbindtafel_desktop.app.pages.tables import TablesPage
from verbindtafel_desktop.app.pages.trajectory import TrajectoryPage
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
    # The first page is the start screen.
    PageEntry("dashboard", QT_TRANSLATE_NOOP("MainWindow", "Overzicht"), DashboardPage),
    PageEntry("agenda", QT_TRANSLATE_NOOP("MainWindow", "Agenda"), AgendaPage),
    PageEntry("trajectory", QT_TRANSLATE_NOOP("MainWindow", "Traject"), TrajectoryPage),
    PageEntry("people", QT_TRANSLATE_NOOP("MainWindow", "Personen"), people_page),
    PageEntry("tables", QT_TRANSLATE_NOOP("MainWindow", "Tafels"), TablesPage),
    PageEntry("cohorts", QT_TRANSLATE_NOOP("MainWindow", "Lichtingen"), cohorts_page),
    PageEntry("mixmoments", QT_TRANSLATE_NOOP("MainWindow", "Mixmomenten"), MixmomentsPage),
    PageEntry("locations", QT_TRANSLATE_NOOP("MainWindow", "Locaties"), locations_page),
    PageEntry("institutions", QT_TRANSLATE_NOOP("MainWindow", "Instellingen"), institutions_page),
    PageEntry("relay", QT_TRANSLATE_NOOP("MainWindow", "Estafette"), RelayPage),
    PageEntry("activities", QT_TRANSLATE_NOOP("MainWindow", "Activiteiten"), ActivitiesPage),
    PageEntry("cards", QT_TRANSLATE_NOOP("MainWindow", "Kaarten"), CardDecksPage),
    PageEntry("programme", QT_TRANSLATE_NOOP("MainWindow", "Programma"), ProgrammePage),
    PageEntry("backups", QT_TRANSLATE_NOOP("MainWindow", "Back-ups"), BackupsPage),
    PageEntry("privacy", QT_TRANSLATE_NOOP("MainWindow", "Privacy"), PrivacyPage),
]
