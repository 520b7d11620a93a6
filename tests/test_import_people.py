"""Previewing and committing an import against a real database: duplicates, choices,
assignment to tables, all or nothing, and importing the same file twice."""

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.import_files import dutch_excel_csv, messy_workbook, workbook_with_rows
from verbindtafel_desktop.domain.enums import MembershipRole, ReferralRoute
from verbindtafel_desktop.importing.errors import ImportProblem
from verbindtafel_desktop.importing.preview import Assignment, Choice, Preview, RowStatus
from verbindtafel_desktop.services import people_import
from verbindtafel_desktop.services.progress import Cancelled, Progress
from verbindtafel_desktop.services.registry import Services


def snapshot(services: Services) -> dict[str, list[Any]]:
    """Every row of the tables an import may touch."""
    with sqlite3.connect(services.db.path) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("people", "referrals", "memberships")
        }


def preview_of(services: Services, path: Path) -> Preview:
    importer = services.people_import
    return importer.preview(importer.read(path))


def by_line(preview: Preview) -> dict[int, Any]:
    return {row.line: row for row in preview.rows}


def make_table(services: Services, capacity: int, name: str = "Tafel Zon", cohort: int = 0) -> int:
    if not cohort:
        location = services.locations.save({"name": f"Buurthuis {name}"})
        cohort = services.cohorts.save(
            {"name": "Voorjaar", "location_id": location, "start_date": dt.date(2026, 3, 1)}
        )
    return services.tables.save({"name": name, "cohort_id": cohort, "capacity": capacity})


def test_messy_workbook_preview(services: Services, tmp_path: Path) -> None:
    preview = preview_of(services, messy_workbook(tmp_path / "deelnemers.xlsx"))
    rows = by_line(preview)
    assert preview.counts() == {
        RowStatus.NEW: 6,
        RowStatus.FILE_DUPLICATE: 1,
        RowStatus.INVALID: 2,
    }
    jan = rows[5].values
    assert (jan["first_name"], jan["infix"], jan["last_name"]) == ("Jan", "van der", "Berg")
    assert jan["date_of_birth"] == dt.date(1950, 4, 3)
    assert jan["gender"] == "male"
    assert rows[6].values["phone"] == "06-12345670"  # Excel dropped the leading 0
    assert rows[6].values["date_of_birth"] == dt.date(1948, 4, 3)
    assert rows[7].values["phone"] == "06-12345671"
    assert rows[8].values["infix"] == "de"
    assert rows[8].values["date_of_birth"] == dt.date(1952, 4, 3)
    assert rows[9].values["date_of_birth"] == dt.date(1949, 4, 12)  # an Excel serial number
    assert rows[13].values["notes"] == "Komt met de bus"
    assert rows[11].status == RowStatus.INVALID
    assert set(rows[11].errors) == {"date_of_birth", "phone", "email"}
    assert "Geboortedatum: Deze datum bestaat niet." in rows[11].reason()
    assert rows[12].status == RowStatus.FILE_DUPLICATE and rows[12].match_line == 5
    assert rows[16].errors["notes"].startswith("Formule zonder uitkomst (=1/0)")


def test_duplicates_against_the_database(services: Services, tmp_path: Path) -> None:
    born = {"first_name": "Şükrü", "last_name": "Öztürk", "date_of_birth": dt.date(1946, 11, 2)}
    ozturk = services.people.save(born)
    phoned = services.people.save({"first_name": "Els", "phone": "06-11112222"})
    mailed = services.people.save({"first_name": "Bo", "email": "bo@example.nl"})
    namesake = services.people.save(
        {"first_name": "Anna", "last_name": "Bakker", "date_of_birth": dt.date(1930, 1, 1)}
    )
    path = workbook_with_rows(
        tmp_path / "lijst.xlsx",
        ["Voornaam", "Achternaam", "Geboortedatum", "Telefoon", "E-mail"],
        [
            ["sukru", "ozturk", "2-11-1946", None, None],
            ["Elisabeth", "Smit", None, "+31 6 1111 2222", None],
            ["Bo", "Kramer", None, None, "BO@Example.NL"],
            ["Anna", "Bakker", "1-1-1955", None, None],
        ],
    )
    rows = by_line(preview_of(services, path))
    assert (rows[2].status, rows[2].match_id) == (RowStatus.DUPLICATE, ozturk)
    assert rows[2].match_reason == "zelfde naam en geboortedatum"
    assert rows[2].match_name == "Şükrü Öztürk"
    assert (rows[3].match_id, rows[3].match_reason) == (phoned, "zelfde telefoonnummer")
    assert (rows[4].match_id, rows[4].match_reason) == (mailed, "zelfde e-mailadres")
    assert rows[5].status == RowStatus.NEW  # a namesake born in another year
    assert namesake not in {row.match_id for row in rows.values()}
    assert all(row.choice == Choice.SKIP for row in rows.values() if row.match_id)


