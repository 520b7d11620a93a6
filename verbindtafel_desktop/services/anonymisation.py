"""Anonymising people (retention, or on request) and forgetting them (erasure on request).

**Anonymising** erases everything that identifies a person and keeps the anonymous facts
reports are made of, so period reports made earlier still add up: their gender, wijk,
year of birth (stored as 1 January of that year: age groups of reports over calendar
years stay the same), their place in cohorts and tables, attendance, measurements
(scores), activities and their place in the relay. Their notes, consent statements and
the notes on records about them go; mentions of them in other texts are replaced.

**Forgetting** removes a person completely. When others came in through them (they
referred, invited or recruited someone), deleting them would cut those people's chains
in two; then they stay as an anonymous link: the records that give the chain its shape
stay (how they came in, whom they brought in, the tables and sessions that place them
in the picture), everything else about them is deleted, including gender, wijk and year
of birth.

Both run in one transaction, write an audit entry, and then empty SQLite's write-ahead
log, so that with `secure_delete` on nothing of the person is left in the file. Backups
made before still hold them until thinning removes those (`backup_horizon`).
"""

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.enums import AttendanceRole, AuditAction, MembershipRole
from verbindtafel_desktop.domain.models import (
    Activity,
    ActivityParticipation,
    Attendance,
    Consent,
    FollowUp,
    Invitation,
    LastingContact,
    Measurement,
    Membership,
    MixingRule,
    Person,
    RecruitmentLead,
    Referral,
    Seating,
)
from verbindtafel_desktop.domain.names import full_name
from verbindtafel_desktop.persistence.audit_log import append_entry, person_columns
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.persistence.in_lists import IN_LIST_SIZE, chunks
from verbindtafel_desktop.services.errors import NotFound
from verbindtafel_desktop.services.mentions import count_mentions, identifiers, remove_mentions
from verbindtafel_desktop.services.progress import NO_PROGRESS, Progress

log = logging.getLogger(__name__)

ANONYMOUS_NAME = "Geanonimiseerd"

# What a person's rows in each table are, for the confirmation (Dutch: one, several).
TABLE_NOUNS = {
    "referrals": (
        "gegeven over hoe hij of zij binnenkwam",
        "gegevens over hoe hij of zij binnenkwam",
    ),
    "memberships": ("deelname aan een tafel", "deelnames aan tafels"),
    "attendance": ("aanwezigheidsregistratie", "aanwezigheidsregistraties"),
    "invitations": ("uitnodiging", "uitnodigingen"),
    "recruitment_leads": ("plaats op een wervingslijst", "plaatsen op wervingslijsten"),
    "follow_ups": ("nabelafspraak", "nabelafspraken"),
    "seatings": ("plaats in een tafelindeling", "plaatsen in tafelindelingen"),
    "mixing_rules": ("mixregel", "mixregels"),
    "activity_participations": ("deelname aan een activiteit", "deelnames aan activiteiten"),
    "activities": (
        "gestarte activiteit (die blijft, zonder naam van de starter)",
        "gestarte activiteiten (die blijven, zonder naam van de starter)",
    ),
    "measurements": ("meting (vragenlijst)", "metingen (vragenlijsten)"),
    "lasting_contacts": ("blijvend contact", "blijvende contacten"),
    "consents": ("toestemmingsverklaring", "toestemmingsverklaringen"),
}


def noun(table: str, count: int) -> str:
    one, several = TABLE_NOUNS.get(table, (f"regel in {table}", f"regels in {table}"))
    return one if count == 1 else several


# Notes on the records about a person that are theirs alone (cleared when anonymising).
_OWN_NOTES: tuple[tuple[Any, str, str], ...] = (
    (Referral, "person_id", "note"),
    (Invitation, "invitee_id", "note"),
    (RecruitmentLead, "person_id", "note"),
    (FollowUp, "person_id", "note"),
    (Measurement, "person_id", "notes"),
)


@dataclass(frozen=True)
class ErasurePlan:
    """What "forget this person" will do, for the confirmation."""

    person_id: int
    name: str
    is_link: bool  # others came in through them: they stay as an anonymous link
    brought_in: int  # how many people they referred, invited or recruited
    removed: list[tuple[str, int]]  # (what, how many) deleted
    kept: list[tuple[str, int]]  # (what, how many) kept, anonymous (only for a link)
    mentions: int  # texts elsewhere in which their name, phone or e-mail is replaced


def table_of(model: Any) -> sa.Table:
    return model.__table__


def _brought_in(connection: Any, person_id: int) -> int:
    """People whose route into the programme runs through `person_id`."""
    statement = sa.union(
        sa.select(col(Referral.person_id)).where(col(Referral.referrer_id) == person_id),
        sa.select(col(Invitation.invitee_id)).where(col(Invitation.inviter_id) == person_id),
        sa.select(col(RecruitmentLead.person_id)).where(
            col(RecruitmentLead.recruiter_id) == person_id
        ),
    ).subquery()
    return _count(connection, statement)


