"""Workbooks read back with openpyxl and compared with the database."""

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.export_world import (
    FORMULA_NAMES,
    SPECIAL_LETTERS,
    build_world,
    data_rows,
    header,
    workbook,
)
from verbindtafel_desktop.domain.enums import MembershipStatus
from verbindtafel_desktop.exports.registry import export
from verbindtafel_desktop.exports.scope import ExportScope
from verbindtafel_desktop.exports.xlsx import DATE_FORMAT, HEADER_ROW
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.people import PeopleService


def test_participant_list_is_the_list_as_filtered_on_screen(
    demo_db: Database, tmp_path: Path
) -> None:
    people = PeopleService(demo_db)
    cohort_id = demo_db.engine.connect().execute(sa.text("SELECT min(id) FROM cohorts")).scalar()
    query = ListQuery(
        filters={"cohort_id": cohort_id, "status": MembershipStatus.COMPLETED},
        sort_key="name",
        descending=True,
    )
    target = tmp_path / "lijst.xlsx"
    result = export(demo_db, "participants", ExportScope(list_query=query), target)

    ids = people.list_ids(query)
    expected = people.rows(ids)
    sheet = workbook(target)["Deelnemers"]
    rows = data_rows(sheet)
    assert result.count == len(ids) == len(rows) > 5
    assert header(sheet) == [
        "Naam",
        "Geboren",
        "Telefoon",
        "E-mail",
        "Wijk",
        "Binnengekomen",
        "Via",
        "Tafels",
    ]
    # Same people, same order (sorted on name, descending, like the screen).
    assert [row[0] for row in rows] == [expected[person_id]["name"] for person_id in ids]
    for row, person_id in zip(rows, ids, strict=True):
        wanted = expected[person_id]
        born = row[1]
        assert (born.date() if born else None) == wanted["date_of_birth"]
        assert row[2] == (wanted["phone"] or None)
        assert row[7] == wanted["tables"]
    assert sheet.cell(HEADER_ROW + 1, 2).number_format == DATE_FORMAT


def test_participant_list_with_chosen_columns_and_a_search(
    services: object, db: Database, tmp_path: Path
) -> None:
    world = build_world(db)
    query = ListQuery(search="ozturk")  # accents do not matter, as on screen
    target = tmp_path / "zoek.xlsx"
    export(db, "participants", ExportScope(list_query=query, columns=("name", "phone")), target)
    sheet = workbook(target).active
    assert header(sheet) == ["Naam", "Telefoon"]
    assert data_rows(sheet) == [(world.names[world.participants[0]], "06-12345678")]


def test_layout_header_filter_panes_properties(db: Database, tmp_path: Path) -> None:
    build_world(db)
    target = tmp_path / "lijst.xlsx"
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    export(db, "participants", ExportScope(), target)
    book = workbook(target)
    sheet = book.active
    assert sheet["A1"].value.startswith("Deelnemerslijst")
    assert sheet["A1"].font.bold
    assert "Personen: iedereen" in sheet["A2"].value and "gemaakt op" in sheet["A2"].value
    assert all(cell.font.bold for cell in sheet[HEADER_ROW] if cell.value)
    assert sheet.freeze_panes == f"B{HEADER_ROW + 1}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:H{HEADER_ROW + len(data_rows(sheet))}"
    assert 20 <= sheet.column_dimensions["A"].width <= 50
    assert sheet.page_setup.paperSize == 9
    assert book.properties.title == "Deelnemerslijst"
    assert book.properties.subject == "Personen: iedereen"
    assert book.properties.created >= before


def test_special_letters_and_formula_like_text_arrive_as_literal_text(
    db: Database, tmp_path: Path
) -> None:
    world = build_world(db)
    target = tmp_path / "lijst.xlsx"
    export(db, "participants", ExportScope(), target)
    sheet = workbook(target).active
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=HEADER_ROW + 1) for cell in row}
    for name in FORMULA_NAMES:
        assert name in cells, name
        assert cells[name].data_type == "s", name  # text, not a formula or an error
    assert cells["+31 6 1234 5678"].data_type == "s"
    for person_id in world.participants:
        assert world.names[person_id] in cells
    written = "".join(str(value) for value in cells)
    for letter in SPECIAL_LETTERS:
        assert letter in written, letter


