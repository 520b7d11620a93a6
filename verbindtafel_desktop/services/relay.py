"""The relay (estafette-effect): who brought whom into the programme.

Every person has at most one person who brought them in (the referrer of their
`Referral`), so the relay is a forest. Generation 0 are the people who came by
themselves or through an institution, generation 1 the people they brought in, and so
on. A guest registered without a route of their own (a walk-in at the door is often
recorded only as an invitation) counts as brought in by whoever invited them first.

The graph is read in a handful of queries and kept in memory: the figures, the picture
and the search all walk this one structure. No Qt here.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col

from verbindtafel_desktop.domain.enums import AttendanceRole, MembershipRole, ReferralRoute
from verbindtafel_desktop.domain.models import (
    Attendance,
    Cohort,
    Invitation,
    Location,
    Membership,
    MixedSession,
    Person,
    RecruitmentLead,
    Referral,
    Session,
    Table,
)
from verbindtafel_desktop.domain.names import full_name
from verbindtafel_desktop.domain.text import search_key
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.people import referrer_chain

BY_A_PERSON = (ReferralRoute.INVITED, ReferralRoute.RECRUITED)


class RelayRole(StrEnum):
    """Where someone stands in the programme, as the relay picture shows it."""

    PARTICIPANT = "participant"  # sat at a table as tafelgenoot (in any status)
    GUEST = "guest"  # came as introducee and has not (yet) joined a table
    CANDIDATE = "candidate"  # brought in for an intake, not (yet) at a table
    OTHER = "other"  # e.g. a facilitator who brought someone in


@dataclass(frozen=True)
class CohortInfo:
    cohort_id: int
    name: str
    location_id: int
    location: str
    start_date: dt.date
    end_date: dt.date | None


@dataclass(frozen=True)
class GuestVisit:
    """One time someone came as a guest: invited to, or present as guest at, a session."""

    inviter_id: int | None
    cohort_id: int | None
    date: dt.date | None


@dataclass
class RelayPerson:
    person_id: int
    name: str
    search_text: str
    route: ReferralRoute | None
    parent_id: int | None = None  # who brought them in
    role: RelayRole = RelayRole.OTHER
    entry_date: dt.date | None = None
    participations: list[int] = field(default_factory=list)  # cohort ids, oldest first
    visits: list[GuestVisit] = field(default_factory=list)  # oldest first
    lead_cohorts: list[int] = field(default_factory=list)
    generation: int = 0

    @property
    def initials(self) -> str:
        return "".join(word[0] for word in self.name.split() if word[:1].isupper()) or "?"


@dataclass(frozen=True)
class RelayScope:
    """A period and a location; None means no limit."""

    start: dt.date | None = None
    end: dt.date | None = None
    location_id: int | None = None

    @property
    def unlimited(self) -> bool:
        return self.start is None and self.end is None and self.location_id is None

    def includes_cohort(self, cohort: CohortInfo) -> bool:
        """A cohort counts when it is at the location and runs during part of the period."""
        if self.location_id is not None and cohort.location_id != self.location_id:
            return False
        last_day = cohort.end_date or cohort.start_date
        if self.start is not None and last_day < self.start:
            return False
        return not (self.end is not None and cohort.start_date > self.end)

    def includes_date(self, day: dt.date | None) -> bool:
        """For what has a date but no cohort (and so no location)."""
        if self.unlimited:
            return True
        if self.location_id is not None or day is None:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass
class RelayGraph:
    people: dict[int, RelayPerson]
    cohorts: dict[int, CohortInfo]
    children: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.children = defaultdict(list)
        for person in sorted(self.people.values(), key=_entry_order):
            if person.parent_id is not None:
                self.children[person.parent_id].append(person.person_id)

    def roots(self) -> list[int]:
        return [
            person.person_id
            for person in sorted(self.people.values(), key=_entry_order)
            if person.parent_id is None
        ]

    def ancestors(self, person_id: int) -> list[int]:
        """Who brought `person_id` in, who brought that person in, …: nearest first."""
        found: list[int] = []
        current = self.people[person_id].parent_id
        while current is not None:
            found.append(current)
            current = self.people[current].parent_id
        return found

    def chain(self, person_id: int) -> list[int]:
        """The chain from its starter down to `person_id`."""
        return [*reversed(self.ancestors(person_id)), person_id]

    def descendants(self, person_id: int) -> list[int]:
        """Everyone `person_id` brought in, directly or through others, nearest first."""
        found: list[int] = []
        todo = list(self.children.get(person_id, ()))
        while todo:
            found.extend(todo)
            todo = [child for parent in todo for child in self.children.get(parent, ())]
        return found

    def tree_of(self, person_id: int) -> list[int]:
        """Everyone in the same tree as `person_id`, starting with its starter."""
        root = self.chain(person_id)[0]
        return [root, *self.descendants(root)]

    def cohorts_of(self, person: RelayPerson) -> Iterator[int]:
        yield from person.participations
        yield from (visit.cohort_id for visit in person.visits if visit.cohort_id is not None)
        yield from person.lead_cohorts

    def colour_cohort(self, person_id: int) -> int | None:
        """The cohort a person is drawn in: where they joined a table, else where they first
        came as a guest, else the cohort whose participants brought them in."""
        person = self.people[person_id]
        if person.participations:
            return person.participations[0]
        dated = next((visit.cohort_id for visit in person.visits if visit.cohort_id), None)
        if dated is not None:
            return dated
        return person.lead_cohorts[0] if person.lead_cohorts else None

    def in_scope(self, scope: RelayScope) -> set[int]:
        """People who took part (as participant, guest or candidate) in the scope."""
        chosen = {
            cohort_id for cohort_id, cohort in self.cohorts.items() if scope.includes_cohort(cohort)
        }
        return {
            person.person_id
            for person in self.people.values()
            if any(cohort_id in chosen for cohort_id in self.cohorts_of(person))
            or (person.role != RelayRole.OTHER and self._dated_in(person, scope))
        }

    def _dated_in(self, person: RelayPerson, scope: RelayScope) -> bool:
        """For what is recorded without a cohort: a visit's date, else the entry date."""
        undated = [visit for visit in person.visits if visit.cohort_id is None]
        if any(scope.includes_date(visit.date) for visit in undated):
            return True
        return not any(self.cohorts_of(person)) and scope.includes_date(person.entry_date)

    def find(self, text: str, among: Iterable[int] | None = None) -> list[int]:
        """People whose name contains every word of `text` (accents do not matter)."""
        words = search_key(text).split()
        if not words:
            return []
        candidates = self.people if among is None else among
        return sorted(
            (
                person_id
                for person_id in candidates
                if all(word in self.people[person_id].search_text for word in words)
            ),
            key=lambda person_id: (self.people[person_id].name.lower(), person_id),
        )


