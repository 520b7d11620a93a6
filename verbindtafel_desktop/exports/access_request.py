"""The right of access and portability (AVG art. 15 and 20): everything the database holds
about one person, as a readable PDF or as machine-readable JSON.

    verbindtafel export person --db centrum.sqlite --person 7 -o inzage.pdf
    verbindtafel export person --db centrum.sqlite --person 7 -o inzage.json
"""

from pathlib import Path

from verbindtafel_desktop.exports.person_data import collect_person_data, write_json
from verbindtafel_desktop.exports.person_pdf import write_person_pdf
from verbindtafel_desktop.exports.scope import ExportResult, ExportScope, NothingToExport
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.progress import Progress


def write_person_data(
    db: Database, scope: ExportScope, target: Path, extension: str, progress: Progress
) -> ExportResult:
    if scope.person_id is None:
        raise NothingToExport("Kies van welke persoon de gegevens zijn (--person).")
    progress.report(0, 2, "Gegevens verzamelen…")
    data = collect_person_data(db, scope.person_id)
    progress.check()
    details = {"tables": len(data.tables), "rows": data.row_count}
    if extension == "json":
        write_json(data, target)
        return ExportResult(target, "person", data.row_count, "regels", details)
    pages = write_person_pdf(data, db, target, progress)
    return ExportResult(target, "person", pages, "pagina's", details)
