"""The audit trail as a workbook, for a coordinator to keep or to show the Autoriteit
Persoonsgegevens: who did what, when, with which records. It holds ids only, like the
trail itself; exporting it is itself recorded."""

import datetime as dt
from pathlib import Path

from verbindtafel_desktop.domain.enums import AuditAction
from verbindtafel_desktop.exports.scope import ExportResult, ExportScope, NothingToExport
from verbindtafel_desktop.exports.wording import moment, word
from verbindtafel_desktop.exports.xlsx import SheetColumn, SheetWriter, new_workbook
from verbindtafel_desktop.persistence.audit_log import id_ranges, parse_id_ranges
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.audit import AuditService
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.progress import Progress

TITLE = "Logboek persoonsgegevens"
COLUMNS = [
    SheetColumn("Wanneer", width=18),
    SheetColumn("Wie"),
    SheetColumn("Handeling"),
    SheetColumn("Soort gegevens"),
    SheetColumn("Nummers", width=30),
    SheetColumn("Betreft personen (nummers)", width=30),
    SheetColumn("Toelichting", width=40),
]


def describe(query: ListQuery) -> str:
    parts = []
    if action := query.filters.get("action"):
        parts.append(f"alleen '{word(AuditAction, action)}'")
    if person_id := query.filters.get("person_id"):
        parts.append(f"over persoon nr. {person_id}")
    if since := query.filters.get("since"):
        parts.append(f"vanaf {moment(since)}")
    if query.search.strip():
        parts.append(f"zoekterm '{query.search.strip()}'")
    return "Logboek: " + (", ".join(parts) if parts else "alles")


def write_audit_trail(
    db: Database, scope: ExportScope, target: Path, _format: str, progress: Progress
) -> ExportResult:
    query = scope.list_query or ListQuery()
    query = ListQuery(search=query.search, filters=query.filters, sort_key="at", descending=True)
    progress.report(0, 0, "Logboek lezen…")
    entries = AuditService(db).entries(query)
    if not entries:
        raise NothingToExport("Het logboek heeft (met deze keuze) geen regels.")
    rows = [
        [
            entry.at.astimezone().strftime("%d-%m-%Y %H:%M:%S"),
            entry.actor,
            word(AuditAction, entry.action),
            entry.record_type,
            entry.record_ids,
            id_ranges(parse_id_ranges(entry.people)),
            entry.detail,
        ]
        for entry in entries
    ]
    created = dt.datetime.now(dt.UTC)
    organisation = OrganisationService(db).get().shown_name
    description = describe(query)
    with new_workbook(
        title=TITLE, scope=description, creator=organisation, created=created
    ) as workbook:
        sheet = SheetWriter(
            workbook,
            "Logboek",
            COLUMNS,
            heading=f"{TITLE} — {organisation}",
            scope=description,
            created=created,
            sample=rows,
            landscape=True,
        )
        sheet.write_rows(rows, progress, len(rows), "Regels schrijven…")
        sheet.finish()
        progress.check()
        workbook.save(target)
    return ExportResult(target, "audit", len(rows), "regels")
