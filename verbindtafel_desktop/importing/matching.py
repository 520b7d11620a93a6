"""Is this probably someone we already have? Lookups built in one pass, so ten thousand
rows are matched against ten thousand people in a blink.

Probably the same person: the same name and date of birth, the same e-mail address, the
same phone number, or the same name where one of the two has no date of birth to tell
them apart. Names compare without accents and case ('Öztürk' = 'ozturk').
"""

import datetime as dt
import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from verbindtafel_desktop.domain.dutch_formats import normalize_phone
from verbindtafel_desktop.domain.text import search_key

Key = TypeVar("Key")

SAME_NAME_AND_BIRTH = "zelfde naam en geboortedatum"
SAME_EMAIL = "zelfde e-mailadres"
SAME_PHONE = "zelfde telefoonnummer"
SAME_NAME = "zelfde naam (geboortedatum ontbreekt)"


def phone_key(phone: str) -> str:
    """The digits that identify a phone number however it was written."""
    if not phone:
        return ""
    with suppress(ValueError):  # a number that is not Dutch still compares by its digits
        phone = normalize_phone(phone)
    return re.sub(r"\D", "", phone)


@dataclass(frozen=True)
class Identity:
    name: str
    born: dt.date | None
    phone: str
    email: str

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> "Identity":
        born = values.get("date_of_birth")
        return cls(
            name=search_key(values.get("first_name"), values.get("infix"), values.get("last_name")),
            born=born if isinstance(born, dt.date) else None,
            phone=phone_key(str(values.get("phone") or "")),
            email=str(values.get("email") or "").strip().casefold(),
        )


class IdentityIndex(Generic[Key]):
    """People (by any key: a database id, a line of the file) findable by identity."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[tuple[Key, dt.date | None]]] = {}
        self._by_phone: dict[str, Key] = {}
        self._by_email: dict[str, Key] = {}

    def __len__(self) -> int:
        return sum(len(found) for found in self._by_name.values())

    def add(self, key: Key, identity: Identity) -> None:
        if identity.name:
            self._by_name.setdefault(identity.name, []).append((key, identity.born))
        if identity.phone:
            self._by_phone.setdefault(identity.phone, key)
        if identity.email:
            self._by_email.setdefault(identity.email, key)

    def find(self, identity: Identity) -> tuple[Key, str] | None:
        """The first person this identity probably is, and why; None for someone new."""
        namesakes = self._by_name.get(identity.name, []) if identity.name else []
        if identity.born is not None:
            for key, born in namesakes:
                if born == identity.born:
                    return key, SAME_NAME_AND_BIRTH
        if identity.email and identity.email in self._by_email:
            return self._by_email[identity.email], SAME_EMAIL
        if identity.phone and identity.phone in self._by_phone:
            return self._by_phone[identity.phone], SAME_PHONE
        for key, born in namesakes:
            if born is None or identity.born is None:
                return key, SAME_NAME
        return None
