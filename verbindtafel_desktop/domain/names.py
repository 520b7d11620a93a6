"""Dutch personal names: tussenvoegsels and how a full name is written."""

# Longest first, so "van der" wins over "van".
INFIXES = (
    "van de",
    "van der",
    "van den",
    "van het",
    "van 't",
    "in 't",
    "in de",
    "in den",
    "op de",
    "op den",
    "uit de",
    "uit den",
    "aan de",
    "van",
    "de",
    "der",
    "den",
    "het",
    "'t",
    "ter",
    "ten",
    "te",
    "la",
    "le",
    "du",
    "da",
    "dos",
    "das",
    "el",
)
_BY_LENGTH = sorted(INFIXES, key=len, reverse=True)


def split_infix(surname: str) -> tuple[str, str]:
    """Split 'van der Berg' into ('van der', 'Berg'); a surname without infix is kept whole."""
    words = surname.strip()
    lowered = words.lower()
    for infix in _BY_LENGTH:
        if lowered.startswith(infix + " ") and len(words) > len(infix) + 1:
            return words[: len(infix)].lower(), words[len(infix) + 1 :].strip()
    return "", words


def full_name(first_name: str, infix: str, last_name: str) -> str:
    return " ".join(part for part in (first_name, infix, last_name) if part)


def sort_name(first_name: str, infix: str, last_name: str) -> str:
    """'Berg, Jan van der': how Dutch lists sort people (on the surname proper)."""
    given = " ".join(part for part in (first_name, infix) if part)
    return f"{last_name}, {given}" if last_name else given


def split_full_name(text: str) -> tuple[str, str, str]:
    """(first name, infix, last name) of a name in one cell.

    'Jan van der Berg' -> ('Jan', 'van der', 'Berg'); the sort form 'Berg, Jan van der'
    and 'van der Berg, Jan' give the same. One word is taken as the first name.
    """
    if "," in text:
        surname, _comma, given = (part.strip() for part in text.partition(","))
        given_words = given.split()
        # A trailing infix after the first name: 'Berg, Jan van der'.
        for size in range(1, len(given_words)):
            tail = " ".join(given_words[size:])
            if tail.lower() in INFIXES:
                infix, last = split_infix(f"{tail} {surname}")
                return " ".join(given_words[:size]), infix, last
        infix, last = split_infix(surname)
        return given, infix, last
    words = text.split()
    if len(words) <= 1:
        return text.strip(), "", ""
    infix, last = split_infix(" ".join(words[1:]))
    return words[0], infix, last