def test_attendance_workbook_matches_the_database(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.engine.connect() as connection:
        cohort_id = connection.execute(sa.text("SELECT min(id) FROM cohorts")).scalar()
        recorded = connection.execute(
            sa.text(
                "SELECT p.id, t.name, a.status, s.number FROM attendance a "
                "JOIN sessions s ON s.id = a.session_id JOIN tables t ON t.id = s.table_id "
                "JOIN people p ON p.id = a.person_id WHERE t.cohort_id = :cohort"
            ),
            {"cohort": cohort_id},
        ).all()
        per_session = connection.execute(
            sa.text(
                "SELECT t.name, s.number, s.date, s.status, "
                "sum(a.status = 'present' AND a.role = 'member'), "
                "sum(a.status = 'excused' AND a.role = 'member') "
                "FROM sessions s JOIN tables t ON t.id = s.table_id "
                "LEFT JOIN attendance a ON a.session_id = s.id "
                "WHERE t.cohort_id = :cohort GROUP BY s.id"
            ),
            {"cohort": cohort_id},
        ).all()
        names = dict(
            connection.execute(
                sa.text(
                    "SELECT id, first_name || "
                    "CASE WHEN infix <> '' THEN ' ' || infix ELSE '' END || "
                    "CASE WHEN last_name <> '' THEN ' ' || last_name ELSE '' END FROM people"
                )
            ).all()
        )
    target = tmp_path / "aanwezigheid.xlsx"
    export(demo_db, "attendance", ExportScope(cohort_id=cohort_id), target)
    book = workbook(target)
    people = book["Aanwezigheid"]
    titles = header(people)
    assert titles[:5] == ["Naam", "Tafel", "Lichting", "Rol", "Deelname"]
    assert titles[5:10] == [f"Sessie {number}" for number in range(1, 6)]
    assert titles[10:] == ["Aanwezig", "Afgemeld", "Afwezig", "Aanwezigheid"]
    rows = data_rows(people)
    totals = rows[-1]
    assert totals[0] == "Totaal aanwezig"
    by_person = {(row[0], row[1]): row for row in rows[:-1]}
    expected: dict[tuple[str, str], Counter[str]] = {}
    words = {"present": "aanwezig", "excused": "afgemeld", "absent": "afwezig"}
    for person_id, table, status, number in recorded:
        key = (names[person_id], table)
        expected.setdefault(key, Counter())[status] += 1
        assert by_person[key][4 + number] == words[status]
    for key, counts in expected.items():
        row = by_person[key]
        assert (row[10], row[11], row[12]) == (
            counts["present"],
            counts["excused"],
            counts["absent"],
        )
        recorded_count = sum(counts.values())
        assert row[13] == pytest.approx(counts["present"] / recorded_count)
    present_per_number = Counter(
        number for _p, _t, status, number in recorded if status == "present"
    )
    assert list(totals[5:10]) == [present_per_number[number] for number in range(1, 6)]
    assert totals[10] == sum(row[10] for row in rows[:-1])
    # The filter covers the people, not the totals row.
    assert people.auto_filter.ref.endswith(str(HEADER_ROW + len(rows) - 1))
    rules = [rule for ranges in people.conditional_formatting for rule in ranges.rules]
    assert {rule.formula[0] for rule in rules if rule.operator == "equal"} >= {
        '"aanwezig"',
        '"afgemeld"',
        '"afwezig"',
    }
    assert people.cell(HEADER_ROW + 1, 14).number_format == "0%"

    sessions = data_rows(book["Sessies"])
    assert len(sessions) == len(per_session)
    found = {(row[1], row[2]): row for row in sessions}
    for table, number, day, _status, present, excused in per_session:
        row = found[(table, number)]
        assert row[3].date() == dt.date.fromisoformat(day)
        assert (row[6], row[7]) == (present or 0, excused or 0)


def test_attendance_marks_cancelled_sessions_and_counts_guests(
    db: Database, tmp_path: Path
) -> None:
    world = build_world(db)
    target = tmp_path / "tafel.xlsx"
    export(db, "attendance", ExportScope(table_id=world.table_id), target)
    book = workbook(target)
    rows = {row[0]: row for row in data_rows(book["Aanwezigheid"])}
    first = rows[world.names[world.participants[0]]]
    assert first[3:10] == (
        "tafelgenoot",
        "afgerond",
        "aanwezig",
        "aanwezig",
        "vervallen",
        None,
        None,
    )
    assert first[10:] == (2, 0, 0, 1)
    guest = rows[world.names[world.guest_id]]
    assert guest[3] == "introducee" and guest[6] == "aanwezig"
    assert rows[world.names[world.facilitator_id]][3] == "begeleider"
    sessions = data_rows(book["Sessies"])
    assert [row[5] for row in sessions] == [
        "gehouden",
        "gehouden",
        "geannuleerd",
        "gepland",
        "gepland",
    ]
    second = sessions[1]
    assert (second[6], second[7], second[8], second[9]) == (3, 1, 1, 1)


def test_seating_workbook(db: Database, tmp_path: Path) -> None:
    world = build_world(db)
    target = tmp_path / "indeling.xlsx"
    result = export(db, "seating", ExportScope(mixed_session_id=world.mixed_session_id), target)
    book = workbook(target)
    rows = data_rows(book["Tafelindeling"])
    seated = [world.facilitator_id, *world.participants, *world.others]
    assert result.count == len(rows) == len(seated)
    assert {row[2] for row in rows} == {world.names[person] for person in seated}
    by_name = {row[2]: row for row in rows}
    assert by_name[world.names[world.participants[0]]][3] == "Tafel Łódź"
    assert by_name[world.names[world.others[0]]][3] == "Tafel Zon"
    assert by_name[world.names[world.others[0]]][0] in (1, 2)
    overview = book["Overzicht"]
    assert header(overview) == ["Tafel 1 · Tafel Zonnebloem", "Tafel 2"]
    first_column = [row[0] for row in data_rows(overview) if row[0]]
    assert sorted(first_column) == sorted(row[2] for row in rows if row[0] == 1)
