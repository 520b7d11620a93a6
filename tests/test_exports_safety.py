"""A failed, refused or cancelled export leaves the earlier file as it was, and no part."""

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.export_world import World, build_world, pdf_pages
from verbindtafel_desktop.domain.models import MixedSession
from verbindtafel_desktop.exports import signin
from verbindtafel_desktop.exports.registry import export
from verbindtafel_desktop.exports.scope import ExportScope, NothingToExport, WrongFormat
from verbindtafel_desktop.exports.xlsx import SheetWriter
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.persistence.errors import StorageProblem
from verbindtafel_desktop.services.errors import NotFound
from verbindtafel_desktop.services.progress import Cancelled, Progress


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "exports"
    path.mkdir()
    return path


def test_a_failure_halfway_a_pdf_keeps_the_earlier_file(
    db: Database, world: World, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "presentielijsten.pdf"
    export(db, "signin", ExportScope(session_id=world.sessions[0]), target)
    good = target.read_bytes()
    drawn = []
    real_draw = signin.draw_page

    def draw_until_the_disk_is_full(*arguments: Any) -> None:
        drawn.append(True)
        if len(drawn) == 4:
            raise OSError(28, "Er is geen ruimte meer op de schijf")
        real_draw(*arguments)

    monkeypatch.setattr(signin, "draw_page", draw_until_the_disk_is_full)
    # The disk's error reaches the user as a plain Dutch message.
    with pytest.raises(StorageProblem, match="schijf is vol"):
        export(db, "signin", ExportScope(cohort_id=world.cohort_id), target)
    assert len(drawn) == 4  # it did fail in the middle
    assert target.read_bytes() == good
    assert len(pdf_pages(target)) == 1
    assert [path.name for path in folder.iterdir()] == ["presentielijsten.pdf"]


def test_a_failure_halfway_a_workbook_keeps_the_earlier_file(
    db: Database, world: World, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "aanwezigheid.xlsx"
    export(db, "attendance", ExportScope(table_id=world.table_id), target)
    good = target.read_bytes()
    real_append = SheetWriter.append
    rows: list[Any] = []

    def append_then_fail(self: SheetWriter, values: Any) -> None:
        rows.append(values)
        if len(rows) == 5:
            raise RuntimeError("kapot")
        real_append(self, values)

    monkeypatch.setattr(SheetWriter, "append", append_then_fail)
    streams = set(Path(tempfile.gettempdir()).glob("openpyxl.*"))
    with pytest.raises(RuntimeError, match="kapot"):
        export(db, "attendance", ExportScope(cohort_id=world.cohort_id), target)
    assert target.read_bytes() == good
    assert [path.name for path in folder.iterdir()] == ["aanwezigheid.xlsx"]
    # The sheets streamed to temporary files; those are gone too.
    assert set(Path(tempfile.gettempdir()).glob("openpyxl.*")) <= streams


def test_cancel_stops_the_export_and_writes_nothing(
    db: Database, world: World, folder: Path
) -> None:
    target = folder / "lijst.pdf"
    progress = Progress()
    progress.on_report = lambda done, total, text: progress.cancel() if done >= 1 else None
    with pytest.raises(Cancelled):
        export(db, "signin", ExportScope(cohort_id=world.cohort_id), target, progress)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("kind", "scope", "name", "problem", "message"),
    [
        ("signin", ExportScope(session_id=999), "a.pdf", NotFound, "Sessie 999 bestaat niet"),
        ("signin", ExportScope(), "a.pdf", NothingToExport, "Kies een sessie"),
        ("seating", ExportScope(mixed_session_id=42), "a.pdf", NotFound, "Mixmoment 42"),
        ("attendance", ExportScope(cohort_id=77), "a.xlsx", NotFound, "Lichting 77"),
        ("namecards", ExportScope(session_id=5000), "a.pdf", NotFound, "Sessie 5000"),
        ("certificate", ExportScope(person_id=404), "a.pdf", NotFound, "Persoon 404"),
        ("participants", ExportScope(table_id=31), "a.xlsx", NotFound, "Tafel 31 bestaat niet"),
        ("participants", ExportScope(), "a.pdf", WrongFormat, "als .xlsx"),
        ("seating", ExportScope(mixed_session_id=1), "a.docx", WrongFormat, ".pdf of .xlsx"),
        ("bogus", ExportScope(), "a.pdf", WrongFormat, "Onbekende export"),
    ],
)
def test_refusals_say_why_and_leave_nothing(
    db: Database,
    folder: Path,
    kind: str,
    scope: ExportScope,
    name: str,
    problem: type[Exception],
    message: str,
) -> None:
    build_world(db)
    with pytest.raises(problem, match=message):
        export(db, kind, scope, folder / name)
    assert list(folder.iterdir()) == []


def test_a_cancelled_session_and_an_empty_seating_are_refused(
    db: Database, world: World, folder: Path
) -> None:
    with pytest.raises(NothingToExport, match="geannuleerd"):
        export(db, "signin", ExportScope(session_id=world.sessions[2]), folder / "a.pdf")
    with db.session() as session:
        empty = MixedSession(cohort_id=world.cohort_id, date=dt.date(2026, 4, 1), title="Leeg")
        session.add(empty)
        session.flush()
        empty_id = empty.id
    with pytest.raises(NothingToExport, match="Leeg heeft nog geen tafelindeling"):
        export(db, "seating", ExportScope(mixed_session_id=empty_id), folder / "a.xlsx")
    assert list(folder.iterdir()) == []
