"""The relay's figures on the demo database, against an independent computation in SQL."""

import datetime as dt
import itertools
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.relay_figures import relay_figures

GENERATIONS = """
    WITH RECURSIVE tree(person_id, generation) AS (
        SELECT p.id, 0 FROM people p
        LEFT JOIN referrals r ON r.person_id = p.id
        WHERE r.referrer_id IS NULL OR r.route NOT IN ('invited', 'recruited')
        UNION ALL
        SELECT r.person_id, tree.generation + 1
        FROM referrals r JOIN tree ON r.referrer_id = tree.person_id
        WHERE r.route IN ('invited', 'recruited')
    )
    SELECT person_id, generation FROM tree
"""

PARENTS = """
    SELECT person_id, referrer_id FROM referrals
    WHERE route IN ('invited', 'recruited') AND referrer_id IS NOT NULL
"""

# Every cohort a person took part in: at a table, as a guest, on a recruitment list.
INVOLVEMENT = """
    SELECT m.person_id, t.cohort_id, 'participant', NULL
    FROM memberships m JOIN tables t ON t.id = m.table_id WHERE m.role = 'participant'
    UNION ALL
    SELECT i.invitee_id, t.cohort_id, 'guest', s.date
    FROM invitations i JOIN sessions s ON s.id = i.session_id JOIN tables t ON t.id = s.table_id
    UNION ALL
    SELECT a.person_id, t.cohort_id, 'guest', s.date
    FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN tables t ON t.id = s.table_id
    WHERE a.role = 'guest'
    UNION ALL
    SELECT person_id, cohort_id, 'lead', NULL FROM recruitment_leads
"""


def expected_figures(
    path: Path, start: dt.date | None, end: dt.date | None, location_id: int | None
) -> dict[str, object]:
    with sqlite3.connect(path) as connection:
        # The demo records a route for every guest, so the referrals alone are the relay.
        walk_ins = connection.execute(
            """SELECT count(*) FROM invitations i JOIN referrals r ON r.person_id = i.invitee_id
               WHERE r.route = 'self'"""
        ).fetchone()[0]
        assert walk_ins == 0
        cohorts = {
            cohort_id: (
                location,
                dt.date.fromisoformat(first),
                dt.date.fromisoformat(last or first),
            )
            for cohort_id, location, first, last in connection.execute(
                "SELECT id, location_id, start_date, end_date FROM cohorts"
            )
        }
        generation = dict(connection.execute(GENERATIONS).fetchall())
        parent = dict(connection.execute(PARENTS).fetchall())
        involvement = connection.execute(INVOLVEMENT).fetchall()
    chosen = {
        cohort_id
        for cohort_id, (location, first, last) in cohorts.items()
        if (location_id is None or location == location_id)
        and (start is None or last >= start)
        and (end is None or first <= end)
    }
    in_scope = {person for person, cohort_id, _kind, _day in involvement if cohort_id in chosen}
    joined: dict[int, list[dt.date]] = {}
    for person, cohort_id, kind, _day in involvement:
        if kind == "participant":
            joined.setdefault(person, []).append(cohorts[cohort_id][1])
    participants = {
        person
        for person, cohort_id, kind, _day in involvement
        if kind == "participant" and cohort_id in chosen
    }
    children = Counter(parent.values())
    brought_in = Counter(children.get(person, 0) for person in participants)

    first_visit: dict[int, dt.date] = {}
    for person, cohort_id, kind, day in involvement:
        if kind == "guest" and cohort_id in chosen:
            visit = dt.date.fromisoformat(day)
            first_visit[person] = min(visit, first_visit.get(person, visit))
    guests = [
        person
        for person, day in first_visit.items()
        if not any(started < day for started in joined.get(person, []))
    ]
    first_cohort_start = {person: min(days) for person, days in joined.items()}
    new_intake = [
        person
        for person in participants
        if any(
            cohort_id in chosen and cohorts[cohort_id][1] == first_cohort_start[person]
            for other, cohort_id, kind, _day in involvement
            if other == person and kind == "participant"
        )
    ]

    def depth(person: int) -> int:
        steps = 1
        while parent.get(person) in in_scope:
            person = parent[person]
            steps += 1
        return steps

    return {
        "people": len(in_scope),
        "reached": sum(1 for person in in_scope if person in parent),
        "generations": max((generation[person] for person in in_scope), default=0),
        "participants": len(participants),
        "brought_in_total": sum(children.get(person, 0) for person in participants),
        "brought_in_distribution": dict(brought_in),
        "guests": len(guests),
        "guests_enrolled": sum(1 for person in guests if person in joined),
        "new_intake": len(new_intake),
        "new_intake_by_participants": sum(
            1 for person in new_intake if parent.get(person) in joined
        ),
        "longest_chain_length": max((depth(person) for person in in_scope), default=0),
        "in_scope": in_scope,
        "parent": parent,
    }


