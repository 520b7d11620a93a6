"""The report of skipped rows (read back with openpyxl) and `verbindtafel import people`."""

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.import_files import messy_workbook, workbook_with_rows
from verbindtafel_desktop.cli import main
from verbindtafel_desktop.domain.dutch_formats import parse_date_value, phone_from_number
from verbindtafel_desktop.domain.names import split_full_name
from verbindtafel_desktop.importing.columns import save_mapping
from verbindtafel_desktop.importing.errors import ImportProblem
from verbindtafel_desktop.importing.preview import Assignment, RowStatus
from verbindtafel_desktop.importing.report import write_report
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.registry import Services

FORMULA_LIKE = ['=HYPERLINK("http://x")', "+31 6 1234 5678", "-weg", "@naam"]


def test_report_lists_skipped_rows_as_literal_text(services: Services, tmp_path: Path) -> None:
    services.people.save({"first_name": "Anna", "last_name": "Bakker"})
    rows = [
        ["Anna", "Bakker", None, None],
        ["", "Zonder voornaam", FORMULA_LIKE[1], FORMULA_LIKE[0]],
        [FORMULA_LIKE[3], "Naam", "31-02-1950", FORMULA_LIKE[2]],
        ["Goed", "Mens", "1-1-1950", None],
    ]
    path = workbook_with_rows(
        tmp_path / "x.xlsx", ["Voornaam", "Achternaam", "Geboortedatum", "Opmerkingen"], rows
    )
    importer = services.people_import
    preview = importer.preview(importer.read(path))
    assert preview.counts() == {RowStatus.DUPLICATE: 1, RowStatus.INVALID: 2, RowStatus.NEW: 1}
    importer.commit(preview)
    report = write_report(preview, tmp_path / "rapport.xlsx")

    sheet = load_workbook(report)["Overgeslagen"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Regel", "Reden", "Voornaam", "Achternaam", "Geboortedatum", "Opmerkingen"]
    assert [row[0] for row in values[1:]] == [2, 3, 4]
    assert (
        values[1][1]
        == "Bestaat waarschijnlijk al als Anna Bakker (zelfde naam (geboortedatum ontbreekt))."
    )
    assert "Voornaam: Vul een voornaam in." in values[2][1]
    assert "Opmerkingen: Formule zonder uitkomst" in values[2][1]
    assert values[3][1] == "Geboortedatum: Deze datum bestaat niet."
    written = {cell.value: cell for row in sheet.iter_rows() for cell in row}
    for text in FORMULA_LIKE:
        cell = written[text]  # exactly the text, never a formula or a number
        assert cell.data_type == "s", text
    assert written[FORMULA_LIKE[0]].quotePrefix
    assert "Niet ingedeeld" not in load_workbook(report).sheetnames

    # The report can be corrected and imported again: its own columns are recognised.
    again = importer.read(report)
    assert again.mapping == {2: "first_name", 3: "last_name", 4: "date_of_birth", 5: "notes"}


def test_a_report_that_cannot_be_written_says_why(services: Services, tmp_path: Path) -> None:
    path = workbook_with_rows(tmp_path / "x.xlsx", ["Voornaam"], [[""], ["Anna"]])
    importer = services.people_import
    preview = importer.preview(importer.read(path))
    with pytest.raises(ImportProblem, match="kan niet worden opgeslagen"):
        write_report(preview, tmp_path / "bestaat-niet" / "rapport.xlsx")


def test_report_lists_people_who_could_not_be_seated(services: Services, tmp_path: Path) -> None:
    location = services.locations.save({"name": "Buurthuis"})
    cohort = services.cohorts.save(
        {"name": "Voorjaar", "location_id": location, "start_date": dt.date(2026, 3, 1)}
    )
    table = services.tables.save({"name": "Zon", "cohort_id": cohort, "capacity": 1})
    path = workbook_with_rows(tmp_path / "x.xlsx", ["Naam"], [["Anna Bakker"], ["Bo de Wit"]])
    importer = services.people_import
    preview = importer.preview(importer.read(path))
    importer.plan_seats(preview, Assignment(table_id=table))
    importer.commit(preview)
    sheet = load_workbook(write_report(preview, tmp_path / "r.xlsx"))["Niet ingedeeld"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [
        ("Regel", "Naam", "Reden"),
        (3, "Bo de Wit", "De tafel 'Zon' is vol (1 van 1 plaatsen)."),
    ]


def count_people(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM people").fetchone()[0])


def test_cli_dry_run_then_import_then_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "centrum.sqlite"
    open_database(database).close()
    source = messy_workbook(tmp_path / "deelnemers.xlsx")
    assert main(["import", "people", str(source), "--db", str(database), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "kolomkoppen op regel 4" in out
    assert "nieuw: 6" in out and "ongeldig: 2" in out and "dubbel in het bestand: 1" in out
    assert "Er is niets opgeslagen" in out
    assert count_people(database) == 0

    assert main(["import", "people", str(source), "--db", str(database)]) == 0
    out = capsys.readouterr().out
    assert "6 personen toegevoegd, 0 samengevoegd, 3 regels overgeslagen." in out
    assert "regel 11: Geboortedatum: Deze datum bestaat niet." in out
    assert count_people(database) == 6

    assert main(["import", "people", str(source), "--db", str(database)]) == 0
    assert "0 personen toegevoegd" in capsys.readouterr().out
    assert count_people(database) == 6


def test_cli_sheet_and_mapping_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "centrum.sqlite"
    source = workbook_with_rows(
        tmp_path / "eigen.xlsx", ["Roepnaam deelnemer", "Fam."], [["Anna", "Bakker"]]
    )
    mapping = tmp_path / "koppeling.json"
    save_mapping(mapping, ["Roepnaam deelnemer", "Fam."], {0: "first_name", 1: "last_name"})
    args = ["import", "people", str(source), "--db", str(database), "--mapping", str(mapping)]
    assert main([*args, "--sheet", "Sheet"]) == 0
    assert "1 persoon toegevoegd" in capsys.readouterr().out
    db = open_database(database)
    assert Services.for_database(db).people.find("anna bakker")
    db.close()


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (b"", [], "is leeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], "geen spreadsheet"),
        (b"Kleur;Maat\nrood;42\n", [], "Geen bekende kolommen"),
        (b"Voornaam\nAnna\n", ["--sheet", "Blad1"], "geen bladen"),
        (b"Voornaam\nAnna\n", ["--mapping", "weg.json"], "kan niet gelezen worden"),
    ],
)
def test_cli_bad_input_is_one_dutch_line_and_exit_1(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    extra: list[str],
    message: str,
) -> None:
    source = tmp_path / "bestand.csv"
    source.write_bytes(content)
    database = tmp_path / "centrum.sqlite"
    assert main(["import", "people", str(source), "--db", str(database), *extra]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("verbindtafel: fout: ") and message in err


def test_cli_dry_run_needs_an_existing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workbook_with_rows(tmp_path / "x.xlsx", ["Voornaam"], [["Anna"]])
    database = tmp_path / "nog-niet.sqlite"
    assert main(["import", "people", str(source), "--db", str(database), "--dry-run"]) == 1
    assert "bestaat niet" in capsys.readouterr().err
    assert not database.exists()


def test_extended_dutch_formats() -> None:
    assert parse_date_value(dt.datetime(1950, 4, 3, 0, 0)) == dt.date(1950, 4, 3)
    assert parse_date_value(18356) == dt.date(1950, 4, 3)
    assert parse_date_value(18356.5) == dt.date(1950, 4, 3)
    assert parse_date_value("3-apr-1950") == dt.date(1950, 4, 3)
    for bad in (float("nan"), float("inf"), 0, -5, True, dt.time(10, 0)):
        with pytest.raises(ValueError):
            parse_date_value(bad)
    assert phone_from_number(612345678) == "0612345678"
    assert phone_from_number(31612345678) == "+31612345678"
    assert split_full_name("Jan van der Berg") == ("Jan", "van der", "Berg")
    assert split_full_name("Berg, Jan van der") == ("Jan", "van der", "Berg")
    assert split_full_name("van der Berg, Jan") == ("Jan", "van der", "Berg")
    assert split_full_name("Fatima") == ("Fatima", "", "")