def _entry_order(person: RelayPerson) -> tuple[dt.date, int]:
    return (person.entry_date or dt.date.min, person.person_id)


class RelayService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def graph(self) -> RelayGraph:
        """Everyone in the relay: participants, guests, candidates and whoever brought them in."""
        with self.db.engine.connect() as connection:
            return build_graph(connection)

    def cohort_options(self) -> list[tuple[int, str]]:
        with self.db.engine.connect() as connection:
            return [
                (cohort.cohort_id, f"{cohort.name} ({cohort.location})")
                for cohort in _cohorts(connection).values()
            ]


def _cohorts(connection: Any) -> dict[int, CohortInfo]:
    statement = (
        sa.select(
            col(Cohort.id),
            col(Cohort.name),
            col(Cohort.location_id),
            col(Location.name),
            col(Cohort.start_date),
            col(Cohort.end_date),
        )
        .join(Location, col(Location.id) == col(Cohort.location_id))
        .order_by(col(Cohort.start_date), col(Cohort.id))
    )
    return {row[0]: CohortInfo(*row) for row in connection.execute(statement)}


def guest_visits(connection: Any, person_id: int | None = None) -> list[tuple[int, GuestVisit]]:
    """(guest, visit) for every invitation and every presence as guest (of one person, when
    given), oldest first."""
    mixed = aliased(MixedSession)
    invitations = (
        sa.select(
            col(Invitation.invitee_id),
            col(Invitation.inviter_id),
            sa.func.coalesce(col(Table.cohort_id), col(mixed.cohort_id)),
            sa.func.coalesce(col(Session.date), col(mixed.date), col(Invitation.invited_on)),
            col(Invitation.id),
        )
        .outerjoin(Session, col(Session.id) == col(Invitation.session_id))
        .outerjoin(Table, col(Table.id) == col(Session.table_id))
        .outerjoin(mixed, col(mixed.id) == col(Invitation.mixed_session_id))
    )
    if person_id is not None:
        invitations = invitations.where(col(Invitation.invitee_id) == person_id)
    found = [
        (invitee, GuestVisit(inviter, cohort_id, day), invitation_id)
        for invitee, inviter, cohort_id, day, invitation_id in connection.execute(invitations)
    ]
    presences = (
        sa.select(
            col(Attendance.person_id),
            col(Table.cohort_id),
            col(Session.date),
            col(Attendance.id),
        )
        .join(Session, col(Session.id) == col(Attendance.session_id))
        .join(Table, col(Table.id) == col(Session.table_id))
        .where(col(Attendance.role) == AttendanceRole.GUEST)
    )
    if person_id is not None:
        presences = presences.where(col(Attendance.person_id) == person_id)
    found += [
        (guest, GuestVisit(None, cohort_id, day), 1_000_000_000 + attendance_id)
        for guest, cohort_id, day, attendance_id in connection.execute(presences)
    ]
    # Invitations before presences on the same day: they name who brought the guest.
    found.sort(key=lambda item: (item[1].date or dt.date.max, item[2]))
    return [(guest, visit) for guest, visit, _order in found]


