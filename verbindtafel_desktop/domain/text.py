"""Text keys for searching names the way staff type them (no accents, any case)."""

import unicodedata

# Letters that Unicode does not decompose into a base letter plus an accent.
_SPECIAL_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"}
)


def search_key(*parts: str | None) -> str:
    """Lower-case ASCII-ish text of the parts joined by spaces: 'Şükrü Öztürk' -> 'sukru ozturk'."""
    text = " ".join(part for part in parts if part).translate(_SPECIAL_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())
