"""Properties: whatever is in the cells or the file, the importer answers with a preview or
a clear refusal, never a crash, and a failed or cancelled import writes nothing."""

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verbindtafel_desktop.importing.columns import SheetLayout
from verbindtafel_desktop.importing.errors import ImportProblem
from verbindtafel_desktop.importing.preview import Choice, RowStatus
from verbindtafel_desktop.importing.sources import Formula, SheetRows, read_spreadsheet
from verbindtafel_desktop.importing.values import EXCEL_ERRORS
from verbindtafel_desktop.services.people import person_search_text
from verbindtafel_desktop.services.progress import Cancelled, Progress
from verbindtafel_desktop.services.registry import Services

HEADERS = [
    "Voornaam", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Geslacht", "Telefoon",
    "E-mail", "Postcode", "Wijk", "Toestemming", "Opmerkingen", "Naam", "Huisnummer",
]  # fmt: skip

REALISTIC = st.sampled_from(
    ["Anna", "van der Berg", "3-4-1950", "31-02-1950", "06-12345678", "+31 6 1234 5678",
     "anna@example.nl", "3011ab", "Afrikaanderwijk", "v", "Berg, Jan van der", "=1+1", ""]
)  # fmt: skip

CELLS = st.one_of(
    st.none(),
    st.text(max_size=40),
    REALISTIC,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.builds(Formula, st.text(max_size=20).map(lambda text: "=" + text)),
    st.sampled_from(sorted(EXCEL_ERRORS)),
)

ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=len(HEADERS)), min_size=0, max_size=12)

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def snapshot(services: Services) -> dict[str, list[Any]]:
    with sqlite3.connect(services.db.path) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("people", "referrals", "memberships")
        }


def sheet_of(rows: list[list[Any]]) -> SheetRows:
    lines = [(1, list(HEADERS))]
    lines += [(number, cells) for number, cells in enumerate(rows, start=2) if cells]
    return SheetRows(path=Path("hypothese.xlsx"), kind="xlsx", sheet_names=["Blad1"],
                     sheet="Blad1", rows=lines)  # fmt: skip


@SETTINGS
@given(rows=ROWS, cancel_at=st.one_of(st.none(), st.integers(min_value=0, max_value=3)),
       merge=st.booleans())  # fmt: skip
def test_any_cells_give_a_preview_and_a_clean_commit_or_nothing(
    services: Services, rows: list[list[Any]], cancel_at: int | None, merge: bool
) -> None:
    importer = services.people_import
    before = snapshot(services)
    try:
        preview = importer.preview(SheetLayout.detect(sheet_of(rows)))
    except ImportProblem:
        assert snapshot(services) == before
        return
    for row in preview.rows:
        assert (row.values is None) == (row.status == RowStatus.INVALID)
        assert bool(row.errors) == (row.status == RowStatus.INVALID)
        assert row.reason() or row.status == RowStatus.NEW
    if merge:
        preview.set_choice_for(RowStatus.DUPLICATE, Choice.MERGE)

    progress = Progress()
    reports = [0]

    def maybe_cancel(_done: int, _total: int, _text: str) -> None:
        if cancel_at is not None and reports[0] >= cancel_at:
            progress.cancel()
        reports[0] += 1

    progress.on_report = maybe_cancel
    try:
        result = importer.commit(preview, progress)
    except Cancelled:
        assert snapshot(services) == before
        return
    after = snapshot(services)
    assert len(after["people"]) == len(before["people"]) + result.added
    assert len(after["referrals"]) == len(after["people"])
    added = [row for row in preview.rows if row.choice == Choice.ADD]
    assert len(added) == len(result.added_ids)
    for row, person_id in zip(added, result.added_ids, strict=True):
        stored = services.people.get(person_id)
        assert stored.search_text == person_search_text(stored)
        assert stored.first_name == row.values["first_name"]  # type: ignore[index]
    for person_id in result.merged_ids:
        stored = services.people.get(person_id)
        assert stored.search_text == person_search_text(stored)


@settings(max_examples=120, deadline=None)
@given(content=st.one_of(
    st.binary(max_size=600),
    st.binary(max_size=300).map(lambda data: b"PK\x03\x04" + data),
    st.binary(max_size=300).map(lambda data: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data),
    st.text(max_size=300).map(lambda text: text.encode("utf-8")),
    st.text(max_size=300).map(lambda text: text.encode("cp1252", errors="replace")),
), suffix=st.sampled_from([".xlsx", ".csv", ".txt", ""]))  # fmt: skip
def test_any_file_is_read_or_refused_with_a_message(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bestand{suffix}"
        path.write_bytes(content)
        try:
            layout = SheetLayout.detect(read_spreadsheet(path))
        except ImportProblem as problem:
            assert str(problem) and "\n" not in str(problem)
            return
        assert layout.header_line >= 1
        assert all(line >= 1 for line, _cells in layout.data_rows())


def test_dates_survive_as_dates() -> None:
    layout = SheetLayout.detect(sheet_of([["Anna", None, None, dt.datetime(1950, 4, 3)]]))
    assert layout.data_rows()[0][1][3] == dt.datetime(1950, 4, 3)