def walk_in_inviter(visits: Iterable[GuestVisit], joined: Iterable[dt.date]) -> int | None:
    """Who brought in a guest recorded without a route: whoever invited them first, when
    that visit came before they ever joined a table (a former participant who comes back
    as a guest was not brought in by that visit)."""
    first = next((visit for visit in visits if visit.inviter_id is not None), None)
    if first is None:
        return None
    earliest = min(joined, default=None)
    if earliest is not None and (first.date is None or earliest < first.date):
        return None
    return first.inviter_id


def brought_in_by(connection: Any, person_id: int) -> tuple[ReferralRoute, int | None]:
    """How one person came in and who brought them, as `build_graph` links them: the
    recorded referrer, or for a guest without a route the first inviter."""
    found = connection.execute(
        sa.select(col(Referral.route), col(Referral.referrer_id)).where(
            col(Referral.person_id) == person_id
        )
    ).first()
    route = ReferralRoute(found[0]) if found else None
    if route in BY_A_PERSON and found[1] is not None:
        return route, found[1]
    if route in (None, ReferralRoute.SELF):
        visits = [visit for _guest, visit in guest_visits(connection, person_id)]
        joined = connection.execute(
            sa.select(col(Cohort.start_date))
            .join(Table, col(Table.cohort_id) == col(Cohort.id))
            .join(Membership, col(Membership.table_id) == col(Table.id))
            .where(
                col(Membership.person_id) == person_id,
                col(Membership.role) == MembershipRole.PARTICIPANT,
            )
        ).scalars()
        inviter = walk_in_inviter(visits, joined)
        if inviter is not None and person_id not in [inviter, *referrer_chain(connection, inviter)]:
            return ReferralRoute.INVITED, inviter
    return route or ReferralRoute.SELF, None


def relay_ancestors(connection: Any, person_id: int, limit: int = 10_000) -> list[int]:
    """Who brought `person_id` in, who brought that person in, …, nearest first (the first
    inviter of a guest without a route included; stops at a loop)."""
    found: list[int] = []
    current: int | None = person_id
    while current is not None and len(found) < limit:
        current = brought_in_by(connection, current)[1]
        if current is None or current in found or current == person_id:
            break
        found.append(current)
    return found


