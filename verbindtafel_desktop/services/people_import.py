"""Importing people from a spreadsheet: read, preview, then commit all or nothing.

    importer = services.people_import
    layout = importer.read(path)                 # the file, its header row and mapping
    preview = importer.preview(layout)           # every row with its status; writes nothing
    importer.plan_seats(preview, Assignment(table_id=3))   # optional
    result = importer.commit(preview)            # one transaction

Each step takes a `Progress` and stops on a cancel. The commit is one transaction: a
cancel or any error rolls all of it back, so the database is exactly as it was.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.enums import AuditAction, MembershipStatus
from verbindtafel_desktop.domain.models import Membership, Person, Table
from verbindtafel_desktop.domain.names import full_name
from verbindtafel_desktop.importing.columns import SavedMapping, SheetLayout, score_rows
from verbindtafel_desktop.importing.matching import Identity, IdentityIndex
from verbindtafel_desktop.importing.preview import (
    Assignment,
    Choice,
    Preview,
    build_preview,
    merged,
)
from verbindtafel_desktop.importing.sources import read_spreadsheet
from verbindtafel_desktop.persistence.audit_log import append_entry
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.persistence.in_lists import chunks
from verbindtafel_desktop.services.errors import NotFound
from verbindtafel_desktop.services.people import (
    PERSON_FIELDS,
    PeopleService,
    insert_people,
    update_people,
)
from verbindtafel_desktop.services.progress import NO_PROGRESS, Progress
from verbindtafel_desktop.services.seating_plan import SeatingPlan

# Rows per statement and between two looks at the cancel button.
CHUNK = 1000


@dataclass
class ImportResult:
    added: int = 0
    merged: int = 0
    skipped: int = 0
    seated: int = 0
    not_seated: int = 0
    added_ids: list[int] = field(default_factory=list)  # the new people, in file order
    merged_ids: list[int] = field(default_factory=list)  # the people merged into

    def summary(self) -> str:
        people = "persoon" if self.added == 1 else "personen"
        rows = "regel" if self.skipped == 1 else "regels"
        text = (
            f"{self.added} {people} toegevoegd, {self.merged} samengevoegd, "
            f"{self.skipped} {rows} overgeslagen"
        )
        if self.seated or self.not_seated:
            text += f", {self.seated} ingedeeld, {self.not_seated} niet ingedeeld"
        return text + "."


class PeopleImportService:
    def __init__(self, db: Database, people: PeopleService) -> None:
        self.db = db
        self.people = people

    # --- reading ------------------------------------------------------------------
    def read(
        self,
        path: Path,
        sheet: str | None = None,
        saved: SavedMapping | None = None,
        progress: Progress = NO_PROGRESS,
    ) -> SheetLayout:
        """The file's rows with the header row and column mapping found in them."""
        rows = read_spreadsheet(
            path, sheet, progress=progress, score=lambda first: score_rows(first, saved)
        )
        return SheetLayout.detect(rows, saved)

    # --- preview ------------------------------------------------------------------
    def known_people(self, connection: Any) -> IdentityIndex[int]:
        """Everyone in the database, findable by name, birth date, phone and e-mail."""
        index: IdentityIndex[int] = IdentityIndex()
        statement = sa.select(
            col(Person.id),
            col(Person.first_name),
            col(Person.infix),
            col(Person.last_name),
            col(Person.date_of_birth),
            col(Person.phone),
            col(Person.email),
        ).where(col(Person.anonymised_at).is_(None))
        for row in connection.execute(statement):
            index.add(row.id, Identity.of(row._mapping))
        return index

    def preview(self, layout: SheetLayout, progress: Progress = NO_PROGRESS) -> Preview:
        """What importing `layout` would do, row by row. Writes nothing."""
        with self.db.engine.connect() as connection:
            known = self.known_people(connection)
            preview = build_preview(
                layout, known, lambda values: self.people.validate(values, None), progress
            )
            matched = {row.match_id for row in preview.rows if row.match_id is not None}
            preview.existing = self._stored_values(connection, matched)
        for row in preview.rows:
            stored = preview.existing.get(row.match_id) if row.match_id else None
            if stored is not None:
                row.match_name = full_name(
                    stored["first_name"], stored["infix"], stored["last_name"]
                )
        return preview

    def _stored_values(self, connection: Any, ids: set[int]) -> dict[int, dict[str, Any]]:
        columns = [col(Person.id), *(getattr(Person, key) for key in PERSON_FIELDS)]
        found: dict[int, dict[str, Any]] = {}
        for chunk in chunks(sorted(ids)):
            statement = sa.select(*columns).where(col(Person.id).in_(chunk))
            for row in connection.execute(statement):
                values = dict(row._mapping)
                found[values.pop("id")] = values
        return found

    # --- seating ------------------------------------------------------------------
    def plan_seats(self, preview: Preview, assignment: Assignment | None) -> None:
        """Decide where the assignment seats each imported row, or why it cannot."""
        preview.assignment = assignment
        with self.db.engine.connect() as connection:
            self._plan(connection, preview)

    def _tables_of(self, connection: Any, assignment: Assignment) -> list[int]:
        if assignment.table_id is not None:
            exists = connection.execute(
                sa.select(col(Table.id)).where(col(Table.id) == assignment.table_id)
            ).first()
            if exists is None:
                raise NotFound("De gekozen tafel bestaat niet meer.")
            return [assignment.table_id]
        tables = list(
            connection.execute(
                sa.select(col(Table.id))
                .where(col(Table.cohort_id) == assignment.cohort_id, col(Table.archived).is_(False))
                .order_by(col(Table.name))
            ).scalars()
        )
        return tables

    def _plan(self, connection: Any, preview: Preview) -> None:
        for row in preview.rows:
            row.table_id, row.seat_problem = None, ""
        assignment = preview.assignment
        if assignment is None:
            return
        matched = {
            row.match_id for row in preview.rows if row.choice == Choice.MERGE and row.match_id
        }
        plan = SeatingPlan.load(
            connection, self._tables_of(connection, assignment), assignment.role, matched
        )
        for row in preview.rows:
            if row.imported:
                person = row.match_id if row.choice == Choice.MERGE else None
                row.table_id, row.seat_problem = plan.place(person)

    # --- commit -------------------------------------------------------------------
    def commit(self, preview: Preview, progress: Progress = NO_PROGRESS) -> ImportResult:
        """Write the preview as chosen, in one transaction: all of it or nothing."""
        result = ImportResult()
        to_add = [row for row in preview.rows if row.choice == Choice.ADD]
        to_merge = [row for row in preview.rows if row.choice == Choice.MERGE]
        total = len(to_add) + len(to_merge) + 1
        with self.db.engine.begin() as connection:
            progress.check()
            new_ids: dict[int, int] = {}  # line -> new person id
            for chunk in chunks(to_add, CHUNK):
                ids = insert_people(connection, [self._values(row.values) for row in chunk])
                new_ids.update(zip((row.line for row in chunk), ids, strict=True))
                progress.report(len(new_ids), total, "Personen opslaan…")
                progress.check()
            self._merge(connection, to_merge)
            progress.report(len(new_ids) + len(to_merge), total, "Personen opslaan…")
            progress.check()
            # The seats are decided again inside the transaction, so they hold for
            # exactly what is stored now.
            self._plan(connection, preview)
            role = preview.assignment.role if preview.assignment else None
            memberships = [
                {
                    "person_id": new_ids.get(row.line) or row.match_id,
                    "table_id": row.table_id,
                    "role": role,
                    "start_date": dt.date.today(),
                    "status": MembershipStatus.REGISTERED,
                }
                for row in preview.rows
                if row.imported and row.table_id is not None
            ]
            if memberships:
                seated = [
                    int(row[0])
                    for row in connection.execute(
                        sa.insert(Membership).returning(
                            Membership.__table__.c.id,  # type: ignore[attr-defined]
                            sort_by_parameter_order=True,
                        ),
                        memberships,
                    )
                ]
                people = [cast(int, row["person_id"]) for row in memberships]
                append_entry(connection, AuditAction.CREATED, "memberships", seated, people)
            progress.check()
        result.added = len(to_add)
        result.merged = len({row.match_id for row in to_merge})
        result.skipped = sum(1 for row in preview.rows if not row.imported)
        result.seated = len(memberships)
        result.not_seated = sum(1 for row in preview.rows if row.imported and row.seat_problem)
        result.added_ids = [new_ids[row.line] for row in to_add]
        result.merged_ids = sorted({int(row.match_id or 0) for row in to_merge})
        progress.report(total, total, "Klaar.")
        return result

    @staticmethod
    def _values(values: Mapping[str, Any] | None) -> Mapping[str, Any]:
        assert values is not None, "only valid rows are imported"
        return values

    def _merge(self, connection: Any, rows: list[Any]) -> None:
        """Fill in what the file adds to existing people, read fresh in the transaction."""
        if not rows:
            return
        current = self._stored_values(connection, {row.match_id for row in rows})
        changed: dict[int, dict[str, Any]] = {}
        for row in rows:
            stored = changed.get(row.match_id) or current.get(row.match_id)
            if stored is None:
                raise NotFound(
                    f"Regel {row.line}: de persoon om mee samen te voegen bestaat niet meer."
                )
            changed[row.match_id] = merged(stored, self._values(row.values))
        update_people(connection, changed)
