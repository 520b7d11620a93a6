"""The Estafette page driven offscreen: the picture, the search, folding, the figures
beside it, saving the picture, and a generated relay of 500 people."""

import datetime as dt
import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui_helpers import when_dialog_opens
from tests.relay_helpers import chain_and_below, in_chains, name_of, open_window, referrers
from tests.relay_world import generated_relay
from verbindtafel_desktop.app.main_window import MainWindow
from verbindtafel_desktop.app.person.dialog import PersonDialog
from verbindtafel_desktop.app.relay.page import RelayPage
from verbindtafel_desktop.app.relay.picture import relay_image
from verbindtafel_desktop.app.relay.picture_panel import RelayPicturePanel
from verbindtafel_desktop.app.relay.scene import LabelMode, NodeItem, RelayScene
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.relay import RelayScope, RelayService
from verbindtafel_desktop.services.relay_figures import relay_figures


def relay_panel(window: MainWindow) -> RelayPicturePanel:
    page = window.show_page("relay")
    assert isinstance(page, RelayPage)
    page.tabs.setCurrentWidget(page.picture)
    return page.picture


def test_the_demo_relay_is_drawn_with_its_figures(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = relay_panel(window)
    scene = panel.scene
    assert scene is not None
    parent = referrers(demo_path)
    assert set(scene.nodes) == in_chains(parent)
    assert sorted(scene.layout.edges) == sorted((up, child) for child, up in parent.items())
    # Generation g is column g: every child lies one column right of its parent.
    for child, up in parent.items():
        assert scene.nodes[child].x() > scene.nodes[up].x()
    # No two boxes overlap.
    boxes = sorted((node.x(), node.y()) for node in scene.nodes.values())
    height = scene.layout_style.node_height
    for (x1, y1), (x2, y2) in itertools.pairwise(boxes):
        assert x1 != x2 or y2 - y1 >= height
    expected = {line.key: line.value for line in relay_figures(window.services.db).lines()}
    assert {line.key: line.value for line in panel.figures.lines} == expected
    text = panel.figures.toPlainText()
    assert all(value in text for value in expected.values())
    assert "Legenda" in text and "introducee" in text
    window.close()


def test_searching_a_name_highlights_their_chain(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = relay_panel(window)
    parent = referrers(demo_path)
    # Someone in the middle of a chain: brought in, and brought someone in.
    middle = min(person for person in parent if person in parent.values())
    name = name_of(demo_path, middle)
    panel.search.setFocus()
    panel.search.setText(name)
    qtbot.waitUntil(lambda: panel.scene is not None and panel.scene.focus == middle)
    scene = panel.scene
    assert scene is not None
    assert scene.highlighted == chain_and_below(parent, middle)
    assert panel.match_label.text() == "1 van 1"
    for person, node in scene.nodes.items():
        assert node.highlighted == (person in scene.highlighted)
        assert node.opacity() == (1.0 if node.highlighted else pytest.approx(0.18))
    QTest.keyClick(panel.search, Qt.Key.Key_Escape)
    assert scene.focus is None and scene.highlighted == set()
    panel.search.setText("niemand-heet-zo")
    qtbot.waitUntil(lambda: panel.match_label.text() == "Niet in dit beeld")
    window.close()


def test_folding_a_branch_by_clicking_its_button(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = relay_panel(window)
    parent = referrers(demo_path)
    scene = panel.scene
    assert scene is not None
    starter = max(
        (person for person in parent.values() if person not in parent),
        key=lambda person: len(chain_and_below(parent, person)),
    )
    below = chain_and_below(parent, starter) - {starter}
    panel.view.actual_size()
    node = scene.nodes[starter]
    panel.view.centerOn(node)
    point = panel.view.mapFromScene(node.mapToScene(node.toggle.center()))
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: starter in scene.collapsed)
    assert not below & set(scene.nodes)
    assert scene.nodes[starter].hidden == len(below)
    # Searching someone in the folded branch unfolds it.
    hidden = max(below)
    panel.search.setText(name_of(demo_path, hidden))
    qtbot.waitUntil(lambda: scene.focus == hidden)
    assert below <= set(scene.nodes)
    # A click on the box itself highlights that person's chain.
    panel.clear_search()
    node = scene.nodes[starter]
    panel.view.centerOn(node)
    point = panel.view.mapFromScene(node.mapToScene(QPointF(30, 10)))
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert scene.focus == starter
    window.close()


def test_double_clicking_a_person_opens_their_page(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = relay_panel(window)
    scene = panel.scene
    assert scene is not None
    person = next(iter(scene.nodes))
    node = scene.nodes[person]
    panel.view.actual_size()
    panel.view.centerOn(node)
    point = panel.view.mapFromScene(node.mapToScene(QPointF(40, 10)))
    QTest.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    dialogs = [d for d in window.findChildren(PersonDialog) if d.isVisible()]
    assert [dialog.person_id for dialog in dialogs] == [person]
    assert dialogs[0].title.text() == name_of(demo_path, person)
    window.close()


def test_period_and_location_change_the_figures(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = relay_panel(window)
    db = window.services.db
    panel.location.setCurrentIndex(panel.location.findText("Wijkcentrum Het Klooster"))
    location = panel.location.currentData()
    expected = relay_figures(db, location_id=location).lines()
    assert panel.figures.lines == expected
    panel.period.setCurrentIndex(panel.period.count() - 1)  # own period
    panel.start_field.setText("1-11-2026")
    panel.end_field.setText("31 december 2026")
    panel.end_field.editingFinished.emit()
    expected = relay_figures(
        db, start=dt.date(2026, 11, 1), end=dt.date(2026, 12, 31), location_id=location
    ).lines()
    assert panel.figures.lines == expected
    scene = panel.scene
    assert scene is not None and scene.in_scope is not None
    faded = [node for person, node in scene.nodes.items() if person not in scene.in_scope]
    assert faded and all(node.opacity() == pytest.approx(0.4) for node in faded)
    # A date that cannot be read: told next to the fields, the figures stay.
    panel.start_field.setText("31-02-2026")
    panel.start_field.editingFinished.emit()
    panel.reload()
    assert panel.scope_error.isVisibleTo(panel)
    assert "bestaat niet" in panel.scope_error.text()
    assert panel.figures.lines == expected
    panel.period.setCurrentIndex(0)
    assert not panel.scope_error.isVisibleTo(panel)
    assert panel.scope == RelayScope(None, None, location)
    window.close()


def test_the_picture_is_saved_as_png_and_svg(qtbot: QtBot, demo_path: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = relay_panel(window)
    scene = panel.scene
    assert scene is not None
    png, svg = tmp_path / "estafette.png", tmp_path / "estafette.svg"
    assert panel.save_picture(png)
    image = QImage(str(png))
    assert not image.isNull()
    assert image.width() >= scene.sceneRect().width() * 1.9  # drawn at twice the size
    assert image.pixelColor(image.width() // 2, 2).name() == "#ffffff"
    assert panel.save_picture(svg)
    root = ET.parse(svg).getroot()
    texts = " ".join(element.text or "" for element in root.iter() if element.tag.endswith("text"))
    person = next(iter(scene.nodes))
    assert name_of(demo_path, person) in texts
    assert "Generatie 0" in texts
    shown: list[str] = []

    def read(box: object) -> None:
        shown.append(box.text())  # type: ignore[attr-defined]
        box.accept()  # type: ignore[attr-defined]

    ran = when_dialog_opens(read)
    assert not panel.save_picture(tmp_path / "no-such-folder" / "x.png")
    assert ran and "niet worden opgeslagen" in shown[0]
    window.close()


def test_the_picture_without_a_window_for_reports(demo_db: Database, qapp: QApplication) -> None:
    graph = RelayService(demo_db).graph()
    named = relay_image(graph, scale=1.0)
    anonymous = relay_image(graph, labels=LabelMode.INITIALS, scale=1.0)
    assert named.width() > 400 and named.height() > 300
    assert anonymous.size() == named.size()
    assert anonymous != named  # the initials are drawn instead of the names
    nobody = relay_image(graph, RelayScope(dt.date(2001, 1, 1), dt.date(2001, 12, 31)))
    assert nobody.width() >= 1


def test_a_generated_relay_of_500_people(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "relay500.sqlite"
    parent = {child: up for child, up in generated_relay(path, 500).items() if up is not None}
    window = open_window(qtbot, path)
    panel = relay_panel(window)
    scene = panel.scene
    assert scene is not None
    assert set(scene.nodes) == in_chains(parent)
    assert len(scene.nodes) > 300
    # Wider than a single column of trees: the trees are dealt into blocks.
    assert scene.layout.width > 2 * scene.layout.height / 3
    boxes = sorted((node.x(), node.y()) for node in scene.nodes.values())
    for (x1, y1), (x2, y2) in itertools.pairwise(boxes):
        assert x1 != x2 or y2 - y1 >= scene.layout_style.node_height
    image = panel.view.grab()
    assert not image.isNull()
    deepest = max(parent, key=lambda person: len(chain_and_below(parent, person)))
    panel.search.setText(f"Deelnemer {deepest:03d}")
    qtbot.waitUntil(lambda: scene.focus == deepest)
    assert scene.highlighted == chain_and_below(parent, deepest)
    starter = next(person for person in scene.highlighted if person not in parent)
    scene.toggle_collapsed(starter)
    assert scene.nodes[starter].hidden == len(chain_and_below(parent, starter)) - 1
    window.close()


def test_the_relay_follows_changes(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = relay_panel(window)
    scene = panel.scene
    assert scene is not None
    people = window.services.people
    starter = next(person for person in scene.nodes if scene.graph.people[person].generation == 0)
    newcomer = people.save(
        {"first_name": "Nieuwe", "last_name": "Introducee", "referral_route": "invited",
         "referrer_id": starter}
    )  # fmt: skip
    window.bus.announce("people")
    assert panel.scene is not scene
    assert panel.scene is not None and newcomer in panel.scene.nodes
    assert isinstance(panel.scene.nodes[newcomer], NodeItem)
    assert isinstance(panel.scene, RelayScene)
    window.close()
