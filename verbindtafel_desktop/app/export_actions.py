"""Exports from the GUI: ask where to save, write in the worker, offer to open the result.

Pages call one of these; each asks for what is still unknown (a save location, and a
scope when the page did not give one) and returns the running job, or None when the
user cancelled a dialog:

    export_signin(parent, services, session_id)            # session page
    export_namecards(parent, services, session_id=...)     # session page
    export_seating(parent, services, mixed_session_id)     # mixing board
    export_namecards(parent, services, mixed_session_id=...)  # mixing board
    export_participants(parent, services, query)           # people page: the list on screen
    export_attendance(parent, services, cohort_id=..., table_id=...)
    export_certificates(parent, services, person_id=..., table_id=..., cohort_id=...)
    export_cards(parent, services, deck_id)
    export_person_data(parent, services, person_id, "pdf")   # person page: access request
    export_audit_trail(parent, services, query)            # privacy page: the log
    export_from_menu(parent, services, kind)               # File → Exporteren ▸ …

The save dialog starts in the folder of the previous export (kept in the local
settings under `export_folder`).
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from verbindtafel_desktop.app.export_dialog import ask_columns, ask_scope
from verbindtafel_desktop.app.worker import JobRunner, run_with_progress
from verbindtafel_desktop.exports.file_names import suggested_file_name
from verbindtafel_desktop.exports.registry import EXPORTS, ExportKind, export
from verbindtafel_desktop.exports.scope import ExportResult, ExportScope
from verbindtafel_desktop.persistence.data_dir import read_local_settings, write_local_setting
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.registry import Services

LAST_FOLDER = "export_folder"

# How "open the file" / "open the folder" reach the desktop; tests replace it.
open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl


def tr(text: str) -> str:
    return QCoreApplication.translate("Exports", text)


def last_folder() -> Path:
    remembered = read_local_settings().get(LAST_FOLDER, "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def file_filters(kind: ExportKind) -> list[str]:
    names = {
        "pdf": tr("PDF-bestand (*.pdf)"),
        "xlsx": tr("Excel-werkmap (*.xlsx)"),
        "json": tr("JSON-bestand (*.json)"),
    }
    return [names[extension] for extension in kind.formats]


def choose_target(parent: QWidget | None, kind: ExportKind, suggested: str) -> Path | None:
    """The save dialog; None when cancelled. Remembers the folder that was chosen."""
    filters = file_filters(kind)
    dialog = QFileDialog(
        parent,
        tr("%1 opslaan").replace("%1", kind.title),
        str(last_folder() / suggested),
        ";;".join(filters),
    )
    dialog.setObjectName("exportSaveDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    chosen_suffix = Path(suggested).suffix.lstrip(".") or kind.formats[0]
    dialog.selectNameFilter(filters[kind.formats.index(chosen_suffix)])
    dialog.setDefaultSuffix(chosen_suffix)
    # A name typed without extension gets the one of the chosen file type.
    dialog.filterSelected.connect(
        lambda selected: dialog.setDefaultSuffix(kind.formats[filters.index(selected)])
    )
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    target = Path(dialog.selectedFiles()[0])
    write_local_setting(LAST_FOLDER, str(target.parent))
    return target


def show_done(parent: QWidget | None, result: ExportResult) -> None:
    title = EXPORTS[result.kind].title
    box = QMessageBox(parent)
    box.setObjectName("exportDone")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(tr("Export klaar"))
    box.setText(tr("%1 is opgeslagen (%2).").replace("%1", title).replace("%2", result.summary))
    box.setInformativeText(str(result.path))
    open_file = box.addButton(tr("Bestand openen"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(tr("Map openen"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("Sluiten"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.exec()
    if box.clickedButton() is open_file:
        open_url(QUrl.fromLocalFile(str(result.path)))
    elif box.clickedButton() is open_folder:
        open_url(QUrl.fromLocalFile(str(result.path.parent)))


# Completes a scope in the worker once the file is chosen (the report draws its picture).
Prepare = Callable[[ExportScope, Path, Progress], ExportScope]


def start_export(
    parent: QWidget | None,
    services: Services,
    kind: str,
    scope: ExportScope,
    prepare: Prepare | None = None,
    *,
    suggested: str = "",
) -> JobRunner | None:
    """Ask where to save, then run the export in the worker with progress and cancel."""
    chosen = EXPORTS[kind]
    suggested = suggested or suggested_file_name(services.db, kind, scope)
    target = choose_target(parent, chosen, suggested)
    if target is None:
        return None

    def work(progress: Progress) -> ExportResult:
        ready = prepare(scope, target, progress) if prepare is not None else scope
        return export(services.db, kind, ready, target, progress)

    return run_with_progress(
        parent,
        tr("%1 maken…").replace("%1", chosen.title),
        work,
        on_done=lambda result: show_done(parent, result),
    )


def export_from_menu(parent: QWidget | None, services: Services, kind: str) -> JobRunner | None:
    scope = ask_scope(parent, services, kind)
    return start_export(parent, services, kind, scope) if scope is not None else None


def export_participants(
    parent: QWidget | None, services: Services, query: ListQuery | None = None
) -> JobRunner | None:
    """With `query` (the People page's list as on screen) only the columns are asked."""
    if query is None:
        return export_from_menu(parent, services, "participants")
    count = len(services.people.list_ids(query))
    columns = ask_columns(parent, count)
    if columns is None:
        return None
    scope = ExportScope(list_query=query, columns=columns)
    return start_export(parent, services, "participants", scope)


def export_attendance(
    parent: QWidget | None,
    services: Services,
    *,
    cohort_id: int | None = None,
    table_id: int | None = None,
) -> JobRunner | None:
    scope = ExportScope(cohort_id=cohort_id, table_id=table_id)
    return start_export(parent, services, "attendance", scope)


def export_signin(
    parent: QWidget | None,
    services: Services,
    session_id: int | None = None,
    *,
    table_id: int | None = None,
) -> JobRunner | None:
    """One session's sheet; with only a table, the user picks one or all of its sessions."""
    if session_id is not None:
        return start_export(parent, services, "signin", ExportScope(session_id=session_id))
    scope = ask_scope(parent, services, "signin", table_id=table_id)
    return start_export(parent, services, "signin", scope) if scope is not None else None


def export_namecards(
    parent: QWidget | None,
    services: Services,
    *,
    session_id: int | None = None,
    mixed_session_id: int | None = None,
    table_id: int | None = None,
) -> JobRunner | None:
    if session_id is not None or mixed_session_id is not None:
        scope = ExportScope(session_id=session_id, mixed_session_id=mixed_session_id)
        return start_export(parent, services, "namecards", scope)
    asked = ask_scope(parent, services, "namecards", table_id=table_id)
    return start_export(parent, services, "namecards", asked) if asked is not None else None


def export_seating(
    parent: QWidget | None, services: Services, mixed_session_id: int
) -> JobRunner | None:
    """The save dialog offers PDF and Excel; the chosen file type decides."""
    return start_export(parent, services, "seating", ExportScope(mixed_session_id=mixed_session_id))


def export_certificates(
    parent: QWidget | None,
    services: Services,
    *,
    person_id: int | None = None,
    table_id: int | None = None,
    cohort_id: int | None = None,
) -> JobRunner | None:
    scope = ExportScope(person_id=person_id, table_id=table_id, cohort_id=cohort_id)
    return start_export(parent, services, "certificate", scope)


def export_cards(parent: QWidget | None, services: Services, deck_id: int) -> JobRunner | None:
    return start_export(parent, services, "cards", ExportScope(deck_id=deck_id))


def export_person_data(
    parent: QWidget | None, services: Services, person_id: int, extension: str
) -> JobRunner | None:
    """Everything about one person, as a PDF to read or JSON to take along."""
    scope = ExportScope(person_id=person_id)
    suggested = suggested_file_name(services.db, "person", scope, extension)
    return start_export(parent, services, "person", scope, suggested=suggested)


def export_audit_trail(
    parent: QWidget | None, services: Services, query: ListQuery | None = None
) -> JobRunner | None:
    return start_export(parent, services, "audit", ExportScope(list_query=query))
