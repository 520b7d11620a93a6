"""The mixing board driven offscreen: mixing in the worker, drag and drop, locks, saving."""

import datetime as dt
import itertools
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from tests.conftest import DEMO_TODAY
from tests.export_world import data_rows, pdf_text, workbook
from tests.gui_helpers import click_save, when_dialog_opens
from tests.test_gui_exports import answer_done, save_as, when_modal
from verbindtafel_desktop.app import export_actions
from verbindtafel_desktop.app.application import AppController
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.mixing.board import MixingBoard
from verbindtafel_desktop.app.mixing.models import TablesModel
from verbindtafel_desktop.app.mixing.page import MixmomentsPage
from verbindtafel_desktop.domain.enums import AttendanceRole, AttendanceStatus, MixingRuleKind
from verbindtafel_desktop.domain.models import Attendance, MixingRule, Session
from verbindtafel_desktop.mixing import MixPlan
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.mixed_seating import MixedSeating


def discard_unsaved(window: QWidget) -> None:
    """Closing the window asks about an unsaved seating; a test ends without that question."""
    for board in window.findChildren(MixingBoard):
        board.undo_stack.setClean()


def open_window(qtbot: QtBot, path: Path) -> MainWindow:
    controller = AppController()
    assert controller.open(path)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window, before_close_func=discard_unsaved)
    return window


def open_board(
    qtbot: QtBot, path: Path, row: int = 0
) -> tuple[MainWindow, MixmomentsPage, MixingBoard]:
    window = open_window(qtbot, path)
    window.resize(1400, 950)
    window.services.mixing_board.today = lambda: DEMO_TODAY
    page = window.show_page("mixmoments")
    assert isinstance(page, MixmomentsPage)
    assert page.list.model.rowCount() == 2  # the demo's two mixmoments
    page.list.view.selectRow(row)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    board = page.board
    assert board is not None and page.stack.currentWidget() is board
    board.seed = 7
    qtbot.waitUntil(lambda: board.view.viewport().width() > 700)
    return window, page, board


def mix_and_wait(qtbot: QtBot, board: MixingBoard) -> None:
    board.mix_action.trigger()
    qtbot.waitUntil(lambda: board.runner is None, timeout=20_000)


def plain_members(plan: MixedSeating) -> list[int]:
    """Seated participants who are no guest and bring no guest: moving them breaks no rule."""
    hosts = {c.host_id for c in plan.candidates.values()}
    return [
        p
        for p in sorted(plan.seats)
        if plan.candidates[p].role == AttendanceRole.MEMBER and p not in hosts
    ]


def two_at_different_tables(plan: MixedSeating) -> tuple[int, int]:
    plain = plain_members(plan)
    a = plain[0]
    return a, next(p for p in plain if plan.seats[p] != plan.seats[a])


def test_mixing_runs_in_the_worker_and_the_gui_stays_responsive(
    qtbot: QtBot, demo_path: Path
) -> None:
    # The second mixmoment's bound is not reached, so the engine uses its whole time.
    _window, _page, board = open_board(qtbot, demo_path, row=1)
    board.move_person(plain_members(board.plan)[0], None)  # someone still needs a table
    board.time_limit = 1.5
    gui_thread = threading.get_ident()
    ticks: list[tuple[int, float]] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append((threading.get_ident(), time.perf_counter())))
    timer.start(10)
    board.mix_action.trigger()
    assert board.runner is not None and board.runner.running
    assert not board.view.isEnabled()  # no dragging while the engine works
    qtbot.waitUntil(lambda: board.runner is None, timeout=20_000)
    timer.stop()
    plan = board.last_plan
    assert plan is not None and plan.elapsed >= 1.0
    # The GUI thread kept handling events all along: a frozen GUI shows one long gap.
    assert {thread for thread, _ in ticks} == {gui_thread}
    gaps = [b - a for (_, a), (_, b) in itertools.pairwise(ticks)]
    assert len(ticks) >= 40 and max(gaps) < 0.3, (len(ticks), max(gaps))
    assert board.view.isEnabled()
    assert board.plan.evaluation().ok and not board.plan.unseated()
    assert board.current_repeats == plan.repeats
    assert f"{plan.repeats} herhalingen" in board.message.text()
    assert board.undo_stack.count() == 2 and board.dirty


