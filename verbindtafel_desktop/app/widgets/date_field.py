"""A date typed the Dutch way (dd-mm-jjjj), which may be left empty."""

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QWidget

from verbindtafel_desktop.domain.dutch_formats import (
    format_date,
    format_time,
    parse_date,
    parse_time,
)


class DateField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("dd-mm-jjjj"))
        self.setMaximumWidth(140)

    def value(self) -> dt.date | None:
        """The date, None when empty; raises ValueError (Dutch) for text that is no date."""
        text = self.text().strip()
        return parse_date(text) if text else None

    def set_value(self, value: dt.date | None) -> None:
        self.setText(format_date(value))


class TimeField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("uu:mm"))
        self.setMaximumWidth(80)

    def value(self) -> dt.time | None:
        text = self.text().strip()
        return parse_time(text) if text else None

    def set_value(self, value: dt.time | None) -> None:
        self.setText(format_time(value))
