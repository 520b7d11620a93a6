"""Benchmark of the relay: reading it, its figures, and drawing it, on a city-sized demo.

Run from the repository root:

    uv run python -m benchmarks.bench_relay                # makes a large demo first
    uv run python -m benchmarks.bench_relay --db big.sqlite --no-write

Prints, per step, the app's time (best of --repeats) and a baseline measured in the same
run: reading the rows the relay is made of with plain sqlite3, without building
anything. The ratio says what the app adds to the bare reading. Writes
benchmarks/results/relay.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RESULTS = Path(__file__).resolve().parent / "results" / "relay.json"
TODAY = dt.date(2026, 11, 25)

BARE_READ = [
    "SELECT p.id, p.first_name, p.infix, p.last_name, p.search_text, p.created_at, "
    "r.route, r.referrer_id, r.referred_on FROM people p "
    "LEFT JOIN referrals r ON r.person_id = p.id",
    "SELECT m.person_id, t.cohort_id FROM memberships m JOIN tables t ON t.id = m.table_id "
    "WHERE m.role = 'participant'",
    "SELECT i.invitee_id, i.inviter_id, t.cohort_id, s.date FROM invitations i "
    "LEFT JOIN sessions s ON s.id = i.session_id LEFT JOIN tables t ON t.id = s.table_id",
    "SELECT a.person_id, t.cohort_id, s.date FROM attendance a "
    "JOIN sessions s ON s.id = a.session_id JOIN tables t ON t.id = s.table_id "
    "WHERE a.role = 'guest'",
    "SELECT person_id, cohort_id FROM recruitment_leads",
    "SELECT c.id, c.name, c.location_id, l.name, c.start_date, c.end_date FROM cohorts c "
    "JOIN locations l ON l.id = c.location_id",
]


def best(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def bare_read(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        for statement in BARE_READ:
            connection.execute(statement).fetchall()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database to use (default: a new large demo)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    arguments = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from verbindtafel_desktop.app.change_bus import ChangeBus
    from verbindtafel_desktop.app.relay.picture import relay_image, relay_scene
    from verbindtafel_desktop.app.relay.picture_panel import RelayPicturePanel
    from verbindtafel_desktop.demo import create_demo_database
    from verbindtafel_desktop.persistence.database import open_database
    from verbindtafel_desktop.services.registry import Services
    from verbindtafel_desktop.services.relay import RelayScope
    from verbindtafel_desktop.services.relay_figures import figures_of

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["VERBINDTAFEL_DATA_DIR"] = folder
        path = arguments.db
        if path is None:
            path = Path(folder) / "large.sqlite"
            print("Making a large demo database…", flush=True)
            create_demo_database(path, size="large", today=TODAY)
        db = open_database(path)
        services = Services.for_database(db)
        graph = services.relay.graph()
        year = RelayScope(dt.date(TODAY.year, 1, 1), dt.date(TODAY.year, 12, 31))
        location = RelayScope(location_id=1)
        baseline = best(lambda: bare_read(path), arguments.repeats)

        def open_page() -> None:
            panel = RelayPicturePanel(services, ChangeBus())
            panel.resize(1200, 700)
            panel.show()
            app.processEvents()
            panel.close()
            panel.deleteLater()

        steps: list[tuple[str, Callable[[], object]]] = [
            ("read the relay", services.relay.graph),
            ("figures, everything", lambda: figures_of(graph, RelayScope())),
            ("figures, one year", lambda: figures_of(graph, year)),
            ("picture, everything", lambda: relay_scene(graph)),
            ("picture, one location", lambda: relay_scene(graph, location)),
            ("image for a report, one location", lambda: relay_image(graph, location)),
            ("open the Estafette page", open_page),
        ]
        results = []
        print(f"{len(graph.people)} people in the relay; baseline (bare sqlite3 read) "
              f"{baseline * 1000:.0f} ms")  # fmt: skip
        print(f"{'step':36} {'app ms':>8} {'ratio':>7}")
        for name, work in steps:
            seconds = best(work, arguments.repeats)
            results.append(
                {
                    "step": name,
                    "app_ms": round(seconds * 1000, 1),
                    "baseline_ms": round(baseline * 1000, 1),
                    "ratio": round(seconds / baseline, 1),
                }
            )
            print(f"{name:36} {seconds * 1000:8.0f} {seconds / baseline:7.1f}", flush=True)
        db.close()
    if not arguments.no_write:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(
            json.dumps(
                {
                    "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                    f"Python {platform.python_version()}, {platform.system()}",
                    "people_in_relay": len(graph.people),
                    "date": dt.date.today().isoformat(),
                    "results": results,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