def test_a_better_seating_is_kept(qtbot: QtBot, demo_path: Path) -> None:
    _window, _page, board = open_board(qtbot, demo_path, row=1)
    plan = board.plan
    current = plan.evaluation()
    assert current.ok and not plan.unseated()
    trial = MixedSeating(plan.candidates, plan.tables, plan.history, plan.rules, dict(plan.seats))
    trial.present = set(plan.present)
    for a, b in itertools.combinations(sorted(plan.seats), 2):
        trial.swap(a, b)
        if trial.evaluation().ok and trial.evaluation().repeats > current.repeats:
            break
        trial.swap(a, b)
    worse = trial.evaluation()
    assert worse.repeats > current.repeats
    rounds = [[[trial.who(p) for p in trial.at_table(t)] for t in range(len(trial.tables))]]
    found = MixPlan(rounds, worse.repeats, 0, False, {}, 0, [], 0.1, 1, 1, True)
    before = plan.snapshot()
    board._mixed(found)
    assert plan.snapshot() == before and board.undo_stack.count() == 0
    assert board.message.text().startswith(
        f"De huidige indeling is beter ({current.repeats} herhalingen)"
    )


def test_cancel_keeps_the_seating(qtbot: QtBot, demo_path: Path) -> None:
    _window, _page, board = open_board(qtbot, demo_path, row=1)
    board.time_limit = 30
    before = board.plan.snapshot()
    board.mix_action.trigger()
    runner = board.runner
    assert runner is not None and runner.dialog is not None
    qtbot.waitUntil(lambda: runner.dialog is not None and runner.dialog.isVisible(), timeout=5000)
    cancel = runner.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Annuleren"
    started = dt.datetime.now()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: board.runner is None, timeout=5000)
    assert (dt.datetime.now() - started).total_seconds() < 3
    assert runner.outcome == "cancelled"
    assert board.plan.snapshot() == before and board.undo_stack.count() == 0
    assert "geannuleerd" in board.message.text()


def test_drag_and_drop_swaps_moves_and_undo(qtbot: QtBot, demo_path: Path) -> None:
    _window, _page, board = open_board(qtbot, demo_path)
    mix_and_wait(qtbot, board)
    plan, view = board.plan, board.view
    a, b = two_at_different_tables(plan)
    table_a, table_b = plan.seats[a], plan.seats[b]

    # The drag as the mouse handlers do it: onto another person swaps the two.
    assert view.begin_drag(a, view.scene_center_of_person(a))
    view.drag_to(view.scene_center_of_person(b))
    assert board.board_scene.people[b].highlighted
    assert view.finish_drag(view.scene_center_of_person(b)) == ("person", b)
    assert (plan.seats[a], plan.seats[b]) == (table_b, table_a)
    assert board.board_scene.people[a].table_index == table_b  # the scene was rebuilt
    known = len(plan.known_at_table(a))
    assert board.board_scene.people[a].look.known == known
    assert board.undo_stack.undoText().endswith("geruild")

    # Onto a table: a move. A guest taken from their host breaks a rule, shown in red.
    guest = next(p for p, c in plan.candidates.items() if c.host_id is not None and p in plan.seats)
    host = plan.candidates[guest].host_id
    elsewhere = next(
        t
        for t, table in enumerate(plan.tables)
        if t != plan.seats[guest] and len(plan.at_table(t)) < table.capacity
    )
    view.begin_drag(guest, view.scene_center_of_person(guest))
    view.finish_drag(view.scene_center_of_table(elsewhere))
    assert plan.seats[guest] == elsewhere
    reasons = [board.problems_list.item(i).text() for i in range(board.problems_list.count())]
    assert any(f"introducee van {plan.name(host)}" in r for r in reasons)
    assert board.problems_list.item(0).foreground().color() == Qt.GlobalColor.darkRed
    assert board.board_scene.people[guest].look.broken
    assert "1 regel gebroken" in board.summary.text()

    # Ctrl+Z twice undoes both, Ctrl+Y redoes the swap.
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (plan.seats[a], plan.seats[b]) == (table_a, table_b)
    assert plan.seats[guest] != elsewhere
    assert board.plan.evaluation().ok
    QTest.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert (plan.seats[a], plan.seats[b]) == (table_b, table_a)


def test_drag_with_the_mouse(qtbot: QtBot, demo_path: Path) -> None:
    _window, _page, board = open_board(qtbot, demo_path)
    plan, view = board.plan, board.view
    person = plan.at_table(0)[1]
    start = view.mapFromScene(view.scene_center_of_person(person))
    end = view.mapFromScene(view.scene_center_of_table(1))
    assert view.viewport().rect().contains(start) and view.viewport().rect().contains(end)
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, start + QPoint(12, 8))
    assert view.dragging is not None and view.dragging.person_id == person
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert view.dragging is None
    assert plan.seats[person] == 1
    assert board.board_scene.people[person].table_index == 1

    # A press and release without moving is a click: it selects, it moves nobody.
    other = plan.at_table(1)[0]
    where = view.mapFromScene(view.scene_center_of_person(other))
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert plan.seats[other] == 1 and board.board_scene.people[other].isSelected()


