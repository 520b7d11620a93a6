import datetime as dt

import pytest

from verbindtafel_desktop.domain.dutch_formats import (
    check_birth_date,
    normalize_email,
    normalize_phone,
    normalize_postcode,
    parse_date,
    parse_time,
)
from verbindtafel_desktop.domain.names import full_name, sort_name, split_infix
from verbindtafel_desktop.domain.text import search_key


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3-4-1950", dt.date(1950, 4, 3)),
        ("03-04-1950", dt.date(1950, 4, 3)),
        ("3/4/1950", dt.date(1950, 4, 3)),
        ("1950-04-03", dt.date(1950, 4, 3)),
        ("3 april 1950", dt.date(1950, 4, 3)),
        ("3 apr. 1950", dt.date(1950, 4, 3)),
        ("  29-02-2024 ", dt.date(2024, 2, 29)),
    ],
)
def test_dates_as_staff_type_them(typed: str, expected: dt.date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["31-02-2000", "3 foo 1950", "1950", "", "12-13-1950"])
def test_impossible_dates_are_refused_in_dutch(typed: str) -> None:
    with pytest.raises(ValueError, match="datum"):
        parse_date(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("06-12345678", "06-12345678"),
        ("0612345678", "06-12345678"),
        ("+31 6 1234 5678", "06-12345678"),
        ("0031612345678", "06-12345678"),
        ("010-1234567", "010-1234567"),
        ("(010) 123 45 67", "010-1234567"),
        ("0111-123456", "0111-123456"),
    ],
)
def test_dutch_phone_numbers(typed: str, expected: str) -> None:
    assert normalize_phone(typed) == expected


@pytest.mark.parametrize("typed", ["12345", "06-1234567", "06-123456789", "abc", "+31 6 12"])
def test_bad_phone_numbers(typed: str) -> None:
    with pytest.raises(ValueError):
        normalize_phone(typed)


def test_postcodes_and_emails() -> None:
    assert normalize_postcode("3011ab") == "3011 AB"
    assert normalize_postcode(" 3011  AB ") == "3011 AB"
    for bad in ("0123 AB", "3011 SS", "3011", "30111 AB"):
        with pytest.raises(ValueError):
            normalize_postcode(bad)
    assert normalize_email(" Anna@Voorbeeld.NL ") == "anna@voorbeeld.nl"
    for bad in ("anna", "anna@", "anna@voorbeeld", "an na@voorbeeld.nl", "a..b@x.nl"):
        with pytest.raises(ValueError):
            normalize_email(bad)


def test_birth_date_plausibility() -> None:
    today = dt.date(2026, 11, 25)
    check_birth_date(dt.date(1940, 1, 1), today)
    with pytest.raises(ValueError, match="toekomst"):
        check_birth_date(dt.date(2027, 1, 1), today)
    with pytest.raises(ValueError, match="115"):
        check_birth_date(dt.date(1880, 1, 1), today)


def test_times() -> None:
    assert parse_time("9.30") == dt.time(9, 30)
    assert parse_time("14:05") == dt.time(14, 5)
    with pytest.raises(ValueError):
        parse_time("25:00")


def test_names_with_tussenvoegsels() -> None:
    assert split_infix("van der Berg") == ("van der", "Berg")
    assert split_infix("De Vries") == ("de", "Vries")
    assert split_infix("Devries") == ("", "Devries")
    assert split_infix("van") == ("", "van")
    assert full_name("Jan", "van der", "Berg") == "Jan van der Berg"
    assert sort_name("Jan", "van der", "Berg") == "Berg, Jan van der"


def test_search_key_folds_accents_from_many_languages() -> None:
    assert search_key("Şükrü", "Öztürk") == "sukru ozturk"
    assert search_key("Łukasz", "Żak") == "lukasz zak"
    assert search_key("João", "Gonçalves") == "joao goncalves"
    assert search_key("Iİıi") == "iiii"
