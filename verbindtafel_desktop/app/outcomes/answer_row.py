"""One statement of the loneliness scale with its three answers, quick to fill in from the
keyboard: J, M or N (or 1, 2, 3) answers and moves on to the next statement; Backspace
or Delete empties the answer (an unanswered statement is allowed, it only means no score).
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QWidget

from verbindtafel_desktop import loneliness

KEYS = {
    Qt.Key.Key_J: loneliness.YES,
    Qt.Key.Key_1: loneliness.YES,
    Qt.Key.Key_M: loneliness.MORE_OR_LESS,
    Qt.Key.Key_2: loneliness.MORE_OR_LESS,
    Qt.Key.Key_N: loneliness.NO,
    Qt.Key.Key_3: loneliness.NO,
}
CLEAR_KEYS = (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_0)


class AnswerRow(QWidget):
    changed = Signal()

    def __init__(self, item: loneliness.Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("answerRow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(self.tr("J = ja, M = min of meer, N = nee, Backspace = leeg laten"))
        statement = QLabel(f"{item.number}. {item.statement}")
        statement.setWordWrap(True)
        # Room for a statement on two lines: layouts do not grow rows for wrapped text.
        statement.setMinimumHeight(statement.fontMetrics().lineSpacing() * 2 + 2)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(statement, 1)
        for answer in loneliness.ANSWERS:
            button = QRadioButton(answer)
            button.setObjectName(f"answer_{answer.replace(' ', '_')}")
            # Tab moves between statements; the keys J/M/N choose within one.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(105)
            self.group.addButton(button)
            self.buttons[answer] = button
            layout.addWidget(button)
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def answer(self) -> str | None:
        checked = self.group.checkedButton()
        return checked.text() if checked is not None else None

    def set_answer(self, answer: str | None) -> None:
        if answer is None:
            self.group.setExclusive(False)  # an exclusive group cannot be emptied
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
            self.changed.emit()
        else:
            self.buttons[str(answer)].setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in KEYS:
            self.set_answer(KEYS[key])
            self.focusNextChild()
        elif key in CLEAR_KEYS:
            self.set_answer(None)
        else:
            super().keyPressEvent(event)
