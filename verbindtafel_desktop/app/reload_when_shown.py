"""Keeping a screen in step with the change bus without reading for screens nobody sees."""

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from verbindtafel_desktop.app.change_bus import ChangeBus


class ReloadWhenShown(QObject):
    """When one of `entities` changes, `reload` runs at once if `view` is on screen, and
    otherwise the next time it is shown. Owned by `view`, so it goes with it."""

    def __init__(
        self,
        view: QWidget,
        bus: ChangeBus,
        entities: Iterable[str],
        reload: Callable[[], object],
        *,
        stale: bool = False,  # True: nothing read yet, read when first shown
    ) -> None:
        super().__init__(view)
        self.view = view
        self.entities = frozenset(entities)
        self.reload = reload
        self.stale = stale
        bus.changed.connect(self._changed)
        view.installEventFilter(self)

    def _changed(self, entity: str) -> None:
        if entity in self.entities:
            self.stale = True
            if self.view.isVisible():
                self._reload()

    def _reload(self) -> None:
        self.stale = False
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Show and self.stale:
            self._reload()
        return False
