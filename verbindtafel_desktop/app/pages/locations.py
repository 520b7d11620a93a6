"""The locations page: community centres."""

from PySide6.QtCore import QCoreApplication

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec
from verbindtafel_desktop.app.list_page import ListPage, PageSpec
from verbindtafel_desktop.app.query_model import Column
from verbindtafel_desktop.domain.rotterdam import AREAS, all_neighbourhoods
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("LocationsPage", text)


def location_fields() -> list[FieldSpec]:
    return [
        FieldSpec("name", tr("Naam"), required=True, help=tr("Bijvoorbeeld: Buurthuis De Klimop")),
        FieldSpec("address", tr("Adres")),
        FieldSpec("postcode", tr("Postcode"), help=tr("4 cijfers en 2 letters, zoals 3011 AB")),
        FieldSpec("neighbourhood", tr("Wijk"), kind="suggest", suggestions=all_neighbourhoods()),
        FieldSpec(
            "area",
            tr("Gebied"),
            kind="choice",
            choices=lambda: [(area, area) for area in AREAS],
            optional_choice=tr("(volgt uit de wijk)"),
            help=tr("Een van de 14 gebieden van Rotterdam; rapportages groeperen hierop."),
        ),
        FieldSpec(
            "wheelchair_accessible",
            tr("Rolstoeltoegankelijk"),
            kind="bool",
            help=tr("De locatie is toegankelijk voor rolstoelen en scootmobielen"),
        ),
        FieldSpec(
            "mixed_table_capacity",
            tr("Plaatsen per mengtafel"),
            kind="int",
            minimum=2,
            maximum=20,
            default=6,
            help=tr("Hoeveel mensen er standaard aan één tafel passen bij een mixmoment."),
        ),
        FieldSpec("notes", tr("Opmerkingen"), kind="multiline"),
    ]


def locations_page(services: Services, bus: ChangeBus) -> ListPage:
    spec = PageSpec(
        entity="locations",
        title=tr("Locaties"),
        singular=tr("locatie"),
        empty_text=tr(
            "Nog geen locaties. Voeg het buurthuis toe waar de tafels samenkomen "
            "met 'Nieuw…' (Ctrl+N)."
        ),
        columns=[
            Column("name", tr("Naam"), width=220),
            Column("neighbourhood", tr("Wijk")),
            Column("area", tr("Gebied")),
            Column("address", tr("Adres")),
            Column("postcode", tr("Postcode")),
            Column("wheelchair_accessible", tr("Rolstoel"), kind="bool"),
            Column("cohort_count", tr("Lichtingen"), kind="number"),
        ],
        form_fields=location_fields,
        listens_to=("cohorts",),
    )
    return ListPage(services.locations, spec, bus)
