"""Bestand → Exporteren ▸ Perioderapportage: ask the period, the scope, the funder and the
anonymity threshold; then save the report (Excel or PDF) in the worker. For a PDF the
worker first draws the relay picture without names."""

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QWidget

from verbindtafel_desktop.app.export_actions import Prepare, start_export
from verbindtafel_desktop.app.export_dialog import refill
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.outcomes.report_picture import relay_picture
from verbindtafel_desktop.app.widgets.date_field import DateField
from verbindtafel_desktop.app.worker import JobRunner
from verbindtafel_desktop.exports.scope import ExportScope
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.registry import Services
from verbindtafel_desktop.services.report_settings import HOURS_RANGE, MINIMUM_RANGE


def tr(text: str) -> str:
    return QCoreApplication.translate("ReportDialog", text)


def report_fields(services: Services) -> list[FieldSpec]:
    settings = services.report_settings.get()
    year = dt.date.today().year
    period, anonymity = tr("Periode en afbakening"), tr("Anonimiteit en uren")
    return [
        FieldSpec(
            "funder_id",
            tr("Voor financier"),
            kind="choice",
            choices=services.funders.options,
            optional_choice=tr("(geen)"),
            help=tr("Vult de periode van zijn laatste subsidie in."),
            group=period,
        ),
        FieldSpec(
            "period_start", tr("Van"), kind="date", required=True,
            default=dt.date(year, 1, 1), group=period,
        ),
        FieldSpec(
            "period_end", tr("Tot en met"), kind="date", required=True,
            default=dt.date(year, 12, 31), group=period,
        ),
        FieldSpec(
            "location_id",
            tr("Locatie"),
            kind="choice",
            choices=services.locations.options,
            optional_choice=tr("Alle locaties"),
            group=period,
        ),
        FieldSpec(
            "cohort_id",
            tr("Lichting"),
            kind="choice",
            choices=services.cohorts.options,
            optional_choice=tr("Alle lichtingen"),
            group=period,
        ),
        FieldSpec(
            "minimum_count",
            tr("Kleinste getoonde aantal"),
            kind="int",
            minimum=MINIMUM_RANGE[0],
            maximum=MINIMUM_RANGE[1],
            default=settings.minimum_count,
            help=tr("Kleinere aantallen (1 tot 4 bij 5) staan er als '<5'."),
            group=anonymity,
        ),
        FieldSpec(
            "session_hours",
            tr("Uren per sessie"),
            default=f"{settings.session_hours:g}".replace(".", ","),
            help=tr("Per sessie, met voorbereiding; telt de vrijwilligersuren. Bijv. 2,5"),
            group=anonymity,
        ),
    ]  # fmt: skip


def hours_of(text: Any) -> float:
    try:
        return float(str(text).strip().replace(",", "."))
    except ValueError as error:
        raise ValidationFailed(
            {"session_hours": tr("Vul een aantal uren in, bijvoorbeeld 2,5.")}
        ) from error


def scope_of(services: Services, values: Values) -> ExportScope:
    """The scope the form asks for; stores the threshold and hours for next time."""
    start, end = values.get("period_start"), values.get("period_end")
    if start and end and end < start:
        raise ValidationFailed({"period_end": tr("De periode eindigt vóór zij begint.")})
    low, high = HOURS_RANGE
    hours = hours_of(values.get("session_hours"))
    if not low <= hours <= high:
        raise ValidationFailed(
            {"session_hours": tr("Kies een sessieduur van een half uur tot twaalf uur.")}
        )
    services.report_settings.save(values["minimum_count"], hours)
    return ExportScope(
        period_start=start,
        period_end=end,
        location_id=values.get("location_id"),
        cohort_id=values.get("cohort_id"),
        funder_id=values.get("funder_id"),
    )


def link_report_choices(dialog: FormDialog, services: Services) -> None:
    """A location narrows the cohorts; a funder sets the period of its last grant."""
    location = dialog.widgets["location_id"]
    cohort = dialog.widgets["cohort_id"]
    funder = dialog.widgets["funder_id"]
    start, end = dialog.widgets["period_start"], dialog.widgets["period_end"]
    assert isinstance(location, QComboBox) and isinstance(cohort, QComboBox)
    assert isinstance(funder, QComboBox)
    assert isinstance(start, DateField) and isinstance(end, DateField)

    def location_changed() -> None:
        refill(cohort, services.cohorts.options(location_id=location.currentData()))

    def funder_changed() -> None:
        chosen = funder.currentData()
        period = services.funders.latest_grant_period(chosen) if chosen else None
        if period is not None:
            start.set_value(period[0])
            end.set_value(period[1])

    location.currentIndexChanged.connect(location_changed)
    funder.currentIndexChanged.connect(funder_changed)


def ask_report_scope(parent: QWidget | None, services: Services) -> ExportScope | None:
    made: list[ExportScope] = []

    def save(values: Values) -> int:
        made.append(scope_of(services, values))
        return 0

    dialog = FormDialog(tr("Perioderapportage maken"), report_fields(services), save, parent=parent)
    dialog.setObjectName("reportScopeDialog")
    for key in ("funder_id", "location_id", "cohort_id", "minimum_count"):
        # Wide enough for the help under them to fit on one line.
        dialog.widgets[key].setMinimumWidth(360)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Verder…"))
    link_report_choices(dialog, services)
    if dialog.exec() != FormDialog.DialogCode.Accepted:
        return None
    return made[-1]


def with_relay_picture(db: Database) -> Prepare:
    """For a PDF: draw the relay picture (in the worker) and hand it to the report."""

    def prepare(scope: ExportScope, target: Path, progress: Progress) -> ExportScope:
        if target.suffix.lower() != ".pdf":
            return scope
        # Imported here: the report's writers bring reportlab and openpyxl.
        from verbindtafel_desktop.exports.report import report_scope

        progress.report(0, 0, tr("De estafette tekenen…"))
        return replace(scope, relay_picture=relay_picture(db, report_scope(scope)))

    return prepare


def export_report(parent: QWidget | None, services: Services) -> JobRunner | None:
    scope = ask_report_scope(parent, services)
    if scope is None:
        return None
    return start_export(parent, services, "report", scope, prepare=with_relay_picture(services.db))
