"""The backups page: every backup of the open database with what it holds, "back up now",
"restore this backup", and the settings for the backup folder and thinning."""

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.backup_settings_dialog import BackupSettingsDialog
from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.i18n import QT_TRANSLATE_NOOP
from verbindtafel_desktop.app.worker import JobRunner, run_with_progress
from verbindtafel_desktop.domain.dutch_formats import format_date, format_time
from verbindtafel_desktop.persistence.backups import (
    Backup,
    BackupContents,
    BackupKind,
    BackupStore,
    read_contents,
)
from verbindtafel_desktop.persistence.errors import StorageProblem
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.registry import Services

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

KIND_LABELS = {
    BackupKind.START: QT_TRANSLATE_NOOP("BackupsPage", "automatisch, bij het starten"),
    BackupKind.CLOSE: QT_TRANSLATE_NOOP("BackupsPage", "automatisch, bij het afsluiten"),
    BackupKind.INTERVAL: QT_TRANSLATE_NOOP("BackupsPage", "automatisch, tussendoor"),
    BackupKind.MANUAL: QT_TRANSLATE_NOOP("BackupsPage", "met de hand"),
    BackupKind.BEFORE_MIGRATION: QT_TRANSLATE_NOOP(
        "BackupsPage", "voor het bijwerken van de database"
    ),
    BackupKind.BEFORE_RESTORE: QT_TRANSLATE_NOOP(
        "BackupsPage", "voor het terugzetten van een back-up"
    ),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("BackupsPage", text)


def kind_label(kind: BackupKind) -> str:
    return tr(KIND_LABELS[kind])


def format_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def format_moment(backup: Backup) -> str:
    return f"{format_date(backup.made_at.date())} {format_time(backup.made_at.time())}"


@dataclass(frozen=True)
class BackupRow:
    backup: Backup
    contents: BackupContents | None  # None: the file cannot be read


@dataclass(frozen=True)
class Listing:
    rows: list[BackupRow]
    problem: str = ""  # why the folder could not be read


def list_backups(store: BackupStore, progress: Progress) -> Listing:
    """The store's backups with what each holds (runs in the worker)."""
    try:
        backups = store.backups()
    except StorageProblem as problem:
        return Listing([], str(problem))
    rows = []
    for number, backup in enumerate(backups):
        progress.check()
        progress.report(number, len(backups), "")
        try:
            contents: BackupContents | None = read_contents(backup.path)
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            contents = None  # listed as unreadable; it cannot be restored
        rows.append(BackupRow(backup, contents))
    return Listing(rows)


class BackupListModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("BackupsPage", "Gemaakt op"),
        QT_TRANSLATE_NOOP("BackupsPage", "Soort"),
        QT_TRANSLATE_NOOP("BackupsPage", "Grootte"),
        QT_TRANSLATE_NOOP("BackupsPage", "Personen"),
        QT_TRANSLATE_NOOP("BackupsPage", "Sessies"),
        QT_TRANSLATE_NOOP("BackupsPage", "Bestand"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[BackupRow] = []

    def set_rows(self, rows: list[BackupRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        backup, contents = row.backup, row.contents
        column = index.column()
        if role == SORT_ROLE:
            keys: tuple[Any, ...] = (
                len(self.rows) - index.row(),  # the store's order: newest first, to the second
                kind_label(backup.kind),
                backup.size,
                contents.people if contents else -1,
                contents.sessions if contents else -1,
                backup.path.name,
            )
            return keys[column]
        if role == Qt.ItemDataRole.DisplayRole:
            unreadable = tr("onleesbaar")
            texts = (
                format_moment(backup),
                kind_label(backup.kind),
                format_size(backup.size),
                str(contents.people) if contents else unreadable,
                str(contents.sessions) if contents else unreadable,
                backup.path.name,
            )
            return texts[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= column <= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        return None


class BackupsPage(QWidget):
    # Asks the application to put this backup in place of the open database.
    restore_requested = Signal(Path)

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.loading: JobRunner | None = None
        self._reload_again = False
        self._select_after_load: Path | None = None

        title = QLabel(self.tr("Back-ups"))
        title.setObjectName("pageTitle")
        self.explanation = QLabel()
        self.explanation.setObjectName("backupExplanation")
        self.explanation.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder_button = QPushButton(self.tr("Map openen"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.settings_button = QPushButton(self.tr("Back-upinstellingen…"))
        self.settings_button.clicked.connect(self.edit_settings)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.open_folder_button)
        folder_row.addWidget(self.settings_button)

        self.model = BackupListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setObjectName("backupList")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((140, 270, 90, 90, 90)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self.restore_selected())

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("countLabel")

        self.backup_button = QPushButton(self.tr("Nu back-up maken"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.setToolTip(self.tr("Maak nu een back-up (Ctrl+B)"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Deze back-up terugzetten…"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status_label)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.explanation)
        layout.addLayout(folder_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(buttons)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Refresh),
            self,
            self.reload,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self._update_buttons()
        self._show_settings()

    def store(self) -> BackupStore:
        return BackupStore.for_database(self.services.db.path)

    def _show_settings(self) -> None:
        store = self.store()
        policy = store.policy
        self.folder_label.setText(self.tr("Back-upmap: %1").replace("%1", str(store.folder)))
        self.explanation.setText(
            self.tr(
                "Verbindtafel maakt zelf een back-up bij het starten, bij het afsluiten en elk "
                "half uur waarin iets is veranderd. Van die automatische back-ups blijven alle "
                "back-ups van de laatste %1 dagen bewaard, daarna één per dag tot %2 dagen, één "
                "per week tot %3 weken en één per maand tot %4 maanden. Back-ups die u zelf "
                "maakt en die van voor een update of terugzetten blijven altijd staan."
            )
            .replace("%1", str(policy.keep_all_days))
            .replace("%2", str(policy.daily_days))
            .replace("%3", str(policy.weekly_weeks))
            .replace("%4", str(policy.monthly_months))
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Read the backup folder again (in the worker: it may be a slow USB stick)."""
        if self.loading is not None and self.loading.running:
            self._reload_again = True  # the folder changed while it was being read
            return
        self._show_settings()
        self.status_label.setText(self.tr("Back-ups worden gelezen…"))
        store = self.store()
        self.loading = run_with_progress(
            self,
            self.tr("Back-ups lezen"),
            lambda progress: list_backups(store, progress),
            self._loaded,
            show_dialog=False,
        )

    def _loaded(self, listing: Listing) -> None:
        if self._reload_again:
            self._reload_again = False
            self.loading = None
            self.reload()
            return
        rows = listing.rows
        self.empty_label.setText(
            self.tr("Er staan nog geen back-ups van deze database in de back-upmap.")
        )
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        if listing.problem:
            self.empty_label.setText(listing.problem)
        total = sum(row.backup.size for row in rows)
        counted = (
            self.tr("1 back-up")
            if len(rows) == 1
            else self.tr("%1 back-ups").replace("%1", str(len(rows)))
        )
        self.status_label.setText(
            self.tr("%1, samen %2").replace("%1", counted).replace("%2", format_size(total))
        )
        paths = [row.backup.path for row in rows]
        if self._select_after_load in paths:
            source = self.model.index(paths.index(self._select_after_load), 0)
            self.view.selectRow(self.proxy.mapFromSource(source).row())
        self._select_after_load = None
        self._update_buttons()

    def selected(self) -> BackupRow | None:
        indexes = self.view.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.rows[self.proxy.mapToSource(indexes[0]).row()]

    def _update_buttons(self, *_args: Any) -> None:
        row = self.selected()
        self.restore_button.setEnabled(row is not None and row.contents is not None)

    def back_up_now(self) -> JobRunner:
        store, path = self.store(), self.services.db.path

        def work(progress: Progress) -> Backup:
            progress.report(0, 0, self.tr("Back-up maken en controleren…"))
            return store.make(path, BackupKind.MANUAL)

        return run_with_progress(self, self.tr("Back-up maken"), work, self._made)

    def _made(self, backup: Backup) -> None:
        self._select_after_load = backup.path
        self.reload()

    def restore_selected(self) -> None:
        row = self.selected()
        if row is None or row.contents is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Back-up terugzetten"),
            self.tr(
                "De back-up van %1 terugzetten (%2 personen, %3 sessies)?\n\n"
                "Wat er nu in de database staat, wordt eerst zelf als back-up bewaard, zodat u "
                "dit ongedaan kunt maken. Daarna opent Verbindtafel opnieuw met de gegevens "
                "uit de back-up."
            )
            .replace("%1", format_moment(row.backup))
            .replace("%2", str(row.contents.people))
            .replace("%3", str(row.contents.sessions)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(row.backup.path)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store().folder)))

    def edit_settings(self) -> None:
        if BackupSettingsDialog(self).exec() == BackupSettingsDialog.DialogCode.Accepted:
            self.reload()
