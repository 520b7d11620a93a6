"""The person page: opened from the people list, navigating the relay, enrolling a guest,
and tabs added through the registry."""

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.gui_helpers import click_save, when_dialog_opens
from tests.relay_helpers import name_of, open_window, referrers
from verbindtafel_desktop.app.list_page import ListPage
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.person import tabs
from verbindtafel_desktop.app.person.context import PersonContext, PersonTab
from verbindtafel_desktop.app.person.dialog import PersonDialog, open_person_dialog
from verbindtafel_desktop.app.rows_model import RowsModel, TextRow


def safely(handle: Callable[[Any], None]) -> Callable[[Any], None]:
    """A dialog handler that closes the dialog when it fails, so the test fails instead
    of waiting forever for a dialog nobody closes."""

    def run(dialog: Any) -> None:
        try:
            handle(dialog)
        except BaseException:
            dialog.reject()
            raise

    return run


def person_page(window: MainWindow, person: int) -> PersonDialog:
    return open_person_dialog(window, window.services, window.bus, person)


def select_person(page: ListPage, person: int) -> None:
    page.select_id(person)
    assert page.selected_id() == person


def guest_without_table(path: Path) -> tuple[int, int]:
    """A demo guest who has not joined a table, and who invited them."""
    with sqlite3.connect(path) as connection:
        guest, inviter = connection.execute(
            """SELECT i.invitee_id, i.inviter_id FROM invitations i
               WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = i.invitee_id)
               ORDER BY i.invitee_id LIMIT 1"""
        ).fetchone()
    return guest, inviter


