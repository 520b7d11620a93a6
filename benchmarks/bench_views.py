"""The attendance grid and the start screen for the largest cohort of a city-sized
database, against the raw queries behind them.

Run from the repository root:

    uv run python -m benchmarks.bench_views                  # makes a large demo first
    uv run python -m benchmarks.bench_views --db big.sqlite --repeats 9

The cohort is the one with the most participants that is not archived; each is timed
twice, as data (the service call) and on screen (the page showing it, painted):

- attendance grid: `AttendanceService.grid` of each table of that cohort; on screen, the
  Traject page opened on each table's attendance grid (header, sessions, what the group
  said, the grid);
- start screen: `DashboardService.figures` on a day that cohort runs; on screen, Overzicht
  refreshed and painted (this week's sessions, who to call, the running cohorts'
  progress, the counts).

The baseline is the same SELECT statements the app ran for it (captured from SQLAlchemy),
executed with plain sqlite3 and fetched, building nothing: the ratio is what the services,
the models and the painting add. Target: at most 3x, for the data, which is what the
raw queries are a baseline for. The on-screen lines are reported beside them without a
target: painting a page of widgets takes milliseconds, the queries behind it a fraction
of one, so that ratio says how fast Qt paints more than how well the app reads. Medians
of --repeats runs in turns, on Qt's offscreen platform. Writes
benchmarks/results/views.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import event

from benchmarks.common import Result, large_demo, median_pair, print_results, write_results

TARGET_RATIO = 3.0

Statements = list[tuple[str, Any]]


def captured(db: Any, work: Callable[[], object]) -> Statements:
    """The SELECT statements `work` runs, with their parameters."""
    found: Statements = []

    def remember(_connection: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            found.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        work()
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    return found


def replay(connection: sqlite3.Connection, statements: Statements) -> None:
    for statement, parameters in statements:
        connection.execute(statement, parameters).fetchall()


def largest_cohort(connection: sqlite3.Connection) -> tuple[int, list[int], dt.date]:
    cohort, start = connection.execute(
        "SELECT t.cohort_id, c.start_date FROM memberships m "
        "JOIN tables t ON t.id = m.table_id JOIN cohorts c ON c.id = t.cohort_id "
        "WHERE m.role = 'participant' AND c.archived = 0 "
        "GROUP BY t.cohort_id ORDER BY count(*) DESC, t.cohort_id LIMIT 1"
    ).fetchone()
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT id FROM tables WHERE cohort_id = ? ORDER BY id", (cohort,)
        )
    ]
    return cohort, tables, dt.date.fromisoformat(start) + dt.timedelta(weeks=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a large database (default: a new large demo)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    arguments = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from verbindtafel_desktop.app.change_bus import ChangeBus
    from verbindtafel_desktop.app.pages.dashboard import DashboardPage
    from verbindtafel_desktop.app.pages.trajectory import TrajectoryPage
    from verbindtafel_desktop.persistence.database import open_database
    from verbindtafel_desktop.services.registry import Services

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["VERBINDTAFEL_DATA_DIR"] = folder
        path = arguments.db.resolve() if arguments.db else large_demo(Path(folder))
        db = open_database(path)
        services = Services.for_database(db)
        raw = sqlite3.connect(path)
        cohort, tables, running_day = largest_cohort(raw)
        bus = ChangeBus()

        def measured(
            name: str, work: Callable[[], object], note: str = "", *, judged: bool = True
        ) -> Result:
            statements = captured(db, work)
            app_time, raw_time = median_pair(
                arguments.repeats, work, lambda: replay(raw, statements)
            )
            return Result(
                name,
                app_time,
                raw_time,
                "the same SELECTs with plain sqlite3",
                target_ratio=TARGET_RATIO if judged else None,
                note=f"{note}{', ' if note else ''}{len(statements)} queries",
            )

        trajectory = TrajectoryPage(services, bus)
        trajectory.resize(1200, 760)
        trajectory.show()
        app.processEvents()

        def grids_on_screen() -> None:
            for table_id in tables:
                trajectory.show_item(("attendance", table_id))
                trajectory.repaint()

        def grids() -> None:
            for table_id in tables:
                services.attendance.grid(table_id)

        where = f"cohort {cohort}, {len(tables)} tables"
        results = [
            measured("attendance grid of each table: data", grids, where),
            measured(
                "attendance grid of each table: on screen",
                grids_on_screen,
                where,
                judged=False,
            ),
        ]
        trajectory.close()

        dashboard = DashboardPage(services, bus)
        dashboard.resize(1200, 760)
        dashboard.show()
        app.processEvents()

        def start_screen() -> None:
            dashboard.set_today(running_day)
            dashboard.repaint()

        start_screen()
        running = f"{dashboard.cohort_model.rowCount()} running cohorts"
        results += [
            measured(
                "start screen: data",
                lambda: services.dashboard.figures(running_day),
                running,
            ),
            measured("start screen: on screen", start_screen, running, judged=False),
        ]
        dashboard.close()
        raw.close()
        db.close()

    print_results(results)
    if not arguments.no_write:
        write_results("views", results, repeats=arguments.repeats)
    return 0 if all(result.passed is not False for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
