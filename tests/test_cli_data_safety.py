"""`verbindtafel backup`, `restore` and `check` as scripts use them."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_database_lifecycle import HOLDER
from verbindtafel_desktop.cli import main
from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import Database


def people(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM people").fetchone()[0])


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    error = capsys.readouterr().err
    assert error.startswith("verbindtafel: fout: ")
    assert error.count("\n") == 1
    return error


# --- backup ----------------------------------------------------------------------------


def test_backup_goes_to_the_backup_folder(
    demo_path: Path, capsys: pytest.CaptureFixture[str], demo_people: int
) -> None:
    assert main(["backup", "--db", str(demo_path)]) == 0
    (backup,) = BackupStore.for_database(demo_path).backups()
    assert backup.kind == BackupKind.MANUAL
    assert people(backup.path) == people(demo_path) == demo_people
    output = capsys.readouterr().out
    assert output.startswith(
        f"Back-up gemaakt: {backup.path} ({demo_people} personen, 40 sessies, "
    )


def test_backup_to_a_file_or_folder_while_the_app_has_it_open(
    demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.engine.begin() as connection:  # the app is working in it
        connection.exec_driver_sql("DELETE FROM attendance WHERE id = 1")
    target = tmp_path / "stick" / "kopie.sqlite"
    target.parent.mkdir()
    assert main(["backup", "--db", str(demo_db.path), "-o", str(target)]) == 0
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM attendance WHERE id = 1").fetchone() == (0,)
    # Again over the same file (a nightly script), and into a folder.
    assert main(["backup", "--db", str(demo_db.path), "-o", str(target)]) == 0
    assert main(["backup", "--db", str(demo_db.path), "-o", str(target.parent)]) == 0
    names = sorted(path.name for path in target.parent.iterdir())
    assert names[0] == "demo_" + names[0][5:]
    assert names[0].endswith("_handmatig.sqlite")
    assert names[1] == "kopie.sqlite"
    assert len(names) == 2


def test_backup_refuses_what_it_cannot_do(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--db", str(tmp_path / "weg.sqlite")]) == 1
    assert "bestaat niet" in one_line_error(capsys)
    assert not (tmp_path / "weg.sqlite").exists()
    letter = tmp_path / "brief.docx"
    letter.write_bytes(b"PK\x03\x04 een brief")
    assert main(["backup", "--db", str(demo_path), "-o", str(letter)]) == 1
    assert "geen database" in one_line_error(capsys)
    assert letter.read_bytes() == b"PK\x03\x04 een brief"
    assert main(["backup", "--db", str(demo_path), "-o", str(demo_path)]) == 1
    assert "databasebestand zelf" in one_line_error(capsys)


# --- restore ---------------------------------------------------------------------------


def test_restore_from_the_command_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_people: int
) -> None:
    backup = tmp_path / "vrijdag.sqlite"
    assert main(["backup", "--db", str(demo_path), "-o", str(backup)]) == 0
    with sqlite3.connect(demo_path) as connection:
        connection.execute("DELETE FROM invitations")
        connection.execute("DELETE FROM people WHERE id > 40")
    capsys.readouterr()
    assert main(["restore", str(backup), "--db", str(demo_path)]) == 0
    output = capsys.readouterr().out
    assert people(demo_path) == demo_people
    (safety,) = BackupStore.for_database(demo_path).backups()
    assert safety.kind == BackupKind.BEFORE_RESTORE
    assert people(safety.path) == 40
    assert f"Het vorige bestand is bewaard als back-up: {safety.path}" in output


def test_restore_refuses_while_the_app_runs(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "vrijdag.sqlite"
    assert main(["backup", "--db", str(demo_path), "-o", str(backup)]) == 0
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(demo_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "open"
        capsys.readouterr()
        assert main(["restore", str(backup), "--db", str(demo_path)]) == 1
        assert "al geopend" in one_line_error(capsys)
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait()


# --- check -----------------------------------------------------------------------------


def test_check_of_a_healthy_database(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", str(demo_path)]) == 0
    output = capsys.readouterr().out.splitlines()
    assert output[0] == f"Controle van {demo_path}"
    assert output[-1] == "Alles in orde."
    assert "  Fouten in de bestandsstructuur (integrity_check): in orde" in output
    assert len([line for line in output if line.endswith(": in orde")]) == 7


BREAK_THE_RULES = """
    -- attendance at a session that does not exist (foreign key)
    INSERT INTO attendance (session_id, person_id, status, role, recorded_at)
        VALUES (99999, 1, 'present', 'member', '2026-11-01 10:00:00');
    -- present as a member at a table without a membership there
    INSERT INTO attendance (session_id, person_id, status, role, recorded_at)
        SELECT 1, id, 'present', 'member', '2026-11-01 10:00:00' FROM people
        WHERE id NOT IN (SELECT person_id FROM memberships)
          AND id NOT IN (SELECT person_id FROM attendance WHERE session_id = 1)
        ORDER BY id LIMIT 1;
    -- a membership that starts after its cohort ended
    UPDATE memberships SET start_date = '2099-01-01', end_date = NULL
        WHERE id = (SELECT min(m.id) FROM memberships m JOIN tables t ON t.id = m.table_id
                    WHERE t.cohort_id = 1);
    -- a participant at two tables of one cohort at once (both memberships count)
    INSERT INTO memberships (person_id, table_id, role, start_date, status)
        SELECT m.person_id, other.id, 'participant', '2026-11-01', 'active'
        FROM memberships m JOIN tables t ON t.id = m.table_id
        JOIN tables other ON other.cohort_id = t.cohort_id AND other.id <> t.id
        WHERE m.role = 'participant' AND m.status = 'active' AND t.cohort_id = 2
        ORDER BY m.id, other.id LIMIT 1;
    -- a seating at a mixed table of another mixed session
    UPDATE seatings SET mixed_session_id =
        (SELECT max(id) FROM mixed_sessions WHERE id <> seatings.mixed_session_id)
        WHERE id = (SELECT min(id) FROM seatings);
    -- two people who brought each other in
    UPDATE referrals SET route = 'invited', referrer_id = 71 WHERE person_id = 70;
    UPDATE referrals SET route = 'invited', referrer_id = 70 WHERE person_id = 71;
