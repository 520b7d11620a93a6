"""`verbindtafel export KIND --db PATH -o FILE [scope]`: files, formats and one-line errors."""

import sqlite3
from pathlib import Path

import pytest

from tests.export_world import data_rows, header, pdf_pages, workbook
from verbindtafel_desktop.cli import main


def first(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute(sql).fetchone()[0])


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "uit"
    folder.mkdir()
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["export", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_kind_writes_its_file(
    demo_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(demo_path)
    session = first(demo_path, "SELECT min(id) FROM sessions WHERE status = 'held'")
    mixmoment = first(demo_path, "SELECT min(id) FROM mixed_sessions")
    cohort = first(demo_path, "SELECT min(id) FROM cohorts")
    completed = first(demo_path, "SELECT min(table_id) FROM memberships WHERE status = 'completed'")
    runs = [
        ("participants", "lijst.xlsx", "--cohort", str(cohort), "--status", "afgerond"),
        ("attendance", "aanwezig.xlsx", "--cohort", str(cohort)),
        ("signin", "presentie.pdf", "--session", str(session)),
        ("seating", "indeling.pdf", "--mixmoment", str(mixmoment)),
        ("seating", "indeling.xlsx", "--mixmoment", str(mixmoment)),
        ("namecards", "kaartjes.pdf", "--mixmoment", str(mixmoment)),
        ("certificate", "certificaten.pdf", "--table", str(completed)),
    ]
    for kind, name, *scope in runs:
        code, printed, errors = run(capsys, kind, "--db", db, "-o", str(out / name), *scope)
        assert (code, errors) == (0, ""), (kind, errors)
        assert "geschreven" in printed and name in printed
    assert sorted(path.name for path in out.iterdir()) == sorted(name for _k, name, *_s in runs)
    participants = workbook(out / "lijst.xlsx").active
    assert len(data_rows(participants)) == first(
        demo_path,
        "SELECT count(DISTINCT m.person_id) FROM memberships m JOIN tables t ON t.id = m.table_id "
        f"WHERE t.cohort_id = {cohort} AND m.status = 'completed'",
    )
    assert header(workbook(out / "indeling.xlsx")["Tafelindeling"])[0] == "Tafel"
    assert len(pdf_pages(out / "indeling.pdf")) == 1 + first(
        demo_path,
        f"SELECT count(DISTINCT mixed_table_id) FROM seatings WHERE mixed_session_id = {mixmoment}",
    )


def test_participant_columns_and_search(
    demo_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = out / "zoek.xlsx"
    code, _printed, _errors = run(
        capsys,
        "participants",
        "--db",
        str(demo_path),
        "-o",
        str(target),
        "--columns",
        "name,email",
        "--search",
        "a",
    )
    assert code == 0
    assert header(workbook(target).active) == ["Naam", "E-mail"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["signin", "-o", "{out}/a.pdf", "--session", "9999"], "Sessie 9999 bestaat niet."),
        (["seating", "-o", "{out}/a.pdf", "--mixmoment", "77"], "Mixmoment 77 bestaat niet."),
        (["attendance", "-o", "{out}/a.xlsx", "--cohort", "55"], "Lichting 55 bestaat niet."),
        (["signin", "-o", "{out}/a.xlsx", "--session", "1"], "kan als .pdf opgeslagen worden"),
        (["seating", "-o", "{out}/a", "--mixmoment", "1"], "bestand zonder extensie"),
        (["cards", "-o", "{out}/a.pdf"], "Kies de kaartenset"),
        (["cards", "-o", "{out}/a.pdf", "--deck", "3"], "Kaartenset 3 bestaat niet."),
        (["participants", "-o", "{out}/a.xlsx", "--search", "qqqxyz"], "geen personen"),
        (["participants", "-o", "{out}/a.xlsx", "--columns", "naam"], "Onbekende kolom"),
        (["certificate", "-o", "{out}/a.pdf"], "Kies voor wie"),
        (["namecards", "-o", "{out}/a.pdf"], "Kies een sessie of een mixmoment"),
    ],
)
def test_errors_are_one_dutch_line_and_leave_no_file(
    demo_path: Path,
    out: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    arguments = [part.replace("{out}", str(out)) for part in argv]
    code, printed, errors = run(capsys, *arguments, "--db", str(demo_path))
    assert code == 1
    assert printed == ""
    assert errors.count("\n") == 1 and errors.startswith("verbindtafel: fout: ")
    assert message in errors
    assert list(out.iterdir()) == []


def test_a_missing_database_is_not_created(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "bestaat-niet.sqlite"
    code, _printed, errors = run(
        capsys, "attendance", "--db", str(missing), "-o", str(out / "a.xlsx")
    )
    assert code == 1 and "bestaat niet" in errors
    assert not missing.exists()


def test_an_unknown_kind_is_a_usage_error(demo_path: Path, out: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["export", "rapport", "--db", str(demo_path), "-o", str(out / "a.pdf")])
    assert stopped.value.code == 2
