"""The people page: everyone in the programme, searchable by name, phone or e-mail."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.export_actions import export_participants
from verbindtafel_desktop.app.form_dialog import FieldSpec, Values
from verbindtafel_desktop.app.labels import choices
from verbindtafel_desktop.app.list_page import FilterSpec, ListPage, PageSpec
from verbindtafel_desktop.app.people_import.wizard import open_import_wizard
from verbindtafel_desktop.app.person.dialog import open_person_dialog
from verbindtafel_desktop.app.query_model import Column
from verbindtafel_desktop.domain.enums import (
    ConsentScope,
    Gender,
    MembershipStatus,
    ReferralRoute,
)
from verbindtafel_desktop.domain.rotterdam import all_neighbourhoods
from verbindtafel_desktop.services.consent import FORM_SCOPES
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("PeoplePage", text)


def _brought_by_person(values: Values) -> bool:
    return values.get("referral_route") in (ReferralRoute.INVITED, ReferralRoute.RECRUITED)


def _referred_by_institution(values: Values) -> bool:
    return values.get("referral_route") == ReferralRoute.INSTITUTION


def consent_scope_fields() -> list[tuple[str, str, str]]:
    """(form key, label, what ticking it means) for each scope of consent."""
    texts = {
        ConsentScope.REGISTRATION: (
            tr("Inschrijving"),
            tr("mag ingeschreven worden in het programma"),
        ),
        ConsentScope.MEASUREMENTS: (tr("Metingen"), tr("mag de vragenlijsten invullen (metingen)")),
        ConsentScope.PHOTOS: (tr("Foto's"), tr("mag op foto's voor beeldkaarten")),
        ConsentScope.SHARING: (
            tr("Delen"),
            tr("voortgang mag gedeeld worden met de verwijzende instelling"),
        ),
    }
    return [(FORM_SCOPES[scope], *texts[scope]) for scope in ConsentScope]


def person_fields(services: Services) -> list[FieldSpec]:
    person, contact, origin = tr("Persoon"), tr("Contact"), tr("Herkomst")
    consent, other = tr("Toestemming"), tr("Overig")
    return [
        FieldSpec("first_name", tr("Voornaam"), required=True, group=person),
        FieldSpec("infix", tr("Tussenvoegsel"), help=tr("Bijvoorbeeld: van der, de"), group=person),
        FieldSpec("last_name", tr("Achternaam"), group=person),
        FieldSpec("date_of_birth", tr("Geboortedatum"), kind="date", group=person),
        FieldSpec(
            "gender",
            tr("Gender"),
            kind="choice",
            choices=lambda: choices(Gender),
            optional_choice=tr("(niet ingevuld)"),
            group=person,
        ),
        FieldSpec(
            "phone",
            tr("Telefoon"),
            help=tr("Bijvoorbeeld 06-12345678 of 010-1234567"),
            group=contact,
        ),
        FieldSpec("email", tr("E-mail"), group=contact),
        FieldSpec("address", tr("Adres"), group=contact),
        FieldSpec("postcode", tr("Postcode"), group=contact),
        FieldSpec(
            "neighbourhood",
            tr("Wijk"),
            kind="suggest",
            suggestions=all_neighbourhoods(),
            group=contact,
        ),
        FieldSpec(
            "referral_route",
            tr("Binnengekomen"),
            kind="choice",
            choices=lambda: choices(ReferralRoute),
            default=ReferralRoute.SELF,
            help=tr(
                "Hoe kwam deze persoon bij De Verbindtafel? Dit telt mee in het estafette-effect."
            ),
            group=origin,
        ),
        FieldSpec(
            "referrer_id",
            tr("Door wie"),
            kind="person",
            find_person=services.people.find,
            person_name=services.people.display_name,
            enabled_when=_brought_by_person,
            group=origin,
        ),
        FieldSpec(
            "institution_id",
            tr("Instelling"),
            kind="choice",
            choices=services.institutions.options,
            optional_choice=tr("(kies een instelling)"),
            enabled_when=_referred_by_institution,
            group=origin,
        ),
        FieldSpec(
            "consent_date",
            tr("Toestemming gegeven op"),
            kind="date",
            help=tr(
                "De dag waarop de persoon toestemming gaf. Intrekken gaat op de persoonskaart "
                "(tab Toestemming)."
            ),
            group=consent,
        ),
        *(
            FieldSpec(key, text, kind="bool", help=explanation, group=consent)
            for key, text, explanation in consent_scope_fields()
        ),
        FieldSpec("notes", tr("Opmerkingen"), kind="multiline", group=other),
    ]


def people_page(services: Services, bus: ChangeBus) -> ListPage:
    spec = PageSpec(
        entity="people",
        title=tr("Personen"),
        singular=tr("persoon"),
        empty_text=tr(
            "Nog geen personen. Voeg tafelgenoten, begeleiders en introducees toe met "
            "'Nieuw…' (Ctrl+N)."
        ),
        columns=[
            Column("name", tr("Naam"), width=220),
            Column("date_of_birth", tr("Geboren"), kind="date"),
            Column("phone", tr("Telefoon")),
            Column("email", tr("E-mail")),
            Column("neighbourhood", tr("Wijk")),
            Column("route", tr("Binnengekomen"), kind="enum", enum=ReferralRoute),
            Column("referrer", tr("Via")),
            Column("tables", tr("Tafels")),
        ],
        form_fields=lambda: person_fields(services),
        form_values=services.people.form_values,
        filters=[
            FilterSpec(
                "cohort_id", tr("Lichting"), services.cohorts.options, tr("Alle lichtingen")
            ),
            FilterSpec("table_id", tr("Tafel"), services.tables.options, tr("Alle tafels")),
            FilterSpec(
                "status",
                tr("Status"),
                lambda: choices(MembershipStatus),
                tr("Elke status"),
            ),
        ],
        listens_to=("memberships", "tables", "cohorts", "institutions", "referrals"),
        open_item=lambda page, person_id: open_person_dialog(page, services, bus, person_id),
        open_label=tr("Persoonskaart…"),
    )
    page = ListPage(services.people, spec, bus)
    button = page.add_button(
        tr("Importeren…"),
        lambda: open_import_wizard(services, bus, page),
        tr("Personen importeren uit een Excel- of CSV-bestand"),
    )
    button.setObjectName("importPeople")
    export_button = QPushButton(tr("Exporteren…"))
    export_button.setObjectName("exportPeople")
    export_button.setToolTip(tr("De lijst zoals hij nu op het scherm staat opslaan als Excel"))
    export_button.clicked.connect(lambda: export_participants(page, services, page.current_query()))
    page.button_row.insertWidget(page.button_row.indexOf(page.archive_button) + 1, export_button)
    return page
