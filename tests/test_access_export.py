"""The access export (`verbindtafel export person`): every table's rows about the person,
as JSON and as a readable PDF; other people by number only."""

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.export_world import pdf_text
from verbindtafel_desktop.cli import main
from verbindtafel_desktop.exports.person_data import (
    TABLE_TITLES,
    collect_person_data,
    count_person_data,
)
from verbindtafel_desktop.persistence.audit_log import person_columns
from verbindtafel_desktop.persistence.database import open_database


def one(connection: sqlite3.Connection, sql: str, *parameters: Any) -> Any:
    return connection.execute(sql, parameters).fetchone()


def person_everywhere(path: Path) -> tuple[int, int]:
    """A demo participant with a row in every person-related table, and another person
    who appears in some of those rows."""
    with sqlite3.connect(path) as connection:
        person, table, cohort = one(
            connection,
            """SELECT m.person_id, m.table_id, t.cohort_id FROM memberships m
               JOIN tables t ON t.id = m.table_id
               WHERE m.role = 'participant'
                 AND m.person_id IN (SELECT person_id FROM measurements)
                 AND m.person_id IN (SELECT person_id FROM seatings)
                 AND m.person_id IN (SELECT person_id FROM activity_participations)
               ORDER BY m.person_id LIMIT 1""",
        )
        other = one(
            connection,
            "SELECT person_id FROM memberships WHERE table_id = ? AND person_id <> ? LIMIT 1",
            table,
            person,
        )[0]
        newcomer = one(
            connection,
            """SELECT id FROM people WHERE id NOT IN (SELECT person_id FROM recruitment_leads
               WHERE cohort_id = ?) AND id NOT IN (?, ?) LIMIT 1""",
            cohort,
            person,
            other,
        )[0]
        connection.executescript(
            f"""
            UPDATE activities SET started_by_id = {person} WHERE id = (SELECT min(id)
                FROM activities);
            INSERT INTO lasting_contacts (person_id, contact_id, moment, recorded_on)
                VALUES ({person}, {other}, 'T1', '2026-10-01');
            INSERT INTO mixing_rules (cohort_id, kind, person_a_id, person_b_id, reason)
                VALUES ({cohort}, 'apart', {person}, {other}, 'liever apart');
            INSERT INTO recruitment_leads (cohort_id, person_id, recruiter_id, status,
                noted_on, note) VALUES ({cohort}, {newcomer}, {person}, 'interested',
                '2026-10-02', '');
            INSERT INTO follow_ups (person_id, table_id, created_at, note)
                VALUES ({person}, {table}, '2026-10-03 09:00:00.000000', 'even bellen');
            INSERT INTO invitations (inviter_id, invitee_id, invited_on, note)
                VALUES ({person}, {newcomer}, '2026-10-04', '');
            """
        )
    return person, other


def rows_about(path: Path, person: int) -> dict[str, set[int]]:
    """Row ids (rowids) per table that refer to the person, read with plain sqlite3."""
    found: dict[str, set[int]] = {}
    with sqlite3.connect(path) as connection:
        for table, columns in person_columns().items():
            condition = " OR ".join(f"{column} = ?" for column in columns)
            ids = {
                row[0]
                for row in connection.execute(
                    f"SELECT rowid FROM {table} WHERE {condition}", [person] * len(columns)
                )
            }
            if ids:
                found[table] = ids
    return found


def test_the_json_holds_every_tables_rows_for_the_person(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person, _other = person_everywhere(demo_path)
    expected = rows_about(demo_path, person)
    assert set(expected) == set(person_columns()), "the person has rows in every such table"

    target = tmp_path / "inzage.json"
    code = main(
        ["export", "person", "--db", str(demo_path), "--person", str(person), "-o", str(target)]
    )
    assert code == 0 and "Inzage-export geschreven" in capsys.readouterr().out
    document = json.loads(target.read_text(encoding="utf-8"))
    assert (document["format"], document["person_id"]) == ("verbindtafel-inzage", person)
    tables = document["tables"]
    for table, ids in expected.items():
        assert {row["id"] for row in tables[table]} == ids, table
    assert set(tables) == set(expected)  # nothing about anyone else's rows
    with sqlite3.connect(demo_path) as connection:
        name, phone, born = one(
            connection, "SELECT last_name, phone, date_of_birth FROM people WHERE id = ?", person
        )
        taken = one(
            connection, "SELECT taken_on FROM measurements WHERE person_id = ? ORDER BY id", person
        )[0]
    (stored,) = tables["people"]
    assert (stored["last_name"], stored["phone"], stored["date_of_birth"]) == (name, phone, born)
    assert tables["measurements"][0]["taken_on"] == taken
    assert tables["follow_ups"][0]["note"] == "even bellen"
    assert document["table_titles"]["measurements"] == TABLE_TITLES["measurements"]

    # A second export also lists the first one, from the audit trail.
    again = tmp_path / "opnieuw.json"
    assert (
        main(
            ["export", "person", "--db", str(demo_path), "--person", str(person), "-o", str(again)]
        )
        == 0
    )
    audit = json.loads(again.read_text(encoding="utf-8"))["tables"]["audit_entries"]
    assert [entry["action"] for entry in audit] == ["exported"]


def test_the_pdf_is_readable_and_names_other_people_by_number_only(
    demo_path: Path, tmp_path: Path
) -> None:
    person, other = person_everywhere(demo_path)
    with sqlite3.connect(demo_path) as connection:
        first, last, phone = one(
            connection, "SELECT first_name, last_name, phone FROM people WHERE id = ?", person
        )
        other_last = one(connection, "SELECT last_name FROM people WHERE id = ?", other)[0]
    target = tmp_path / "inzage.pdf"
    assert (
        main(
            ["export", "person", "--db", str(demo_path), "--person", str(person), "-o", str(target)]
        )
        == 0
    )
    text = pdf_text(target)
    assert f"Inzage in persoonsgegevens: {first} {last}" in text
    assert phone in text and "even bellen" in text and "liever apart" in text
    for title in (
        "Persoonsgegevens",
        "Toestemming",
        "Metingen (vragenlijsten)",
        "Blijvende contacten",
        "Mixregels",
        "Nabellen",
    ):
        assert title in text
    assert f"persoon nr. {other}" in text
    assert other_last not in text


def test_refusals_leave_no_file(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for arguments, message in (
        (["--person", "999999", "-o", str(tmp_path / "x.json")], "Persoon 999999 bestaat niet"),
        (["-o", str(tmp_path / "x.pdf")], "Kies van welke persoon"),
        (["--person", "1", "-o", str(tmp_path / "x.xlsx")], "als .pdf of .json"),
    ):
        code = main(["export", "person", "--db", str(demo_path), *arguments])
        captured = capsys.readouterr()
        assert code == 1 and message in captured.err
        assert len(captured.err.strip().splitlines()) == 1
    assert list(tmp_path.glob("x.*")) == []


def test_the_counts_shown_before_the_export_match_what_it_collects(
    demo_path: Path, tmp_path: Path
) -> None:
    person, _other = person_everywhere(demo_path)
    target = tmp_path / "inzage.json"
    args = ["export", "person", "--db", str(demo_path), "--person", str(person), "-o"]
    assert main([*args, str(target)]) == 0  # so the audit trail holds an entry about them
    database = open_database(demo_path)
    try:
        counts = count_person_data(database, person)
        data = collect_person_data(database, person)
    finally:
        database.close()
    assert counts == {table: len(rows) for table, rows in data.tables.items()}
    assert list(counts) == list(data.tables)  # the same order, for the summary
    assert counts["audit_entries"] == 1
