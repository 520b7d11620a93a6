"""Enrolling a guest or a recruit at a table of a later cohort, in one action.

Their history stays: invitations and attendance as a guest are kept, and they stay
brought in by the same person (invited or recruited) unless the coordinator changes that.
Seating goes through `MembershipService`, which refuses a full table and a second open
membership in the same cohort.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import LeadStatus, MembershipRole, ReferralRoute
from verbindtafel_desktop.domain.models import (
    Cohort,
    Location,
    Person,
    RecruitmentLead,
    Referral,
    Table,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import NotFound, ValidationFailed
from verbindtafel_desktop.services.memberships import MembershipService
from verbindtafel_desktop.services.people import cycle_problem
from verbindtafel_desktop.services.relay import BY_A_PERSON, brought_in_by, guest_visits
from verbindtafel_desktop.services.tables import participant_count


@dataclass(frozen=True)
class EnrolmentDefaults:
    """What the enrol form starts with for one person."""

    person_id: int
    route: ReferralRoute
    referrer_id: int | None
    first_visit: dt.date | None  # their first visit as a guest
    is_guest: bool


class EnrolmentService:
    def __init__(self, db: Database, memberships: MembershipService) -> None:
        self.db = db
        self.memberships = memberships

    def defaults(self, person_id: int) -> EnrolmentDefaults:
        """The route and referrer to keep: the recorded ones, or the first inviter of a
        guest who came in without a route (as the relay counts them)."""
        with self.db.engine.connect() as connection:
            exists = sa.select(col(Person.id)).where(col(Person.id) == person_id)
            if connection.execute(exists).first() is None:
                raise NotFound(f"Persoon {person_id} bestaat niet.")
            route, referrer_id = brought_in_by(connection, person_id)
            visits = [visit for _guest, visit in guest_visits(connection, person_id)]
        dates = [visit.date for visit in visits if visit.date is not None]
        return EnrolmentDefaults(
            person_id, route, referrer_id, min(dates) if dates else None, bool(visits)
        )

    def table_options(self, earliest_start: dt.date | None) -> list[tuple[int, str]]:
        """Tables of cohorts that start on or after `earliest_start`, with how many seats
        are taken: cohorts still to come or running first (soonest first), then those that
        are over."""
        over = sa.case((col(Cohort.end_date) < dt.date.today(), 1), else_=0)
        statement: Any = (
            sa.select(
                col(Table.id),
                col(Table.name),
                col(Table.capacity),
                col(Cohort.name),
                col(Cohort.start_date),
                col(Location.name),
            )
            .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
            .join(Location, col(Location.id) == col(Cohort.location_id))
            .where(col(Table.archived).is_(False), col(Cohort.archived).is_(False))
            .order_by(over, col(Cohort.start_date), col(Cohort.name), col(Table.name))
        )
        if earliest_start is not None:
            statement = statement.where(col(Cohort.start_date) >= earliest_start)
        with self.db.engine.connect() as connection:
            found = []
            for table_id, table, capacity, cohort, start, location in connection.execute(statement):
                seated = participant_count(connection, table_id)
                found.append(
                    (
                        table_id,
                        f"{table} – {cohort}, {location} (start {format_date(start)}; "
                        f"{seated} van {capacity} plaatsen bezet)",
                    )
                )
            return found

    def enrol(
        self,
        person_id: int,
        table_id: int | None,
        *,
        route: ReferralRoute | None = None,
        referrer_id: int | None = None,
        start_date: dt.date | None = None,
    ) -> int:
        """Seat a guest (or anyone not yet at a table of that cohort) as participant.

        `route` and `referrer_id` default to how they came in (see `defaults`); a given
        referrer that would make the person their own ancestor is refused. Returns the
        new membership's id.
        """
        known = self.defaults(person_id)
        route = route or known.route
        by_person = route in BY_A_PERSON
        referrer_id = (referrer_id or known.referrer_id) if by_person else None
        errors: dict[str, str] = {}
        if table_id is None:
            errors["table_id"] = "Kies de tafel waaraan deze persoon gaat deelnemen."
        if by_person and referrer_id is None:
            errors["referrer_id"] = "Kies wie deze persoon heeft uitgenodigd of geworven."
        with self.db.session() as session:
            if referrer_id is not None:
                problem = cycle_problem(session.connection(), person_id, referrer_id)
                if problem:
                    errors["referrer_id"] = problem
            table = session.get(Table, table_id) if table_id is not None else None
            if table_id is not None and table is None:
                errors["table_id"] = f"Tafel {table_id} bestaat niet."
            cohort = session.get(Cohort, table.cohort_id) if table is not None else None
            if (
                cohort is not None
                and known.first_visit is not None
                and cohort.start_date < known.first_visit
            ):
                errors["table_id"] = (
                    "Kies een tafel van een lichting die begint na het eerste bezoek als "
                    f"introducee ({format_date(known.first_visit)})."
                )
            if errors:
                raise ValidationFailed(errors)
            assert table_id is not None and cohort is not None
            begins = start_date or max(cohort.start_date, dt.date.today())
            try:
                membership_id = self.memberships.add_in(
                    session, table_id, person_id, MembershipRole.PARTICIPANT, start_date=begins
                )
            except ValidationFailed as refused:
                # The membership's problems are about the chosen table.
                message = " ".join(refused.errors.values())
                raise ValidationFailed({"table_id": message}) from refused
            referral = _referral(session, person_id)
            referral.route = route
            referral.referrer_id = referrer_id
            if not by_person and route != ReferralRoute.INSTITUTION:
                referral.institution_id = None
            referral.referred_on = referral.referred_on or known.first_visit or begins
            session.add(referral)
            earlier_lists = sa.select(col(Cohort.id)).where(
                col(Cohort.start_date) < cohort.start_date
            )
            for lead in session.exec(
                select(RecruitmentLead).where(
                    RecruitmentLead.person_id == person_id,
                    RecruitmentLead.status != LeadStatus.ENROLLED,
                    col(RecruitmentLead.cohort_id).in_(earlier_lists),
                )
            ):
                lead.status = LeadStatus.ENROLLED
                session.add(lead)
            return membership_id


def _referral(session: Any, person_id: int) -> Referral:
    found = session.exec(select(Referral).where(Referral.person_id == person_id)).first()
    return found or Referral(person_id=person_id, route=ReferralRoute.SELF)
