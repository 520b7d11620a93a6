"""What the app offers when the database cannot be opened safely: restore the newest
sound backup of a damaged file, or move a file off a network drive or sync folder."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from verbindtafel_desktop.app.pages.backups import format_moment
from verbindtafel_desktop.app.worker import run_with_progress, wait_for
from verbindtafel_desktop.persistence.backups import Backup, BackupStore, read_contents
from verbindtafel_desktop.persistence.data_dir import data_dir
from verbindtafel_desktop.persistence.errors import DatabaseProblem
from verbindtafel_desktop.persistence.restore import restore_backup
from verbindtafel_desktop.persistence.storage_location import relocate_database


def tr(text: str) -> str:
    return QCoreApplication.translate("Recovery", text)


def offer_restore(parent: QWidget | None, path: Path, problem: DatabaseProblem) -> bool:
    """The file is damaged or unreadable: offer the newest sound backup. True = restored.

    The damaged file is never overwritten: the restore renames it and keeps it.
    """
    store = BackupStore.for_database(path)
    search = wait_for(
        run_with_progress(parent, tr("Back-ups controleren"), lambda _p: store.newest_sound())
    )
    if search.outcome != "done":
        return False
    if search.result is None:
        box = QMessageBox(QMessageBox.Icon.Critical, tr("Database beschadigd"), "", parent=parent)
        box.setObjectName("damagedDatabase")
        box.setText(
            str(problem)
            + "\n\n"
            + tr("Er is geen goede back-up van dit bestand gevonden in %1.").replace(
                "%1", str(store.folder)
            )
        )
        box.exec()
        return False
    backup: Backup = search.result[0]
    contents = read_contents(backup.path)
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Database beschadigd"), "", parent=parent)
    box.setObjectName("damagedDatabase")
    box.setText(
        str(problem)
        + "\n\n"
        + tr(
            "De nieuwste goede back-up is van %1 (%2 personen, %3 sessies). Wilt u die "
            "terugzetten? Het beschadigde bestand wordt niet overschreven: het blijft bewaard "
            "als %4.beschadigd-<datum>."
        )
        .replace("%1", format_moment(backup))
        .replace("%2", str(contents.people))
        .replace("%3", str(contents.sessions))
        .replace("%4", path.name)
    )
    restore = box.addButton(tr("Back-up terugzetten"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Niet nu"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    runner = wait_for(
        run_with_progress(
            parent,
            tr("Back-up terugzetten"),
            lambda _progress: restore_backup(backup.path, path, store),
        )
    )
    return runner.outcome == "done"


def offer_move(parent: QWidget | None, path: Path, problem: DatabaseProblem) -> Path | None:
    """The file is on a network drive or in a sync folder: offer to copy it to a folder on
    this PC. Returns the new file, or None."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, tr("Database op een onveilige plek"), "", parent=parent
    )
    box.setObjectName("unsafeLocation")
    box.setText(str(problem))
    move = box.addButton(tr("Verplaatsen naar deze computer…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(move)
    box.exec()
    if box.clickedButton() is not move:
        return None
    folder = QFileDialog.getExistingDirectory(
        parent, tr("Kies een map op deze computer"), str(data_dir())
    )
    if not folder:
        return None
    target = Path(folder) / path.name
    runner = wait_for(
        run_with_progress(
            parent, tr("Database verplaatsen"), lambda _progress: relocate_database(path, target)
        )
    )
    if runner.outcome != "done":
        return None
    QMessageBox.information(
        parent,
        tr("Database verplaatst"),
        tr(
            "Verbindtafel werkt nu met %1. Het oude bestand %2 is niet verwijderd; gebruik het "
            "niet meer, zodat er geen twee versies ontstaan."
        )
        .replace("%1", str(runner.result))
        .replace("%2", str(path)),
    )
    return Path(runner.result)
