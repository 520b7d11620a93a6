"""Vergrendeling: the app password and the idle time after which the app locks."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.services.app_lock import MINIMUM_LENGTH
from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.privacy_settings import IDLE_RANGE
from verbindtafel_desktop.services.registry import Services


class LockPanel(QWidget):
    lock_requested = Signal()

    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.status = QLabel()
        self.status.setObjectName("lockStatus")
        self.status.setWordWrap(True)
        self.set_button = QPushButton()
        self.set_button.setObjectName("setPassword")
        self.set_button.clicked.connect(self.set_password)
        self.remove_button = QPushButton(self.tr("Wachtwoord verwijderen…"))
        self.remove_button.setObjectName("removePassword")
        self.remove_button.clicked.connect(self.remove_password)
        self.lock_button = QPushButton(self.tr("Nu vergrendelen"))
        self.lock_button.setObjectName("lockNow")
        self.lock_button.setToolTip(self.tr("Verberg alle gegevens tot het wachtwoord (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock_requested)
        password_row = QHBoxLayout()
        for button in (self.set_button, self.remove_button, self.lock_button):
            password_row.addWidget(button)
        password_row.addStretch(1)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("idleMinutes")
        self.minutes.setRange(*IDLE_RANGE)
        self.minutes.setSuffix(self.tr(" minuten"))
        save = QPushButton(self.tr("Opslaan"))
        save.setObjectName("saveIdle")
        save.clicked.connect(self.save_minutes)
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel(self.tr("Vergrendelen na")))
        idle_row.addWidget(self.minutes)
        idle_row.addWidget(QLabel(self.tr("zonder muis of toetsenbord")))
        idle_row.addWidget(save)
        idle_row.addStretch(1)
        explanation = QLabel(
            self.tr(
                "Met een wachtwoord vraagt Verbindtafel erom bij het openen en na de ingestelde "
                "tijd zonder gebruik; tot dan zijn alle gegevens verborgen. Het wachtwoord wordt "
                "alleen als onomkeerbare hash (argon2) bewaard. Let op: het wachtwoord versleutelt "
                "het databasebestand niet. Gebruik daarvoor een eigen Windows-account en "
                "BitLocker op deze pc. Wachtwoord vergeten? Zie de handleiding (README)."
            )
        )
        explanation.setWordWrap(True)
        explanation.setObjectName("fieldHelp")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(password_row)
        layout.addSpacing(8)
        layout.addLayout(idle_row)
        layout.addWidget(explanation)
        layout.addStretch(1)
        self.reload()

    def reload(self) -> None:
        enabled = self.services.app_lock.enabled
        self.status.setText(
            self.tr("Verbindtafel is beveiligd met een wachtwoord.")
            if enabled
            else self.tr(
                "Er is geen wachtwoord ingesteld: iedereen die deze pc gebruikt, kan de "
                "gegevens zien."
            )
        )
        self.set_button.setText(
            self.tr("Wachtwoord wijzigen…") if enabled else self.tr("Wachtwoord instellen…")
        )
        self.remove_button.setEnabled(enabled)
        self.lock_button.setEnabled(enabled)
        self.minutes.setValue(self.services.privacy_settings.get().idle_minutes)

    def _password_dialog(self, title: str, fields: list[FieldSpec], save: object) -> FormDialog:
        dialog = FormDialog(title, fields, save, parent=self)  # type: ignore[arg-type]
        for widget in dialog.widgets.values():
            if isinstance(widget, QLineEdit):
                widget.setEchoMode(QLineEdit.EchoMode.Password)
        return dialog

    def set_password(self) -> None:
        lock = self.services.app_lock
        fields = []
        if lock.enabled:
            fields.append(FieldSpec("current", self.tr("Huidig wachtwoord"), required=True))
        fields += [
            FieldSpec(
                "new",
                self.tr("Nieuw wachtwoord"),
                required=True,
                help=self.tr("Minstens %1 tekens").replace("%1", str(MINIMUM_LENGTH)),
            ),
            FieldSpec("repeated", self.tr("Nog een keer"), required=True),
        ]

        def save(values: Values) -> int:
            lock.set_password(values["new"], values["repeated"], values.get("current") or "")
            return 1

        dialog = self._password_dialog(self.tr("Wachtwoord instellen"), fields, save)
        dialog.setObjectName("passwordDialog")
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.reload()
            self.bus.announce("privacy_settings")

    def remove_password(self) -> None:
        lock = self.services.app_lock

        def save(values: Values) -> int:
            lock.remove_password(values["current"])
            return 1

        fields = [FieldSpec("current", self.tr("Huidig wachtwoord"), required=True)]
        dialog = self._password_dialog(self.tr("Wachtwoord verwijderen"), fields, save)
        dialog.setObjectName("removePasswordDialog")
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.reload()
            self.bus.announce("privacy_settings")

    def save_minutes(self) -> None:
        settings = self.services.privacy_settings.get()
        try:
            self.services.privacy_settings.save(settings.retention_months, self.minutes.value())
        except ValidationFailed as refused:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(refused))
            return
        self.bus.announce("privacy_settings")
