"""What a column of a people spreadsheet can hold, and how its header is recognised."""

import re
from dataclasses import dataclass

from verbindtafel_desktop.domain.text import search_key


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str  # Dutch; the wizard translates it in the "ImportFields" context
    headers: tuple[str, ...]  # whole headers, as header_key() writes them
    multiple: bool = False  # several columns may feed it (two phone columns, notes)


FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "first_name",
        "Voornaam",
        ("voornaam", "voornamen", "roepnaam", "voorletters", "first name", "firstname",
         "given name"),
    ),
    ImportField(
        "infix",
        "Tussenvoegsel",
        ("tussenvoegsel", "tussenvoegsels", "tussenv", "tv", "voorvoegsel", "infix"),
    ),
    ImportField(
        "last_name",
        "Achternaam",
        ("achternaam", "familienaam", "geslachtsnaam", "last name", "lastname", "surname",
         "family name"),
    ),
    ImportField(
        "full_name",
        "Volledige naam",
        ("naam", "name", "volledige naam", "full name", "naam deelnemer", "deelnemer",
         "voor en achternaam", "voornaam en achternaam", "voor en achternaam deelnemer",
         "naam en achternaam", "voornaam achternaam"),
    ),
    ImportField(
        "date_of_birth",
        "Geboortedatum",
        ("geboortedatum", "geb datum", "gebdatum", "geboren", "geboren op", "date of birth",
         "birth date", "birthdate", "dob"),
    ),
    ImportField("gender", "Geslacht", ("geslacht", "gender", "sekse", "m v", "sex")),
    ImportField(
        "phone",
        "Telefoon",
        ("telefoon", "telefoonnummer", "tel", "tel nr", "telnr", "mobiel", "mobiel nummer",
         "mobiele nummer", "gsm", "phone", "mobile", "telephone", "06 nummer"),
        multiple=True,
    ),
    ImportField(
        "email",
        "E-mail",
        ("e mail", "email", "e mailadres", "emailadres", "e mail adres", "mail", "mailadres"),
    ),
    ImportField(
        "address",
        "Adres (straat)",
        ("adres", "straat", "straatnaam", "address", "street", "woonadres",
         "straat en huisnummer"),
    ),
    ImportField(
        "house_number",
        "Huisnummer",
        ("huisnummer", "huisnr", "nr", "nummer", "toevoeging", "huisnummer toevoeging",
         "house number"),
        multiple=True,
    ),
    ImportField("postcode", "Postcode", ("postcode", "pc", "zip", "zipcode", "postal code")),
    ImportField(
        "neighbourhood",
        "Wijk",
        ("wijk", "buurt", "woonwijk", "neighbourhood", "neighborhood", "wijk buurt"),
    ),
    ImportField(
        "consent_date",
        "Toestemming op",
        ("toestemming", "datum toestemming", "toestemming op", "toestemming datum", "consent",
         "consent date"),
    ),
    ImportField(
        "notes",
        "Opmerkingen",
        ("opmerkingen", "opmerking", "notities", "notitie", "bijzonderheden", "notes",
         "remarks", "comments", "toelichting", "memo"),
        multiple=True,
    ),
)  # fmt: skip

BY_KEY = {field.key: field for field in FIELDS}

# Parts of longer headers ("Telefoonnummer mobiel", "E-mailadres privé"), most telling
# first: "geslachtsnaam" before "geslacht", "mail" before "adres".
_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("volledige naam", "full_name"),
    ("voornaam en achternaam", "full_name"),
    ("geslachtsnaam", "last_name"),
    ("achternaam", "last_name"),
    ("familienaam", "last_name"),
    ("last name", "last_name"),
    ("surname", "last_name"),
    ("voornaam", "first_name"),
    ("roepnaam", "first_name"),
    ("first name", "first_name"),
    ("tussenvoegsel", "infix"),
    ("voorvoegsel", "infix"),
    ("full name", "full_name"),
    ("geboorte", "date_of_birth"),
    ("birth", "date_of_birth"),
    ("mail", "email"),
    ("telefoon", "phone"),
    ("mobiel", "phone"),
    ("phone", "phone"),
    ("postcode", "postcode"),
    ("huisnummer", "house_number"),
    ("huisnr", "house_number"),
    ("toevoeging", "house_number"),
    ("adres", "address"),
    ("straat", "address"),
    ("address", "address"),
    ("wijk", "neighbourhood"),
    ("buurt", "neighbourhood"),
    ("geslacht", "gender"),
    ("gender", "gender"),
    ("toestemming", "consent_date"),
    ("consent", "consent_date"),
    ("opmerking", "notes"),
    ("notitie", "notes"),
    ("bijzonderhe", "notes"),
)

_EXACT = {header: field.key for field in FIELDS for header in field.headers}


def header_key(text: str) -> str:
    """A header as compared: no accents, no case, punctuation as spaces ('E-mail:' -> 'e mail')."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", search_key(text)).split())


def guess_field(header: str) -> str | None:
    """The field a column header most likely names, or None."""
    key = header_key(header)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for keyword, field_key in _KEYWORDS:
        if keyword in key:
            return field_key
    return None
