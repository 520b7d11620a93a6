"""Reading the files staff have: encodings, separators, title rows, and files we refuse."""

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.import_files import (
    dutch_excel_csv,
    encrypted_workbook,
    messy_workbook,
    old_excel_file,
    utf8_csv,
    workbook_with_rows,
)
from verbindtafel_desktop.importing.columns import (
    SavedMapping,
    SheetLayout,
    load_mapping,
    save_mapping,
    score_rows,
)
from verbindtafel_desktop.importing.errors import ImportProblem
from verbindtafel_desktop.importing.sources import MAX_ROWS, Formula, read_spreadsheet


def layout_of(path: Path, sheet: str | None = None, saved: SavedMapping | None = None):
    rows = read_spreadsheet(path, sheet, score=lambda first: score_rows(first, saved))
    return SheetLayout.detect(rows, saved)


def test_semicolon_csv_in_windows_1252_with_a_title_row(tmp_path: Path) -> None:
    layout = layout_of(dutch_excel_csv(tmp_path / "leden.csv"))
    assert layout.sheet.encoding == "windows-1252"
    assert layout.sheet.delimiter == ";"
    assert layout.header_line == 2
    assert layout.headers == ["Naam", "Geboortedatum", "Telefoon", "Postcode", "Wijk"]
    assert layout.mapping == {
        0: "full_name",
        1: "date_of_birth",
        2: "phone",
        3: "postcode",
        4: "neighbourhood",
    }
    lines = [line for line, _cells in layout.data_rows()]
    assert lines == [3, 4, 6]  # the row of bare semicolons is empty
    assert layout.data_rows()[0][1][0] == "José Gonçalves"
    assert layout.data_rows()[2][1][0] == "Renée Müller"


@pytest.mark.parametrize("bom", [True, False])
def test_utf8_csv_with_and_without_bom(tmp_path: Path, bom: bool) -> None:
    layout = layout_of(utf8_csv(tmp_path / "mensen.csv", bom=bom))
    assert layout.sheet.delimiter == ","
    assert layout.sheet.encoding == ("utf-8-sig" if bom else "utf-8")
    assert layout.headers[0] == "Voornaam"  # no BOM glued to the first header
    assert layout.mapping == {0: "first_name", 1: "last_name", 2: "email"}
    assert [cells[0] for _line, cells in layout.data_rows()] == ["Ayşe", "Łukasz"]


def test_header_below_title_rows_and_merged_header_cells(tmp_path: Path) -> None:
    layout = layout_of(messy_workbook(tmp_path / "deelnemers.xlsx"))
    assert layout.sheet.sheet == "Deelnemers"
    assert layout.header_line == 4
    assert layout.mapping == {
        0: "first_name",
        1: "infix",
        2: "last_name",
        3: "date_of_birth",
        4: "gender",
        5: "phone",
        6: "email",
        7: "notes",
    }
    lines = [line for line, _cells in layout.data_rows()]
    assert lines == [5, 6, 7, 8, 9, 11, 12, 13, 16]  # empty rows left out, numbers kept
    first = layout.data_rows()[0][1]
    assert first[3] == dt.datetime(1950, 4, 3)  # an Excel date cell stays a date


def test_formulas_give_their_stored_result_or_are_reported(tmp_path: Path) -> None:
    layout = layout_of(messy_workbook(tmp_path / "deelnemers.xlsx"))
    by_line = dict(layout.data_rows())
    assert by_line[13][7] == "Komt met de bus"
    assert by_line[16][7] == Formula("=1/0")


def test_the_sheet_with_people_is_picked(tmp_path: Path) -> None:
    path = tmp_path / "twee-bladen.xlsx"
    workbook = Workbook()
    intro = workbook.active
    assert intro is not None
    intro.title = "Toelichting"
    intro.append(["Vul hieronder de deelnemers in."])
    people = workbook.create_sheet("Aanmeldingen")
    people.append(["Voornaam", "Achternaam", "Telefoon"])
    people.append(["Anna", "Bakker", "0612345678"])
    workbook.save(path)
    assert layout_of(path).sheet.sheet == "Aanmeldingen"
    assert layout_of(path, "Aanmeldingen").mapping == {0: "first_name", 1: "last_name", 2: "phone"}
    with pytest.raises(ImportProblem, match="Toelichting, Aanmeldingen"):
        layout_of(path, "Blad9")


def test_saved_mapping_recognises_unusual_headers(tmp_path: Path) -> None:
    path = workbook_with_rows(
        tmp_path / "eigen.xlsx",
        ["Lidnummer", "Roepnaam deelnemer", "Fam.", "Nummer mob."],
        [[17, "Anna", "Bakker", "0612345678"]],
    )
    layout = layout_of(path)
    assert layout.mapping == {1: "first_name"}
    layout.mapping = {1: "first_name", 2: "last_name", 3: "phone"}
    mapping_file = tmp_path / "koppeling.json"
    save_mapping(mapping_file, layout.headers, layout.mapping)
    again = layout_of(path, saved=load_mapping(mapping_file))
    assert again.mapping == {1: "first_name", 2: "last_name", 3: "phone"}


@pytest.mark.parametrize(
    "content",
    [b"", b'{"format": "iets anders"}', b"niet eens json", b'{"format": "verbindtafel-'
     b'importkoppeling", "columns": {"Naam": "schoenmaat"}}'],
)  # fmt: skip
def test_bad_mapping_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "koppeling.json"
    path.write_bytes(content)
    with pytest.raises(ImportProblem, match="koppeling"):
        load_mapping(path)


def refusal(path: Path) -> str:
    with pytest.raises(ImportProblem) as refused:
        layout_of(path)
    message = str(refused.value)
    assert "\n" not in message
    return message


def test_files_that_are_not_spreadsheets_get_a_clear_message(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    assert "leeg" in refusal(empty)
    blank = tmp_path / "witregels.csv"
    blank.write_text("\n ; ; \n\n", encoding="utf-8")
    assert "geen gegevens" in refusal(blank)
    picture = tmp_path / "foto.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert "geen spreadsheet" in refusal(picture)
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n")
    assert "geen spreadsheet" in refusal(pdf)
    assert "wachtwoord" in refusal(encrypted_workbook(tmp_path / "beveiligd.xlsx"))
    assert "oud Excel-bestand (.xls)" in refusal(old_excel_file(tmp_path / "oud.xls"))
    assert "bestaat niet" in refusal(tmp_path / "weg.xlsx")


def test_other_office_files_and_broken_workbooks(tmp_path: Path) -> None:
    ods = tmp_path / "lijst.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office/>")
    assert "OpenDocument" in refusal(ods)
    docx = tmp_path / "brief.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "geen spreadsheet" in refusal(docx)
    broken = tmp_path / "kapot.xlsx"
    good = workbook_with_rows(tmp_path / "goed.xlsx", ["Voornaam"], [["Anna"]])
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "beschadigd" in refusal(broken)


def test_no_recognisable_columns(tmp_path: Path) -> None:
    path = workbook_with_rows(tmp_path / "raar.xlsx", ["Kleur", "Maat"], [["rood", 42]])
    layout = layout_of(path)
    assert layout.mapping == {}
    assert "Geen bekende kolommen" in (layout.problem() or "")


def test_more_than_the_row_limit_is_refused_early(tmp_path: Path) -> None:
    path = tmp_path / "enorm.csv"
    lines = ["Voornaam;Achternaam"] + [f"Persoon{n};Achter" for n in range(MAX_ROWS + 40)]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "100.000" in refusal(path)
