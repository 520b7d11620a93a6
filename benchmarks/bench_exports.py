"""Benchmark of the exports against the plain library calls that write the same output.

Run from the repository root:

    uv run python -m benchmarks.bench_exports                 # makes a large demo first
    uv run python -m benchmarks.bench_exports --db big.sqlite # or use one you have

On `verbindtafel demo --size large` (13,000 people, 52,000 attendance records):

- attendance: the attendance workbook of every cohort (people × sessions, totals,
  colours, sheet of sessions) through `export()`, from the database to the file,
  against writing the same cell values with openpyxl's write-only mode and nothing else;
- sign-in: a 500-page sign-in PDF through `export()`'s writer, from the database to the
  file, against drawing the same pages (texts, lines, fills) with plain reportlab canvas
  calls in the same font.

The target is at most 1.5× the baseline. Prints both times and the ratio (best of
--repeat runs each, taken in turns) and writes benchmarks/results/exports.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from verbindtafel_desktop.demo import create_demo_database
from verbindtafel_desktop.domain.enums import SessionStatus
from verbindtafel_desktop.domain.models import Attendance, Person, Session
from verbindtafel_desktop.exports import attendance, signin
from verbindtafel_desktop.exports.pdf import (
    BOLD,
    FONT,
    HEADER_HEIGHT,
    MARGIN,
    page_box,
    register_fonts,
)
from verbindtafel_desktop.exports.people_at_sessions import load_session_people
from verbindtafel_desktop.exports.registry import export
from verbindtafel_desktop.exports.scope import ExportScope
from verbindtafel_desktop.persistence.atomic_file import atomic_target
from verbindtafel_desktop.persistence.database import Database, open_database
from verbindtafel_desktop.services.progress import NO_PROGRESS

RESULTS = Path(__file__).resolve().parent / "results" / "exports.json"
TARGET_RATIO = 1.5
PAGES = 500


def timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def best_of_pairs(
    repeat: int, ours: Callable[[], Any], baseline: Callable[[], Any]
) -> tuple[float, float]:
    """Best time of each, run in turns so both meet the same load on a shared machine."""
    ours_times, baseline_times = [], []
    for _ in range(repeat):
        ours_times.append(timed(ours))
        baseline_times.append(timed(baseline))
    return min(ours_times), min(baseline_times)


# --- attendance workbook ------------------------------------------------------------
def baseline_workbook(overview: attendance.AttendanceOverview, target: Path) -> None:
    """The same cells, written with openpyxl's write-only mode and nothing more."""
    workbook = Workbook(write_only=True)
    for name, columns, rows in (
        ("Aanwezigheid", attendance.PERSON_COLUMNS, overview.people),
        ("Sessies", attendance.SESSION_COLUMNS, overview.sessions),
    ):
        sheet = workbook.create_sheet(name)
        sheet.append([attendance.TITLE])
        sheet.append([overview.description])
        sheet.append([])
        sheet.append([column.title for column in columns])
        for row in rows:
            sheet.append(row)
    workbook.save(target)


# --- sign-in sheets ---------------------------------------------------------------
def sessions_for_pages(db: Database, pages: int) -> list[int]:
    """Held or planned sessions, in id order, adding up to exactly `pages` pages."""
    box = page_box()
    with db.engine.connect() as connection:
        candidates = list(
            connection.execute(
                sa.select(Session.__table__.c.id)  # type: ignore[attr-defined]
                .where(Session.__table__.c.status != SessionStatus.CANCELLED.value)  # type: ignore[attr-defined]
                .order_by(Session.__table__.c.id)  # type: ignore[attr-defined]
                .limit(pages * 2)
            ).scalars()
        )
        sheets = load_session_people(connection, candidates)
    chosen: list[int] = []
    total = 0
    for sheet in sheets:
        count = len(signin.paginate(sheet, box))
        if total + count <= pages:
            chosen.append(sheet.session_id)
            total += count
        if total == pages:
            return chosen
    raise SystemExit(f"Te weinig sessies voor {pages} pagina's.")


def laid_out_pages(db: Database, session_ids: list[int]) -> list[signin.SheetPage]:
    with db.engine.connect() as connection:
        sheets = load_session_people(connection, session_ids)
    return [page for sheet in sheets for page in signin.paginate(sheet, page_box())]


