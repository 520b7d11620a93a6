"""Bestand → Organisatie…: the name and logo printed at the top of every PDF export.

Stored in the database (AppSetting rows `organisation_name` and `organisation_logo`,
see services/organisation.py), so every PC that opens the file prints the same.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.organisation import DEFAULT_NAME, OrganisationService


class OrganisationDialog(QDialog):
    def __init__(self, organisation: OrganisationService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organisationDialog")
        self.setWindowTitle(self.tr("Organisatie"))
        self.setMinimumWidth(560)
        self.organisation = organisation
        current = organisation.get()

        intro = QLabel(
            self.tr(
                "Naam en logo staan bovenaan elke PDF-export: presentielijsten, "
                "tafelindelingen, naamkaartjes, kaartenvellen en certificaten."
            )
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(current.name)
        self.name.setObjectName("organisationName")
        self.name.setPlaceholderText(DEFAULT_NAME)
        self.name_error = self._error_label()
        self.logo = QLineEdit(str(current.logo) if current.logo else "")
        self.logo.setObjectName("organisationLogo")
        self.logo.setPlaceholderText(self.tr("Geen logo"))
        self.logo.textChanged.connect(self._show_preview)
        self.logo_error = self._error_label()
        choose = QPushButton(self.tr("Kiezen…"))
        choose.clicked.connect(self.choose_logo)
        clear = QPushButton(self.tr("Geen logo"))
        clear.clicked.connect(self.logo.clear)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(clear)
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setFixedHeight(90)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        form = QFormLayout()
        form.addRow(self.tr("Naam"), self._stack(self.name, self.name_error))
        logo_block = QWidget()
        logo_layout = QVBoxLayout(logo_block)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        logo_layout.addLayout(logo_row)
        hint = QLabel(
            self.tr(
                "Een PNG- of JPEG-bestand. Laat het op deze plek staan: elke export leest het daar."
            )
        )
        hint.setObjectName("fieldHelp")
        logo_layout.addWidget(hint)
        logo_layout.addWidget(self.logo_error)
        logo_layout.addWidget(self.preview)
        form.addRow(self.tr("Logo"), logo_block)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Opslaan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._show_preview()

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.hide()
        return label

    @staticmethod
    def _stack(*widgets: QWidget) -> QWidget:
        block = QWidget()
        column = QVBoxLayout(block)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            column.addWidget(widget)
        return block

    def choose_logo(self) -> None:
        start = str(Path(self.logo.text()).parent) if self.logo.text() else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Logo kiezen"), start, self.tr("Afbeeldingen (*.png *.jpg *.jpeg)")
        )
        if path:
            self.logo.setText(path)

    def _show_preview(self) -> None:
        pixmap = QPixmap(self.logo.text()) if self.logo.text() else QPixmap()
        if pixmap.isNull():
            self.preview.clear()
            self.preview.setText(self.tr("(geen voorbeeld)") if self.logo.text() else "")
            return
        self.preview.setPixmap(
            pixmap.scaled(
                240,
                80,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def accept(self) -> None:
        try:
            self.organisation.save(self.name.text(), self.logo.text())
        except ValidationFailed as refused:
            for key, label in (("name", self.name_error), ("logo", self.logo_error)):
                label.setText(refused.errors.get(key, ""))
                label.setVisible(key in refused.errors)
            return
        super().accept()