def test_lock_people_and_tables_and_mix_the_rest(qtbot: QtBot, demo_path: Path) -> None:
    _window, _page, board = open_board(qtbot, demo_path)
    mix_and_wait(qtbot, board)
    plan, view = board.plan, board.view
    person = plan.at_table(0)[2]
    item = board.board_scene.people[person]
    item.setSelected(True)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_L)
    assert person in plan.locked and board.board_scene.people[person].look.locked
    model = board.tables_model
    model.setData(
        model.index(2, TablesModel.LOCKED), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    assert plan.tables[2].locked
    kept = plan.at_table(2)

    # Locked people do not move by hand either.
    view.begin_drag(person, view.scene_center_of_person(person))
    view.finish_drag(view.scene_center_of_table(1))
    assert plan.seats[person] == 0 and "vastgezet" in board.message.text()

    before = dict(plan.seats)
    for seed in (1, 2):
        board.seed = seed
        mix_and_wait(qtbot, board)
        assert plan.seats[person] == 0 and plan.at_table(2) == kept
        assert plan.evaluation().ok
    assert plan.seats != before  # the rest was mixed again
    board.unlock_action.trigger()
    assert not plan.locked and not plan.tables[2].locked


def test_save_reload_and_restart(qtbot: QtBot, demo_path: Path) -> None:
    window, page, board = open_board(qtbot, demo_path)
    mix_and_wait(qtbot, board)
    plan = board.plan
    a, b = two_at_different_tables(plan)
    table_a = plan.seats[a]
    board.swap_people(a, b)
    board.toggle_lock(a)
    board.pin(b, table_a)
    absent = plain_members(plan)[-1]
    index = board.presence.index(board.presence.order.index(absent), 0)
    board.presence.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert absent not in plan.seats and absent not in plan.present
    assert board.current_problems == []
    saved = dict(plan.seats)
    assert board.dirty and board.heading.text().endswith("*")
    board.save_action.trigger()
    assert not board.dirty and not board.heading.text().endswith("*")
    assert "Opgeslagen" in board.message.text()

    board.back_action.trigger()
    assert page.board is None and page.stack.currentWidget() is page.list
    seated_column = 6
    row = page.list.model.row_of(board.mixed_session_id)
    assert row is not None
    assert page.list.model.data(page.list.model.index(row, seated_column)) == str(len(saved))

    reopened = page.open_board(board.mixed_session_id)
    assert reopened is not None and reopened.plan.seats == saved
    assert reopened.plan.locked == {a} and reopened.plan.pinned == {b}
    path = window.services.db.path
    window.close()

    db = open_database(path)
    with db.session() as session:
        status = session.exec(
            select(Attendance.status)
            .join(Session, col(Session.id) == col(Attendance.session_id))
            .where(
                col(Session.mixed_session_id) == board.mixed_session_id,
                col(Attendance.person_id) == absent,
            )
        ).one()
    db.close()
    assert status == AttendanceStatus.ABSENT

    _window, _page, restarted = open_board(qtbot, path)
    assert restarted.plan.seats == saved and absent not in restarted.plan.present


def test_unsaved_changes_are_asked_about(qtbot: QtBot, demo_path: Path) -> None:
    window, page, board = open_board(qtbot, demo_path)
    board.move_person(plain_members(board.plan)[0], None)
    asked: list[str] = []

    def stay(box: Any) -> None:
        asked.append(box.text())
        box.reject()

    ran = when_dialog_opens(stay)
    board.back_action.trigger()
    qtbot.waitUntil(lambda: bool(ran))
    assert "gewijzigd" in asked[0] and page.board is board
    ran = when_dialog_opens(lambda box: box.reject())
    assert not window.close()  # Cancel keeps the window open
    assert ran and page.board is board


def test_create_a_mixmoment_through_the_form(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    page = window.show_page("mixmoments")
    assert isinstance(page, MixmomentsPage)
    used = {
        window.services.mixmoments.cohort_of(i) for i, _ in window.services.mixmoments.options()
    }
    cohort = next(c for c, _ in window.services.cohorts.options() if c not in used)
    day = DEMO_TODAY + dt.timedelta(weeks=7)
    shown: list[str] = []

    def fill(dialog: Any) -> None:
        combo = dialog.widgets["cohort_id"]
        combo.setCurrentIndex(combo.findData(cohort))
        dialog.widgets["date"].setText(day.strftime("%d-%m-%Y"))
        picker = dialog.picker
        assert picker.table.rowCount() >= 2
        assert all(picker.combos[t].currentText().startswith("Sessie 4") for t in picker.combos)
        _first, *others = list(picker.combos)
        for table in others:
            picker.set_taking_part(table, False)
        click_save(dialog)
        shown.append(picker.error.text())
        assert dialog.isVisible()  # refused: one table is no mixmoment
        for table in others:
            picker.set_taking_part(table, True)
        click_save(dialog)

    ran = when_dialog_opens(fill)
    qtbot.mouseClick(page.list.new_button, Qt.MouseButton.LeftButton)
    assert ran and shown == ["Kies minstens twee tafels die samenkomen."]
    board = page.board
    assert board is not None
    tables = window.services.tables.options(cohort_id=cohort)
    expected = sum(len(window.services.memberships.members(t)) for t, _ in tables)
    assert len(board.plan.candidates) == expected == len(board.plan.present)
    assert board.plan.seats == {} and len(board.plan.unseated()) == expected
    assert len(board.plan.tables) == -(-expected // 6)  # the location's 6 seats per table
    assert not board.attendance_action.isEnabled()  # it is not the day yet
    board.seed = 1
    mix_and_wait(qtbot, board)
    assert not board.plan.unseated() and board.plan.evaluation().ok


def test_rules_and_attendance_per_table(qtbot: QtBot, demo_path: Path) -> None:
    window, _page, board = open_board(qtbot, demo_path)
    mix_and_wait(qtbot, board)
    plan = board.plan
    a, b = two_at_different_tables(plan)
    board.move_person(b, plan.seats[a])
    table = plan.seats[a]

    def fill(dialog: Any) -> None:
        for key, person in (("person_a_id", a), ("person_b_id", b)):
            dialog.widgets[key].setCurrentIndex(dialog.widgets[key].findData(person))
        dialog.widgets["reason"].setText("wonen naast elkaar")
        click_save(dialog)

    ran = when_dialog_opens(fill)
    board.add_rule(MixingRuleKind.APART)
    assert ran
    reasons = [board.problems_list.item(i).text() for i in range(board.problems_list.count())]
    assert reasons == [
        f"{plan.name(a)} en {plan.name(b)} moeten uit elkaar zitten, maar zitten in ronde 1 "
        f"allebei aan tafel {table + 1}. Reden: wonen naast elkaar."
    ]
    assert board.board_scene.cards[table].look.broken
    with window.services.db.session() as session:
        stored = session.exec(select(MixingRule)).one()
        assert (stored.person_a_id, stored.person_b_id, stored.reason) == (
            a,
            b,
            "wonen naast elkaar",
        )
    mix_and_wait(qtbot, board)
    assert plan.seats[a] != plan.seats[b] and board.current_problems == []

    # Attendance per mixed table: untick someone at table 2 and save.
    missing = plan.at_table(1)[-1]

    def untick(dialog: Any) -> None:
        assert dialog.items[missing].checkState() == Qt.CheckState.Checked
        dialog.set_checked(missing, False)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    ran = when_dialog_opens(untick)
    board.attendance_action.trigger()
    assert ran and missing not in plan.seats and not board.dirty
    with window.services.db.session() as session:
        status = session.exec(
            select(Attendance.status)
            .join(Session, col(Session.id) == col(Attendance.session_id))
            .where(
                col(Session.mixed_session_id) == board.mixed_session_id,
                col(Attendance.person_id) == missing,
            )
        ).one()
    assert status == AttendanceStatus.ABSENT


def test_seating_and_name_cards_are_exported_from_the_board(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_actions, "open_url", lambda _url: True)
    _window, _page, board = open_board(qtbot, demo_path)
    mix_and_wait(qtbot, board)
    assert board.dirty
    plan = board.plan

    # Exports read the stored seating, so the board offers to save first.
    asked = when_modal(
        lambda w: isinstance(w, QMessageBox) and w.windowTitle() == "Eerst opslaan?",
        lambda box: box.button(QMessageBox.StandardButton.Save).click(),
    )
    target = tmp_path / "indeling.xlsx"
    saved_as = save_as(target)
    closed = answer_done("Sluiten")
    board.seating_action.trigger()
    qtbot.waitUntil(lambda: bool(closed), timeout=15_000)
    assert asked and saved_as and not board.dirty
    rows = data_rows(workbook(target)["Tafelindeling"])
    assert {(row[0], row[2]) for row in rows} == {
        (plan.seats[p] + 1, plan.name(p)) for p in plan.seats
    }

    cards = tmp_path / "naamkaartjes.pdf"
    saved_as = save_as(cards)
    closed = answer_done("Sluiten")
    board.namecards_action.trigger()  # nothing changed: no question this time
    qtbot.waitUntil(lambda: bool(closed), timeout=15_000)
    text = pdf_text(cards)
    for person in plan.seats:
        assert plan.candidates[person].name.split()[0] in text


def test_side_panel_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, demo_path: Path
) -> None:
    _window, _page, board = open_board(qtbot, demo_path)
    for model in (board.presence, board.tables_model, board.rules_model):
        qtmodeltester.check(model, force_py=True)
    assert board.rules_model.rowCount() == sum(
        1 for c in board.plan.candidates.values() if c.host_id is not None
    )  # the demo's only rules: each guest with their host
