"""Screens follow the change bus, but a hidden screen reads nothing until it is shown."""

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.reload_when_shown import ReloadWhenShown


def test_a_hidden_screen_reloads_once_when_shown_a_visible_one_at_once(qtbot: QtBot) -> None:
    bus = ChangeBus()
    view = QWidget()
    qtbot.addWidget(view)
    reloads: list[int] = []
    ReloadWhenShown(view, bus, {"people"}, lambda: reloads.append(1))

    bus.announce("people", "people", "tables")
    assert reloads == []  # hidden: nothing read
    view.show()
    qtbot.waitExposed(view)
    assert reloads == [1]  # once, however many changes came
    bus.announce("tables")
    assert reloads == [1]  # not watched
    bus.announce("people")
    assert reloads == [1, 1]  # on screen: at once
    view.hide()
    view.show()
    assert reloads == [1, 1]  # nothing changed meanwhile


def test_a_screen_not_read_yet_reads_when_first_shown(qtbot: QtBot) -> None:
    bus = ChangeBus()
    view = QWidget()
    qtbot.addWidget(view)
    reloads: list[int] = []
    ReloadWhenShown(view, bus, {"people"}, lambda: reloads.append(1), stale=True)
    assert reloads == []
    view.show()
    assert reloads == [1]
