"""Settings of the backups: the folder (on this PC, a USB stick or a network share) and
how many automatic backups are kept."""

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.persistence.backup_settings import (
    BackupSettings,
    default_backup_folder,
    read_backup_settings,
    write_backup_settings,
)
from verbindtafel_desktop.persistence.backup_thinning import ThinningPolicy
from verbindtafel_desktop.persistence.errors import StorageProblem
from verbindtafel_desktop.persistence.storage_errors import from_os_error


def _spin(minimum: int, maximum: int, value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setMinimumWidth(120)
    return box


class BackupSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Instellingen voor back-ups"))
        self.setMinimumWidth(640)
        current = read_backup_settings()

        self.folder = QLineEdit(str(current.folder))
        self.folder.setObjectName("backupFolderField")
        choose = QPushButton(self.tr("Kiezen…"))
        choose.clicked.connect(self.choose_folder)
        default = QPushButton(self.tr("Standaard"))
        default.setToolTip(str(default_backup_folder()))
        default.clicked.connect(lambda: self.folder.setText(str(default_backup_folder())))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(default)
        folder_help = QLabel(
            self.tr(
                "Een map op een USB-stick of netwerkschijf mag: zo blijft er een back-up als "
                "deze computer stukgaat. Bestaande back-ups blijven in de oude map staan."
            )
        )
        folder_help.setObjectName("fieldHelp")
        folder_help.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()

        policy = current.policy
        days, weeks, months = self.tr(" dagen"), self.tr(" weken"), self.tr(" maanden")
        self.keep_all_days = _spin(1, 30, policy.keep_all_days, days)
        self.daily_days = _spin(1, 90, policy.daily_days, days)
        self.weekly_weeks = _spin(0, 104, policy.weekly_weeks, weeks)
        self.monthly_months = _spin(0, 120, policy.monthly_months, months)

        folder_box = QGroupBox(self.tr("Back-upmap"))
        folder_layout = QVBoxLayout(folder_box)
        folder_layout.addLayout(folder_row)
        folder_layout.addWidget(folder_help)
        folder_layout.addWidget(self.error)
        thinning_box = QGroupBox(self.tr("Hoeveel automatische back-ups bewaren"))
        form = QFormLayout(thinning_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Alle back-ups van de laatste"), self.keep_all_days)
        form.addRow(self.tr("Daarna één per dag, tot"), self.daily_days)
        form.addRow(self.tr("Daarna één per week, tot"), self.weekly_weeks)
        form.addRow(self.tr("Daarna één per maand, tot"), self.monthly_months)
        thinning_help = QLabel(
            self.tr(
                "Oudere automatische back-ups worden verwijderd. Back-ups die u zelf maakt en "
                "die van voor een update of het terugzetten van een back-up blijven staan."
            )
        )
        thinning_help.setObjectName("fieldHelp")
        thinning_help.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form.addRow(thinning_help)
        layout = QVBoxLayout(self)
        layout.addWidget(folder_box)
        layout.addWidget(thinning_box)
        layout.addWidget(buttons)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Back-upmap kiezen"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def settings(self) -> BackupSettings:
        return BackupSettings(
            folder=Path(self.folder.text().strip()).expanduser(),
            policy=ThinningPolicy(
                keep_all_days=self.keep_all_days.value(),
                daily_days=self.daily_days.value(),
                weekly_weeks=self.weekly_weeks.value(),
                monthly_months=self.monthly_months.value(),
            ),
        )

    def accept(self) -> None:
        if not self.folder.text().strip():
            self._refuse(self.tr("Kies een map voor de back-ups."))
            return
        settings = self.settings()
        # Backups are useless in a folder that cannot be written: find out now, not at 3 am.
        probe = settings.folder / ".verbindtafel-schrijftest"
        try:
            settings.folder.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as error:
            self._refuse(str(from_os_error(error, self.tr("de map gebruiken"), probe)))
            return
        try:
            write_backup_settings(settings)
        except StorageProblem as problem:
            self._refuse(str(problem))
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
