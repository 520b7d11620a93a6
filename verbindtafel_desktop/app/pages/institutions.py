"""The institutions page: organisations that refer people or offer the programme."""

from PySide6.QtCore import QCoreApplication

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec
from verbindtafel_desktop.app.labels import choices
from verbindtafel_desktop.app.list_page import ListPage, PageSpec
from verbindtafel_desktop.app.query_model import Column
from verbindtafel_desktop.domain.enums import InstitutionKind
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("InstitutionsPage", text)


def institution_fields() -> list[FieldSpec]:
    return [
        FieldSpec("name", tr("Naam"), required=True),
        FieldSpec(
            "kind",
            tr("Soort"),
            kind="choice",
            choices=lambda: choices(InstitutionKind),
            help=tr("Verwijst de instelling mensen door, of biedt zij De Verbindtafel zelf aan?"),
        ),
        FieldSpec("contact_name", tr("Contactpersoon")),
        FieldSpec("phone", tr("Telefoon"), help=tr("Bijvoorbeeld 010-1234567 of 06-12345678")),
        FieldSpec("email", tr("E-mail")),
        FieldSpec(
            "target_group",
            tr("Doelgroep"),
            help=tr("Bijvoorbeeld: ouderen in Feijenoord, statushouders, mensen met een LVB"),
        ),
        FieldSpec("notes", tr("Opmerkingen"), kind="multiline"),
    ]


def institutions_page(services: Services, bus: ChangeBus) -> ListPage:
    spec = PageSpec(
        entity="institutions",
        title=tr("Instellingen"),
        singular=tr("instelling"),
        empty_text=tr(
            "Nog geen instellingen. Voeg organisaties toe die mensen doorverwijzen of "
            "het programma aanbieden met 'Nieuw…' (Ctrl+N)."
        ),
        columns=[
            Column("name", tr("Naam"), width=220),
            Column("kind", tr("Soort"), kind="enum", enum=InstitutionKind),
            Column("contact_name", tr("Contactpersoon")),
            Column("phone", tr("Telefoon")),
            Column("email", tr("E-mail")),
            Column("target_group", tr("Doelgroep")),
            Column("referral_count", tr("Verwezen"), kind="number"),
        ],
        form_fields=institution_fields,
        listens_to=("people",),
    )
    return ListPage(services.institutions, spec, bus)
