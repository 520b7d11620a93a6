"""The person's own details, to read (the form edits them)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from verbindtafel_desktop.app.labels import label
from verbindtafel_desktop.app.person.context import PersonContext, PersonTab
from verbindtafel_desktop.domain.dutch_formats import format_date


class DetailsTab(PersonTab):
    FIELDS = (
        "date_of_birth",
        "gender",
        "phone",
        "email",
        "address",
        "postcode",
        "neighbourhood",
        "consent_date",
        "notes",
    )

    def __init__(self, context: PersonContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        titles = {
            "date_of_birth": self.tr("Geboren"),
            "gender": self.tr("Gender"),
            "phone": self.tr("Telefoon"),
            "email": self.tr("E-mail"),
            "address": self.tr("Adres"),
            "postcode": self.tr("Postcode"),
            "neighbourhood": self.tr("Wijk"),
            "consent_date": self.tr("Toestemming op"),
            "notes": self.tr("Opmerkingen"),
        }
        form = QFormLayout(self)
        self.values: dict[str, QLabel] = {}
        for key in self.FIELDS:
            value = QLabel()
            value.setObjectName(f"detail_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(titles[key], value)
            self.values[key] = value

    def show_person(self, person_id: int) -> None:
        person = self.context.services.people.get(person_id)
        texts = {
            "date_of_birth": format_date(person.date_of_birth),
            "gender": label(person.gender),
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
            "postcode": person.postcode,
            "neighbourhood": person.neighbourhood,
            "consent_date": format_date(person.consent_date) or self.tr("nog niet vastgelegd"),
            "notes": person.notes,
        }
        for key, value in self.values.items():
            value.setText(texts[key] or "–")
