"""What a locked app shows: an opaque cover over every window, and the password prompt."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class Cover(QWidget):
    """An opaque panel over the whole of one window (menu bar included), so nothing of
    what the window shows can be seen or clicked while the app is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.covered = window
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockCover { background: #24384d; }")
        note = QLabel(self.tr("Verbindtafel is vergrendeld"))
        note.setObjectName("lockCoverText")
        note.setStyleSheet("color: #dbe4ee; font-size: 18px;")
        layout = QVBoxLayout(self)
        layout.addWidget(note, 0, Qt.AlignmentFlag.AlignCenter)
        self.fit()

    def fit(self) -> None:
        self.setGeometry(self.covered.rect())
        self.raise_()


class LockScreen(QDialog):
    """Asks for the app password; stays until the right one is given."""

    def __init__(self, unlock: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unlock = unlock
        self.setObjectName("lockScreen")
        self.setWindowTitle(self.tr("Verbindtafel — vergrendeld"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(380)
        title = QLabel(self.tr("Verbindtafel is vergrendeld"))
        title.setObjectName("pageTitle")
        explanation = QLabel(
            self.tr(
                "De gegevens zijn verborgen omdat er een tijd niets gebeurde of omdat iemand "
                "vergrendelde. Vul het wachtwoord van Verbindtafel in om verder te werken."
            )
        )
        explanation.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Wachtwoord"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        self.unlock_button = QPushButton(self.tr("Ontgrendelen"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def try_unlock(self) -> None:
        if self._unlock(self.password.text()):
            self.password.clear()
            self.error.hide()
            return
        self.password.clear()
        self.error.setText(self.tr("Dit wachtwoord klopt niet. Probeer het opnieuw."))
        self.error.show()
        self.password.setFocus()

    # The prompt only goes away by unlocking.
    def reject(self) -> None:
        return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