def test_double_click_opens_the_page_and_edit_still_opens_the_form(
    qtbot: QtBot, demo_path: Path
) -> None:
    window = open_window(qtbot, demo_path)
    people = window.show_page("people")
    assert isinstance(people, ListPage)
    parent = referrers(demo_path)
    person = next(iter(parent))
    select_person(people, person)
    row = people.model.row_of(person)
    assert row is not None
    index = people.view.model().index(row, 0)
    rect = people.view.visualRect(index)
    # A real double click: the press that selects, then the double click.
    qtbot.mouseClick(people.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(people.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pages = [page for page in window.findChildren(PersonDialog) if page.isVisible()]
    assert [page.person_id for page in pages] == [person]
    assert pages[0].title.text() == name_of(demo_path, person)
    pages[0].close()

    titles: list[str] = []

    def look(dialog: Any) -> None:
        titles.append(dialog.windowTitle())
        dialog.reject()

    ran = when_dialog_opens(look)
    qtbot.mouseClick(people.edit_button, Qt.MouseButton.LeftButton)
    assert ran and titles == ["Persoon bewerken"]
    assert people.open_button.text() == "Persoonskaart…"
    window.close()


def test_the_relay_tab_shows_the_chain_and_navigates(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    parent = referrers(demo_path)
    person = max(parent, key=lambda p: (p in parent.values(), p))  # deep, and brought others
    page = person_page(window, person)
    relay_tab = page.tab_pages["relay"]
    chain = relay_tab.findChild(QLabel, "chain")
    assert chain is not None
    ancestors = []
    current = person
    while current in parent:
        current = parent[current]
        ancestors.append(current)
    for ancestor in ancestors:
        assert f"href='{ancestor}'" in chain.text()
    assert f"generatie {len(ancestors)}" in chain.text()
    children = sorted(child for child, up in parent.items() if up == person)
    brought = relay_tab.brought  # type: ignore[attr-defined]
    shown = sorted(brought.row_id(row) for row in range(brought.rowCount()))
    assert shown == children

    chain.linkActivated.emit(str(ancestors[-1]))
    assert page.person_id == ancestors[-1]
    assert page.title.text() == name_of(demo_path, ancestors[-1])
    assert page.back_button.isEnabled()
    page.back_button.click()
    assert page.person_id == person and not page.back_button.isEnabled()
    if children:
        relay_tab.brought_view.row_activated.emit(children[0])  # type: ignore[attr-defined]
        assert page.person_id == children[0]
    window.close()


def test_enrolling_a_guest_from_their_page(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    guest, inviter = guest_without_table(demo_path)
    page = person_page(window, guest)
    assert page.summary.text().startswith("introducee")
    path_tab = page.tab_pages["path"]
    steps = path_tab.steps  # type: ignore[attr-defined]
    assert steps.rowCount() >= 1
    errors: list[str] = []
    offered: list[str] = []

    @safely
    def enrol_at_a_full_table_first(dialog: Any) -> None:
        assert dialog.widgets["referrer_id"].person_id() == inviter
        assert dialog.widgets["route"].currentData() == "invited"
        combo = dialog.widgets["table_id"]
        offered.extend(combo.itemText(index) for index in range(combo.count()))
        full = next(i for i, text in enumerate(offered) if "8 van 8" in text)
        combo.setCurrentIndex(full)
        click_save(dialog)
        errors.append(dialog.error_labels["table_id"].text())
        free = next(i for i, text in enumerate(offered) if "december 2026" in text)
        combo.setCurrentIndex(free)
        click_save(dialog)

    ran = when_dialog_opens(enrol_at_a_full_table_first)
    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    assert ran
    assert "vol" in errors[0]
    with sqlite3.connect(demo_path) as connection:
        seats = connection.execute(
            "SELECT count(*) FROM memberships WHERE person_id = ? AND role = 'participant'",
            (guest,),
        ).fetchone()[0]
        route = connection.execute(
            "SELECT route, referrer_id FROM referrals WHERE person_id = ?", (guest,)
        ).fetchone()
        invitations = connection.execute(
            "SELECT count(*) FROM invitations WHERE invitee_id = ?", (guest,)
        ).fetchone()[0]
    assert seats == 1
    assert route == ("invited", inviter)
    assert invitations >= 1
    # The page follows: now a participant, and the path ends at the new table.
    assert page.summary.text().startswith("tafelgenoot")
    kinds = [steps.data(steps.index(row, 1)) for row in range(steps.rowCount())]
    assert "introducee" in kinds and "tafelgenoot" in kinds
    window.close()


def test_a_loop_is_refused_in_the_enrol_form(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    parent = referrers(demo_path)
    guest, inviter = guest_without_table(demo_path)
    # Make the guest's inviter someone the guest brought in: refused, nothing saved.
    child = window.services.people.save(
        {"first_name": "Kind", "referral_route": "recruited", "referrer_id": guest}
    )
    page = person_page(window, guest)
    messages: list[str] = []

    @safely
    def choose_a_loop(dialog: Any) -> None:
        combo = dialog.widgets["table_id"]
        combo.setCurrentIndex(combo.count() - 1)
        dialog.widgets["route"].setCurrentIndex(dialog.widgets["route"].findData("recruited"))
        dialog.widgets["referrer_id"].set_person_id(child)
        click_save(dialog)
        messages.append(dialog.error_labels["referrer_id"].text())
        dialog.reject()

    ran = when_dialog_opens(choose_a_loop)
    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    assert ran and "kring" in messages[0]
    assert referrers(demo_path)[guest] == inviter == parent[guest]
    window.close()


class NotesTab(PersonTab):
    def __init__(self, context: PersonContext) -> None:
        super().__init__(context)
        self.shown: list[int] = []

    def show_person(self, person_id: int) -> None:
        self.shown.append(person_id)


def test_other_tabs_are_added_through_the_registry(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = tabs.PersonTabEntry("notes", "Notities", NotesTab, listens_to=("measurements",))
    monkeypatch.setattr(tabs, "PERSON_TABS", [*tabs.PERSON_TABS, entry])
    monkeypatch.setattr("verbindtafel_desktop.app.person.dialog.PERSON_TABS", tabs.PERSON_TABS)
    window = open_window(qtbot, demo_path)
    page = person_page(window, 1)
    assert page.tabs.tabText(page.tabs.count() - 1) == "Notities"
    notes = page.tab_pages["notes"]
    assert isinstance(notes, NotesTab) and notes.shown == [1]
    window.bus.announce("measurements")
    assert notes.shown == [1, 1]
    window.bus.announce("tables")  # not listened to
    assert notes.shown == [1, 1]
    page.close()
    window.bus.announce("people")  # a closed page no longer listens
    window.close()


def test_rows_model(qtmodeltester: Any) -> None:
    model = RowsModel(["Naam", "Datum"])
    model.set_rows(
        [TextRow(3, ("Anna", "01-02-2026"), (None, "2026-02-01")), TextRow(4, ("Bo", ""))]
    )
    qtmodeltester.check(model)
    assert model.row_id(1) == 4 and model.row_id(2) is None