def baseline_pdf(pages: list[signin.SheetPage], target: Path) -> int:
    """The same pages (texts and lines) with plain reportlab canvas calls; the data is
    given, so only the drawing is timed."""
    box = page_box()
    width, height = A4
    canvas = Canvas(str(target), pagesize=A4)
    for number, page in enumerate(pages, start=1):
        sheet = page.sheet
        top = height - MARGIN
        canvas.setFont(BOLD, 12)
        canvas.drawString(MARGIN, top - 20, "De Verbindtafel")
        canvas.setFont(FONT, 9)
        canvas.drawRightString(width - MARGIN, top - 20, signin.TITLE)
        canvas.line(MARGIN, top - HEADER_HEIGHT + 8, width - MARGIN, top - HEADER_HEIGHT + 8)
        y = box.top - 16
        canvas.setFont(BOLD, 18)
        canvas.drawString(box.left, y, signin.TITLE)
        canvas.setFont(FONT, 10)
        for text in (
            f"{sheet.table} · {sheet.cohort}",
            f"Sessie {sheet.number} van 5",
            f"Datum: {sheet.date}",
            f"Locatie: {sheet.location}, {sheet.address}",
            "Begeleiding: " + ", ".join(person.name for person in sheet.facilitators),
        ):
            y -= 15
            canvas.drawString(box.left, y, text)
        y = box.top - signin.FIRST_TITLE_BLOCK
        for line in page.lines:
            if line.kind == "guest_heading":
                y -= signin.GUEST_HEADING
                canvas.drawString(box.left, y + 7, "Introducees")
                continue
            canvas.rect(box.left, y - signin.ROW, box.width, signin.ROW)
            canvas.line(box.left + 40, y - signin.ROW, box.left + 40, y)
            canvas.line(box.left + 250, y - signin.ROW, box.left + 250, y)
            for offset, text in zip((4, 44, 254), line.cells, strict=False):
                canvas.drawString(box.left + offset, y - signin.ROW + 8, text)
            y -= signin.ROW
        canvas.setFont(FONT, 8)
        canvas.drawString(MARGIN, MARGIN, "gemaakt op")
        canvas.drawRightString(width - MARGIN, MARGIN, f"pagina {number} van {len(pages)}")
        canvas.showPage()
    canvas.save()
    return len(pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing large demo database")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (best)")
    arguments = parser.parse_args()
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        database = arguments.db
        if database is None:
            database = work / "large.sqlite"
            print("Grote demodatabase maken…", flush=True)
            create_demo_database(database, size="large", today=dt.date(2026, 11, 25))
        db = open_database(database)
        try:
            with db.engine.connect() as connection:
                people = connection.execute(sa.select(sa.func.count()).select_from(Person)).scalar()
                records = connection.execute(
                    sa.select(sa.func.count()).select_from(Attendance)
                ).scalar()
            print(f"{people} personen, {records} aanwezigheidsregistraties")

            overview = attendance.collect(db, ExportScope(), NO_PROGRESS)
            ours_xlsx, base_xlsx = best_of_pairs(
                arguments.repeat,
                lambda: export(db, "attendance", ExportScope(), work / "aanwezigheid.xlsx"),
                lambda: baseline_workbook(overview, work / "basis.xlsx"),
            )
            cells = sum(len(row) for row in overview.people + overview.sessions)

            session_ids = sessions_for_pages(db, PAGES)
            pages = laid_out_pages(db, session_ids)

            def ours_signin() -> None:
                with atomic_target(work / "presentielijsten.pdf") as temporary:
                    pages = signin.write_signin_sheets(
                        db, session_ids, temporary, NO_PROGRESS, subject="benchmark"
                    )
                assert pages == PAGES, pages

            ours_pdf, base_pdf = best_of_pairs(
                arguments.repeat, ours_signin, lambda: baseline_pdf(pages, work / "basis.pdf")
            )
        finally:
            db.close()

    results = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()}",
        "date": dt.date.today().isoformat(),
        "people": people,
        "attendance_records": records,
        "repeat": arguments.repeat,
        "target_ratio": TARGET_RATIO,
        "attendance_workbook": {
            "rows": len(overview.people) + len(overview.sessions),
            "cells": cells,
            "seconds": round(ours_xlsx, 3),
            "baseline_seconds": round(base_xlsx, 3),
            "baseline": "openpyxl write-only, same cell values, no styles",
            "ratio": round(ours_xlsx / base_xlsx, 3),
        },
        "signin_pdf": {
            "pages": PAGES,
            "sessions": len(session_ids),
            "seconds": round(ours_pdf, 3),
            "baseline_seconds": round(base_pdf, 3),
            "baseline": "reportlab canvas, same texts and lines, same embedded font",
            "ratio": round(ours_pdf / base_pdf, 3),
        },
    }
    labels = {"attendance_workbook": "Aanwezigheid (xlsx)", "signin_pdf": "Presentielijst (pdf)"}
    for key, label in labels.items():
        part = results[key]
        assert isinstance(part, dict)
        verdict = "OK" if part["ratio"] <= TARGET_RATIO else "TE TRAAG"
        print(
            f"{label}: app {part['seconds']:.2f} s, basis {part['baseline_seconds']:.2f} s, "
            f"verhouding {part['ratio']:.2f} (doel ≤ {TARGET_RATIO}) {verdict}"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(RESULTS)
    ok = all(
        part["ratio"] <= TARGET_RATIO  # type: ignore[index]
        for part in (results["attendance_workbook"], results["signin_pdf"])
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