SCOPES = [
    pytest.param(None, None, None, id="everything"),
    pytest.param(None, None, 1, id="first-location"),
    pytest.param(dt.date(2026, 10, 1), dt.date(2026, 12, 31), None, id="autumn"),
    pytest.param(dt.date(2026, 1, 1), dt.date(2026, 10, 15), 2, id="second-location-early"),
    pytest.param(dt.date(2026, 12, 10), None, None, id="upcoming-only"),
]


@pytest.mark.parametrize(("start", "end", "location_id"), SCOPES)
def test_figures_match_an_independent_computation(
    demo_db: Database,
    demo_path: Path,
    start: dt.date | None,
    end: dt.date | None,
    location_id: int | None,
) -> None:
    figures = relay_figures(demo_db, start=start, end=end, location_id=location_id)
    expected = expected_figures(demo_path, start, end, location_id)
    for key in (
        "people",
        "reached",
        "generations",
        "participants",
        "brought_in_total",
        "brought_in_distribution",
        "guests",
        "guests_enrolled",
        "new_intake",
        "new_intake_by_participants",
    ):
        assert getattr(figures, key) == expected[key], key
    chain = figures.longest_chain
    assert len(chain) == expected["longest_chain_length"]
    parent = expected["parent"]
    assert isinstance(parent, dict)
    assert all(parent[later] == earlier for earlier, later in itertools.pairwise(chain))
    assert set(chain) <= expected["in_scope"]  # type: ignore[operator]


def test_the_demo_shows_a_real_relay(demo_db: Database) -> None:
    figures = relay_figures(demo_db)
    assert figures.generations >= 3
    assert len(figures.longest_chain) == figures.generations + 1
    assert 0 < figures.guests_enrolled < figures.guests
    assert 0 < figures.new_intake_by_participants < figures.new_intake
    assert figures.brought_in_average is not None and figures.brought_in_average > 0


def test_every_figure_has_a_dutch_one_line_explanation(demo_db: Database) -> None:
    figures = relay_figures(demo_db, location_id=1)
    lines = figures.lines()
    assert [line.key for line in lines] == [
        "reached",
        "generations",
        "brought_in",
        "guests_enrolled",
        "new_intake",
        "longest_chain",
    ]
    for line in lines:
        assert line.title and line.value and line.explanation
        assert "\n" not in line.explanation
    by_key = {line.key: line for line in lines}
    assert by_key["reached"].value == f"{figures.reached} van {figures.people}"
    assert by_key["longest_chain"].value == f"{len(figures.longest_chain)} personen"
    share = round(100 * figures.guests_enrolled / figures.guests)
    assert by_key["guests_enrolled"].value.startswith(f"{share}%")
    average = f"{figures.brought_in_total / figures.participants:.1f}".replace(".", ",")
    assert by_key["brought_in"].value == average
    assert "niemand: " in by_key["brought_in"].detail


def test_an_empty_scope_has_no_figures_and_no_division_by_zero(demo_db: Database) -> None:
    figures = relay_figures(demo_db, start=dt.date(2001, 1, 1), end=dt.date(2001, 12, 31))
    assert (figures.people, figures.reached, figures.generations) == (0, 0, 0)
    assert figures.longest_chain == []
    assert figures.guest_enrolment_share is None
    values = {line.key: line.value for line in figures.lines()}
    assert values["brought_in"] == "–"
    assert values["guests_enrolled"].startswith("–")
