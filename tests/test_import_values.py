"""Headers and cells read the way Dutch staff write them."""

import datetime as dt

import pytest

from verbindtafel_desktop.importing.columns import guess_mapping
from verbindtafel_desktop.importing.fields import guess_field
from verbindtafel_desktop.importing.sources import Formula
from verbindtafel_desktop.importing.values import cell_text, clean_text, parse_row


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Voornaam", "first_name"),
        ("Roepnaam", "first_name"),
        ("First name", "first_name"),
        ("Tussenv.", "infix"),
        ("Achternaam", "last_name"),
        ("Geslachtsnaam", "last_name"),
        ("Geslacht", "gender"),
        ("Naam", "full_name"),
        ("Voornaam en achternaam", "full_name"),
        ("Geb. datum", "date_of_birth"),
        ("Geboortedatum (dd-mm-jjjj)", "date_of_birth"),
        ("Telefoonnummer mobiel", "phone"),
        ("Tel.", "phone"),
        ("E-mailadres privé", "email"),
        ("Postcode", "postcode"),
        ("Straat", "address"),
        ("Huisnr.", "house_number"),
        ("Wijk / buurt", "neighbourhood"),
        ("Datum toestemming AVG", "consent_date"),
        ("Bijzonderheden", "notes"),
        ("Lievelingskleur", None),
        ("", None),
    ],
)
def test_headers_are_recognised(header: str, field: str | None) -> None:
    assert guess_field(header) == field


def test_a_single_value_field_goes_to_the_first_column_naming_it() -> None:
    mapping = guess_mapping(["Voornaam", "Roepnaam", "Telefoon", "Mobiel", "Opmerking", "Memo"])
    assert mapping == {0: "first_name", 2: "phone", 3: "phone", 4: "notes", 5: "notes"}


def row(**cells: object) -> tuple[list[object], dict[int, str]]:
    keys = list(cells)
    return list(cells.values()), {column: key for column, key in enumerate(keys)}


def parsed(**cells: object):  # type: ignore[no-untyped-def]
    values, mapping = row(**cells)
    return parse_row(values, mapping)  # type: ignore[arg-type]


def test_names_with_tussenvoegsels() -> None:
    result = parsed(first_name="Jan", last_name="van der Berg")
    assert (result.values["infix"], result.values["last_name"]) == ("van der", "Berg")
    result = parsed(full_name="Berg, Jan van der")
    assert [result.values[key] for key in ("first_name", "infix", "last_name")] == [
        "Jan",
        "van der",
        "Berg",
    ]
    # 'Voornaam' next to 'Naam': the name column is the surname, or the whole name.
    result = parsed(first_name="Anna", full_name="de Vries")
    assert (result.values["infix"], result.values["last_name"]) == ("de", "Vries")
    result = parsed(first_name="Anna", full_name="Anna de Vries")
    assert (result.values["infix"], result.values["last_name"]) == ("de", "Vries")


def test_dates_phones_and_the_rest() -> None:
    result = parsed(
        first_name="Anna",
        date_of_birth=dt.datetime(1950, 4, 3),
        phone=612345678,
        address="Dorpsweg",
        house_number=12,
        postcode="3011ab",
        neighbourhood="OUDE WESTEN",
        gender="Vrouw",
        notes="regel één\r\nregel twee\x07",
    )
    values = result.values
    assert values["date_of_birth"] == dt.date(1950, 4, 3)
    assert values["phone"] == "0612345678"  # normalised later by the person rules
    assert values["address"] == "Dorpsweg 12"
    assert values["neighbourhood"] == "Oude Westen"
    assert values["gender"] == "female"
    assert values["notes"] == "regel één\nregel twee"
    assert result.errors == {}


def test_two_phone_numbers_keep_the_second_in_the_notes() -> None:
    values, mapping = ["Anna", "010-1234567", "06-12345678"], {0: "first_name", 1: "phone",
                                                                2: "phone"}  # fmt: skip
    result = parse_row(values, mapping)
    assert result.values["phone"] == "010-1234567"
    assert result.values["notes"] == "Ook telefoon: 06-12345678"


def test_house_number_additions() -> None:
    values, mapping = ["Straat", 12, "a"], {0: "address", 1: "house_number", 2: "house_number"}
    assert parse_row(values, mapping).values["address"] == "Straat 12a"


@pytest.mark.parametrize("gender", ["onbekend", "-", "?", ""])
def test_unknown_gender_is_left_empty(gender: str) -> None:
    result = parsed(first_name="Anna", gender=gender)
    assert result.values["gender"] is None and result.errors == {}


def test_problems_only_a_spreadsheet_has() -> None:
    result = parsed(
        first_name="Anna",
        date_of_birth="gisteren",
        gender="q",
        last_name=Formula("=A1&B1"),
        email="#N/A",
        consent_date=dt.time(10, 30),
    )
    assert set(result.errors) == {"date_of_birth", "gender", "last_name", "email", "consent_date"}
    assert result.errors["email"] == "Excel-foutwaarde #N/A in plaats van een waarde."
    assert result.errors["last_name"].startswith("Formule zonder uitkomst (=A1&B1)")


def test_cell_text() -> None:
    assert cell_text(12.0) == "12"
    assert cell_text(True) == "ja"
    assert cell_text(dt.date(1950, 4, 3)) == "03-04-1950"
    assert cell_text(float("nan")) == "nan"
    assert clean_text("  Jan \t de\x00 Vries ") == "Jan de Vries"
