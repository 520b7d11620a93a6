"""One start of the app (or of a bare PySide6 window) for bench_startup, run as a script.

    python benchmarks/startup_child.py bare
    python benchmarks/startup_child.py libraries
    python benchmarks/startup_child.py app DATABASE

Prints "shown" once the first window has painted itself, for the app: once the start
screen (Overzicht) has painted itself with its figures filled in; for "libraries": once
an empty window has painted itself after importing what every start of the app needs
(SQLAlchemy, SQLModel and the domain model). The parent measures from starting this
process to reading that line. Kept to the standard library and PySide6, so the bare start
imports nothing more than a bare PySide6 program.
"""

import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    """Reports the first paint of the widget `wanted` picks, then quits."""

    def __init__(self, wanted, parent=None):
        super().__init__(parent)
        self.wanted = wanted
        self.done = False

    def eventFilter(self, watched, event):  # noqa: N802 (a Qt override)
        if not self.done and event.type() == QEvent.Type.Paint and self.wanted(watched):
            self.done = True
            print("shown", flush=True)
        return False


def dashboard_filled(widget):
    # The start screen shows today's date once its figures are in.
    label = getattr(widget, "date_label", None)
    return widget.objectName() == "page_dashboard" and label is not None and bool(label.text())


def main():
    mode = sys.argv[1]
    app = QApplication(sys.argv[:1])
    if mode == "libraries":
        import verbindtafel_desktop.domain.models  # noqa: F401  (SQLAlchemy and SQLModel too)
    if mode in ("bare", "libraries"):
        watcher = FirstPaint(lambda widget: isinstance(widget, QMainWindow), app)
        app.installEventFilter(watcher)
        window = QMainWindow()
        window.resize(1200, 780)
        window.show()
        return app.exec()
    watcher = FirstPaint(dashboard_filled, app)
    app.installEventFilter(watcher)
    from verbindtafel_desktop.cli import main as verbindtafel

    return verbindtafel(["--db", sys.argv[2]])


if __name__ == "__main__":
    sys.exit(main())
