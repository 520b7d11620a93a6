"""Add/edit forms built from a list of fields, with what is wrong shown under each field.

The dialog collects the values, asks the service to save them, and stays open with the
messages next to the fields when the service refuses: nothing is saved until all is right.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.widgets.date_field import DateField, TimeField
from verbindtafel_desktop.app.widgets.person_picker import Finder, PersonPicker
from verbindtafel_desktop.persistence.errors import DatabaseProblem
from verbindtafel_desktop.services.errors import ServiceError, ValidationFailed

Values = dict[str, Any]


@dataclass
class FieldSpec:
    key: str
    label: str
    kind: str = "text"  # text | multiline | date | time | int | bool | choice | suggest | person
    required: bool = False
    help: str = ""
    choices: Callable[[], Sequence[tuple[Any, str]]] | None = None
    optional_choice: str | None = None  # label of an empty first choice, when allowed
    minimum: int = 0
    maximum: int = 100
    default: Any = None
    group: str = ""
    enabled_when: Callable[[Values], bool] | None = None
    find_person: Finder | None = None
    person_name: Callable[[int], str] | None = None
    suggestions: Sequence[str] = field(default_factory=tuple)


def _make_widget(spec: FieldSpec) -> QWidget:
    match spec.kind:
        case "multiline":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(70)
            return edit
        case "date":
            return DateField()
        case "time":
            return TimeField()
        case "int":
            spin = QSpinBox()
            spin.setRange(spec.minimum, spec.maximum)
            return spin
        case "bool":
            return QCheckBox()
        case "choice":
            combo = QComboBox()
            if spec.optional_choice is not None:
                combo.addItem(spec.optional_choice, None)
            for value, text in spec.choices() if spec.choices else ():
                combo.addItem(text, value)
            return combo
        case "suggest":
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItem("")
            combo.addItems(list(spec.suggestions))
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            return combo
        case "person":
            assert spec.find_person and spec.person_name
            return PersonPicker(spec.find_person, spec.person_name)
        case _:
            return QLineEdit()


def _read(widget: QWidget) -> Any:
    """The widget's value; raises ValueError for unreadable text (dates, times)."""
    if isinstance(widget, DateField | TimeField):
        return widget.value()
    if isinstance(widget, PersonPicker):
        return widget.person_id()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentData()
    assert isinstance(widget, QLineEdit)
    return widget.text()


def _write(widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateField | TimeField):
        widget.set_value(value)
    elif isinstance(widget, PersonPicker):
        widget.set_person_id(value)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        if widget.isEditable():
            widget.setCurrentText(value or "")
        else:
            found = widget.findData(value)
            widget.setCurrentIndex(max(found, 0))
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))


def _changed_signal(widget: QWidget) -> Any:
    if isinstance(widget, PersonPicker):
        return widget.person_changed
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    return None


class FormDialog(QDialog):
    def __init__(
        self,
        title: str,
        fields: Sequence[FieldSpec],
        save: Callable[[Values], int],
        values: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self._fields = list(fields)
        self._save = save
        self.saved_id: int | None = None
        self.widgets: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}

        body = QWidget()
        body_layout = QVBoxLayout(body)
        forms: dict[str, QFormLayout] = {}
        for spec in self._fields:
            form = forms.get(spec.group)
            if form is None:
                form = QFormLayout()
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
                if spec.group:
                    box = QGroupBox(spec.group)
                    box.setLayout(form)
                    body_layout.addWidget(box)
                else:
                    body_layout.addLayout(form)
                forms[spec.group] = form
            form.addRow(self._label_for(spec), self._field_block(spec))
        body_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.summary = QLabel()
        self.summary.setObjectName("formSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

        initial = {spec.key: spec.default for spec in self._fields}
        initial.update(values or {})
        for spec in self._fields:
            value = initial.get(spec.key)
            if value is not None or spec.kind not in ("int", "choice"):
                _write(self.widgets[spec.key], value)
        for widget in self.widgets.values():
            signal = _changed_signal(widget)
            if signal is not None:
                signal.connect(self._update_enabled)
        self._update_enabled()
        scroll.setMinimumHeight(min(body.sizeHint().height() + 8, 560))

    def _label_for(self, spec: FieldSpec) -> QLabel:
        text = f"{spec.label} *" if spec.required else spec.label
        label = QLabel(text)
        if spec.help:
            label.setToolTip(spec.help)
        return label

    def _field_block(self, spec: FieldSpec) -> QWidget:
        widget = _make_widget(spec)
        widget.setObjectName(f"field_{spec.key}")
        if spec.help:
            widget.setToolTip(spec.help)
        self.widgets[spec.key] = widget
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        self.error_labels[spec.key] = error
        block = QWidget()
        column = QVBoxLayout(block)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if spec.help and spec.kind not in ("bool",):
            hint = QLabel(spec.help)
            hint.setObjectName("fieldHelp")
            hint.setWordWrap(True)
            column.addWidget(hint)
        column.addWidget(error)
        if isinstance(widget, QCheckBox) and spec.help:
            widget.setText(spec.help)
        return block

    def values(self) -> tuple[Values, dict[str, str]]:
        """The values of all fields, and the fields whose text could not be read."""
        values: Values = {}
        unreadable: dict[str, str] = {}
        for spec in self._fields:
            widget = self.widgets[spec.key]
            try:
                values[spec.key] = _read(widget)
            except ValueError as error:
                unreadable[spec.key] = str(error)
                values[spec.key] = None
            if not widget.isEnabled():
                values[spec.key] = None if spec.kind != "bool" else False
        return values, unreadable

    def show_errors(self, errors: Mapping[str, str]) -> None:
        for key, label in self.error_labels.items():
            message = errors.get(key, "")
            label.setText(message)
            label.setVisible(bool(message))
        unplaced = [message for key, message in errors.items() if key not in self.error_labels]
        if errors:
            lines = [
                self.tr("Het formulier is niet opgeslagen. Verbeter wat rood staat."),
                *unplaced,
            ]
            self.summary.setText("\n".join(lines))
        self.summary.setVisible(bool(errors))
        first = next((key for key in self.error_labels if key in errors), None)
        if first is not None:
            self.widgets[first].setFocus()

    def accept(self) -> None:
        values, unreadable = self.values()
        missing = {
            spec.key: self.tr("Dit veld is verplicht.")
            for spec in self._fields
            if spec.required
            and self.widgets[spec.key].isEnabled()
            and values.get(spec.key) in (None, "")
            and spec.key not in unreadable
        }
        if unreadable:
            self.show_errors({**missing, **unreadable})
            return
        try:
            self.saved_id = self._save(values)
        except ValidationFailed as refused:
            self.show_errors(refused.errors)
            return
        except (ServiceError, DatabaseProblem) as refused:
            # Refused as a whole (a full disk): say why and keep what was typed.
            self.summary.setText(self.tr("Het formulier is niet opgeslagen.") + "\n" + str(refused))
            self.summary.show()
            return
        super().accept()

    def _update_enabled(self, *_args: Any) -> None:
        values, _unreadable = self.values()
        for spec in self._fields:
            if spec.enabled_when is not None:
                self.widgets[spec.key].setEnabled(spec.enabled_when(values))


def field_value(dialog: FormDialog, key: str) -> Any:
    return _read(dialog.widgets[key])


__all__ = ["FieldSpec", "FormDialog", "Qt", "Values"]
