"""Benchmark of importing people from a spreadsheet (issue: 10,000 rows in a few seconds).

Run from the repository root:

    uv run python -m benchmarks.bench_import               # 10,000 rows, xlsx and csv
    uv run python -m benchmarks.bench_import --rows 50000

For each format it makes a realistic file (mixed date formats, tussenvoegsels, phone
numbers as people type them, some invalid rows and duplicates), then times the app's
import: reading, the preview (parsing, the person rules, duplicate matching against a
database that already holds people) and the commit (one transaction). The baseline,
measured in the same run on the same file, is the least any importer must do: read the
cells with openpyxl/csv and bulk-insert the same rows with plain sqlite3, with no
checks at all. Prints seconds, seconds per 1,000 rows and the ratio; writes
benchmarks/results/import.json.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.registry import Services

RESULTS = Path(__file__).resolve().parent / "results" / "import.json"
TARGET_SECONDS = 5.0  # "a few seconds" for 10,000 rows, preview and commit together

HEADERS = ["Voornaam", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Mobiel", "E-mail",
           "Postcode", "Wijk", "Opmerkingen"]  # fmt: skip
FIRST = ["Anna", "Jan", "Ayşe", "Mohamed", "Fatima", "Kees", "Maria", "Şükrü", "Łukasz",
         "Renée", "Joost", "Dewi", "Priya", "Nadia", "Henk", "Els", "Bo", "Samira", "Rui",
         "Yara"]  # fmt: skip
LAST = ["van der Berg", "de Vries", "Yılmaz", "El Amrani", "Bakker", "Jansen", "Öztürk",
        "de Jesus Tavares", "Kowalski", "Smit", "van Dijk", "Pinas", "Visser",
        "ten Brink"]  # fmt: skip
WIJKEN = ["Afrikaanderwijk", "bloemhof", "Oude Westen", "Carnisse", "Ommoord", ""]


def person_rows(count: int, seed: int = 7, first_number: int = 0) -> list[list[Any]]:
    rng = random.Random(seed)
    rows: list[list[Any]] = []
    for number in range(first_number, first_number + count):
        born = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(0, 25_000))
        written = rng.choice(
            [born.strftime("%d-%m-%Y"), f"{born.day}-{born.month}-{born.year}", born.isoformat()]
        )
        phone = rng.choice([f"06-{number:08d}", f"06{number:08d}", f"+31 6 {number:08d}", ""])
        row = [
            rng.choice(FIRST),
            "",
            f"{rng.choice(LAST)}",
            written,
            phone,
            f"persoon{number}@example.nl" if rng.random() < 0.6 else "",
            rng.choice(["3011ab", "3072 AB", "3083 CD", ""]),
            rng.choice(WIJKEN),
            rng.choice(["", "", "komt met de bus", "slechthorend"]),
        ]
        if number % 97 == 1:
            row[3] = "31-02-1950"  # invalid
        rows.append(row)
    # Some people twice within the file.
    for index in range(211, count, 211):
        rows[index] = rows[index - 1][:]
    return rows


def write_xlsx(path: Path, rows: list[list[Any]]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Deelnemers")
    sheet.append(["Deelnemerslijst"])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def write_csv(path: Path, rows: list[list[Any]]) -> None:
    with path.open("w", encoding="cp1252", errors="replace", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(rows)


def fresh_database(folder: Path, name: str, existing: int) -> Path:
    """A database that already holds `existing` people (some of whom are in the file)."""
    path = folder / name
    db = open_database(path)
    services = Services.for_database(db)
    layout = services.people_import.read(folder / "bestaand.csv")
    preview = services.people_import.preview(layout)
    services.people_import.commit(preview)
    db.close()
    assert existing
    return path


def app_import(database: Path, source: Path) -> dict[str, float | int]:
    db = open_database(database)
    try:
        importer = Services.for_database(db).people_import
        start = time.perf_counter()
        layout = importer.read(source)
        read = time.perf_counter()
        preview = importer.preview(layout)
        previewed = time.perf_counter()
        result = importer.commit(preview)
        committed = time.perf_counter()
    finally:
        db.close()
    return {
        "read_seconds": read - start,
        "preview_seconds": previewed - read,
        "commit_seconds": committed - previewed,
        "total_seconds": committed - start,
        "added": result.added,
        "skipped": result.skipped,
    }


def baseline_import(database: Path, source: Path) -> float:
    """Read the cells and bulk-insert the same people with plain sqlite3; no checks."""
    start = time.perf_counter()
    if source.suffix == ".xlsx":
        workbook = load_workbook(source, read_only=True)
        cells = list(workbook["Deelnemers"].iter_rows(values_only=True))[2:]
        workbook.close()
    else:
        with source.open(encoding="cp1252", newline="") as handle:
            cells = [tuple(row) for row in csv.reader(handle, delimiter=";")][1:]
    now = dt.datetime.now(dt.UTC).isoformat(sep=" ")
    people = [
        (row[0], row[1] or "", row[2], row[4] or "", row[5] or "", row[6] or "", row[7] or "",
         row[8] or "", f"{row[0]} {row[2]}".lower(), now, now)
        for row in cells
    ]  # fmt: skip
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    with connection:
        first = connection.execute("SELECT coalesce(max(id), 0) FROM people").fetchone()[0] + 1
        connection.executemany(
            "INSERT INTO people (first_name, infix, last_name, phone, email, postcode, "
            "neighbourhood, notes, search_text, created_at, updated_at, address, archived) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0)",
            people,
        )
        connection.executemany(
            "INSERT INTO referrals (person_id, route, note) VALUES (?, 'self', '')",
            [(first + offset,) for offset in range(len(people))],
        )
    connection.close()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--existing", type=int, default=2_000, help="people already stored")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON file")
    arguments = parser.parse_args(argv)
    rows = person_rows(arguments.rows)
    results = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["VERBINDTAFEL_DATA_DIR"] = str(folder)
        existing = person_rows(arguments.existing, seed=99, first_number=5_000_000)
        existing[: arguments.existing // 10] = rows[: arguments.existing // 10]
        write_csv(folder / "bestaand.csv", existing)
        template = fresh_database(folder, "template.sqlite", arguments.existing)
        for kind, writer in (("xlsx", write_xlsx), ("csv", write_csv)):
            source = folder / f"deelnemers.{kind}"
            writer(source, rows)
            app_db = folder / f"app-{kind}.sqlite"
            base_db = folder / f"base-{kind}.sqlite"
            app_db.write_bytes(template.read_bytes())
            base_db.write_bytes(template.read_bytes())
            app = app_import(app_db, source)
            baseline = baseline_import(base_db, source)
            per_thousand = float(app["total_seconds"]) / (arguments.rows / 1000)
            entry = {
                "format": kind,
                "rows": arguments.rows,
                "existing_people": arguments.existing,
                **{
                    key: round(value, 3) if isinstance(value, float) else value
                    for key, value in app.items()
                },
                "seconds_per_1000_rows": round(per_thousand, 3),
                "baseline_seconds": round(baseline, 3),
                "ratio_to_baseline": round(float(app["total_seconds"]) / baseline, 2),
                "target_seconds": TARGET_SECONDS,
                "within_target": float(app["total_seconds"]) <= TARGET_SECONDS,
            }
            results.append(entry)
            print(
                f"{kind:>4}: {arguments.rows} rows  read {app['read_seconds']:.2f} s  "
                f"preview {app['preview_seconds']:.2f} s  commit {app['commit_seconds']:.2f} s  "
                f"total {app['total_seconds']:.2f} s = {per_thousand:.3f} s per 1,000 rows "
                f"({app['added']} added, {app['skipped']} skipped)  |  baseline (read + "
                f"plain sqlite3 insert, no checks) {baseline:.2f} s  |  ratio "
                f"{entry['ratio_to_baseline']}x  |  target {TARGET_SECONDS:.0f} s: "
                f"{'ok' if entry['within_target'] else 'MISSED'}"
            )
    if not arguments.no_write:
        payload = {
            "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, {platform.system()}",
            "date": dt.date.today().isoformat(),
            "results": results,
        }
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        print(f"Written to {RESULTS}")
    return 0 if all(entry["within_target"] for entry in results) else 1


if __name__ == "__main__":
    sys.exit(main())
