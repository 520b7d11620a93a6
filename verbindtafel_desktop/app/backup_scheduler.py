"""Automatic backups of the open database while the app runs: at most every 30 minutes
while data changed, and when the window closes. They run in the shared worker."""

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.worker import JobRunner, run_with_progress, wait_for
from verbindtafel_desktop.persistence.backups import Backup, BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.progress import Progress

INTERVAL = dt.timedelta(minutes=30)
CHECK_EVERY_MS = 60_000


class BackupScheduler(QObject):
    made = Signal(object)  # the Backup

    def __init__(
        self,
        db: Database,
        bus: ChangeBus,
        window: QWidget,
        *,
        interval: dt.timedelta = INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.db = db
        self.window = window
        self.interval = interval.total_seconds()
        self.clock = clock
        self.running: JobRunner | None = None
        self._announced = False
        self._mark()
        bus.changed.connect(self._note_change)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def _mark(self) -> None:
        self._announced = False
        self._writes_at_backup = self.db.write_count
        self._last_backup = self.clock()

    def _note_change(self, _what: str) -> None:
        self._announced = True

    @property
    def changed(self) -> bool:
        """Anything saved since the last backup (announced on the bus or seen by the db)."""
        return self._announced or self.db.write_count != self._writes_at_backup

    def tick(self) -> None:
        if self.running is not None and self.running.running:
            return
        if self.changed and self.clock() - self._last_backup >= self.interval:
            self.back_up(BackupKind.INTERVAL, show_dialog=False)

    def back_up(self, kind: BackupKind, *, show_dialog: bool) -> JobRunner:
        self._mark()
        path = self.db.path
        # Read the settings each time: the user may have chosen another folder meanwhile.
        store = BackupStore.for_database(path)

        def work(progress: Progress) -> Backup:
            progress.report(0, 0, self.tr("Back-up maken…"))
            return store.make(path, kind)

        self.running = run_with_progress(
            self.window, self.tr("Back-up maken"), work, self.made.emit, show_dialog=show_dialog
        )
        return self.running

    def back_up_at_close(self) -> None:
        """The backup at close: the user waits for it (a dialog shows if it takes long)."""
        self.timer.stop()
        if self.running is not None:
            wait_for(self.running)
        if self.changed:
            wait_for(self.back_up(BackupKind.CLOSE, show_dialog=True))
