"""How long work reports progress and notices a cancel, without knowing about Qt."""

from collections.abc import Callable
from dataclasses import dataclass, field
from threading import Event


class Cancelled(Exception):
    """The user cancelled; whatever the work wrote must be rolled back or removed."""


@dataclass
class Progress:
    """Handed to long work (export, import, backup, optimise) by whoever runs it.

    `report(done, total, text)` may be called often; `check()` raises Cancelled once the
    user asked to stop, so work calls it between steps.
    """

    on_report: Callable[[int, int, str], None] | None = None
    _cancel: Event = field(default_factory=Event)

    def report(self, done: int, total: int, text: str = "") -> None:
        if self.on_report is not None:
            self.on_report(done, total, text)

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled("Geannuleerd.")

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


NO_PROGRESS = Progress()
