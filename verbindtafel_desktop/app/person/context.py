"""What every tab of a person's page gets, and what it must offer."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.services.registry import Services


@dataclass(frozen=True)
class PersonContext:
    services: Services
    bus: ChangeBus
    open_person: Callable[[int], None]  # show another person in the same window


class PersonTab(QWidget):
    """A tab of the person page. `show_person` runs when the page opens, when the user
    goes to another person, and when something the tab listens to changed."""

    def __init__(self, context: PersonContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def show_person(self, person_id: int) -> None:
        raise NotImplementedError
