"""The hot queries use indexes: their plans read no big table in full where they need a part.

Every SELECT a hot path runs is captured and SQLite is asked for its plan (EXPLAIN QUERY
PLAN, with the same parameters). Without statistics (the app runs no ANALYZE) the plan
depends on the schema and the statement, not on the amount of data, so the demo shows the
plans a city-sized database gets. Two rules:

- scoped work (a table's grid, a week, the running cohorts, a search, a filter, a page of
  rows, one person's relay) never scans a big table;
- whole-data reads (the relay picture, the all-time totals, everyone in the list) read a
  big table at most once, as the outer loop, and find whatever they join through an index:
  no scan inside a loop, no correlated subquery that scans.

A scan of a partial index reads only the rows that index holds, so it counts as a search;
a search on a column of a few values (archived, status, role) reads a large part of the
table, so it counts as a scan.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from tests.conftest import DEMO_TODAY
from verbindtafel_desktop.domain.enums import AttendanceRole, MembershipRole, MembershipStatus
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.follow_ups import sync_follow_ups
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.registry import Services

BIG_TABLES = {"people", "attendance", "memberships", "sessions", "invitations", "referrals"}
FEW_VALUES = {"archived", "status", "role"}
LOOP = re.compile(
    r"(SCAN|SEARCH) (\w+)(?: AS \w+)?(?: USING (AUTOMATIC )?.*?INDEX (\w+))?(?: \((.*)\))?"
)


@dataclass(frozen=True)
class Step:
    parent: int
    detail: str


@contextmanager
def selects(db: Database) -> Iterator[list[tuple[str, Any]]]:
    found: list[tuple[str, Any]] = []

    def remember(_connection: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            found.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        yield found
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)


def aliases(statement: str) -> dict[str, str]:
    names = {name: name for name in BIG_TABLES}
    for table, alias in re.findall(r"\b(\w+) AS (\w+)", statement):
        if table in BIG_TABLES:
            names[alias] = table
    return names


def partial_indexes(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return {
            name
            for name, sql in connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
            if " WHERE " in sql.upper()
        }


def full_reads(db: Database, statement: str, parameters: Any) -> list[tuple[str, bool]]:
    """Each scan of a big table in the plan, and whether it is the outer loop of a
    statement run once (True) or sits inside a loop or a correlated subquery (False)."""
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    steps = {row[0]: Step(row[1], row[3]) for row in rows}
    tables = aliases(statement)
    partial = partial_indexes(db)
    found = []
    for step_id, step in steps.items():
        match = LOOP.match(step.detail)
        if match is None or tables.get(match.group(2)) is None:
            continue
        automatic, index, constraints = match.group(3), match.group(4), match.group(5)
        on_few_values = (
            constraints is not None and set(re.findall(r"(\w+)[=<>]", constraints)) <= FEW_VALUES
        )
        scans = match.group(1) == "SCAN" or automatic is not None or on_few_values
        if not scans or (index in partial and not automatic):
            continue
        loops_before = [
            other_id
            for other_id, other in steps.items()
            if other.parent == step.parent and other_id < step_id and LOOP.match(other.detail)
        ]
        correlated = False
        parent = step.parent
        while parent in steps:
            correlated = correlated or steps[parent].detail.startswith("CORRELATED")
            parent = steps[parent].parent
        found.append((step.detail, not loops_before and not correlated))
    return found


def plans(db: Database, work: Callable[[], object]) -> list[tuple[str, list[tuple[str, bool]]]]:
    with selects(db) as statements:
        work()
    assert statements, "nothing was read"
    return [(statement, full_reads(db, statement, params)) for statement, params in statements]


def assert_scoped(db: Database, work: Callable[[], object]) -> None:
    for statement, reads in plans(db, work):
        assert reads == [], f"reads a big table in full: {reads}\n{statement}"


def assert_whole_data(db: Database, work: Callable[[], object]) -> None:
    for statement, reads in plans(db, work):
        nested = [detail for detail, outer in reads if not outer]
        assert nested == [], f"scans a big table inside a loop: {nested}\n{statement}"


@pytest.fixture
def demo_services(demo_db: Database) -> Services:
    return Services.for_database(demo_db)


def largest_table(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(
            connection.exec_driver_sql(
                "SELECT table_id FROM memberships GROUP BY table_id "
                "ORDER BY count(*) DESC, table_id LIMIT 1"
            ).scalar_one()
        )


def cohort_of(db: Database, table_id: int) -> int:
    with db.engine.connect() as connection:
        return int(
            connection.execute(
                sa.text("SELECT cohort_id FROM tables WHERE id = :id"), {"id": table_id}
            ).scalar_one()
        )


def searched_word(services: Services, table_id: int) -> str:
    """The surname of a participant at the table, for searches that find someone."""
    grid = services.attendance.grid(table_id)
    person = next(p.person_id for p in grid.people if p.role == AttendanceRole.MEMBER)
    return str(services.people.rows([person])[person]["name"]).split()[-1].lower()


# --- the people list -------------------------------------------------------------------
def test_the_people_list_filtered_reads_only_the_people_it_shows(
    demo_db: Database, demo_services: Services
) -> None:
    people = demo_services.people
    table = largest_table(demo_db)
    word = searched_word(demo_services, table)
    for query in (
        ListQuery(filters={"table_id": table}),
        ListQuery(filters={"cohort_id": cohort_of(demo_db, table)}),
        ListQuery(search=word),
        ListQuery(search=f"{word} {word[:2]}"),  # a short word beside a long one
        ListQuery(search=word[:3], filters={"table_id": table}),
        ListQuery(search=word, include_archived=True),
        ListQuery(search=word, sort_key="tables"),
    ):
        assert people.list_ids(query), query
        assert_scoped(demo_db, lambda query=query: people.list_ids(query))


def test_people_rows_and_the_picker_read_only_their_people(
    demo_db: Database, demo_services: Services
) -> None:
    people = demo_services.people
    ids = people.list_ids(ListQuery())[:100]
    assert_scoped(demo_db, lambda: people.rows(ids))
    word = searched_word(demo_services, largest_table(demo_db))
    assert_scoped(demo_db, lambda: people.find(word))


def test_everyone_in_the_list_is_read_once_in_order(
    demo_db: Database, demo_services: Services
) -> None:
    people = demo_services.people
    for query in (
        ListQuery(),
        ListQuery(include_archived=True),
        ListQuery(filters={"role": MembershipRole.PARTICIPANT}),
        ListQuery(filters={"status": MembershipStatus.ACTIVE}),  # most people
        ListQuery(search="a"),  # one or two letters: the index cannot help (see people.py)
    ):
        assert_whole_data(demo_db, lambda query=query: people.list_ids(query))


def test_a_one_or_two_letter_search_is_the_only_search_that_reads_everyone(
    demo_db: Database, demo_services: Services
) -> None:
    people = demo_services.people
    short = plans(demo_db, lambda: people.list_ids(ListQuery(search="ab")))
    assert [reads for _statement, reads in short if reads]
    assert_scoped(demo_db, lambda: people.list_ids(ListQuery(search="abc")))


# --- sessions and attendance ---------------------------------------------------------------
def test_the_attendance_grid_and_trajectory_read_one_table(
    demo_db: Database, demo_services: Services
) -> None:
    table = largest_table(demo_db)
    assert_scoped(demo_db, lambda: demo_services.attendance.grid(table))
    sessions = demo_services.sessions.of_table(table)
    assert_scoped(demo_db, lambda: demo_services.sessions.of_table(table))
    assert_scoped(demo_db, lambda: demo_services.sessions.counts([s.session_id for s in sessions]))
    assert_scoped(demo_db, lambda: demo_services.attendance.roster(sessions[0].session_id))


def test_the_follow_up_sync_of_a_table_reads_that_table(
    demo_db: Database, demo_services: Services
) -> None:
    table = largest_table(demo_db)
    rules = demo_services.settings.rules()

    def sync(tables: list[int] | None) -> None:
        with demo_db.session() as session:
            sync_follow_ups(session, rules, tables)

    assert_scoped(demo_db, lambda: sync([table]))
    assert_whole_data(demo_db, lambda: sync(None))


# --- the start screen --------------------------------------------------------------------
def test_the_start_screen_reads_this_week_and_the_running_cohorts(
    demo_db: Database, demo_services: Services
) -> None:
    dashboard = demo_services.dashboard
    running = dashboard.running_cohorts(DEMO_TODAY)
    assert running
    monday = DEMO_TODAY - dt.timedelta(days=DEMO_TODAY.weekday())
    assert_scoped(demo_db, lambda: dashboard.running_cohorts(DEMO_TODAY))
    assert_scoped(
        demo_db, lambda: demo_services.sessions.between(monday, monday + dt.timedelta(days=6))
    )
    assert_scoped(demo_db, demo_services.follow_ups.open_items)
    assert_scoped(demo_db, lambda: dashboard.cohorts_progress(running))
    assert_scoped(demo_db, lambda: dashboard.people_counts(running))
    # The totals count everyone who ever took part: one pass over an index each.
    assert_whole_data(demo_db, lambda: dashboard.people_counts(None))
    assert_whole_data(demo_db, lambda: dashboard.figures(DEMO_TODAY))


# --- the relay ------------------------------------------------------------------------------
def test_a_person_s_relay_reads_that_person(demo_db: Database, demo_services: Services) -> None:
    table = largest_table(demo_db)
    person = demo_services.attendance.grid(table).people[-1].person_id
    assert_scoped(demo_db, lambda: demo_services.person_history.history(person))


def test_the_relay_picture_reads_each_table_once(
    demo_db: Database, demo_services: Services
) -> None:
    assert_whole_data(demo_db, demo_services.relay.graph)


def test_the_rules_catch_a_scan_inside_a_loop(demo_db: Database) -> None:
    """The checks above can fail: a correlated subquery that scans is found."""
    statement = (
        "SELECT people.id, (SELECT count(*) FROM attendance "
        "WHERE attendance.status = people.first_name) FROM people WHERE people.id = 1"
    )
    assert full_reads(demo_db, statement, ()) == [("SCAN attendance", False)]
    assert full_reads(demo_db, "SELECT * FROM people AS p", ()) == [("SCAN p", True)]
