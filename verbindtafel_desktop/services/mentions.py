"""Mentions of a person in other records' free text (session notes, meanings, another
person's notes, …), removed when the person is anonymised or forgotten.

What counts as a mention: their full name (with and without the tussenvoegsel), their
phone number (as stored and as bare digits) and their e-mail address. A first name alone
is not looked for: "Fatima" in a session note may well be another Fatima. Structured
fields of other people (their own name, phone, e-mail) are never touched: two people can
share a landline.

Every text column of the model takes part (found from the metadata, so columns added
later are covered), except the audit trail (ids only), the settings, the people's
structured fields and their search text (rewritten with the person itself).
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel, col

from verbindtafel_desktop.domain.models import Person
from verbindtafel_desktop.domain.names import full_name
from verbindtafel_desktop.persistence.in_lists import chunks

REPLACEMENT = "[verwijderd]"
MINIMUM_LENGTH = 5
SKIPPED_TABLES = frozenset({"audit_entries", "audit_people", "app_settings", "alembic_version"})
_WORD = re.compile(r"\w+")


@cache
def text_columns() -> tuple[tuple[str, str], ...]:
    """(table, column) of every free-text column that can mention a person."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name in SKIPPED_TABLES:
            continue
        for column in table.columns:
            if column.primary_key or column.foreign_keys:
                continue
            kind = column.type
            if isinstance(kind, sa.types.TypeDecorator):
                kind = kind.impl_instance
            if isinstance(kind, sa.Enum) or not isinstance(kind, sa.String):
                continue
            if table.name == "people" and column.name != "notes":
                continue
            found.append((table.name, column.name))
    return tuple(found)


def identifiers(connection: Any, person_ids: Iterable[int]) -> list[str]:
    """The texts that identify these people in free text."""
    needles: set[str] = set()
    ids = sorted(set(person_ids))
    for part in chunks(ids):
        rows = connection.execute(
            sa.select(
                col(Person.first_name),
                col(Person.infix),
                col(Person.last_name),
                col(Person.phone),
                col(Person.email),
            ).where(col(Person.id).in_(part))
        )
        for first, infix, last, phone, email in rows:
            names = {full_name(first, infix, last), full_name(first, "", last)}
            needles.update(name for name in names if len(name.split()) > 1)
            digits = re.sub(r"\D", "", phone or "")
            needles.update(value for value in (phone, email, digits) if value)
    return sorted(needle for needle in needles if len(needle) >= MINIMUM_LENGTH)


@dataclass(frozen=True)
class _Finder:
    """Finds the needles fast in many texts: a text is only searched for the needles whose
    first word it contains."""

    by_first_word: dict[str, list[re.Pattern[str]]]

    @classmethod
    def of(cls, needles: Iterable[str]) -> "_Finder":
        by_first_word: dict[str, list[re.Pattern[str]]] = defaultdict(list)
        # Longest first, so "Jan van der Berg" goes before "Jan Berg".
        for needle in sorted(set(needles), key=len, reverse=True):
            words = _WORD.findall(needle.lower())
            if words:
                by_first_word[words[0]].append(re.compile(re.escape(needle), re.IGNORECASE))
        return cls(dict(by_first_word))

    def replace(self, text: str) -> str:
        words = set(_WORD.findall(text.lower()))
        for word in words & self.by_first_word.keys():
            for pattern in self.by_first_word[word]:
                text = pattern.sub(REPLACEMENT, text)
        return text


def _changes(connection: Any, needles: Iterable[str]) -> Iterator[tuple[str, str, int, str]]:
    """(table, column, rowid, new text) for every text that mentions one of the needles."""
    finder = _Finder.of(needles)
    if not finder.by_first_word:
        return
    for table, column in text_columns():
        rows = connection.execute(
            sa.text(f'SELECT rowid, "{column}" FROM "{table}" WHERE "{column}" <> \'\'')
        )
        for rowid, text in rows:
            replaced = finder.replace(text)
            if replaced != text:
                yield table, column, rowid, replaced


def count_mentions(connection: Any, needles: Iterable[str]) -> int:
    """How many texts mention one of the needles."""
    return sum(1 for _change in _changes(connection, needles))


def remove_mentions(connection: Any, needles: Iterable[str]) -> int:
    """Replace every mention by '[verwijderd]'; returns how many texts changed."""
    changes = list(_changes(connection, needles))
    for table, column, rowid, text in changes:
        connection.execute(
            sa.text(f'UPDATE "{table}" SET "{column}" = :text WHERE rowid = :rowid'),
            {"text": text, "rowid": rowid},
        )
    return len(changes)