def test_commit_adds_people_as_the_form_does_and_twice_adds_nothing(
    services: Services, tmp_path: Path
) -> None:
    path = messy_workbook(tmp_path / "deelnemers.xlsx")
    result = services.people_import.commit(preview_of(services, path))
    assert (result.added, result.merged, result.skipped) == (6, 0, 3)
    assert len(result.added_ids) == 6
    found = services.people.find("ozturk")
    assert [name for _id, name in found] == ["Şükrü Öztürk (geb. 1946)"]
    values = services.people.form_values(found[0][0])
    assert values["referral_route"] == ReferralRoute.SELF
    before = snapshot(services)
    again = preview_of(services, path)
    assert again.counts()[RowStatus.DUPLICATE] == 7  # the second Jan matches the database now
    result = services.people_import.commit(again)
    assert (result.added, result.merged) == (0, 0)
    assert snapshot(services) == before


def test_csv_from_dutch_excel_is_imported(services: Services, tmp_path: Path) -> None:
    preview = preview_of(services, dutch_excel_csv(tmp_path / "leden.csv"))
    rows = by_line(preview)
    assert rows[3].values["first_name"] == "José"
    assert rows[3].values["postcode"] == "3011 AB"
    assert rows[3].values["neighbourhood"] == "Afrikaanderwijk"
    berg = rows[4].values
    assert (berg["first_name"], berg["infix"], berg["last_name"]) == ("Jan", "van der", "Berg")
    assert berg["phone"] == "010-1234567"
    assert rows[6].values["last_name"] == "Müller"
    assert services.people_import.commit(preview).added == 3


def test_merge_fills_blanks_and_keeps_what_is_there(services: Services, tmp_path: Path) -> None:
    stored = services.people.save(
        {"first_name": "Anna", "last_name": "Bakker", "phone": "06-12345678", "notes": "Oud."}
    )
    path = workbook_with_rows(
        tmp_path / "update.xlsx",
        ["Voornaam", "Achternaam", "Telefoon", "E-mail", "Postcode", "Opmerkingen"],
        [["Anna", "Bakker", "06-99999999", "anna@example.nl", "3011ab", "Nieuw."]],
    )
    preview = preview_of(services, path)
    row = preview.rows[0]
    assert (row.status, row.match_id) == (RowStatus.DUPLICATE, stored)
    assert preview.existing[stored]["phone"] == "06-12345678"
    preview.set_choice(row, Choice.MERGE)
    result = services.people_import.commit(preview)
    assert (result.added, result.merged) == (0, 1)
    person = services.people.get(stored)
    assert person.phone == "06-12345678"  # not overwritten
    assert person.email == "anna@example.nl"
    assert person.postcode == "3011 AB"
    assert person.notes == "Oud.\nNieuw."
    assert "anna@example.nl" in person.search_text


def test_add_anyway_and_choices_a_row_does_not_offer(services: Services, tmp_path: Path) -> None:
    services.people.save({"first_name": "Anna", "last_name": "Bakker"})
    path = workbook_with_rows(
        tmp_path / "x.xlsx", ["Voornaam", "Achternaam"], [["Anna", "Bakker"], ["", "Zonder"]]
    )
    preview = preview_of(services, path)
    _duplicate, invalid = preview.rows
    with pytest.raises(ValueError):
        preview.set_choice(invalid, Choice.ADD)
    assert preview.set_choice_for(RowStatus.DUPLICATE, Choice.ADD) == 1
    services.people_import.commit(preview)
    assert len(services.people.find("anna bakker")) == 2
    assert invalid.errors == {"first_name": "Vul een voornaam in."}


