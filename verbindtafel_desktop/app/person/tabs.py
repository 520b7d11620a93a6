"""The tabs of the person page, in order. A new tab adds one entry here.

    PersonTabEntry("measurements", QT_TRANSLATE_NOOP("PersonTabs", "Metingen"),
                   MeasurementsTab, listens_to=("measurements",))

The factory gets a `PersonContext` and returns a `PersonTab`; the page calls its
`show_person(person_id)` and again when one of `listens_to` is announced on the bus.
"""

from collections.abc import Callable
from dataclasses import dataclass

from verbindtafel_desktop.app.i18n import QT_TRANSLATE_NOOP
from verbindtafel_desktop.app.outcomes.measurements_tab import MeasurementsTab
from verbindtafel_desktop.app.person.access_tab import AccessTab
from verbindtafel_desktop.app.person.consent_tab import ConsentTab
from verbindtafel_desktop.app.person.context import PersonContext, PersonTab
from verbindtafel_desktop.app.person.details_tab import DetailsTab
from verbindtafel_desktop.app.person.forget_tab import ForgetTab
from verbindtafel_desktop.app.person.path_tab import PathTab
from verbindtafel_desktop.app.person.relay_tab import RelayTab


@dataclass(frozen=True)
class PersonTabEntry:
    key: str
    title: str  # translated in the "PersonTabs" context
    factory: Callable[[PersonContext], PersonTab]
    listens_to: tuple[str, ...] = ("people",)


PERSON_TABS: list[PersonTabEntry] = [
    PersonTabEntry(
        "relay",
        QT_TRANSLATE_NOOP("PersonTabs", "Estafette"),
        RelayTab,
        ("people", "referrals", "invitations", "memberships", "recruitment_leads"),
    ),
    PersonTabEntry(
        "path",
        QT_TRANSLATE_NOOP("PersonTabs", "Traject"),
        PathTab,
        ("memberships", "invitations", "attendance", "recruitment_leads", "sessions"),
    ),
    PersonTabEntry(
        "measurements",
        QT_TRANSLATE_NOOP("PersonTabs", "Metingen"),
        MeasurementsTab,
        (
            "measurements",
            "lasting_contacts",
            "activity_participations",
            "activities",
            "memberships",
        ),
    ),
    PersonTabEntry("details", QT_TRANSLATE_NOOP("PersonTabs", "Gegevens"), DetailsTab),
    PersonTabEntry(
        "consent",
        QT_TRANSLATE_NOOP("PersonTabs", "Toestemming"),
        ConsentTab,
        ("people", "consents"),
    ),
    PersonTabEntry(
        "access",
        QT_TRANSLATE_NOOP("PersonTabs", "Inzage-export"),
        AccessTab,
        ("people", "consents", "memberships", "attendance", "invitations", "measurements"),
    ),
    PersonTabEntry("forget", QT_TRANSLATE_NOOP("PersonTabs", "Vergeten…"), ForgetTab),
]