"""


def test_check_counts_each_problem_and_fails(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(demo_path) as connection:
        connection.executescript(BREAK_THE_RULES)
    before = demo_path.read_bytes()
    assert main(["check", "--db", str(demo_path)]) == 1
    output = capsys.readouterr().out
    for line in (
        "  Fouten in de bestandsstructuur (integrity_check): in orde",
        "  Aanwezigheden die verwijzen naar een sessie die niet bestaat: 1 gevonden",
        "  Aanwezigheden als tafelgenoot zonder deelname aan die tafel: 1 gevonden",
        "  Deelnames buiten de periode van hun lichting: 1 gevonden",
        "  Tafelgenoten die in één lichting aan meer dan één tafel tegelijk meedoen: 2 gevonden",
        "  Tafelindelingen aan een mixtafel van een ander mixmoment: 1 gevonden",
        "  Personen in een kringetje van verwijzingen (estafette zonder begin): 2 gevonden",
    ):
        assert line in output.splitlines() or any(
            text.startswith(line + " (bijv.") for text in output.splitlines()
        ), line
    assert "Er zijn 6 soorten problemen gevonden." in output
    assert demo_path.read_bytes() == before  # a check changes nothing


def test_check_of_a_damaged_or_missing_file(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 2])
    assert main(["check", "--db", str(demo_path)]) == 1
    output = capsys.readouterr().out
    assert "beschadigd" in output
    assert "Alles in orde" not in output
    assert main(["check", "--db", str(tmp_path / "weg.sqlite")]) == 1
    assert "bestaat niet" in one_line_error(capsys)


def test_the_commands_run_as_a_program(demo_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "verbindtafel_desktop", "check", "--db", str(demo_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("Alles in orde.")