def test_cancel_or_error_midway_leaves_the_database_as_it_was(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.people.save({"first_name": "Anna", "last_name": "Bakker"})
    rows = [[f"Persoon{n}", "Test", f"06{n:08d}"] for n in range(2500)] + [["Anna", "Bakker", ""]]
    path = workbook_with_rows(tmp_path / "veel.xlsx", ["Voornaam", "Achternaam", "Mobiel"], rows)
    preview = preview_of(services, path)
    preview.set_choice_for(RowStatus.DUPLICATE, Choice.MERGE)
    before = snapshot(services)

    progress = Progress()
    progress.on_report = lambda done, _total, _text: progress.cancel() if done >= 2000 else None
    with pytest.raises(Cancelled):
        services.people_import.commit(preview, progress)
    assert snapshot(services) == before

    def broken_update(*_args: Any) -> None:
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(people_import, "update_people", broken_update)
    with pytest.raises(RuntimeError):
        services.people_import.commit(preview)
    assert snapshot(services) == before


def test_assignment_to_a_full_table_is_a_reason_not_a_crash(
    services: Services, tmp_path: Path
) -> None:
    table = make_table(services, capacity=2)
    path = workbook_with_rows(tmp_path / "x.xlsx", ["Voornaam"], [["Anna"], ["Bo"], ["Cas"]])
    preview = preview_of(services, path)
    services.people_import.plan_seats(preview, Assignment(table_id=table))
    assert [row.table_id for row in preview.rows] == [table, table, None]
    assert preview.rows[2].seat_problem == "De tafel 'Tafel Zon' is vol (2 van 2 plaatsen)."
    assert "niet in te delen: 1" in preview.summary()
    result = services.people_import.commit(preview)
    assert (result.added, result.seated, result.not_seated) == (3, 2, 1)
    assert [member.name for member in services.memberships.members(table)] == ["Anna", "Bo"]


def test_a_second_open_membership_in_the_cohort_is_a_reason(
    services: Services, tmp_path: Path
) -> None:
    first = make_table(services, capacity=8)
    cohort = services.tables.get(first).cohort_id
    second = make_table(services, capacity=8, name="Tafel Maan", cohort=cohort)
    anna = services.people.save({"first_name": "Anna", "last_name": "Bakker"})
    services.memberships.add(first, anna)
    path = workbook_with_rows(
        tmp_path / "x.xlsx", ["Voornaam", "Achternaam"], [["Anna", "Bakker"], ["Bo", "Smit"]]
    )
    preview = preview_of(services, path)
    preview.set_choice(preview.rows[0], Choice.MERGE)
    services.people_import.plan_seats(preview, Assignment(table_id=second))
    assert preview.rows[0].seat_problem == (
        "Deze persoon doet in deze lichting al mee aan tafel 'Tafel Zon'. "
        "Beëindig die deelname eerst."
    )
    result = services.people_import.commit(preview)
    assert (result.merged, result.added, result.seated) == (1, 1, 1)
    assert [member.name for member in services.memberships.members(second)] == ["Bo Smit"]


def test_assignment_to_a_cohort_spreads_people_over_its_tables(
    services: Services, tmp_path: Path
) -> None:
    first = make_table(services, capacity=3)
    cohort = services.tables.get(first).cohort_id
    second = make_table(services, capacity=3, name="Tafel Maan", cohort=cohort)
    names = [["Anna"], ["Bo"], ["Cas"], ["Dewi"], ["Eva"], ["Fen"], ["Gijs"]]
    preview = preview_of(services, workbook_with_rows(tmp_path / "x.xlsx", ["Voornaam"], names))
    services.people_import.plan_seats(preview, Assignment(cohort_id=cohort))
    result = services.people_import.commit(preview)
    assert (result.seated, result.not_seated) == (6, 1)
    assert preview.rows[-1].seat_problem == "Alle tafels van de lichting zijn vol."
    assert len(services.memberships.members(first)) == 3
    assert len(services.memberships.members(second)) == 3


def test_facilitators_do_not_take_seats(services: Services, tmp_path: Path) -> None:
    table = make_table(services, capacity=1)
    path = workbook_with_rows(tmp_path / "x.xlsx", ["Voornaam"], [["Anna"], ["Bo"]])
    preview = preview_of(services, path)
    services.people_import.plan_seats(
        preview, Assignment(table_id=table, role=MembershipRole.FACILITATOR)
    )
    assert services.people_import.commit(preview).seated == 2
    roles = {member.role for member in services.memberships.members(table)}
    assert roles == {MembershipRole.FACILITATOR}


def test_a_file_without_name_column_or_data_is_refused(services: Services, tmp_path: Path) -> None:
    importer = services.people_import
    no_names = workbook_with_rows(tmp_path / "a.xlsx", ["Telefoon"], [["0612345678"]])
    with pytest.raises(ImportProblem, match="voornaam"):
        importer.preview(importer.read(no_names))
    only_headers = workbook_with_rows(tmp_path / "b.xlsx", ["Voornaam", "Achternaam"], [])
    with pytest.raises(ImportProblem, match="geen gegevens"):
        importer.preview(importer.read(only_headers))
