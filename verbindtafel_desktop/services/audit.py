"""Reading the audit trail: the list on the Privacy page (newest first, filtered by kind
of action, by person number and by period) and the entries about one person."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.enums import AuditAction
from verbindtafel_desktop.domain.models import AuditEntry, AuditPerson
from verbindtafel_desktop.persistence.in_lists import chunks
from verbindtafel_desktop.services.listing import (
    ListQuery,
    ListSource,
    search_condition,
    table_column,
)

_people = (
    sa.select(sa.func.group_concat(col(AuditPerson.person_id), ","))
    .where(col(AuditPerson.entry_id) == col(AuditEntry.id))
    .scalar_subquery()
    .label("people")
)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor: str
    action: AuditAction
    record_type: str
    record_ids: str
    people: str
    detail: str


class AuditService(ListSource):
    id_column = table_column(AuditEntry, "id")
    sort_columns = {
        "at": table_column(AuditEntry, "id"),  # ids follow time, and are unique
        "when": table_column(AuditEntry, "id"),
        "actor": col(AuditEntry.actor),
        "action": col(AuditEntry.action),
        "record_type": col(AuditEntry.record_type),
    }
    default_sort = "at"

    def row_select(self) -> sa.Select[Any]:
        return sa.select(
            col(AuditEntry.id).label("id"),
            col(AuditEntry.at).label("at"),
            # For the list: local time, as staff read it.
            sa.func.strftime("%d-%m-%Y %H:%M:%S", col(AuditEntry.at), "localtime").label("when"),
            col(AuditEntry.actor).label("actor"),
            col(AuditEntry.action).label("action"),
            col(AuditEntry.record_type).label("record_type"),
            col(AuditEntry.record_ids).label("record_ids"),
            _people,
            col(AuditEntry.detail).label("detail"),
        )

    def conditions(self, query: ListQuery) -> list[Any]:
        found: list[Any] = []
        if action := query.filters.get("action"):
            found.append(col(AuditEntry.action) == action)
        if person_id := query.filters.get("person_id"):
            found.append(
                col(AuditEntry.id).in_(
                    sa.select(col(AuditPerson.entry_id)).where(
                        col(AuditPerson.person_id) == person_id
                    )
                )
            )
        if since := query.filters.get("since"):
            found.append(col(AuditEntry.at) >= since)
        matches = search_condition(
            query.search,
            [col(AuditEntry.actor), col(AuditEntry.record_type), col(AuditEntry.detail)],
            fold=False,
        )
        return found if matches is None else [*found, matches]

    def entries(self, query: ListQuery | None = None) -> list[AuditRow]:
        """Every entry matching `query`, newest first (for the export)."""
        chosen = query or ListQuery(sort_key="at", descending=True)
        ids = self.list_ids(chosen)
        rows: dict[int, dict[str, Any]] = {}
        for part in chunks(ids):
            rows.update(self.rows(part))
        return [_audit_row(rows[entry_id]) for entry_id in ids]

    def about_person(self, person_id: int) -> list[AuditRow]:
        return self.entries(
            ListQuery(filters={"person_id": person_id}, sort_key="at", descending=True)
        )


def _audit_row(row: dict[str, Any]) -> AuditRow:
    people: Sequence[str] = sorted((row["people"] or "").split(","), key=lambda x: int(x or 0))
    return AuditRow(
        id=row["id"],
        at=row["at"],
        actor=row["actor"],
        action=AuditAction(row["action"]),
        record_type=row["record_type"],
        record_ids=row["record_ids"],
        people=",".join(part for part in people if part),
        detail=row["detail"],
    )
