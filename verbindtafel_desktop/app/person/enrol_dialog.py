"""Enrol a guest (or a recruit) at a table of a later cohort, in one form."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.labels import label
from verbindtafel_desktop.domain.enums import ReferralRoute
from verbindtafel_desktop.services.registry import Services
from verbindtafel_desktop.services.relay import BY_A_PERSON


def tr(text: str) -> str:
    return QCoreApplication.translate("EnrolDialog", text)


def enrol_dialog(parent: QWidget, services: Services, person_id: int) -> FormDialog:
    defaults = services.enrolment.defaults(person_id)
    routes = list(BY_A_PERSON)
    if defaults.route not in routes:
        routes.append(defaults.route)
    name = services.people.display_name(person_id)
    fields = [
        FieldSpec(
            "table_id",
            tr("Tafel"),
            kind="choice",
            required=True,
            choices=lambda: services.enrolment.table_options(defaults.first_visit),
            optional_choice=tr("(kies een tafel)"),
            help=(
                tr("Tafels van lichtingen die na het eerste bezoek als introducee beginnen.")
                if defaults.first_visit
                else tr("Lichtingen die nog komen of lopen staan bovenaan.")
            ),
        ),
        FieldSpec(
            "route",
            tr("Binnengekomen"),
            kind="choice",
            choices=lambda: [(route, label(route)) for route in routes],
            default=defaults.route,
            help=tr("Blijft zoals het was, tenzij u het hier verandert."),
        ),
        FieldSpec(
            "referrer_id",
            tr("Door wie"),
            kind="person",
            find_person=services.people.find,
            person_name=services.people.display_name,
            default=defaults.referrer_id,
            enabled_when=lambda values: values.get("route") in BY_A_PERSON,
        ),
        FieldSpec(
            "start_date",
            tr("Startdatum"),
            kind="date",
            help=tr("Leeg: de start van de lichting, of vandaag als die al begonnen is."),
        ),
    ]

    def save(values: Values) -> int:
        return services.enrolment.enrol(
            person_id,
            values["table_id"],
            route=ReferralRoute(values["route"]),
            referrer_id=values["referrer_id"],
            start_date=values["start_date"],
        )

    title = tr("%1 inschrijven aan een tafel").replace("%1", name)
    return FormDialog(title, fields, save, parent=parent)
