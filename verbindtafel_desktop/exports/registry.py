"""The exports there are, what they need, and the one way to run one: `export()`.

    result = export(db, "signin", ExportScope(session_id=12), Path("lijst.pdf"))

The file's extension picks the format where an export offers two (the seating plan);
the file is written atomically, so a refused, failed or cancelled export leaves the
target as it was and no partial file behind.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from verbindtafel_desktop.domain.enums import AuditAction
from verbindtafel_desktop.exports.scope import ExportResult, ExportScope, WrongFormat
from verbindtafel_desktop.persistence.atomic_file import atomic_target
from verbindtafel_desktop.persistence.audit_log import append_entry
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.progress import NO_PROGRESS, Progress

Writer = Callable[[Database, ExportScope, Path, str, Progress], ExportResult]


def _writer_of(key: str) -> Writer:
    """The function that writes export `key`. Imported when an export is made: the writers
    bring openpyxl and reportlab, which the app need not load at every start."""
    writer: Writer
    match key:
        case "participants":
            from verbindtafel_desktop.exports.participants import write_participants as writer
        case "attendance":
            from verbindtafel_desktop.exports.attendance import write_attendance as writer
        case "signin":
            from verbindtafel_desktop.exports.signin import write_signin as writer
        case "seating":
            from verbindtafel_desktop.exports.seating import write_seating as writer
        case "namecards":
            from verbindtafel_desktop.exports.namecards import write_namecards as writer
        case "cards":
            from verbindtafel_desktop.exports.cards import write_cards as writer
        case "certificate":
            from verbindtafel_desktop.exports.certificate import write_certificates as writer
        case "report":
            from verbindtafel_desktop.exports.report import write_report as writer
        case "person":
            from verbindtafel_desktop.exports.access_request import write_person_data as writer
        case "audit":
            from verbindtafel_desktop.exports.audit_trail import write_audit_trail as writer
        case _:
            raise KeyError(key)
    return writer


def _write(
    key: str, db: Database, scope: ExportScope, target: Path, extension: str, progress: Progress
) -> ExportResult:
    return _writer_of(key)(db, scope, target, extension, progress)


@dataclass(frozen=True)
class ExportKind:
    key: str  # the name on the command line
    title: str  # Dutch, as in the menu
    formats: tuple[str, ...]  # file extensions without the dot; the first is the default
    scope_help: str  # which options choose what it covers (Dutch)
    write: Writer


EXPORTS: dict[str, ExportKind] = {
    kind.key: kind
    for kind in (
        ExportKind(
            "participants",
            "Deelnemerslijst",
            ("xlsx",),
            "--cohort en/of --table (zonder: iedereen)",
            partial(_write, "participants"),
        ),
        ExportKind(
            "attendance",
            "Aanwezigheidsoverzicht",
            ("xlsx",),
            "--cohort of --table (zonder: alle lichtingen)",
            partial(_write, "attendance"),
        ),
        ExportKind(
            "signin",
            "Presentielijst",
            ("pdf",),
            "--session, --table, --mixmoment of --cohort",
            partial(_write, "signin"),
        ),
        ExportKind(
            "seating",
            "Tafelindeling",
            ("pdf", "xlsx"),
            "--mixmoment",
            partial(_write, "seating"),
        ),
        ExportKind(
            "namecards",
            "Naamkaartjes",
            ("pdf",),
            "--session of --mixmoment",
            partial(_write, "namecards"),
        ),
        ExportKind("cards", "Kaartenvellen", ("pdf",), "--deck", partial(_write, "cards")),
        ExportKind(
            "certificate",
            "Certificaten",
            ("pdf",),
            "--person en/of --table, of --cohort",
            partial(_write, "certificate"),
        ),
        ExportKind(
            "report",
            "Perioderapportage",
            ("xlsx", "pdf"),
            "--from en --to (de periode), eventueel --location of --cohort",
            partial(_write, "report"),
        ),
        ExportKind(
            "person",
            "Inzage-export",
            ("pdf", "json"),
            "--person (alles wat over die persoon is vastgelegd)",
            partial(_write, "person"),
        ),
        ExportKind(
            "audit",
            "Logboek persoonsgegevens",
            ("xlsx",),
            "geen: het hele logboek",
            partial(_write, "audit"),
        ),
    )
}

# The scope's records as the audit trail names them (ids only, never a search text).
_SCOPE_PARTS = (
    ("cohort_id", "lichting"),
    ("table_id", "tafel"),
    ("session_id", "sessie"),
    ("mixed_session_id", "mixmoment"),
    ("person_id", "persoon"),
    ("deck_id", "kaartenset"),
)


def record_export(
    db: Database, kind: str, extension: str, scope: ExportScope, written: ExportResult
) -> None:
    """The audit entry of an export: which export of which records, in which format."""
    parts = [f"{noun} {getattr(scope, key)}" for key, noun in _SCOPE_PARTS if getattr(scope, key)]
    if scope.list_query is not None:
        parts.append("de lijst zoals op het scherm")
    detail = "; ".join([extension, *parts, written.summary])
    ids = [getattr(scope, key) for key, _noun in _SCOPE_PARTS if getattr(scope, key)]
    people = [scope.person_id] if scope.person_id else []
    with db.session() as session:
        append_entry(
            session.connection(), AuditAction.EXPORTED, f"export:{kind}", ids, people, detail
        )


def format_of(kind: ExportKind, target: Path) -> str:
    extension = target.suffix.lower().lstrip(".")
    if extension not in kind.formats:
        offered = " of ".join(f".{name}" for name in kind.formats)
        raise WrongFormat(
            f"{kind.title} kan als {offered} opgeslagen worden, niet als "
            f"'{target.suffix or 'bestand zonder extensie'}'."
        )
    return extension


def export(
    db: Database,
    kind: str,
    scope: ExportScope,
    target: Path,
    progress: Progress = NO_PROGRESS,
) -> ExportResult:
    """Write export `kind` of `scope` to `target`; ServiceError (Dutch) when it cannot."""
    if kind not in EXPORTS:
        raise WrongFormat(f"Onbekende export '{kind}'. Kies uit: {', '.join(EXPORTS)}.")
    chosen = EXPORTS[kind]
    target = Path(target)
    extension = format_of(chosen, target)
    with atomic_target(target, "de export opslaan") as temporary:
        written = chosen.write(db, scope, temporary, extension, progress)
        # Recorded before the file is put in place: no export lands unrecorded.
        record_export(db, kind, extension, scope, written)
    return ExportResult(target, written.kind, written.count, written.unit, written.details)
