"""Messy spreadsheets as centres really have them, made fresh by the tests."""

import datetime as dt
import io
import re
import struct
import zipfile
from pathlib import Path

from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

HEADERS = ["Voornaam", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Telefoon", "E-mail"]


def messy_workbook(path: Path) -> Path:
    """A title row, a blank row, a two-level header with merged cells, mixed date
    formats, tussenvoegsels, a duplicate within the file, empty rows and formulas."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Deelnemers"
    sheet.append(["Deelnemerslijst Buurthuis De Klimop — voorjaar 2026"])
    sheet.merge_cells("A1:H1")
    sheet.append([])
    sheet.append(["Naam", None, None, "Persoonlijk", None, "Contact"])
    sheet.merge_cells("A3:C3")
    sheet.merge_cells("D3:E3")
    sheet.merge_cells("F3:G3")
    sheet.append(
        ["Voornaam", "Tussenv.", "Achternaam", "Geb. datum", "Geslacht", "Mobiel", "E-mailadres",
         "Opmerkingen"]
    )  # fmt: skip
    rows = [
        ["Jan", "", "van der Berg", dt.datetime(1950, 4, 3), "m", "06-12345678",
         "jan@example.nl", "rolstoel"],
        ["Ayşe", None, "Yılmaz", "3-4-1948", "V", 612345670, None, None],
        ["Şükrü", None, "Öztürk", "1946-11-02", "man", "+31 6 1234 5671", None, None],
        ["Maria", None, "de Jesus Tavares", "3 april 1952", "vrouw", "010-1234567", None, None],
        ["Kees", None, "de Vries", 18000, None, None, "kees@example.nl", None],
        [None, None, None, None, None, None, None, None],
        ["Piet", None, "Jansen", "31-02-1950", None, "12345", "piet@", None],
        ["Jan", None, "van der Berg", "03-04-1950", None, None, None, "dubbel ingevuld"],
        ["Anna", None, "Bakker", "1-1-1955", None, None, None, None],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append([])
    sheet.append(["Lotte", None, "Smit", "2-2-1960", None, None, None, None])
    # A formula Excel calculated (result stored) and one never calculated.
    sheet["H13"] = '="Kom"&"t met de bus"'
    sheet["H16"] = "=1/0"
    workbook.save(path)
    store_formula_result(path, "H13", "Komt met de bus")
    return path


def store_formula_result(path: Path, cell: str, result: str) -> None:
    """Give a formula the result Excel stores next to it when it saves the file."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    pattern = re.compile(rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?')
    sheet, found = pattern.subn(
        lambda match: f'<c r="{cell}" t="str"><f>{match.group(2)}</f><v>{result}</v>', sheet
    )
    assert found == 1, sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def dutch_excel_csv(path: Path) -> Path:
    """What Dutch Excel writes as CSV: semicolons, Windows-1252, dd-mm-jjjj dates."""
    text = (
        "Ledenlijst Wijkcentrum;;;;\r\n"
        "Naam;Geboortedatum;Telefoon;Postcode;Wijk\r\n"
        "José Gonçalves;03-04-1950;06-12345678;3011ab;afrikaanderwijk\r\n"
        '"Berg, Jan van der";3-4-1951;010 123 45 67;3072 AB;Feijenoord\r\n'
        ";;;;\r\n"
        "Renée Müller;1950-12-31;;;\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    return path


def utf8_csv(path: Path, *, bom: bool) -> Path:
    text = "Voornaam,Achternaam,E-mail\nAyşe,Yılmaz,ayse@example.nl\nŁukasz,Żak,LUKASZ@example.nl\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def workbook_with_rows(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def encrypted_workbook(path: Path) -> Path:
    plain = io.BytesIO()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADERS)
    workbook.save(plain)
    plain.seek(0)
    with path.open("wb") as out:
        OOXMLFile(plain).encrypt("geheim", out)
    return path


def old_excel_file(path: Path) -> Path:
    """An OLE2 container with a 'Workbook' stream, as an Excel 97-2003 .xls file is.

    Made from an encrypted workbook's container by renaming its two encryption streams.
    """
    data = bytearray(encrypted_workbook(path).read_bytes())
    for old, new in (("EncryptionInfo", "Workbook"), ("EncryptedPackage", "Document")):
        at = data.find(old.encode("utf-16-le"))
        assert at >= 0
        name = new.encode("utf-16-le")
        data[at : at + 64] = name.ljust(64, b"\0")
        struct.pack_into("<H", data, at + 64, len(name) + 2)  # name length with its NUL
    path.write_bytes(bytes(data))
    return path
