"""`verbindtafel demo` and the command line's conventions."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from verbindtafel_desktop import __version__
from verbindtafel_desktop.cli import main


def count(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute(sql).fetchone()[0])


def deepest_generation(path: Path) -> int:
    return count(
        path,
        """
        WITH RECURSIVE chain(person_id, generation) AS (
            SELECT person_id, 0 FROM referrals WHERE referrer_id IS NULL
            UNION ALL
            SELECT r.person_id, chain.generation + 1
            FROM referrals r JOIN chain ON r.referrer_id = chain.person_id
        )
        SELECT max(generation) FROM chain
        """,
    )


def test_demo_has_the_promised_contents(demo_template: Path) -> None:
    path = demo_template
    assert count(path, "SELECT count(*) FROM locations") >= 2
    assert count(path, "SELECT count(*) FROM cohorts") == 3
    assert count(path, "SELECT count(*) FROM tables") == 8
    participants = "SELECT count(DISTINCT person_id) FROM memberships WHERE role = 'participant'"
    assert count(path, participants) >= 60
    facilitators = "SELECT count(DISTINCT person_id) FROM memberships WHERE role = 'facilitator'"
    assert count(path, facilitators) == 8
    assert count(path, "SELECT count(*) FROM institutions") == 5
    assert count(path, "SELECT count(*) FROM sessions") == 40
    assert count(path, "SELECT count(*) FROM sessions WHERE status = 'held'") > 10
    assert count(path, "SELECT count(*) FROM attendance WHERE role = 'guest'") > 5
    invited_by_participants = """
        SELECT count(*) FROM invitations i
        WHERE EXISTS (SELECT 1 FROM memberships m
                      WHERE m.person_id = i.inviter_id AND m.role = 'participant')
    """
    assert count(path, invited_by_participants) > 5
    assert deepest_generation(path) >= 3
    assert count(path, "SELECT count(*) FROM activities") >= 3
    assert count(path, "SELECT count(*) FROM session_templates") == 5
    # Rotterdam's names: some people's names are not plain ASCII.
    with sqlite3.connect(path) as connection:
        names = [row[0] for row in connection.execute("SELECT first_name || last_name FROM people")]
    assert sum(1 for name in names if not name.isascii()) >= 5


def test_same_seed_same_people_and_no_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, third = tmp_path / "a.sqlite", tmp_path / "b.sqlite", tmp_path / "c.sqlite"
    assert main(["demo", "--db", str(first), "--today", "25-11-2026"]) == 0
    assert main(["demo", "--db", str(second), "--today", "25-11-2026"]) == 0
    assert main(["demo", "--db", str(third), "--today", "25-11-2026", "--seed", "7"]) == 0
    query = "SELECT first_name, infix, last_name, date_of_birth, phone FROM people ORDER BY id"

    def people(path: Path) -> list[tuple[str, ...]]:
        with sqlite3.connect(path) as connection:
            return connection.execute(query).fetchall()

    assert people(first) == people(second)
    assert people(first) != people(third)
    capsys.readouterr()
    original = first.read_bytes()
    assert main(["demo", "--db", str(first)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--force" in error
    assert first.read_bytes() == original
    assert (
        main(["demo", "--db", str(first), "--force", "--seed", "7", "--today", "25-11-2026"]) == 0
    )
    assert people(first) == people(third)


def test_bad_input_gives_one_dutch_line_and_a_nonzero_exit(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "verbindtafel_desktop",
            "demo",
            "--db",
            str(tmp_path / "x.sqlite"),
            "--today",
            "31-02-2026",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "bestaat niet" in result.stderr
    assert not (tmp_path / "x.sqlite").exists()
    unknown = subprocess.run(
        [sys.executable, "-m", "verbindtafel_desktop", "toveren"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert unknown.returncode == 2
    assert unknown.stderr.strip().count("\n") == 0 and "fout" in unknown.stderr


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"verbindtafel {__version__}"
