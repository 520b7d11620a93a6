"""What opening the window leaves for later: libraries only an export, an import, the demo
or a migration need, and the pages nobody looked at yet (benchmarks/bench_startup.py
measures the start itself)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.test_gui_backbone import open_window
from verbindtafel_desktop.app.pages.registry import PAGES
from verbindtafel_desktop.persistence.migrations import (
    head_revision,
    known_revisions,
    script_directory,
)

LEFT_FOR_LATER = ("openpyxl", "reportlab", "alembic", "faker", "PIL")

OPEN_THE_WINDOW = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from verbindtafel_desktop.app.application import AppController
import verbindtafel_desktop.cli
app = QApplication([])
controller = AppController()
assert controller.open(Path(sys.argv[1]))
app.processEvents()
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
controller.window.close()
"""


def test_opening_the_window_loads_no_export_import_demo_or_migration_library(
    demo_path: Path,
) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", OPEN_THE_WINDOW, str(demo_path)],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
        timeout=120,
    )
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert "sqlalchemy" in loaded  # the check sees what was imported
    assert loaded.isdisjoint(LEFT_FOR_LATER), loaded & set(LEFT_FOR_LATER)


def test_pages_are_built_when_first_shown(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    assert list(window.pages) == ["dashboard"]
    assert window.stack.currentWidget() is window.pages["dashboard"]
    people = window.show_page("people")
    assert window.stack.currentWidget() is people
    assert people.objectName() == "page_people"
    assert window.stack.indexOf(people) == [entry.key for entry in PAGES].index("people")
    assert window.show_page("people") is people  # built once
    window.nav.setCurrentRow(len(PAGES) - 1)  # the sidebar builds them as well
    last = window.pages[PAGES[-1].key]
    assert window.stack.currentWidget() is last
    assert window.stack.count() == len(PAGES)
    assert window.backups_page is window.pages["backups"]


def test_the_revisions_are_read_as_alembic_reads_them() -> None:
    scripts = script_directory()
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {script.revision for script in scripts.walk_revisions()}
