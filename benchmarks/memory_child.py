"""One run of the app (or of a bare PySide6 window) for bench_memory, run as a script.

    python benchmarks/memory_child.py bare
    python benchmarks/memory_child.py app DATABASE

For the app: opens DATABASE the way the app does, visits every page of the sidebar (each
one built, shown and painted), scrolls the people list to its end, and opens the relay
picture of everyone and the attendance grid of a table. Then prints the peak resident
memory of the process in bytes (Linux and macOS: resource.getrusage).
"""

import resource
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow


def peak_bytes():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux counts kilobytes


def visit_everything(app, database):
    from verbindtafel_desktop.app.application import AppController, load_style
    from verbindtafel_desktop.app.pages.registry import PAGES

    load_style(app)
    controller = AppController()
    if not controller.open(Path(database), start_backup=False):
        raise SystemExit("could not open the database")
    window = controller.window
    window.resize(1280, 860)
    app.processEvents()
    for entry in PAGES:
        page = window.show_page(entry.key)
        app.processEvents()
        page.repaint()
    people = window.show_page("people")
    people.view.scrollToBottom()
    people.view.viewport().repaint()
    trajectory = window.show_page("trajectory")
    trajectory.show_item(("attendance", trajectory.table_box.itemData(0)))
    trajectory.repaint()
    relay = window.show_page("relay")
    relay.picture.expand_all()  # every branch of the relay unfolded
    app.processEvents()
    relay.repaint()
    return window


def main():
    app = QApplication(sys.argv[:1])
    if sys.argv[1] == "bare":
        window = QMainWindow()
        window.resize(1280, 860)
        window.show()
        app.processEvents()
        window.repaint()
    else:
        window = visit_everything(app, sys.argv[2])
    print(peak_bytes(), flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
