"""The anonymised period report for funders, as a workbook (.xlsx) or a document (.pdf).

Scope: period_start and period_end (both needed), optionally location_id or cohort_id,
and funder_id (the funder it is made for). The PDF shows relay_picture (a PNG of the
relay without names) when the caller drew one: that needs Qt, which exports do not use.
The threshold below which counts are shown as "<5" and the hours per session come from
the report settings of the database.
"""

from pathlib import Path

from verbindtafel_desktop.exports.report_pdf import write_report_pdf
from verbindtafel_desktop.exports.report_xlsx import write_report_xlsx
from verbindtafel_desktop.exports.scope import ExportResult, ExportScope, NothingToExport
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.reporting.anonymity import Anonymiser
from verbindtafel_desktop.reporting.figures import compute
from verbindtafel_desktop.reporting.scope import ReportScope
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.report_settings import ReportSettingsService
from verbindtafel_desktop.services.settings import SettingsService


def report_scope(scope: ExportScope) -> ReportScope:
    if scope.period_start is None or scope.period_end is None:
        raise NothingToExport("Kies de periode van de rapportage: van welke dag tot en met welke.")
    return ReportScope(
        scope.period_start,
        scope.period_end,
        location_id=scope.location_id,
        cohort_id=scope.cohort_id,
        funder_id=scope.funder_id,
    )


def write_report(
    db: Database, scope: ExportScope, target: Path, file_format: str, progress: Progress
) -> ExportResult:
    settings = ReportSettingsService(SettingsService(db)).get()
    report = compute(db, report_scope(scope), settings, progress)
    anonymiser = Anonymiser(settings.minimum_count)
    organisation = OrganisationService(db).get()
    details = {"participants": report.figure("reach.participants").count}
    if file_format == "xlsx":
        sheets = write_report_xlsx(report, anonymiser, organisation.shown_name, target, progress)
        return ExportResult(target, "report", sheets, "werkbladen", details)
    pages = write_report_pdf(
        report, anonymiser, organisation, target, progress, relay_picture=scope.relay_picture
    )
    return ExportResult(target, "report", pages, "pagina's", details)
