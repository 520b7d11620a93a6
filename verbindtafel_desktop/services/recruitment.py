"""The recruitment list per cohort: names its participants bring in for a next intake.

A name on the list is a person (so they can be called, and counted in the relay) who is
recruited by the participant who brought them; the list keeps how far it got:
interested, enrolled (seated at a table of a later cohort) or not interested.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from verbindtafel_desktop.domain.enums import LeadStatus, MembershipRole, ReferralRoute
from verbindtafel_desktop.domain.models import (
    Cohort,
    Membership,
    Person,
    RecruitmentLead,
    Referral,
    Table,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.enrolment import EnrolmentService
from verbindtafel_desktop.services.errors import NotFound, ValidationFailed
from verbindtafel_desktop.services.people import PeopleService, cycle_problem
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql

Recruiter = aliased(Person, name="recruiter")
LaterTable = aliased(Table, name="later_table")
LaterCohort = aliased(Cohort, name="later_cohort")
ListCohort = aliased(Cohort, name="list_cohort")


# Open names first: those are the ones to call.
_STATUS_ORDER = sa.case(
    (col(RecruitmentLead.status) == LeadStatus.INTERESTED, 0),
    (col(RecruitmentLead.status) == LeadStatus.ENROLLED, 1),
    else_=2,
)


@dataclass(frozen=True)
class LeadRow:
    lead_id: int
    person_id: int
    name: str
    phone: str
    recruiter_id: int | None
    recruiter: str
    status: LeadStatus
    noted_on: dt.date | None
    note: str
    table: str  # where they sit in a later cohort, if they do


class RecruitmentService:
    def __init__(self, db: Database, people: PeopleService, enrolment: EnrolmentService) -> None:
        self.db = db
        self.people = people
        self.enrolment = enrolment

    def leads(self, cohort_id: int) -> list[LeadRow]:
        seated_later = (
            sa.select(sa.func.group_concat(col(LaterTable.name) + " – " + col(LaterCohort.name)))
            .select_from(Membership)
            .join(LaterTable, col(LaterTable.id) == col(Membership.table_id))
            .join(LaterCohort, col(LaterCohort.id) == col(LaterTable.cohort_id))
            .where(
                col(Membership.person_id) == col(RecruitmentLead.person_id),
                col(Membership.role) == MembershipRole.PARTICIPANT,
                col(LaterCohort.start_date) > col(ListCohort.start_date),
            )
            .scalar_subquery()
        )
        statement: Any = (
            sa.select(
                col(RecruitmentLead.id),
                col(Person.id),
                full_name_sql(),
                col(Person.phone),
                col(RecruitmentLead.recruiter_id),
                sa.func.coalesce(full_name_sql(Recruiter), ""),
                col(RecruitmentLead.status),
                col(RecruitmentLead.noted_on),
                col(RecruitmentLead.note),
                sa.func.coalesce(seated_later, ""),
            )
            .join(Person, col(Person.id) == col(RecruitmentLead.person_id))
            .join(ListCohort, col(ListCohort.id) == col(RecruitmentLead.cohort_id))
            .outerjoin(Recruiter, col(Recruiter.id) == col(RecruitmentLead.recruiter_id))
            .where(col(RecruitmentLead.cohort_id) == cohort_id)
            .order_by(_STATUS_ORDER, sort_name_sql())
        )
        with self.db.engine.connect() as connection:
            found = []
            for row in connection.execute(statement):
                values = list(row)
                values[6] = LeadStatus(values[6])
                found.append(LeadRow(*values))
            return found

    def recruiter_options(self, cohort_id: int) -> list[tuple[int, str]]:
        """The people of the cohort who can bring names: its participants and facilitators."""
        statement: Any = (
            sa.select(col(Person.id), full_name_sql())
            .join(Membership, col(Membership.person_id) == col(Person.id))
            .join(Table, col(Table.id) == col(Membership.table_id))
            .where(col(Table.cohort_id) == cohort_id)
            .group_by(col(Person.id))
            .order_by(sort_name_sql())
        )
        with self.db.engine.connect() as connection:
            return [(person_id, name) for person_id, name in connection.execute(statement)]

    def current_cohort(self, today: dt.date | None = None) -> int | None:
        """The cohort whose list is most likely wanted: the latest one that has started
        (its participants recruit for the next), else the first one to come."""
        today = today or dt.date.today()
        with self.db.engine.connect() as connection:
            started: Any = connection.execute(
                sa.select(col(Cohort.id))
                .where(col(Cohort.archived).is_(False), col(Cohort.start_date) <= today)
                .order_by(col(Cohort.start_date).desc(), col(Cohort.id).desc())
            ).first()
            if started is not None:
                return int(started[0])
            coming: Any = connection.execute(
                sa.select(col(Cohort.id))
                .where(col(Cohort.archived).is_(False))
                .order_by(col(Cohort.start_date), col(Cohort.id))
            ).first()
            return int(coming[0]) if coming is not None else None

    def cohort_start(self, cohort_id: int) -> dt.date:
        with self.db.session() as session:
            cohort = session.get(Cohort, cohort_id)
            if cohort is None:
                raise NotFound(f"Lichting {cohort_id} bestaat niet.")
            return cohort.start_date

    def add(self, cohort_id: int, values: Mapping[str, Any]) -> int:
        """Put a name on the cohort's list: an existing person (`person_id`), or a new one
        from `first_name`, `infix`, `last_name`, `phone`, `email`. `recruiter_id` is who
        brought the name; `noted_on` and `note` are optional."""
        recruiter_id: int = values.get("recruiter_id") or 0
        person_id = values.get("person_id")
        noted_on = values.get("noted_on") or dt.date.today()
        self.cohort_start(cohort_id)
        errors: dict[str, str] = {}
        if not recruiter_id:
            errors["recruiter_id"] = "Kies wie deze naam heeft aangedragen."
        if person_id:
            errors.update(self._check_existing(cohort_id, person_id, recruiter_id))
        elif not str(values.get("first_name") or "").strip():
            errors["first_name"] = "Vul een voornaam in, of kies iemand die er al in staat."
        if errors:
            raise ValidationFailed(errors)
        if person_id:
            self._recruited_by(person_id, recruiter_id)
        else:
            person_values = {
                key: values.get(key) for key in ("first_name", "infix", "last_name", "phone")
            }
            person_values |= {
                "email": values.get("email"),
                "referral_route": ReferralRoute.RECRUITED,
                "referrer_id": recruiter_id,
                "referred_on": noted_on,
            }
            try:
                person_id = self.people.save(person_values)
            except ValidationFailed as refused:
                raise ValidationFailed(_as_lead_errors(refused.errors)) from refused
        with self.db.session() as session:
            lead = RecruitmentLead(
                cohort_id=cohort_id,
                person_id=person_id,
                recruiter_id=recruiter_id,
                noted_on=noted_on,
                note=str(values.get("note") or "").strip(),
            )
            session.add(lead)
            session.flush()
            assert lead.id is not None
            return lead.id

    def _check_existing(
        self, cohort_id: int, person_id: int, recruiter_id: int | None
    ) -> dict[str, str]:
        with self.db.session() as session:
            listed = session.exec(
                select(RecruitmentLead.id).where(
                    RecruitmentLead.cohort_id == cohort_id, RecruitmentLead.person_id == person_id
                )
            ).first()
            if listed is not None:
                return {"person_id": "Deze persoon staat al op de wervingslijst van deze lichting."}
            if recruiter_id:
                problem = cycle_problem(session.connection(), person_id, recruiter_id)
                if problem:
                    return {"recruiter_id": problem}
        return {}

    def _recruited_by(self, person_id: int, recruiter_id: int) -> None:
        """Someone who came in by themselves so far now counts as recruited; whoever brought
        them in first (a person or an institution) keeps the credit."""
        with self.db.session() as session:
            referral = session.exec(select(Referral).where(Referral.person_id == person_id)).first()
            if referral is None:
                referral = Referral(person_id=person_id, route=ReferralRoute.SELF)
            if referral.route == ReferralRoute.SELF:
                referral.route = ReferralRoute.RECRUITED
                referral.referrer_id = recruiter_id
                referral.referred_on = referral.referred_on or dt.date.today()
                session.add(referral)

    def form_values(self, lead_id: int) -> dict[str, Any]:
        lead = self._lead(lead_id)
        return {
            "status": lead.status,
            "recruiter_id": lead.recruiter_id,
            "noted_on": lead.noted_on,
            "note": lead.note,
        }

    def update(self, lead_id: int, values: Mapping[str, Any]) -> int:
        """Change status, recruiter, date or note. 'Enrolled' needs a seat at a table of a
        later cohort (the enrol action does both at once)."""
        lead = self._lead(lead_id)
        status = LeadStatus(values.get("status") or lead.status)
        recruiter_id = values.get("recruiter_id")
        errors: dict[str, str] = {}
        if not recruiter_id:
            errors["recruiter_id"] = "Kies wie deze naam heeft aangedragen."
        if status == LeadStatus.ENROLLED and not self._seated_later(lead):
            errors["status"] = (
                "Deze persoon zit nog niet aan een tafel van een latere lichting. "
                "Gebruik 'Inschrijven aan tafel…'."
            )
        with self.db.session() as session:
            if recruiter_id and recruiter_id != lead.recruiter_id:
                problem = cycle_problem(session.connection(), lead.person_id, recruiter_id)
                if problem:
                    errors["recruiter_id"] = problem
            if errors:
                raise ValidationFailed(errors)
            stored = session.get(RecruitmentLead, lead_id)
            assert stored is not None
            referral = session.exec(
                select(Referral).where(Referral.person_id == lead.person_id)
            ).first()
            follows_list = (
                referral is not None
                and referral.route == ReferralRoute.RECRUITED
                and referral.referrer_id == lead.recruiter_id
            )
            if referral is not None and follows_list:
                referral.referrer_id = recruiter_id
                session.add(referral)
            stored.status = status
            stored.recruiter_id = recruiter_id
            stored.noted_on = values.get("noted_on")
            stored.note = str(values.get("note") or "").strip()
            session.add(stored)
        return lead_id

    def remove(self, lead_id: int) -> None:
        """Take a name off the list; the person and how they came in stay."""
        with self.db.session() as session:
            lead = session.get(RecruitmentLead, lead_id)
            if lead is None:
                raise NotFound(f"Aanmelding {lead_id} bestaat niet.")
            session.delete(lead)

    def table_options(self, lead_id: int) -> list[tuple[int, str]]:
        """Tables of the cohorts after the list's cohort, soonest first."""
        lead = self._lead(lead_id)
        start = self.cohort_start(lead.cohort_id)
        return self.enrolment.table_options(start + dt.timedelta(days=1))

    def enrol(self, lead_id: int, table_id: int | None, start_date: dt.date | None = None) -> int:
        """Seat the person at a table of a later cohort and mark them enrolled, at once."""
        lead = self._lead(lead_id)
        if table_id is not None:
            with self.db.session() as session:
                table = session.get(Table, table_id)
                cohort = session.get(Cohort, table.cohort_id) if table else None
                own = session.get(Cohort, lead.cohort_id)
                assert own is not None
                if cohort is not None and cohort.start_date <= own.start_date:
                    raise ValidationFailed(
                        {"table_id": "Kies een tafel van een lichting die na deze lichting begint."}
                    )
        # Enrolling marks this name (and the person's names on earlier lists) enrolled.
        return self.enrolment.enrol(lead.person_id, table_id, start_date=start_date)

    def _lead(self, lead_id: int) -> RecruitmentLead:
        with self.db.session() as session:
            lead = session.get(RecruitmentLead, lead_id)
            if lead is None:
                raise NotFound(f"Aanmelding {lead_id} bestaat niet.")
            return lead

    def _seated_later(self, lead: RecruitmentLead) -> bool:
        with self.db.engine.connect() as connection:
            found = connection.execute(
                sa.select(col(Membership.id))
                .join(Table, col(Table.id) == col(Membership.table_id))
                .join(LaterCohort, col(LaterCohort.id) == col(Table.cohort_id))
                .join(ListCohort, col(ListCohort.id) == lead.cohort_id)
                .where(
                    col(Membership.person_id) == lead.person_id,
                    col(Membership.role) == MembershipRole.PARTICIPANT,
                    col(LaterCohort.start_date) > col(ListCohort.start_date),
                )
            ).first()
        return found is not None


def _as_lead_errors(errors: Mapping[str, str]) -> dict[str, str]:
    """The person form's field names, as the recruitment form calls them."""
    return {("recruiter_id" if key == "referrer_id" else key): text for key, text in errors.items()}
