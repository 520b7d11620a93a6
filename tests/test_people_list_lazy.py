"""The people list with a few thousand people: it filters as you type, letter by letter,
and only ever fetches the rows it paints (the model holds ids; rows come in batches)."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.list_page import ListPage
from verbindtafel_desktop.app.pages.people import people_page
from verbindtafel_desktop.app.query_model import LazyQueryModel
from verbindtafel_desktop.domain.enums import MembershipRole, MembershipStatus
from verbindtafel_desktop.domain.models import Membership
from verbindtafel_desktop.services.people import PERSON_FIELDS, insert_people
from verbindtafel_desktop.services.registry import Services

PEOPLE = 3_000
FIRST_NAMES = ["Anna", "Mohamed", "Fatma", "Kees", "Samira", "Joost", "Dewi", "Rui"]


def person(number: int) -> dict[str, Any]:
    values: dict[str, Any] = {key: "" for key in PERSON_FIELDS}
    values.update(date_of_birth=None, gender=None, consent_date=None)
    # Every seventh person is a Kowalczyk; the others have a number in their surname.
    last = f"Kowalczyk {number:04d}" if number % 7 == 0 else f"Achternaam {number:04d}"
    values.update(
        first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
        last_name=last,
        phone=f"06-{number:08d}",
    )
    return values


@pytest.fixture
def many(services: Services) -> list[int]:
    with services.db.engine.begin() as connection:
        return insert_people(connection, [person(number) for number in range(PEOPLE)])


@pytest.fixture
def page(qtbot: QtBot, services: Services, many: list[int]) -> ListPage:
    page = people_page(services, ChangeBus())
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown_names(model: LazyQueryModel, rows: Sequence[int]) -> list[str]:
    return [str(model.data(model.index(row, 0))) for row in rows]


def visible_rows(page: ListPage) -> range:
    view = page.view
    first = view.rowAt(0)
    last = view.rowAt(view.viewport().height() - 1)
    return range(first, (last if last >= 0 else page.model.rowCount() - 1) + 1)


def test_opening_the_list_fetches_one_batch_not_everyone(page: ListPage) -> None:
    model = page.model
    assert model.rowCount() == PEOPLE
    page.view.viewport().repaint()
    rows = visible_rows(page)
    assert len(rows) > 10
    assert shown_names(model, rows)[0] == "Mohamed Achternaam 0001"  # sorted by surname
    assert 0 < model.rows_loaded <= LazyQueryModel.BATCH_SIZE


def test_typing_filters_letter_by_letter_without_fetching_everyone(
    qtbot: QtBot, page: ListPage, many: list[int]
) -> None:
    model = page.model
    kowalczyks = [many[number] for number in range(0, PEOPLE, 7)]  # in surname order
    typed = ""
    for text, wanted in (
        ("k", None),
        ("ko", None),
        ("kow", kowalczyks),
        ("kowalczyk 2", None),
        ("kowalczyk 2996", [many[2996]]),
    ):
        for letter in text[len(typed) :]:  # one key at a time, as a user types
            QTest.keyClicks(page.search, letter)
        typed = text
        qtbot.waitUntil(lambda text=text: model.query.search == text)
        page.view.viewport().repaint()
        if wanted is not None:
            assert [model.id_at(row) for row in range(model.rowCount())] == wanted, typed
        for name in shown_names(model, visible_rows(page)):
            assert all(word in name.lower() for word in typed.split()), (typed, name)
        assert 0 < model.rows_loaded <= LazyQueryModel.BATCH_SIZE, typed  # never everyone


def test_scrolling_fetches_batches_and_keeps_a_bounded_cache(qtbot: QtBot, page: ListPage) -> None:
    model = page.model
    page.view.scrollToBottom()
    page.view.viewport().repaint()
    names = shown_names(model, visible_rows(page))
    last_kowalczyk = max(range(0, PEOPLE, 7))  # their surname sorts after "Achternaam"
    assert names[-1] == f"{FIRST_NAMES[last_kowalczyk % 8]} Kowalczyk {last_kowalczyk:04d}"
    assert model.rows_loaded <= 2 * LazyQueryModel.BATCH_SIZE
    for row in range(0, PEOPLE, 50):  # touch every row, as a long scroll would
        model.row_data(row)
    assert len(model._cache) <= LazyQueryModel.CACHE_ROWS


def test_the_table_and_status_filters_show_exactly_their_people(
    qtbot: QtBot, services: Services, page: ListPage, many: list[int]
) -> None:
    location = services.locations.save({"name": "De Ooievaar"})
    cohort = services.cohorts.save(
        {"name": "Najaar", "location_id": location, "start_date": dt.date(2026, 9, 1)}
    )
    table = services.tables.save({"name": "Tafel Zon", "cohort_id": cohort, "capacity": 8})
    seated = many[10:18]
    with services.db.session() as session:
        for number, person_id in enumerate(seated):
            status = MembershipStatus.ACTIVE if number < 5 else MembershipStatus.DROPPED_OUT
            session.add(
                Membership(
                    person_id=person_id,
                    table_id=table,
                    role=MembershipRole.PARTICIPANT,
                    status=status,
                )
            )
    page.bus.announce("memberships")
    table_box = page.filter_boxes["table_id"]
    table_box.setCurrentIndex(table_box.findData(table))
    model = page.model
    assert sorted(model.id_at(row) for row in range(model.rowCount())) == sorted(seated)
    status_box = page.filter_boxes["status"]
    status_box.setCurrentIndex(status_box.findData(MembershipStatus.ACTIVE))
    assert sorted(model.id_at(row) for row in range(model.rowCount())) == sorted(seated[:5])
    QTest.keyClicks(page.search, "0013")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.id_at(0) == many[13]