def _rows_about(connection: Any, person_id: int) -> dict[str, int]:
    """Per person-related table, how many rows refer to the person."""
    counts: dict[str, int] = {}
    for table_name, columns in person_columns().items():
        if table_name == "people":
            continue
        table = sa.table(table_name, *(sa.column(name) for name in columns))
        condition = sa.or_(*(table.c[name] == person_id for name in columns))
        found = connection.execute(
            sa.select(sa.func.count()).select_from(table).where(condition)
        ).scalar_one()
        if found:
            counts[table_name] = int(found)
    return counts


def _count(connection: Any, statement: Any) -> int:
    return int(connection.execute(sa.select(sa.func.count()).select_from(statement)).scalar_one())


def _link_rows(connection: Any, person_id: int) -> dict[str, int]:
    """For a link: the rows that stay because they shape the relay."""
    kept = {
        # Their own route in, and the routes of those they brought in.
        "referrals": _count(
            connection,
            sa.select(Referral)
            .where(
                sa.or_(col(Referral.person_id) == person_id, col(Referral.referrer_id) == person_id)
            )
            .subquery(),
        ),
        "memberships": _count(
            connection,
            sa.select(Membership)
            .where(
                col(Membership.person_id) == person_id,
                col(Membership.role) == MembershipRole.PARTICIPANT,
            )
            .subquery(),
        ),
        "attendance": _count(
            connection,
            sa.select(Attendance)
            .where(
                col(Attendance.person_id) == person_id,
                col(Attendance.role) == AttendanceRole.GUEST,
            )
            .subquery(),
        ),
        "invitations": _count(
            connection,
            sa.select(Invitation)
            .where(
                sa.or_(
                    col(Invitation.inviter_id) == person_id,
                    col(Invitation.invitee_id) == person_id,
                )
            )
            .subquery(),
        ),
        "recruitment_leads": _count(
            connection,
            sa.select(RecruitmentLead)
            .where(
                sa.or_(
                    col(RecruitmentLead.person_id) == person_id,
                    col(RecruitmentLead.recruiter_id) == person_id,
                )
            )
            .subquery(),
        ),
    }
    return {table: count for table, count in kept.items() if count}


