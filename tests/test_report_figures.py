"""Every figure of the period report on the demo database, against the independent
computation in report_expectations.py; and the rules of what may be shown."""

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa

from tests.report_expectations import Expected, Value, as_value
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.reporting.anonymity import MASKED, Anonymiser
from verbindtafel_desktop.reporting.figures import compute
from verbindtafel_desktop.reporting.method import EXPLANATIONS
from verbindtafel_desktop.reporting.model import (
    Breakdown,
    Figure,
    Kind,
    PeriodReport,
    count,
    share,
)
from verbindtafel_desktop.reporting.scope import BadPeriod, ReportScope
from verbindtafel_desktop.services.errors import NotFound
from verbindtafel_desktop.services.report_settings import ReportSettings

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
D = dt.date
SCOPES = {
    "everything in 2026": (*YEAR, {}),
    "the finished cohort while it ran": (D(2026, 8, 1), D(2026, 9, 30), {"cohort_id": 1}),
    "the second location this autumn": (D(2026, 10, 1), D(2026, 12, 31), {"location_id": 2}),
    "the first location, all time": (D(2020, 1, 1), D(2027, 6, 30), {"location_id": 1}),
    "a period before anything happened": (D(2025, 1, 1), D(2025, 6, 30), {}),
    # Starts on the day of a table's first session: those people are new.
    "the running cohort from its first day": (D(2026, 11, 2), D(2026, 11, 30), {"cohort_id": 2}),
}


def actual(figure: Figure) -> Value:
    kind = figure.kind.value
    if kind == "count":
        return as_value("count", int(figure.value or 0))
    if kind == "share":
        return as_value("share", figure.part, figure.whole)
    if kind == "number":
        return as_value("number", float(figure.value or 0.0))
    value = None if figure.value is None else float(figure.value)
    return as_value(kind, value, figure.whole)


def location_of(db: Database, scope: dict[str, int]) -> int | None:
    if "cohort_id" in scope:
        with db.engine.connect() as connection:
            return int(
                connection.execute(
                    sa.text("SELECT location_id FROM cohorts WHERE id = :c"),
                    {"c": scope["cohort_id"]},
                ).scalar_one()
            )
    return scope.get("location_id")


def cohorts_of(db: Database, scope: dict[str, int]) -> list[int] | None:
    if "cohort_id" in scope:
        return [scope["cohort_id"]]
    if "location_id" in scope:
        with db.engine.connect() as connection:
            return list(
                connection.execute(
                    sa.text("SELECT id FROM cohorts WHERE location_id = :l"),
                    {"l": scope["location_id"]},
                ).scalars()
            )
    return None


def report_and_expected(
    db: Database, start: dt.date, end: dt.date, scope: dict[str, Any]
) -> tuple[PeriodReport, Expected]:
    report = compute(db, ReportScope(start, end, **scope), ReportSettings(5, 2.5))
    with db.engine.connect() as connection:
        expected = Expected(connection, start, end, cohorts_of(db, scope)).compute(
            db, location_of(db, scope)
        )
    return report, expected


@pytest.mark.parametrize("name", list(SCOPES))
def test_every_figure_matches_an_independent_computation(demo_db: Database, name: str) -> None:
    start, end, scope = SCOPES[name]
    report, expected = report_and_expected(demo_db, start, end, scope)
    assert {figure.key for figure in report.figures} == set(expected.figures)
    for figure in report.figures:
        assert actual(figure) == expected.figures[figure.key], figure.key
    assert {b.key for b in report.breakdowns} == set(expected.breakdowns)
    for breakdown in report.breakdowns:
        assert breakdown.rows == expected.breakdowns[breakdown.key], breakdown.key


def test_the_demo_year_is_not_an_empty_report(demo_db: Database) -> None:
    """The comparisons above mean something: the demo has substance in every topic."""
    report, _expected = report_and_expected(demo_db, *YEAR, {})
    assert report.figure("reach.participants").count > 30
    assert report.figure("reach.guests").count > 10
    assert report.figure("activity.sessions_held").count > 20
    assert report.figure("activity.sessions_cancelled").count >= 1
    assert report.figure("activity.trajectories").count > 10
    assert 0 < report.figure("activity.completed").part < report.figure("activity.completed").whole
    assert report.figure("outcomes.pairs").count >= 10
    assert report.figure("outcomes.incomplete").count >= 1
    assert report.figure("outcomes.change").value is not None
    assert report.figure("lasting.ties_t1").count > 5
    assert report.figure("lasting.activity_share").part >= 3
    assert len(report.breakdown("reach.by_route").rows) >= 5
    # Different scopes give different answers.
    cohort, _e = report_and_expected(
        demo_db, *SCOPES["the finished cohort while it ran"][:2], {"cohort_id": 1}
    )
    assert 0 < cohort.figure("reach.participants").count < report.figure("reach.participants").count


def test_report_scope_mistakes_are_explained(demo_db: Database) -> None:
    settings = ReportSettings()
    with pytest.raises(BadPeriod, match="vóór zij begint"):
        compute(demo_db, ReportScope(dt.date(2026, 2, 1), dt.date(2026, 1, 1)), settings)
    with pytest.raises(NotFound, match="Locatie 99"):
        compute(demo_db, ReportScope(*YEAR, location_id=99), settings)
    with pytest.raises(NotFound, match="Lichting 42"):
        compute(demo_db, ReportScope(*YEAR, cohort_id=42), settings)
    with pytest.raises(NotFound, match="hoort niet bij de gekozen locatie"):
        compute(demo_db, ReportScope(*YEAR, location_id=2, cohort_id=1), settings)
    with pytest.raises(NotFound, match="Financier 7"):
        compute(demo_db, ReportScope(*YEAR, funder_id=7), settings)
    with pytest.raises(BadPeriod, match="10 jaar"):
        compute(demo_db, ReportScope(dt.date(2000, 1, 1), dt.date(2026, 1, 1)), settings)


