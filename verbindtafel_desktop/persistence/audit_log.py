"""The audit trail: who did what with personal data, and when — as ids and kinds only.

An entry names the Windows user, the moment, the kind of action (created, changed,
removed, exported, anonymised, erased, restored), the kind of record and the ids of the
records and of the people concerned. It never holds a name, a phone number, a note or a
file name: a coordinator can show it to the Autoriteit Persoonsgegevens as it is.

Entries are written in the same transaction as the change they describe:

- every unit of work (`Database.session()`) records the rows of person-related tables
  that its ORM flushes inserted, changed or deleted (`ChangeCollector`);
- bulk writers that bypass the ORM (the people import) and the actions that are not a
  plain save (exports, anonymising, erasing, restoring a backup) call `append_entry`.

Person-related tables are found from the model: `people` and every table with a foreign
key to it, so a table added later is covered without a list to keep up to date.
"""

import datetime as dt
import getpass
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from verbindtafel_desktop.domain.enums import AuditAction
from verbindtafel_desktop.domain.models import AppSetting, AuditEntry, AuditPerson

UNKNOWN_ACTOR = "onbekend"
# A restore of a backup made before the audit trail existed leaves its entry here; the
# first open after the migration moves it into the trail.
PENDING_KEY = "audit_pending"


def current_actor() -> str:
    """The Windows (or Unix) user name of whoever runs the app."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment nor the password database
        return UNKNOWN_ACTOR
    return name or UNKNOWN_ACTOR


def id_ranges(ids: Iterable[int]) -> str:
    """'3,7-9,12': sorted ids with runs folded, so a 10,000-person import stays short."""
    ordered = sorted(set(ids))
    parts: list[str] = []
    start = previous = None
    for value in ordered:
        if previous is not None and value == previous + 1:
            previous = value
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = value
    if start is not None:
        parts.append(str(start) if start == previous else f"{start}-{previous}")
    return ",".join(parts)


def parse_id_ranges(text: str) -> list[int]:
    found: list[int] = []
    for part in filter(None, text.split(",")):
        low, _dash, high = part.partition("-")
        found.extend(range(int(low), int(high or low) + 1))
    return found


@cache
def person_columns() -> dict[str, tuple[str, ...]]:
    """Per person-related table, the columns that hold a person's id."""
    found: dict[str, tuple[str, ...]] = {"people": ("id",)}
    for table in SQLModel.metadata.sorted_tables:
        columns = tuple(
            column.name
            for column in table.columns
            if any(key.column.table.name == "people" for key in column.foreign_keys)
        )
        if columns:
            found[table.name] = columns
    return found


def append_entry(
    connection: Connection,
    action: AuditAction,
    record_type: str,
    record_ids: Iterable[int] = (),
    person_ids: Iterable[int] = (),
    detail: str = "",
    *,
    actor: str | None = None,
    at: dt.datetime | None = None,
) -> int:
    """Write one entry in the caller's transaction; returns its id."""
    entry_id = connection.execute(
        sa.insert(AuditEntry)
        .values(
            at=at or dt.datetime.now(dt.UTC),
            actor=actor if actor is not None else current_actor(),
            action=action,
            record_type=record_type,
            record_ids=id_ranges(record_ids),
            detail=detail,
        )
        .returning(AuditEntry.__table__.c.id)  # type: ignore[attr-defined]
    ).scalar_one()
    people = sorted(set(person_ids))
    if people:
        connection.execute(
            sa.insert(AuditPerson), [{"entry_id": entry_id, "person_id": each} for each in people]
        )
    return int(entry_id)


@dataclass
class _Change:
    record_ids: list[int] = field(default_factory=list)
    person_ids: set[int] = field(default_factory=set)


class ChangeCollector:
    """The person-related rows the ORM flushes of one unit of work wrote."""

    def __init__(self) -> None:
        self.changes: dict[tuple[str, AuditAction], _Change] = {}

    def collect(self, session: Any, _context: Any) -> None:
        tables = person_columns()
        for action, records in (
            (AuditAction.CREATED, session.new),
            (AuditAction.CHANGED, [each for each in session.dirty if session.is_modified(each)]),
            (AuditAction.REMOVED, session.deleted),
        ):
            for record in records:
                table = getattr(record, "__tablename__", "")
                if table not in tables:
                    continue
                if table == "people" and action == AuditAction.REMOVED:
                    kind = AuditAction.ERASED  # a person deleted is a person gone entirely
                else:
                    kind = action
                change = self.changes.setdefault((table, kind), _Change())
                record_id = getattr(record, "id", None)
                if record_id is not None:
                    change.record_ids.append(int(record_id))
                for column in tables[table]:
                    person = getattr(record, column, None)
                    if person is not None:
                        change.person_ids.add(int(person))

    @property
    def pending(self) -> bool:
        return bool(self.changes)

    def write(self, connection: Connection) -> None:
        for (table, action), change in sorted(self.changes.items()):
            append_entry(connection, action, table, change.record_ids, change.person_ids)
        self.changes.clear()


# --- a restored backup -----------------------------------------------------------
def record_restore(database: Path, detail: str) -> None:
    """Write the 'restored' entry into `database` (the checked copy about to be put in
    place), or leave it pending when that backup is older than the audit trail."""
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            tables = set(sa.inspect(connection).get_table_names())
            if "audit_entries" in tables:
                append_entry(connection, AuditAction.RESTORED, "database", detail=detail)
                return
            waiting = connection.execute(
                sa.select(AppSetting.__table__.c.value).where(  # type: ignore[attr-defined]
                    AppSetting.__table__.c.key == PENDING_KEY  # type: ignore[attr-defined]
                )
            ).scalar()
            entries = json.loads(waiting) if waiting else []
            entries.append(
                {
                    "at": dt.datetime.now(dt.UTC).isoformat(),
                    "actor": current_actor(),
                    "action": AuditAction.RESTORED.value,
                    "record_type": "database",
                    "detail": detail,
                }
            )
            connection.execute(
                sa.delete(AppSetting).where(
                    AppSetting.__table__.c.key == PENDING_KEY  # type: ignore[attr-defined]
                )
            )
            connection.execute(
                sa.insert(AppSetting).values(key=PENDING_KEY, value=json.dumps(entries))
            )
    finally:
        engine.dispose()


def adopt_pending(connection: Connection) -> int:
    """Move entries left pending by a restore into the trail; returns how many."""
    setting = AppSetting.__table__.c  # type: ignore[attr-defined]
    waiting = connection.execute(
        sa.select(setting.value).where(setting.key == PENDING_KEY)
    ).scalar()
    if waiting is None:
        return 0
    entries = json.loads(waiting)
    for entry in entries:
        append_entry(
            connection,
            AuditAction(entry["action"]),
            entry["record_type"],
            detail=entry["detail"],
            actor=entry["actor"],
            at=dt.datetime.fromisoformat(entry["at"]),
        )
    connection.execute(sa.delete(AppSetting).where(setting.key == PENDING_KEY))
    return len(entries)