class AnonymisationService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- anonymising ----------------------------------------------------------------
    def anonymise(
        self, person_ids: Iterable[int], reason: str, progress: Progress = NO_PROGRESS
    ) -> list[int]:
        """Anonymise these people (those not anonymised yet); returns whom it did.

        `reason` goes into the audit entry ("bewaartermijn verstreken", "op verzoek") and
        must not hold personal data. Cancelling (through `progress`) changes nothing.
        """
        wanted = sorted(set(person_ids))
        moment = dt.datetime.now(dt.UTC)
        with self.db.session() as session:
            connection = session.connection()
            todo: list[int] = []
            for part in chunks(wanted):
                found = connection.execute(
                    sa.select(Person.__table__.c.id).where(  # type: ignore[attr-defined]
                        col(Person.id).in_(part), col(Person.anonymised_at).is_(None)
                    )
                )
                todo += [int(row[0]) for row in found]
            if not todo:
                return []
            progress.report(0, len(todo) + 1, "Vermeldingen in notities zoeken…")
            remove_mentions(connection, identifiers(connection, todo))
            for done, part in enumerate(chunks(todo), start=1):
                progress.check()
                self._erase_identity(connection, part, moment, keep_facts=True)
                for model, person_column, note_column in _OWN_NOTES:
                    table = table_of(model)
                    connection.execute(
                        sa.update(table)
                        .where(table.c[person_column].in_(part))
                        .values({note_column: ""})
                    )
                connection.execute(sa.delete(Consent).where(col(Consent.person_id).in_(part)))
                connection.execute(
                    sa.update(MixingRule)
                    .where(
                        sa.or_(
                            col(MixingRule.person_a_id).in_(part),
                            col(MixingRule.person_b_id).in_(part),
                        )
                    )
                    .values(reason="")
                )
                progress.report(min(done * IN_LIST_SIZE, len(todo)), len(todo) + 1, "Anonimiseren…")
            progress.check()
            append_entry(connection, AuditAction.ANONYMISED, "people", todo, todo, reason)
        log.info("Geanonimiseerd: %d personen", len(todo))
        self._after_erasing()
        return todo

    @staticmethod
    def _erase_identity(
        connection: Any, person_ids: list[int], moment: dt.datetime, *, keep_facts: bool
    ) -> None:
        values: dict[str, Any] = {
            "first_name": ANONYMOUS_NAME,
            "infix": "",
            "last_name": "",
            "phone": "",
            "email": "",
            "address": "",
            "postcode": "",
            "search_text": "",
            "consent_date": None,
            "notes": "",
            "archived": True,
            "anonymised_at": moment,
            "updated_at": moment,
        }
        if keep_facts:
            born = col(Person.date_of_birth)
            values["date_of_birth"] = sa.case(
                (born.is_(None), None), else_=sa.func.date(born, "start of year")
            )
        else:
            values.update(date_of_birth=None, gender=None, neighbourhood="")
        connection.execute(sa.update(Person).where(col(Person.id).in_(person_ids)).values(values))

    # --- forgetting ---------------------------------------------------------------------
    def erasure_plan(self, person_id: int) -> ErasurePlan:
        with self.db.engine.connect() as connection:
            return self._plan(connection, person_id)

    def _plan(self, connection: Any, person_id: int) -> ErasurePlan:
        found = connection.execute(
            sa.select(col(Person.first_name), col(Person.infix), col(Person.last_name)).where(
                col(Person.id) == person_id
            )
        ).first()
        if found is None:
            raise NotFound(f"Persoon {person_id} bestaat niet.")
        brought_in = _brought_in(connection, person_id)
        about = _rows_about(connection, person_id)
        kept = _link_rows(connection, person_id) if brought_in else {}
        removed = {
            table: count - kept.get(table, 0)
            for table, count in about.items()
            if count - kept.get(table, 0) > 0
        }
        return ErasurePlan(
            person_id=person_id,
            name=full_name(*found),
            is_link=brought_in > 0,
            brought_in=brought_in,
            removed=[(noun(table, count), count) for table, count in removed.items()],
            kept=[(noun(table, count), count) for table, count in kept.items()],
            mentions=count_mentions(connection, identifiers(connection, [person_id])),
        )

    def forget(self, person_id: int) -> ErasurePlan:
        """Erase the person (or, as a link in someone's relay chain, keep only the chain's
        shape); returns the plan that was carried out."""
        with self.db.session() as session:
            connection = session.connection()
            plan = self._plan(connection, person_id)
            remove_mentions(connection, identifiers(connection, [person_id]))
            if plan.is_link:
                self._reduce_to_link(connection, person_id)
                detail = "als anonieme schakel in de estafette bewaard"
            else:
                connection.execute(sa.delete(Person).where(col(Person.id) == person_id))
                detail = "volledig verwijderd"
            append_entry(connection, AuditAction.ERASED, "people", [person_id], [person_id], detail)
        log.info("Persoon #%d vergeten (%s)", person_id, detail)
        self._after_erasing()
        return plan

    def _reduce_to_link(self, connection: Any, person_id: int) -> None:
        deleted: tuple[tuple[Any, str], ...] = (
            (Measurement, "person_id"),
            (Consent, "person_id"),
            (FollowUp, "person_id"),
            (Seating, "person_id"),
            (ActivityParticipation, "person_id"),
        )
        for model, column in deleted:
            table = table_of(model)
            connection.execute(sa.delete(table).where(table.c[column] == person_id))
        connection.execute(
            sa.delete(LastingContact).where(
                sa.or_(
                    col(LastingContact.person_id) == person_id,
                    col(LastingContact.contact_id) == person_id,
                )
            )
        )
        connection.execute(
            sa.delete(MixingRule).where(
                sa.or_(
                    col(MixingRule.person_a_id) == person_id,
                    col(MixingRule.person_b_id) == person_id,
                )
            )
        )
        connection.execute(
            sa.delete(Attendance).where(
                col(Attendance.person_id) == person_id,
                col(Attendance.role) != AttendanceRole.GUEST,
            )
        )
        connection.execute(
            sa.delete(Membership).where(
                col(Membership.person_id) == person_id,
                col(Membership.role) != MembershipRole.PARTICIPANT,
            )
        )
        # The activity stays; who started it is forgotten.
        connection.execute(
            sa.update(Activity)
            .where(col(Activity.started_by_id) == person_id)
            .values(started_by_id=None)
        )
        noted: tuple[tuple[Any, str], ...] = (
            (Referral, "person_id"),
            (Invitation, "invitee_id"),
            (Invitation, "inviter_id"),
            (RecruitmentLead, "person_id"),
            (RecruitmentLead, "recruiter_id"),
        )
        for model, column in noted:
            table = table_of(model)
            connection.execute(sa.update(table).where(table.c[column] == person_id).values(note=""))
        self._erase_identity(connection, [person_id], dt.datetime.now(dt.UTC), keep_facts=False)

    def _after_erasing(self) -> None:
        """Empty the write-ahead log, which still holds the pages as they were before; the
        file's own pages were zeroed where data went (secure_delete)."""
        self.db.write_count += 1  # the next automatic backup no longer holds them
        with self.db.engine.connect() as connection:
            busy, _log, _moved = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if busy:
            log.warning("Write-ahead log niet geleegd: een andere verbinding leest nog")