def test_the_funder_and_its_grant_for_the_period(demo_db: Database) -> None:
    report = compute(demo_db, ReportScope(*YEAR, funder_id=1), ReportSettings())
    assert report.funder == "Gemeente Rotterdam"
    assert report.grants == (
        "€ 45.000,- (Subsidie welzijn en ontmoeting), 01-01-2026 t/m 31-12-2026",
    )
    before = compute(
        demo_db,
        ReportScope(dt.date(2025, 1, 1), dt.date(2025, 12, 31), funder_id=1),
        ReportSettings(),
    )
    assert before.grants == ()


def test_every_figure_is_explained(demo_db: Database) -> None:
    report = compute(demo_db, ReportScope(*YEAR), ReportSettings())
    keys = {f.key for f in report.figures} | {b.key for b in report.breakdowns}
    assert keys == set(EXPLANATIONS)


# --- what may be shown --------------------------------------------------------------
def test_counts_from_one_to_four_are_shown_as_less_than_five() -> None:
    anonymiser = Anonymiser(5)
    shown = {n: anonymiser.figure(count("x", "x", n)).text for n in range(0, 8)}
    assert shown == {0: "0", 1: "<5", 2: "<5", 3: "<5", 4: "<5", 5: "5", 6: "6", 7: "7"}
    assert anonymiser.count(3).number is None and anonymiser.count(5).number == 5
    # The threshold is a setting.
    assert Anonymiser(10).count(9).text == "<10"
    assert Anonymiser(10).count(10).text == "10"
    assert Anonymiser(2).count(1).text == "<2"


@pytest.mark.parametrize(
    ("part", "whole", "percent"),
    [
        (10, 40, "25%"),
        (0, 40, "0%"),  # nobody: a zero identifies no one
        (40, 40, "100%"),
        (3, 40, "–"),  # the part is small
        (37, 40, "–"),  # the rest (3) is small
        (36, 40, "–"),  # the rest (4) is small
        (35, 40, "88%"),
        (5, 8, "–"),  # the rest (3) is small
        (2, 4, "–"),  # everything small
        (0, 0, "–"),  # nothing to take a share of
    ],
)
def test_a_percentage_that_would_reveal_a_small_group_is_left_out(
    part: int, whole: int, percent: str
) -> None:
    shown = Anonymiser(5).figure(share("x", "x", part, whole))
    assert shown.percent == percent
    assert shown.text == ("<5" if 0 < part < 5 else str(part))


def test_averages_of_small_groups_are_left_out() -> None:
    anonymiser = Anonymiser(5)
    small = Figure("m", "m", Kind.MEAN, value=3.25, whole=4)
    big = Figure("m", "m", Kind.MEAN, value=3.25, whole=5)
    change = Figure("c", "c", Kind.CHANGE, value=0.75, whole=12)
    down = Figure("c", "c", Kind.CHANGE, value=-1.04, whole=12)
    assert anonymiser.figure(small).text == "–" and anonymiser.figure(small).number is None
    assert (anonymiser.figure(big).text, anonymiser.figure(big).number) == ("3,2", 3.2)
    assert anonymiser.figure(change).text == "+0,8"
    assert (anonymiser.figure(down).text, anonymiser.figure(down).number) == ("-1,0", -1.0)


def rendered(breakdown: Breakdown, minimum: int = 5) -> list[tuple[str, str, str]]:
    rows, total = Anonymiser(minimum).breakdown(breakdown)
    return [(r.category, r.count.text, r.count.percent) for r in rows] + [
        ("totaal", total.text, "")
    ]


def test_one_hidden_cell_in_a_distribution_hides_the_smallest_other_one_too() -> None:
    gender = Breakdown("g", "g", (("vrouw", 30), ("man", 12), ("anders", 2), ("onbekend", 0)))
    assert rendered(gender) == [
        ("vrouw", "30", "68%"),
        ("man", MASKED, "–"),  # else 44 − 30 − 0 would give "anders" away
        ("anders", "<5", "–"),
        ("onbekend", "0", "0%"),
        ("totaal", "44", ""),
    ]
    # Two hidden cells cannot be told apart from the total: nothing more to hide.
    two = Breakdown("g", "g", (("a", 30), ("b", 3), ("c", 1)))
    assert rendered(two) == [
        ("a", "30", "88%"),
        ("b", "<5", "–"),
        ("c", "<5", "–"),
        ("totaal", "34", ""),
    ]
    # A small total hides everything.
    tiny = Breakdown("g", "g", (("a", 3), ("b", 0)))
    assert rendered(tiny) == [("a", "<5", "–"), ("b", "0", "–"), ("totaal", "<5", "")]
    # Nothing small, nothing hidden.
    plain = Breakdown("g", "g", (("a", 5), ("b", 15)))
    assert rendered(plain) == [("a", "5", "25%"), ("b", "15", "75%"), ("totaal", "20", "")]


def test_no_hidden_cell_can_be_recomputed_from_the_shown_ones() -> None:
    """Brute force over small distributions: whenever a total is shown, the hidden cells
    are never exactly one, so none of them can be found by subtraction."""
    anonymiser = Anonymiser(5)
    for a in range(0, 9):
        for b in range(0, 9):
            for c in range(0, 9):
                rows, total = anonymiser.breakdown(
                    Breakdown("x", "x", (("a", a), ("b", b), ("c", c)))
                )
                hidden = [row for row in rows if row.count.number is None]
                if total.number is not None:
                    assert len(hidden) != 1, (a, b, c)
                for row in rows:
                    if row.count.number is None:
                        assert row.count.fraction is None
