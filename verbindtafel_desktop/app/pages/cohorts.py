"""The cohorts page: lichtingen, one run of the programme at a location."""

from PySide6.QtCore import QCoreApplication

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec
from verbindtafel_desktop.app.list_page import FilterSpec, ListPage, PageSpec
from verbindtafel_desktop.app.query_model import Column
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("CohortsPage", text)


def cohorts_page(services: Services, bus: ChangeBus) -> ListPage:
    def fields() -> list[FieldSpec]:
        return [
            FieldSpec("name", tr("Naam"), required=True, help=tr("Bijvoorbeeld: Voorjaar 2027")),
            FieldSpec(
                "location_id",
                tr("Locatie"),
                kind="choice",
                required=True,
                choices=services.locations.options,
                optional_choice=tr("(kies een locatie)"),
            ),
            FieldSpec("start_date", tr("Startdatum"), kind="date", required=True),
            FieldSpec(
                "end_date",
                tr("Einddatum"),
                kind="date",
                help=tr("Mag leeg blijven zolang de lichting loopt."),
            ),
            FieldSpec("notes", tr("Opmerkingen"), kind="multiline"),
        ]

    spec = PageSpec(
        entity="cohorts",
        title=tr("Lichtingen"),
        singular=tr("lichting"),
        empty_text=tr(
            "Nog geen lichtingen. Een lichting is één ronde van het programma op een "
            "locatie; maak er een met 'Nieuw…' (Ctrl+N)."
        ),
        columns=[
            Column("name", tr("Naam"), width=220),
            Column("location", tr("Locatie")),
            Column("start_date", tr("Start"), kind="date"),
            Column("end_date", tr("Einde"), kind="date"),
            Column("table_count", tr("Tafels"), kind="number"),
            Column("participant_count", tr("Tafelgenoten"), kind="number"),
        ],
        form_fields=fields,
        filters=[
            FilterSpec(
                "location_id", tr("Locatie"), services.locations.options, tr("Alle locaties")
            )
        ],
        listens_to=("locations", "tables", "memberships"),
    )
    return ListPage(services.cohorts, spec, bus)
