"""Parsing and writing the formats Dutch staff type: dates, phone numbers, postcodes."""

import datetime as dt
import re

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

_NUMERIC_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_WRITTEN = re.compile(r"^(\d{1,2})(?:\s+|-)([a-z]+)\.?(?:\s+|-)(\d{4})$")


def parse_date(text: str) -> dt.date:
    """Read '3-4-1950', '03-04-1950', '3/4/1950', '1950-04-03', '3 april 1950' or '3-apr-1950'.

    Raises ValueError with a Dutch message when the text is not a real date.
    """
    cleaned = " ".join(text.strip().lower().split())
    if match := _NUMERIC_DAY_FIRST.match(cleaned):
        day, month, year = (int(group) for group in match.groups())
    elif match := _ISO.match(cleaned):
        year, month, day = (int(group) for group in match.groups())
    elif (match := _WRITTEN.match(cleaned)) and match.group(2) in MONTHS:
        day, month, year = int(match.group(1)), MONTHS[match.group(2)], int(match.group(3))
    else:
        raise ValueError("Onbekende datumnotatie; gebruik dd-mm-jjjj.")
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ValueError("Deze datum bestaat niet.") from error


# Excel counts days from 30-12-1899 (day 60 is the 29 February 1900 that never was).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_LAST_DAY = 2_958_465  # 31-12-9999


def parse_date_value(value: object) -> dt.date:
    """A date from a spreadsheet cell: a date or datetime (an Excel date cell), an Excel
    serial number (a date cell that lost its format) or text as staff type it.

    Raises ValueError with a Dutch message for anything else.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not (1 <= value <= _EXCEL_LAST_DAY):  # also refuses NaN
            raise ValueError("Dit getal is geen datum; gebruik dd-mm-jjjj.")
        days = int(value)
        return _EXCEL_EPOCH + dt.timedelta(days=days + 1 if days < 60 else days)
    if isinstance(value, str):
        return parse_date(value)
    raise ValueError("Dit is geen datum; gebruik dd-mm-jjjj.")


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def parse_time(text: str) -> dt.time:
    match = re.match(r"^(\d{1,2})[:.](\d{2})$", text.strip())
    if not match:
        raise ValueError("Gebruik uu:mm, bijvoorbeeld 14:30.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError("Dit tijdstip bestaat niet.")
    return dt.time(hour, minute)


def format_time(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


# Area codes of two digits after the 0 (the rest of the country has three).
_TWO_DIGIT_AREA_CODES = {
    "10", "13", "15", "20", "23", "24", "26", "30", "33", "35", "36", "38", "40", "43",
    "45", "46", "50", "53", "55", "58", "70", "71", "72", "73", "74", "75", "76", "77",
    "78", "79",
}  # fmt: skip


def normalize_phone(text: str) -> str:
    """A Dutch phone number written the usual way: '06-12345678', '010-1234567'.

    Accepts spaces, dashes, brackets and the +31 / 0031 prefixes. Raises ValueError for
    anything that is not a Dutch number with ten digits. Foreign numbers (+ another
    country code) are kept as typed, with their digits checked.
    """
    compact = re.sub(r"[\s\-().]", "", text.strip())
    international = compact.startswith("+") or compact.startswith("00")
    if international and not compact.startswith(("+31", "0031")):
        digits = compact.lstrip("+0")
        if not digits.isdigit() or not 8 <= len(digits) <= 15:
            raise ValueError("Geen geldig buitenlands telefoonnummer.")
        return text.strip()
    if compact.startswith("+31"):
        compact = "0" + compact[3:]
    elif compact.startswith("0031"):
        compact = "0" + compact[4:]
    if compact.startswith("00"):
        raise ValueError("Geen geldig telefoonnummer.")
    if compact.startswith("0") and compact[1:2] == "0":
        raise ValueError("Geen geldig telefoonnummer.")
    if not compact.isdigit() or len(compact) != 10 or not compact.startswith("0"):
        raise ValueError("Een Nederlands nummer heeft 10 cijfers, bijvoorbeeld 06-12345678.")
    if compact.startswith("06"):
        return f"06-{compact[2:]}"
    if compact[1:3] in _TWO_DIGIT_AREA_CODES:
        return f"{compact[:3]}-{compact[3:]}"
    return f"{compact[:4]}-{compact[4:]}"


def phone_from_number(number: int) -> str:
    """The phone number behind a number cell: Excel drops the leading 0 (612345678) and
    the + of +31612345678. Checked by normalize_phone afterwards like typed text."""
    digits = str(abs(number))
    if len(digits) == 9:
        return "0" + digits
    if len(digits) == 11 and digits.startswith("31"):
        return "+" + digits
    return digits


_POSTCODE = re.compile(r"^([1-9]\d{3})\s*([a-zA-Z]{2})$")


def normalize_postcode(text: str) -> str:
    """'3011ab' -> '3011 AB'. Raises ValueError for anything else."""
    match = _POSTCODE.match(text.strip())
    if not match or match.group(2).upper() in {"SA", "SD", "SS"}:
        raise ValueError("Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 3011 AB.")
    return f"{match.group(1)} {match.group(2).upper()}"


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def normalize_email(text: str) -> str:
    cleaned = text.strip()
    if not _EMAIL.match(cleaned) or ".." in cleaned:
        raise ValueError("Geen geldig e-mailadres, bijvoorbeeld naam@voorbeeld.nl.")
    return cleaned.lower()


MAX_AGE_YEARS = 115


def check_birth_date(value: dt.date, today: dt.date | None = None) -> None:
    """Raises ValueError unless the date of birth is plausible (not future, at most 115 years)."""
    today = today or dt.date.today()
    if value > today:
        raise ValueError("Een geboortedatum kan niet in de toekomst liggen.")
    if today.year - value.year > MAX_AGE_YEARS:
        raise ValueError(f"Iemand is niet ouder dan {MAX_AGE_YEARS} jaar; controleer het jaar.")


MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def format_long_date(value: dt.date) -> str:
    """'woensdag 25 november 2026'"""
    return (
        f"{WEEKDAY_NAMES[value.weekday()]} {value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
    )
