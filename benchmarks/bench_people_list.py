"""The people list on a city-sized database: opening it, and typing a search letter by
letter, against a raw sqlite3 query that fetches the same columns.

Run from the repository root:

    uv run python -m benchmarks.bench_people_list              # makes a large demo first
    uv run python -m benchmarks.bench_people_list --db big.sqlite --repeats 9

- open: the Personen page built, shown and painted with its first rows (the ids of all
  13,000 people in name order, the rows on screen fetched and drawn), against one raw
  sqlite3 query fetching the list's columns (name, born, phone, e-mail, wijk, how they
  came in, via whom, tables) for everyone in name order. Target: at most 5x.
- each keystroke of "yilmaz" (which finds Yılmaz): the search applied and the list
  painted again, against the raw query fetching the same columns for the people whose
  text contains what was typed. Target: under 5x the raw query, and the model fetches at
  most one batch of rows (never all matches again).

Medians of --repeats runs, the app and the baseline in turns, on Qt's offscreen
platform. Writes benchmarks/results/people_list.json.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import Result, large_demo, print_results, seconds, write_results

SEARCH = "yilmaz"
OPEN_TARGET = 5.0
KEYSTROKE_TARGET = 5.0

RAW_LIST = """
SELECT p.id,
       p.first_name || CASE WHEN p.infix != '' THEN ' ' || p.infix ELSE '' END
           || CASE WHEN p.last_name != '' THEN ' ' || p.last_name ELSE '' END,
       p.date_of_birth, p.phone, p.email, p.neighbourhood, r.route,
       v.first_name || CASE WHEN v.infix != '' THEN ' ' || v.infix ELSE '' END
           || CASE WHEN v.last_name != '' THEN ' ' || v.last_name ELSE '' END,
       (SELECT group_concat(t.name, ', ') FROM memberships m JOIN tables t ON t.id = m.table_id
        WHERE m.person_id = p.id),
       p.archived
FROM people p
LEFT JOIN referrals r ON r.person_id = p.id
LEFT JOIN people v ON v.id = r.referrer_id
WHERE p.archived = 0 {search}
ORDER BY lower(p.last_name || ' ' || p.first_name), p.id
"""


def raw_rows(connection: sqlite3.Connection, typed: str) -> int:
    from verbindtafel_desktop.domain.text import search_key

    words = search_key(typed).split()
    search = "".join(" AND p.search_text LIKE ?" for _ in words)
    rows = connection.execute(RAW_LIST.format(search=search), [f"%{w}%" for w in words])
    return len(rows.fetchall())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a large database (default: a new large demo)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    arguments = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from verbindtafel_desktop.app.change_bus import ChangeBus
    from verbindtafel_desktop.app.list_page import ListPage
    from verbindtafel_desktop.app.pages.people import people_page
    from verbindtafel_desktop.persistence.database import open_database
    from verbindtafel_desktop.services.registry import Services

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        os.environ["VERBINDTAFEL_DATA_DIR"] = folder
        path = arguments.db.resolve() if arguments.db else large_demo(Path(folder))
        db = open_database(path)
        services = Services.for_database(db)
        raw = sqlite3.connect(path)
        bus = ChangeBus()
        pages: list[ListPage] = []

        def open_page() -> None:
            page = people_page(services, bus)
            page.resize(1200, 760)
            page.show()
            app.processEvents()  # laid out, exposed and painted
            page.view.viewport().repaint()
            pages.append(page)

        def close_pages() -> None:
            while pages:
                page = pages.pop()
                page.close()
                page.deleteLater()
            app.processEvents()

        open_times, open_raw = [], []
        for _ in range(arguments.repeats):
            open_times.append(seconds(open_page))
            assert pages[-1].model.rows_loaded > 0, "no rows painted"
            close_pages()
            open_raw.append(seconds(lambda: raw_rows(raw, "")))
        everyone = raw_rows(raw, "")
        results = [
            Result(
                "people list: open, first rows painted",
                statistics.median(open_times),
                statistics.median(open_raw),
                "raw sqlite3 query, the list's columns, everyone",
                target_ratio=OPEN_TARGET,
                note=f"{everyone} people",
            )
        ]

        open_page()
        page = pages[-1]
        model = page.model
        for length in range(1, len(SEARCH) + 1):
            typed = SEARCH[:length]
            app_times, raw_times, fetched = [], [], []
            for _ in range(arguments.repeats):
                page.search.setText(SEARCH[: length - 1])
                model.set_query(page.current_query())
                page.search.setText(typed)

                def keystroke() -> None:
                    # What the search field's timer does once typing pauses: the new
                    # query, then the rows on screen fetched and painted.
                    model.set_query(page.current_query())
                    page.view.viewport().repaint()

                app_times.append(seconds(keystroke))
                fetched.append(model.rows_loaded)
                raw_times.append(seconds(partial(raw_rows, raw, typed)))
            matches = model.rowCount()
            assert matches == raw_rows(raw, typed), typed
            assert min(fetched) > 0, "no rows painted"
            most = max(fetched)
            result = Result(
                f"people list: keystroke '{typed}'",
                statistics.median(app_times),
                statistics.median(raw_times),
                "raw sqlite3 query, the list's columns, the matches",
                target_ratio=KEYSTROKE_TARGET,
                note=f"{matches} matches, {most} rows fetched",
            )
            if most > model.BATCH_SIZE:
                result.unmet = f"fetched {most} rows, more than one batch"
            results.append(result)
        page.close()
        raw.close()
        db.close()
    print_results(results)
    if not arguments.no_write:
        write_results("people_list", results, repeats=arguments.repeats, search=SEARCH)
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