def build_graph(connection: Any) -> RelayGraph:
    cohorts = _cohorts(connection)
    cohort_start = {cohort_id: cohort.start_date for cohort_id, cohort in cohorts.items()}
    rows = connection.execute(
        sa.select(
            col(Person.id),
            col(Person.first_name),
            col(Person.infix),
            col(Person.last_name),
            col(Person.search_text),
            col(Person.created_at),
            col(Referral.route),
            col(Referral.referrer_id),
            col(Referral.referred_on),
        ).outerjoin(Referral, col(Referral.person_id) == col(Person.id))
    ).all()
    everyone: dict[int, RelayPerson] = {}
    referrers: dict[int, int] = {}
    for person_id, first, infix, last, text, created, route, referrer_id, since in rows:
        everyone[person_id] = RelayPerson(
            person_id=person_id,
            name=full_name(first, infix, last),
            search_text=text or search_key(first, infix, last),
            route=ReferralRoute(route) if route else None,
            entry_date=since or (created.date() if created else None),
        )
        if referrer_id is not None and route in BY_A_PERSON:
            referrers[person_id] = referrer_id

    participations = connection.execute(
        sa.select(col(Membership.person_id), col(Table.cohort_id))
        .join(Table, col(Table.id) == col(Membership.table_id))
        .where(col(Membership.role) == MembershipRole.PARTICIPANT)
    ).all()
    for person_id, cohort_id in participations:
        cohorts_of = everyone[person_id].participations
        if cohort_id not in cohorts_of:
            cohorts_of.append(cohort_id)
    for guest, visit in guest_visits(connection):
        everyone[guest].visits.append(visit)
    for person_id, cohort_id in connection.execute(
        sa.select(col(RecruitmentLead.person_id), col(RecruitmentLead.cohort_id))
    ):
        everyone[person_id].lead_cohorts.append(cohort_id)

    for person in everyone.values():
        person.participations.sort(key=lambda cohort_id: (cohort_start[cohort_id], cohort_id))
        person.lead_cohorts.sort(key=lambda cohort_id: (cohort_start[cohort_id], cohort_id))
        if person.participations:
            person.role = RelayRole.PARTICIPANT
        elif person.visits or person.route == ReferralRoute.INVITED:
            person.role = RelayRole.GUEST
        elif person.lead_cohorts or person.route == ReferralRoute.RECRUITED:
            person.role = RelayRole.CANDIDATE
        if person.entry_date is None or person.route is None:
            dates = [visit.date for visit in person.visits if visit.date is not None]
            dates += [cohort_start[c] for c in (*person.participations, *person.lead_cohorts)]
            person.entry_date = person.entry_date or (min(dates) if dates else None)

    _link_parents(everyone, referrers, cohorts)
    included = _included(everyone)
    people = {person_id: everyone[person_id] for person_id in sorted(included)}
    _number_generations(people)
    return RelayGraph(people, cohorts)


def _link_parents(
    everyone: dict[int, RelayPerson],
    referrers: dict[int, int],
    cohorts: dict[int, CohortInfo],
) -> None:
    """Recorded referrers first; then the first inviter of a guest without a route, unless
    that would make someone their own ancestor."""
    for person_id, referrer_id in referrers.items():
        if referrer_id in everyone:
            everyone[person_id].parent_id = referrer_id
    for person in everyone.values():
        if person.parent_id is not None or person.route not in (None, ReferralRoute.SELF):
            continue
        joined = (cohorts[cohort_id].start_date for cohort_id in person.participations)
        inviter = walk_in_inviter(person.visits, joined)
        if inviter is not None and not _descends_from(everyone, inviter, person.person_id):
            person.parent_id = inviter
    # Imported data may hold a loop that the forms would have refused: cut it.
    for person in everyone.values():
        if person.parent_id is not None and _descends_from(
            everyone, person.parent_id, person.person_id
        ):
            person.parent_id = None


def _descends_from(everyone: dict[int, RelayPerson], person_id: int, ancestor_id: int) -> bool:
    seen = set()
    current: int | None = person_id
    while current is not None and current not in seen:
        if current == ancestor_id:
            return True
        seen.add(current)
        current = everyone[current].parent_id
    return False


def _included(everyone: dict[int, RelayPerson]) -> set[int]:
    """Who took part in some way or was brought in, plus everyone above them in the relay."""
    included = {
        person.person_id
        for person in everyone.values()
        if person.role != RelayRole.OTHER or person.parent_id is not None
    }
    for person_id in list(included):
        current = everyone[person_id].parent_id
        while current is not None and current not in included:
            included.add(current)
            current = everyone[current].parent_id
    return included


def _number_generations(people: dict[int, RelayPerson]) -> None:
    known: dict[int, int] = {}
    for person in people.values():
        path: list[RelayPerson] = []
        current: RelayPerson | None = person
        while current is not None and current.person_id not in known:
            path.append(current)
            current = people[current.parent_id] if current.parent_id is not None else None
        base = known[current.person_id] if current is not None else -1
        for depth, found in enumerate(reversed(path), start=1):
            known[found.person_id] = found.generation = base + depth
