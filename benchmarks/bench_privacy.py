"""Benchmark of the privacy work on a city-sized database.

Run from the repository root:

    uv run python -m benchmarks.bench_privacy            # the large demo
    uv run python -m benchmarks.bench_privacy --size small

Makes the demo database (`--size large`: 13,000 people) and times what staff wait for:
the retention list, the confirmation of "forget this person" (which looks for mentions in
every text), an access export, a person saved through the form (with its audit entry),
and anonymising everyone past the retention period. Each is printed next to a baseline
measured in the same run with plain sqlite3 on the same file, with the ratio. Writes
benchmarks/results/privacy.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import DEMO_TODAY, Result, best_of, print_results, write_results
from verbindtafel_desktop.demo import create_demo_database
from verbindtafel_desktop.exports.registry import export
from verbindtafel_desktop.exports.scope import ExportScope
from verbindtafel_desktop.persistence.audit_log import person_columns
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.mentions import text_columns
from verbindtafel_desktop.services.registry import Services

LATER = dt.date(2029, 6, 1)  # when the demo's older cohorts are past two years


def last_sessions(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(
            "SELECT a.person_id, max(s.date) FROM attendance a JOIN sessions s "
            "ON s.id = a.session_id GROUP BY a.person_id"
        ).fetchall()


def read_texts(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        for table, column in text_columns():
            connection.execute(f'SELECT rowid, "{column}" FROM "{table}"').fetchall()


def read_person(path: Path, person: int) -> None:
    with sqlite3.connect(path) as connection:
        for table, columns in person_columns().items():
            condition = " OR ".join(f"{column} = ?" for column in columns)
            connection.execute(
                f"SELECT * FROM {table} WHERE {condition}", [person] * len(columns)
            ).fetchall()


def update_person(path: Path, person: int) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE people SET phone = '06-12345678' WHERE id = ?", (person,))


def blank_people(path: Path, people: list[int]) -> None:
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "UPDATE people SET first_name = '', last_name = '', phone = '', email = '', "
            "notes = '' WHERE id = ?",
            [(person,) for person in people],
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "large"), default="large")
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    repeats = arguments.repeats
    with tempfile.TemporaryDirectory() as folder:
        os.environ["VERBINDTAFEL_DATA_DIR"] = folder
        path = Path(folder) / "centrum.sqlite"
        counts = create_demo_database(path, size=arguments.size, today=DEMO_TODAY)
        size_mb = path.stat().st_size / 1e6
        print(f"demo {arguments.size}: {counts['people']} personen, {size_mb:.1f} MB")
        spare = Path(folder) / "kopie.sqlite"
        shutil.copyfile(path, spare)
        db = open_database(path)
        services = Services.for_database(db)
        graph = services.relay.graph()
        link = next(person for person in graph.people if graph.children.get(person))
        target = Path(folder) / "inzage.json"
        values = services.people.form_values(link)
        due = [person.person_id for person in services.retention.due(LATER)]
        rows: list[tuple[str, Callable[[], object], str, Callable[[], object], int]] = [
            (
                "retention list",
                lambda: services.retention.due(LATER),
                "last session per person (sqlite3)",
                lambda: last_sessions(path),
                repeats,
            ),
            (
                "confirmation of forgetting (plan, mentions)",
                lambda: services.anonymisation.erasure_plan(link),
                "read every text column (sqlite3)",
                lambda: read_texts(path),
                repeats,
            ),
            (
                "access export, JSON",
                lambda: export(db, "person", ExportScope(person_id=link), target),
                "select the person's rows (sqlite3)",
                lambda: read_person(path, link),
                repeats,
            ),
            (
                "save a person through the form, with audit entry",
                lambda: services.people.save(values, link),
                "update one person (sqlite3)",
                lambda: update_person(spare, link),
                repeats,
            ),
            (
                f"anonymise {len(due)} people past retention",
                lambda: services.anonymisation.anonymise(due, "bewaartermijn verstreken"),
                f"blank {len(due)} people (sqlite3)",
                lambda: blank_people(spare, due),
                1,  # it changes the data: once
            ),
        ]
        results = []
        for name, work, baseline_name, baseline_work, times in rows:
            baseline = best_of(times, baseline_work)
            results.append(
                Result(f"privacy: {name}", best_of(times, work), baseline, baseline_name)
            )
        db.close()
    print_results(results)
    write_results(
        "privacy",
        results,
        size=arguments.size,
        database_mb=round(size_mb, 1),
        people=counts["people"],
        best_of=repeats,  # the fastest of this many runs (anonymising: once, it changes data)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
