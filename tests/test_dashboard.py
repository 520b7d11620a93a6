"""The start screen's figures on the demo database, against counts made here in plain SQL."""

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from tests.conftest import DEMO_TODAY
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.registry import Services


def rows(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def one(path: Path, sql: str, *params: object) -> int:
    return int(rows(path, sql, *params)[0][0])


def test_dashboard_figures_match_an_independent_count(demo_db: Database, demo_path: Path) -> None:
    figures = Services.for_database(demo_db).dashboard.figures(DEMO_TODAY)
    # 25 November 2026 is a Wednesday: the week runs from Monday 23 to Sunday 29.
    monday, sunday = "2026-11-23", "2026-11-29"
    assert (figures.week_start, figures.week_end) == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))

    week = one(
        demo_path, "SELECT count(*) FROM sessions WHERE date BETWEEN ? AND ?", monday, sunday
    )
    assert week > 0
    assert len(figures.week_sessions) == week
    assert all(monday <= str(s.date) <= sunday for s in figures.week_sessions)

    open_calls = one(demo_path, "SELECT count(*) FROM follow_ups WHERE done_at IS NULL")
    assert open_calls > 0
    assert len(figures.follow_ups) == open_calls
    phones = {
        row[0]
        for row in rows(
            demo_path,
            "SELECT p.phone FROM follow_ups f JOIN people p ON p.id = f.person_id "
            "WHERE f.done_at IS NULL",
        )
    }
    assert {item.phone for item in figures.follow_ups} == phones

    running = [
        row[0]
        for row in rows(
            demo_path,
            "SELECT id FROM cohorts WHERE archived = 0 AND start_date <= ? "
            "AND (end_date IS NULL OR end_date >= ?) ORDER BY start_date",
            str(DEMO_TODAY),
            str(DEMO_TODAY),
        )
    ]
    assert len(running) == 1
    assert [c.cohort_id for c in figures.cohorts] == running
    (progress,) = figures.cohorts
    cohort = running[0]
    in_cohort = "JOIN tables t ON t.id = s.table_id WHERE t.cohort_id = ?"
    held = one(
        demo_path, f"SELECT count(*) FROM sessions s {in_cohort} AND s.status = 'held'", cohort
    )
    not_cancelled = one(
        demo_path,
        f"SELECT count(*) FROM sessions s {in_cohort} AND s.status <> 'cancelled'",
        cohort,
    )
    assert (progress.sessions_held, progress.sessions_planned) == (held, not_cancelled)
    present, recorded = (
        sqlite3.connect(demo_path)
        .execute(
            "SELECT sum(a.status = 'present'), count(*) FROM attendance a "
            "JOIN sessions s ON s.id = a.session_id JOIN tables t ON t.id = s.table_id "
            "WHERE t.cohort_id = ? AND s.status = 'held' AND a.role = 'member'",
            (cohort,),
        )
        .fetchone()
    )
    assert progress.attendance_rate is not None
    assert abs(progress.attendance_rate - present / recorded) < 1e-9
    assert progress.present_per_session is not None
    assert abs(progress.present_per_session - present / held) < 1e-9

    def distinct(role_sql: str, *params: object) -> int:
        return one(demo_path, role_sql, *params)

    members = (
        "SELECT count(DISTINCT m.person_id) FROM memberships m JOIN tables t ON t.id = m.table_id "
        "WHERE m.role = ?"
    )
    guests = (
        "SELECT count(DISTINCT a.person_id) FROM attendance a "
        "JOIN sessions s ON s.id = a.session_id JOIN tables t ON t.id = s.table_id "
        "WHERE a.role = 'guest'"
    )
    assert figures.total.participants == distinct(members, "participant") == 61
    assert figures.total.facilitators == distinct(members, "facilitator") == 8
    assert figures.total.guests == distinct(guests)
    assert figures.running.participants == distinct(
        members + " AND t.cohort_id = ?", "participant", cohort
    )
    assert figures.running.facilitators == distinct(
        members + " AND t.cohort_id = ?", "facilitator", cohort
    )
    assert figures.running.guests == distinct(guests + " AND t.cohort_id = ?", cohort)
    assert 0 < figures.running.guests < figures.total.guests
