"""Fault injection: a full disk and I/O errors while saving, backing up and exporting.

The user gets a clear Dutch message, nothing committed before is lost, nothing of the
failed action is stored, and no half-written file is left behind.
"""

import errno
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from tests.gui_helpers import click_save, when_dialog_opens
from verbindtafel_desktop.app.application import AppController
from verbindtafel_desktop.app.list_page import ListPage
from verbindtafel_desktop.app.pages.backups import BackupsPage
from verbindtafel_desktop.persistence import atomic_file, sqlite_copy
from verbindtafel_desktop.persistence.atomic_file import atomic_target, atomic_write
from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.persistence.errors import StorageProblem
from verbindtafel_desktop.services.registry import Services

LONG_NOTE = "Heeft veel verteld over de buurt. " * 1500  # ~50 kB: the file must grow


# --- how the faults are made -----------------------------------------------------------


def file_cannot_grow(db: Database) -> Callable[[], None]:
    """From now on the database file cannot grow: SQLite itself answers 'database or disk
    is full' (SQLITE_FULL), exactly as on a full disk. Returns the undo."""

    def limit(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    db.engine.dispose()
    event.listen(db.engine, "connect", limit)

    def undo() -> None:
        event.remove(db.engine, "connect", limit)
        db.engine.dispose()

    return undo


def commits_fail_with_io_error(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The driver's COMMIT fails the way a failing disk makes it fail (SQLITE_IOERR_WRITE)."""

    def fail(_dbapi_connection: Any) -> None:
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = 778  # type: ignore[attr-defined]  # SQLITE_IOERR_WRITE
        raise error

    monkeypatch.setattr(db.engine.dialect, "do_commit", fail)


@pytest.fixture
def full_backup_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Temporary copies (backups, restores) land on a disk with room for 2 pages only."""
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = real_connect(database, *args, **kwargs)
        if str(database).endswith(".partial"):
            connection.execute("PRAGMA max_page_count=2")
        return connection

    monkeypatch.setattr(sqlite_copy.sqlite3, "connect", connect)
    yield


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if ".partial" in path.name)


def names(services: Services) -> list[str]:
    with services.db.engine.connect() as connection:
        return [row[0] for row in connection.exec_driver_sql("SELECT first_name FROM people")]


# --- saving ----------------------------------------------------------------------------


def test_a_full_disk_while_saving_says_so_and_loses_nothing(services: Services) -> None:
    services.people.save({"first_name": "Ayşe", "last_name": "Yılmaz"})
    undo = file_cannot_grow(services.db)
    with pytest.raises(StorageProblem, match="De schijf is vol") as refused:
        services.people.save({"first_name": "Jan", "last_name": "Berg", "notes": LONG_NOTE})
    assert "Wat al was opgeslagen, is bewaard" in str(refused.value)
    undo()
    assert names(services) == ["Ayşe"]
    with services.db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM referrals").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    # Once there is room again, the same action succeeds.
    services.people.save({"first_name": "Jan", "last_name": "Berg", "notes": LONG_NOTE})
    assert sorted(names(services)) == ["Ayşe", "Jan"]


def test_an_io_error_at_commit_stores_nothing_of_the_action(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.people.save({"first_name": "Ayşe"})
    with monkeypatch.context() as patch:
        commits_fail_with_io_error(services.db, patch)
        with pytest.raises(StorageProblem, match="lees- of schrijffout"):
            services.people.save({"first_name": "Jan"})
    assert names(services) == ["Ayşe"]
    with services.db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM referrals").scalar() == 1


def test_the_form_shows_a_full_disk_and_keeps_what_was_typed(qtbot: QtBot, tmp_path: Path) -> None:
    controller = AppController()
    assert controller.open(tmp_path / "centrum.sqlite")
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    people = window.show_page("people")
    assert isinstance(people, ListPage)
    undo = file_cannot_grow(window.services.db)
    seen: dict[str, str] = {}

    def fill_and_save_twice(dialog: Any) -> None:
        dialog.widgets["first_name"].setFocus()
        QTest.keyClicks(dialog.widgets["first_name"], "Fatima")
        dialog.widgets["notes"].setPlainText(LONG_NOTE)
        click_save(dialog)
        seen["summary"] = dialog.summary.text()
        seen["still_open"] = str(dialog.isVisible())
        seen["typed"] = dialog.widgets["first_name"].text()
        undo()  # the user made room on the disk
        click_save(dialog)

    ran = when_dialog_opens(fill_and_save_twice)
    qtbot.mouseClick(people.new_button, Qt.MouseButton.LeftButton)
    assert ran
    assert "Het formulier is niet opgeslagen" in seen["summary"]
    assert "De schijf is vol" in seen["summary"]
    assert seen["still_open"] == "True"
    assert seen["typed"] == "Fatima"
    assert names(window.services) == ["Fatima"]
    window.close()


# --- backing up ------------------------------------------------------------------------


def test_a_full_disk_during_a_backup_leaves_the_backups_as_they_were(
    demo_path: Path, tmp_path: Path, full_backup_disk: None
) -> None:
    store = BackupStore(tmp_path / "Back-ups", "demo")
    (tmp_path / "Back-ups").mkdir()
    with pytest.raises(StorageProblem, match="De schijf is vol: de back-up maken is niet gelukt"):
        store.make(demo_path, BackupKind.MANUAL)
    assert store.backups() == []
    assert leftovers(store.folder) == []


def test_an_io_error_while_moving_a_backup_into_place(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BackupStore(tmp_path / "Back-ups", "demo")
    earlier = store.make(demo_path, BackupKind.MANUAL)
    earlier_bytes = earlier.path.read_bytes()

    def replace(_source: Any, _target: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(sqlite_copy.os, "replace", replace)
    with pytest.raises(StorageProblem, match="lees- of schrijffout"):
        store.make(demo_path, BackupKind.MANUAL)
    monkeypatch.undo()
    assert store.backups() == [earlier]
    assert earlier.path.read_bytes() == earlier_bytes
    assert leftovers(store.folder) == []


def test_back_up_now_on_a_full_disk_tells_the_user(
    qtbot: QtBot, demo_path: Path, full_backup_disk: None
) -> None:
    controller = AppController()
    assert controller.open(demo_path, start_backup=False)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    page = window.show_page("backups")
    assert isinstance(page, BackupsPage)
    qtbot.waitUntil(lambda: page.loading is not None and not page.loading.running)
    messages: list[str] = []
    ran = when_dialog_opens(lambda box: (messages.append(box.text()), box.accept()))
    runner = page.back_up_now()
    qtbot.waitUntil(lambda: not runner.running)
    qtbot.waitUntil(lambda: bool(ran))
    assert runner.outcome == "refused"
    assert "De schijf is vol" in messages[0]
    assert page.model.rows == []
    window.close()


# --- exporting (through the atomic file writer exports use) ----------------------------


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def test_a_full_disk_during_an_export_keeps_the_previous_file(exports: Path) -> None:
    target = exports / "rapportage.xlsx"
    target.write_bytes(b"vorige export")
    with (
        pytest.raises(StorageProblem, match="De schijf is vol: de export is niet gelukt"),
        atomic_write(target, what="de export") as handle,
    ):
        handle.write(b"x" * 10_000)
        raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_bytes() == b"vorige export"
    assert [path.name for path in exports.iterdir()] == ["rapportage.xlsx"]


def test_an_io_error_while_flushing_an_export_keeps_the_previous_file(
    exports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = exports / "rapportage.pdf"
    target.write_bytes(b"vorige export")

    def fsync(_descriptor: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic_file.os, "fsync", fsync)
    with (
        pytest.raises(StorageProblem, match="lees- of schrijffout"),
        atomic_target(target, "de export") as temporary,
    ):
        temporary.write_bytes(b"nieuwe export")
    monkeypatch.undo()
    assert target.read_bytes() == b"vorige export"
    assert [path.name for path in exports.iterdir()] == ["rapportage.pdf"]


def test_an_export_that_succeeds_replaces_the_file(exports: Path) -> None:
    target = exports / "lijst.csv"
    target.write_text("oud", encoding="utf-8")
    with atomic_write(target, "w", encoding="utf-8") as handle:
        handle.write("naam;wijk\nŞükrü Öztürk;Afrikaanderwijk\n")
    assert target.read_text(encoding="utf-8").startswith("naam;wijk\nŞükrü")
    assert [path.name for path in exports.iterdir()] == ["lijst.csv"]


WRITE_TOO_MUCH = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from verbindtafel_desktop.persistence.atomic_file import atomic_write
    from verbindtafel_desktop.persistence.errors import StorageProblem
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
    try:
        with atomic_write(Path(sys.argv[1]), what="de export") as handle:
            for _ in range(64):
                handle.write(b"x" * 4096)
    except StorageProblem as problem:
        print(problem)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="file size limits are POSIX")
def test_the_kernel_refusing_a_write_is_a_clear_message(exports: Path) -> None:
    """A real write error from the operating system (a file size limit), not a patched one."""
    target = exports / "rapportage.xlsx"
    target.write_bytes(b"vorige export")
    result = subprocess.run(
        [sys.executable, "-c", WRITE_TOO_MUCH, str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("De schijf is vol: de export is niet gelukt.")
    assert target.read_bytes() == b"vorige export"
    assert [path.name for path in exports.iterdir()] == ["rapportage.xlsx"]
