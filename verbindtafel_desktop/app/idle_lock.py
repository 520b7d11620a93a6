"""Locking the app: at start and after idle time when a password is set, or on request.

An event filter on the application notes the time of every key press, click, wheel turn
and mouse move; a single-shot timer wakes up when the idle time would be over and locks
unless there was input meanwhile. Locking covers every open window (the main window, a
person's page, an open form) with an opaque panel, replaces their titles (a person's page
is titled with their name), hides tooltips and closes popup menus; a window that opens
while locked (an export that finished) is covered too. The password prompt is modal over
all of them: no shortcut, click or key reaches the covered windows.
"""

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.lock_screen import Cover, LockScreen
from verbindtafel_desktop.services.app_lock import AppLockService
from verbindtafel_desktop.services.privacy_settings import PrivacySettingsService

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
LOCKED_TITLE = "Verbindtafel (vergrendeld)"


class IdleLock(QObject):
    locked_changed = Signal(bool)

    def __init__(
        self,
        lock_service: AppLockService,
        settings: PrivacySettingsService,
        window: QWidget,
        bus: ChangeBus,
    ) -> None:
        super().__init__(window)
        self.lock_service = lock_service
        self.settings = settings
        self.window = window
        self.locked = False
        self.enabled = False
        self.idle_ms = 0
        self.last_input = time.monotonic()
        self.covers: dict[QWidget, Cover] = {}
        self.titles: dict[QWidget, str] = {}
        self.screen = LockScreen(self.unlock, window)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._check_idle)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        bus.changed.connect(self._on_changed)
        self.refresh_settings()

    def stop(self) -> None:
        """The window closes: no more locking."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # --- settings ---------------------------------------------------------------------
    def _on_changed(self, entity: str) -> None:
        if entity == "privacy_settings":
            self.refresh_settings()

    def refresh_settings(self) -> None:
        self.enabled = self.lock_service.enabled
        self.idle_ms = self.settings.get().idle_minutes * 60_000
        self.restart()

    def restart(self) -> None:
        """Count the idle time from now (after a change of settings, or unlocking)."""
        self.last_input = time.monotonic()
        if self.enabled and not self.locked:
            self.timer.start(self.idle_ms)
        else:
            self.timer.stop()

    def _check_idle(self) -> None:
        idle = (time.monotonic() - self.last_input) * 1000
        if idle >= self.idle_ms:
            self.lock()
        elif self.enabled and not self.locked:
            self.timer.start(int(self.idle_ms - idle) + 1)

    # --- locking ------------------------------------------------------------------------
    def lock(self) -> bool:
        """Hide everything behind the password; False when no password is set."""
        if not self.enabled:
            return False
        if self.locked:
            return True
        self.locked = True
        self.timer.stop()
        QToolTip.hideText()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget is not self.screen:
                self._cover(widget)
        self._cover(self.window)  # also when it is not on screen yet (locked at start)
        self._show_screen()
        self.locked_changed.emit(True)
        return True

    def unlock(self, password: str) -> bool:
        if not self.lock_service.verify(password):
            return False
        self.locked = False
        for cover in self.covers.values():
            cover.hide()
            cover.deleteLater()
        self.covers.clear()
        for widget, title in self.titles.items():
            widget.setWindowTitle(title)
        self.titles.clear()
        self.screen.hide()
        self.restart()
        self.locked_changed.emit(False)
        return True

    def _cover(self, widget: QWidget) -> None:
        if widget in self.covers or widget.windowType() == Qt.WindowType.ToolTip:
            return
        self.covers[widget] = Cover(widget)
        self.covers[widget].show()
        if widget is not self.window:
            self.titles[widget] = widget.windowTitle()
            widget.setWindowTitle(LOCKED_TITLE)
        widget.destroyed.connect(lambda *_args, gone=widget: self._forget(gone))

    def _forget(self, widget: Any) -> None:
        self.covers.pop(widget, None)
        self.titles.pop(widget, None)

    def _show_screen(self) -> None:
        # Shown again, so it is the newest modal window and gets the keyboard.
        self.screen.hide()
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        self.screen.password.setFocus()

    # --- input ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            if not self.locked:
                self.last_input = time.monotonic()
            return False
        if not self.locked:
            return False
        if kind == QEvent.Type.ToolTip:
            return True  # no tooltip shows data from under a cover
        if isinstance(watched, QWidget) and watched is not self.screen:
            if kind == QEvent.Type.Show and watched.isWindow() and watched not in self.covers:
                if watched.windowType() != Qt.WindowType.ToolTip:
                    self._cover(watched)
                    QTimer.singleShot(0, self._show_screen)
            elif kind == QEvent.Type.Resize and watched in self.covers:
                self.covers[watched].fit()
        return False
