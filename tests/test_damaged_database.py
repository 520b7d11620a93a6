"""A damaged database is detected at start; the app offers the newest sound backup and
never overwrites (or crashes on) the damaged file."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.gui_helpers import answer_message, when_dialog_opens
from verbindtafel_desktop.app.application import AppController
from verbindtafel_desktop.app.list_page import ListPage
from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.persistence.errors import DatabaseDamaged, NotADatabase

PAGE = 4096


def truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def flip_page_headers(data: bytes) -> bytes:
    damaged = bytearray(data)
    for page in (5, 20, 60):  # b-tree pages of several tables
        damaged[page * PAGE : page * PAGE + 16] = bytes(
            b ^ 0xFF for b in data[page * PAGE : page * PAGE + 16]
        )
    return bytes(damaged)


def flip_file_header(data: bytes) -> bytes:
    return bytes(b ^ 0x5A for b in data[:16]) + data[16:]


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "afgekapt": truncate,
    "omgedraaide bytes": flip_page_headers,
    "kapotte kop": flip_file_header,
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_open_database_refuses_a_damaged_file_without_touching_it(
    demo_path: Path, corrupt: Callable[[bytes], bytes]
) -> None:
    demo_path.write_bytes(corrupt(demo_path.read_bytes()))
    damaged = demo_path.read_bytes()
    with pytest.raises(NotADatabase) as refused:
        open_database(demo_path)
    assert "niet aangepast" in str(refused.value)
    assert demo_path.read_bytes() == damaged


def test_structure_damage_is_its_own_kind(demo_path: Path) -> None:
    demo_path.write_bytes(truncate(demo_path.read_bytes()))
    with pytest.raises(DatabaseDamaged, match="beschadigd"):
        open_database(demo_path)


def people_on_screen(controller: AppController) -> int:
    assert controller.window is not None
    page = controller.window.show_page("people")
    assert isinstance(page, ListPage)
    return page.model.rowCount()


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_the_app_offers_the_newest_sound_backup_and_keeps_the_damaged_file(
    qtbot: QtBot, demo_path: Path, corrupt: Callable[[bytes], bytes], demo_people: int
) -> None:
    store = BackupStore.for_database(demo_path)
    store.make(demo_path, BackupKind.START)
    demo_path.write_bytes(corrupt(demo_path.read_bytes()))
    damaged = demo_path.read_bytes()
    offers: list[str] = []

    def restore(box: Any) -> None:
        offers.append(box.text())
        answer_message(box, "Back-up terugzetten")

    ran = when_dialog_opens(restore)
    controller = AppController()
    assert controller.open(demo_path)
    assert ran
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    assert "De nieuwste goede back-up is van" in offers[0]
    assert f"({demo_people} personen, 40 sessies)" in offers[0]
    assert people_on_screen(controller) == demo_people
    (kept,) = demo_path.parent.glob("demo.sqlite.beschadigd-*[0-9]")
    assert kept.read_bytes() == damaged
    controller.window.close()


def test_declining_the_offer_leaves_everything_as_it_was(qtbot: QtBot, demo_path: Path) -> None:
    BackupStore.for_database(demo_path).make(demo_path, BackupKind.START)
    demo_path.write_bytes(truncate(demo_path.read_bytes()))
    damaged = demo_path.read_bytes()
    ran = when_dialog_opens(lambda box: answer_message(box, "Niet nu"))
    controller = AppController()
    assert not controller.open(demo_path)
    assert ran
    assert controller.window is None
    assert demo_path.read_bytes() == damaged
    assert not list(demo_path.parent.glob("*.beschadigd-*"))


def test_without_a_backup_the_app_says_so(qtbot: QtBot, demo_path: Path) -> None:
    demo_path.write_bytes(truncate(demo_path.read_bytes()))
    damaged = demo_path.read_bytes()
    texts: list[str] = []
    ran = when_dialog_opens(lambda box: (texts.append(box.text()), box.accept()))
    controller = AppController()
    assert not controller.open(demo_path)
    assert ran
    assert "beschadigd" in texts[0]
    assert "Er is geen goede back-up van dit bestand gevonden" in texts[0]
    assert demo_path.read_bytes() == damaged


def test_a_damaged_newest_backup_is_skipped(
    qtbot: QtBot, demo_path: Path, demo_people: int
) -> None:
    store = BackupStore.for_database(demo_path)
    store.make(demo_path, BackupKind.START, now=dt.datetime(2026, 11, 23, 9))
    newest = store.make(demo_path, BackupKind.CLOSE, now=dt.datetime(2026, 11, 24, 17))
    newest.path.write_bytes(truncate(newest.path.read_bytes()))
    demo_path.write_bytes(truncate(demo_path.read_bytes()))
    offers: list[str] = []

    def restore(box: Any) -> None:
        offers.append(box.text())
        answer_message(box, "Back-up terugzetten")

    ran = when_dialog_opens(restore)
    controller = AppController()
    assert controller.open(demo_path)
    assert ran
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    assert "van 23-11-2026 09:00" in offers[0]
    assert people_on_screen(controller) == demo_people
    controller.window.close()
