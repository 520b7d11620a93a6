"""Choose a person by typing part of their name, phone or e-mail.

The suggestions come from an indexed search in the database, twenty at a time, so the
picker stays quick with ten thousand people.
"""

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

Finder = Callable[[str], list[tuple[int, str]]]


class PersonPicker(QLineEdit):
    person_changed = Signal(object)  # the chosen id, or None

    def __init__(
        self, find: Finder, name_of: Callable[[int], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._find = find
        self._name_of = name_of
        self._person_id: int | None = None
        self._found: dict[str, int] = {}
        self.setPlaceholderText(self.tr("Typ een naam om te zoeken…"))
        self.setClearButtonEnabled(True)
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._chosen)
        self.setCompleter(completer)
        self._typing = QTimer(self, singleShot=True, interval=150)
        self._typing.timeout.connect(self._search)
        self.textEdited.connect(self._edited)

    def person_id(self) -> int | None:
        return self._person_id

    def set_person_id(self, person_id: int | None) -> None:
        self._person_id = person_id
        self.setText(self._name_of(person_id) if person_id else "")
        self.person_changed.emit(person_id)

    def _edited(self, _text: str) -> None:
        if self._person_id is not None:
            self._person_id = None
            self.person_changed.emit(None)
        self._typing.start()

    def _search(self) -> None:
        found = self._find(self.text())
        self._found = {label: person_id for person_id, label in found}
        self._suggestions.setStringList(list(self._found))
        if found:
            self.completer().complete()

    def _chosen(self, text: str) -> None:
        person_id = self._found.get(text)
        if person_id is not None:
            self._person_id = person_id
            self.person_changed.emit(person_id)
