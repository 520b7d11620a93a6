"""The figures of a period report, counted from the database.

Every figure is exact here; what may be shown of it is decided later (anonymity.py).
How each figure is defined is written out for readers in method.py; keep the two in step.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop import loneliness
from verbindtafel_desktop.domain.enums import (
    ActivityKind,
    AttendanceRole,
    AttendanceStatus,
    Gender,
    MeasurementMoment,
    MembershipRole,
    MembershipStatus,
    ReferralRoute,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import (
    Activity,
    ActivityParticipation,
    Attendance,
    Cohort,
    Institution,
    LastingContact,
    Measurement,
    Membership,
    MixedSession,
    Person,
    Referral,
    Session,
    Table,
)
from verbindtafel_desktop.domain.rotterdam import AREAS, area_of
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.persistence.in_lists import chunks
from verbindtafel_desktop.reporting.model import (
    Breakdown,
    Figure,
    Kind,
    PeriodReport,
    Section,
    count,
    mean,
    number,
    share,
)
from verbindtafel_desktop.reporting.scope import ReportScope, ResolvedScope, resolve
from verbindtafel_desktop.services.measurements import ITEM_KEYS
from verbindtafel_desktop.services.progress import NO_PROGRESS, Progress
from verbindtafel_desktop.services.relay import RelayGraph, RelayScope, RelayService
from verbindtafel_desktop.services.relay_figures import figures_of
from verbindtafel_desktop.services.report_settings import ReportSettings

TITLE = "Perioderapportage De Verbindtafel"
UNKNOWN = "onbekend"
OTHER_NEIGHBOURHOOD = "wijk buiten de lijst van Rotterdam"
COMPLETED_FROM = 4  # present at 4 or more of the 5 sessions
AGE_GROUPS = (
    (0, 29, "tot 30 jaar"),
    (30, 49, "30 tot 50 jaar"),
    (50, 64, "50 tot 65 jaar"),
    (65, 79, "65 tot 80 jaar"),
    (80, 200, "80 jaar en ouder"),
)
GENDERS = ((Gender.FEMALE, "vrouw"), (Gender.MALE, "man"), (Gender.OTHER, "anders"))
OWN_ACTIVITIES = "eigen activiteiten van deelnemers"
SUMMARY_KEYS = (
    "reach.participants",
    "reach.new",
    "reach.guests",
    "reach.facilitators",
    "reach.facilitator_hours",
    "activity.sessions_held",
    "activity.attendance_rate",
    "activity.completed",
    "outcomes.pairs",
    "outcomes.mean_t0",
    "outcomes.mean_t1",
    "outcomes.lonely_t0",
    "outcomes.lonely_t1",
    "lasting.activity_share",
    "lasting.ties_t1",
    "relay.reached",
    "relay.generations",
)


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_group(born: dt.date | None, day: dt.date) -> str:
    if born is None:
        return UNKNOWN
    age = age_on(born, day)
    return next((name for low, high, name in AGE_GROUPS if low <= age <= high), UNKNOWN)


def fixed_rows(counts: Counter[str], order: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """Every category of a fixed list (zeros too), then 'onbekend' when anyone is."""
    rows = [(name, counts.get(name, 0)) for name in order]
    if counts.get(UNKNOWN):
        rows.append((UNKNOWN, counts[UNKNOWN]))
    return tuple(rows)


def found_rows(
    counts: Counter[str], last: Sequence[str] = (UNKNOWN,)
) -> tuple[tuple[str, int], ...]:
    """The categories that occur, alphabetically, with the catch-alls at the end."""
    named = sorted((name for name in counts if name not in last), key=str.casefold)
    return tuple((name, counts[name]) for name in [*named, *(n for n in last if counts.get(n))])


@dataclass(frozen=True)
class Measured:
    person_id: int
    cohort_id: int | None
    moment: MeasurementMoment
    taken_on: dt.date
    score: loneliness.Score | None
    network_size: int | None


class Counting:
    """The queries of one report, on one connection, within one scope and period."""

    def __init__(self, connection: Any, resolved: ResolvedScope, settings: ReportSettings) -> None:
        self.connection = connection
        self.resolved = resolved
        self.start = resolved.scope.start
        self.end = resolved.scope.end
        self.settings = settings

    def rows(self, statement: Any) -> list[Any]:
        return list(self.connection.execute(statement))

    def in_scope(self, cohort_column: Any) -> list[Any]:
        cohorts = self.resolved.cohort_ids
        return [] if cohorts is None else [cohort_column.in_(cohorts)]

    def in_period(self, date_column: Any) -> list[Any]:
        return [date_column >= self.start, date_column <= self.end]

    # --- reach --------------------------------------------------------------------
    def attendance(self) -> list[Any]:
        """(person, role) of everyone present at a held session in scope and period."""
        return self.rows(
            sa.select(col(Attendance.person_id), col(Attendance.role))
            .join(Session, col(Session.id) == col(Attendance.session_id))
            .join(Table, col(Table.id) == col(Session.table_id))
            .where(
                col(Session.status) == SessionStatus.HELD,
                col(Attendance.status) == AttendanceStatus.PRESENT,
                *self.in_period(col(Session.date)),
                *self.in_scope(col(Table.cohort_id)),
            )
        )

    def first_sessions(self, people: set[int]) -> dict[int, dt.date]:
        """The first day each person was present as a participant, anywhere, ever.

        One grouped pass over all attendance: far quicker than asking per person."""
        first: dict[int, dt.date] = {}
        for person_id, day in self.rows(
            sa.select(col(Attendance.person_id), sa.func.min(col(Session.date)))
            .join(Session, col(Session.id) == col(Attendance.session_id))
            .where(
                col(Attendance.role) == AttendanceRole.MEMBER,
                col(Attendance.status) == AttendanceStatus.PRESENT,
                col(Session.status) == SessionStatus.HELD,
            )
            .group_by(col(Attendance.person_id))
        ):
            if person_id in people:
                first[person_id] = day
        return first

    def reach(self) -> tuple[Section, set[int]]:
        present = self.attendance()
        participants = {p for p, role in present if role == AttendanceRole.MEMBER}
        guests = {p for p, role in present if role == AttendanceRole.GUEST}
        facilitator_sessions = [p for p, role in present if role == AttendanceRole.FACILITATOR]
        ordered = sorted(participants)
        first = self.first_sessions(participants)
        new = [p for p in ordered if first.get(p, self.start) >= self.start]
        hours = len(facilitator_sessions) * self.settings.session_hours
        areas: Counter[str] = Counter()
        neighbourhoods: Counter[str] = Counter()
        ages: Counter[str] = Counter()
        genders: Counter[str] = Counter()
        routes: Counter[str] = Counter()
        institutions: Counter[str] = Counter()
        gender_names = dict(GENDERS)
        for part in chunks(ordered):
            for _id, neighbourhood, born, gender, route, institution in self.rows(
                sa.select(
                    col(Person.id),
                    col(Person.neighbourhood),
                    col(Person.date_of_birth),
                    col(Person.gender),
                    col(Referral.route),
                    col(Institution.name),
                )
                .outerjoin(Referral, col(Referral.person_id) == col(Person.id))
                .outerjoin(Institution, col(Institution.id) == col(Referral.institution_id))
                .where(col(Person.id).in_(part))
            ):
                wijk = (neighbourhood or "").strip()
                neighbourhoods[wijk or UNKNOWN] += 1
                areas[(area_of(wijk) or OTHER_NEIGHBOURHOOD) if wijk else UNKNOWN] += 1
                ages[age_group(born, self.end)] += 1
                genders[gender_names.get(gender, UNKNOWN) if gender else UNKNOWN] += 1
                if route == ReferralRoute.INSTITUTION:
                    institutions[institution or "instelling (niet ingevuld)"] += 1
                routes[route or UNKNOWN] += 1
        route_rows = [("zelf aangemeld", routes.get(ReferralRoute.SELF, 0))]
        route_rows += [(f"via {name}", value) for name, value in found_rows(institutions, last=())]
        route_rows += [
            ("uitgenodigd door een deelnemer", routes.get(ReferralRoute.INVITED, 0)),
            ("geworven door een deelnemer", routes.get(ReferralRoute.RECRUITED, 0)),
        ]
        if routes.get(UNKNOWN):
            route_rows.append((UNKNOWN, routes[UNKNOWN]))
        area_order = [area for area in AREAS if areas.get(area)]
        area_rows = [(area, areas[area]) for area in area_order]
        area_rows += [(name, areas[name]) for name in (OTHER_NEIGHBOURHOOD, UNKNOWN) if areas[name]]
        section = Section(
            "reach",
            "Bereik",
            "Wie De Verbindtafel in de periode bereikte.",
            (
                count("reach.participants", "Unieke deelnemers (tafelgenoten)", len(participants)),
                share("reach.new", "Nieuwe deelnemers", len(new), len(participants)),
                count("reach.guests", "Introducees (gasten)", len(guests)),
                count(
                    "reach.facilitators",
                    "Tafelbegeleiders (vrijwilligers)",
                    len(set(facilitator_sessions)),
                ),
                number("reach.facilitator_hours", "Uren van tafelbegeleiders", hours, "uur"),
            ),
            (
                Breakdown("reach.by_area", "Deelnemers per gebied", tuple(area_rows)),
                Breakdown(
                    "reach.by_neighbourhood", "Deelnemers per wijk", found_rows(neighbourhoods)
                ),
                Breakdown(
                    "reach.by_age",
                    "Deelnemers per leeftijdsgroep",
                    fixed_rows(ages, [name for _low, _high, name in AGE_GROUPS]),
                ),
                Breakdown(
                    "reach.by_gender",
                    "Deelnemers naar gender",
                    fixed_rows(genders, [name for _gender, name in GENDERS]),
                ),
                Breakdown("reach.by_route", "Deelnemers naar herkomst", tuple(route_rows)),
            ),
        )
        return section, participants

    # --- activity -------------------------------------------------------------------
    def activity(self) -> Section:
        sessions = self.rows(
            sa.select(col(Session.id), col(Session.table_id), col(Session.status))
            .join(Table, col(Table.id) == col(Session.table_id))
            .where(*self.in_period(col(Session.date)), *self.in_scope(col(Table.cohort_id)))
        )
        statuses = Counter(status for _id, _table, status in sessions)
        held_tables = {table for _id, table, status in sessions if status == SessionStatus.HELD}
        mixmoments = self.connection.execute(
            sa.select(sa.func.count())
            .select_from(MixedSession)
            .where(
                col(MixedSession.status) == SessionStatus.HELD,
                *self.in_period(col(MixedSession.date)),
                *self.in_scope(col(MixedSession.cohort_id)),
            )
        ).scalar_one()
        member_records = self.rows(
            sa.select(col(Attendance.status))
            .join(Session, col(Session.id) == col(Attendance.session_id))
            .join(Table, col(Table.id) == col(Session.table_id))
            .where(
                col(Session.status) == SessionStatus.HELD,
                col(Attendance.role) == AttendanceRole.MEMBER,
                *self.in_period(col(Session.date)),
                *self.in_scope(col(Table.cohort_id)),
            )
        )
        present = sum(1 for (status,) in member_records if status == AttendanceStatus.PRESENT)
        held = statuses.get(SessionStatus.HELD, 0)
        finished, completed, dropped = self.trajectories()
        return Section(
            "activity",
            "Activiteit",
            "Tafels, sessies en mixmomenten in de periode, en hoe trouw deelnemers kwamen.",
            (
                count("activity.tables", "Tafels met gehouden sessies", len(held_tables)),
                count("activity.sessions_held", "Sessies gehouden", held),
                count(
                    "activity.sessions_planned",
                    "Sessies gepland (nog niet gehouden)",
                    statuses.get(SessionStatus.PLANNED, 0),
                ),
                count(
                    "activity.sessions_cancelled",
                    "Sessies geannuleerd",
                    statuses.get(SessionStatus.CANCELLED, 0),
                ),
                count("activity.mixmoments", "Mixmomenten gehouden", mixmoments),
                number(
                    "activity.mean_present",
                    "Gemiddeld aantal aanwezige tafelgenoten per sessie",
                    present / held if held else 0.0,
                ),
                share("activity.attendance_rate", "Opkomst", present, len(member_records)),
                count("activity.trajectories", "Trajecten afgelopen in de periode", finished),
                share(
                    "activity.completed",
                    f"Afgerond (bij {COMPLETED_FROM} of 5 sessies aanwezig)",
                    completed,
                    finished,
                ),
                share("activity.dropped_out", "Uitgevallen (gestopt)", dropped, finished),
            ),
        )

    def trajectories(self) -> tuple[int, int, int]:
        """Participants of tables whose last session fell in the period (with none still
        planned): how many, how many came to 4 or more sessions, how many stopped."""
        finished_tables = [
            table_id
            for table_id, last, planned in self.rows(
                sa.select(
                    col(Session.table_id),
                    sa.func.max(col(Session.date)),
                    sa.func.sum(
                        sa.case((col(Session.status) == SessionStatus.PLANNED, 1), else_=0)
                    ),
                )
                .join(Table, col(Table.id) == col(Session.table_id))
                .where(*self.in_scope(col(Table.cohort_id)))
                .group_by(col(Session.table_id))
            )
            if not planned and last is not None and self.start <= last <= self.end
        ]
        memberships: list[Any] = []
        presence: Counter[tuple[int, int]] = Counter()
        for part in chunks(finished_tables):
            memberships += self.rows(
                sa.select(
                    col(Membership.person_id), col(Membership.table_id), col(Membership.status)
                ).where(
                    col(Membership.table_id).in_(part),
                    col(Membership.role) == MembershipRole.PARTICIPANT,
                )
            )
            for person_id, table_id, times in self.rows(
                sa.select(col(Attendance.person_id), col(Session.table_id), sa.func.count())
                .join(Session, col(Session.id) == col(Attendance.session_id))
                .where(
                    col(Session.table_id).in_(part),
                    col(Session.status) == SessionStatus.HELD,
                    col(Attendance.role) == AttendanceRole.MEMBER,
                    col(Attendance.status) == AttendanceStatus.PRESENT,
                )
                .group_by(col(Attendance.person_id), col(Session.table_id))
            ):
                presence[(person_id, table_id)] = times
        completed = sum(1 for p, t, _s in memberships if presence[(p, t)] >= COMPLETED_FROM)
        dropped = sum(1 for _p, _t, status in memberships if status == MembershipStatus.DROPPED_OUT)
        return len(memberships), completed, dropped

    # --- outcomes ------------------------------------------------------------------
    def measurements(self) -> list[Measured]:
        found = []
        for row in self.rows(
            sa.select(Measurement.__table__).where(  # type: ignore[attr-defined]
                *self.in_scope(col(Measurement.cohort_id))
            )
        ):
            answers = [row._mapping[key] for key in ITEM_KEYS]
            found.append(
                Measured(
                    row.person_id,
                    row.cohort_id,
                    MeasurementMoment(row.moment),
                    row.taken_on,
                    loneliness.score(answers),
                    row.network_size,
                )
            )
        return found

    def outcomes(self, measured: list[Measured]) -> tuple[Section, set[int]]:
        in_period = [m for m in measured if self.start <= m.taken_on <= self.end]
        people_at = {
            moment: {m.person_id for m in in_period if m.moment == moment}
            for moment in MeasurementMoment
        }
        intakes = {
            (m.person_id, m.cohort_id): m
            for m in measured
            if m.moment == MeasurementMoment.INTAKE and m.score is not None
        }
        pairs = []
        for end in in_period:
            if end.moment != MeasurementMoment.END or end.score is None:
                continue
            intake = intakes.get((end.person_id, end.cohort_id))
            if intake is not None and intake.taken_on <= end.taken_on:
                pairs.append((intake, end))
        before = [float(i.score.total) for i, _e in pairs if i.score]
        after = [float(e.score.total) for _i, e in pairs if e.score]
        severe = [
            (i, e) for i, e in pairs if i.score and i.score.category == loneliness.SEVERELY_LONELY
        ]
        improved = [
            e for _i, e in severe if e.score and e.score.category != loneliness.SEVERELY_LONELY
        ]
        networks = [
            (i.network_size, e.network_size)
            for i, e in pairs
            if i.network_size is not None and e.network_size is not None
        ]
        follow_ups = [
            float(m.score.total)
            for m in in_period
            if m.moment == MeasurementMoment.FOLLOW_UP and m.score is not None
        ]
        mean_before = mean("outcomes.mean_t0", "Gemiddelde eenzaamheidsscore bij T0 (0–6)", before)
        mean_after = mean("outcomes.mean_t1", "Gemiddelde eenzaamheidsscore bij T1 (0–6)", after)
        change = Figure(
            "outcomes.change",
            "Verandering van de gemiddelde score (T1 − T0)",
            Kind.CHANGE,
            value=(mean_after.value - mean_before.value)
            if mean_after.value is not None and mean_before.value is not None
            else None,
            whole=len(pairs),
        )
        network_before = [float(b) for b, _a in networks]
        network_after = [float(a) for _b, a in networks]
        network_change = Figure(
            "outcomes.network_change",
            "Verandering van de netwerkomvang (T1 − T0)",
            Kind.CHANGE,
            value=(sum(network_after) - sum(network_before)) / len(networks) if networks else None,
            whole=len(networks),
        )

        def categories(scores: list[loneliness.Score | None]) -> tuple[tuple[str, int], ...]:
            counted = Counter(score.category for score in scores if score is not None)
            return tuple((name, counted.get(name, 0)) for name in loneliness.CATEGORIES)

        section = Section(
            "outcomes",
            "Uitkomsten",
            "Eenzaamheid (De Jong Gierveld-schaal, 0–6) en netwerk bij de start (T0) en "
            "na de laatste sessie (T1).",
            (
                count(
                    "outcomes.t0",
                    "Deelnemers met een beginmeting (T0)",
                    len(people_at[MeasurementMoment.INTAKE]),
                ),
                count(
                    "outcomes.t1",
                    "Deelnemers met een eindmeting (T1)",
                    len(people_at[MeasurementMoment.END]),
                ),
                count("outcomes.pairs", "Deelnemers met een volledige T0 én T1", len(pairs)),
                count(
                    "outcomes.incomplete",
                    "Onvolledige metingen (niet meegeteld)",
                    sum(1 for m in in_period if m.score is None),
                ),
                mean_before,
                mean_after,
                change,
                share(
                    "outcomes.lonely_t0",
                    "Eenzaam (score 2–6) bij T0",
                    sum(1 for value in before if value >= loneliness.LONELY_FROM),
                    len(pairs),
                ),
                share(
                    "outcomes.lonely_t1",
                    "Eenzaam (score 2–6) bij T1",
                    sum(1 for value in after if value >= loneliness.LONELY_FROM),
                    len(pairs),
                ),
                share(
                    "outcomes.severe_improved",
                    "Van sterk eenzaam naar matig of niet eenzaam",
                    len(improved),
                    len(severe),
                ),
                mean(
                    "outcomes.network_t0",
                    "Netwerkomvang bij T0 (gemiddeld aantal mensen)",
                    network_before,
                ),
                mean(
                    "outcomes.network_t1",
                    "Netwerkomvang bij T1 (gemiddeld aantal mensen)",
                    network_after,
                ),
                network_change,
                count(
                    "outcomes.t2",
                    "Deelnemers met een follow-up (T2)",
                    len(people_at[MeasurementMoment.FOLLOW_UP]),
                ),
                mean("outcomes.mean_t2", "Gemiddelde eenzaamheidsscore bij T2 (0–6)", follow_ups),
            ),
            (
                Breakdown(
                    "outcomes.categories_t0",
                    "Eenzaamheid bij T0",
                    categories([i.score for i, _e in pairs]),
                ),
                Breakdown(
                    "outcomes.categories_t1",
                    "Eenzaamheid bij T1",
                    categories([e.score for _i, e in pairs]),
                ),
            ),
        )
        return section, people_at[MeasurementMoment.END]

    # --- lasting contact --------------------------------------------------------------
    def lasting(self, participants: set[int], measured_at_end: set[int]) -> Section:
        ordered = sorted(participants)
        joined: dict[int, set[str]] = defaultdict(
            set
        )  # person -> activity names (or OWN_ACTIVITIES)
        joined_kinds: dict[ActivityKind, set[int]] = defaultdict(set)
        asked: set[int] = set()
        still_going: set[int] = set()
        started: set[int] = set()
        for part in chunks(ordered):
            for person_id, kind, name, going in self.rows(
                sa.select(
                    col(ActivityParticipation.person_id),
                    col(Activity.kind),
                    col(Activity.name),
                    col(ActivityParticipation.still_going),
                )
                .join(Activity, col(Activity.id) == col(ActivityParticipation.activity_id))
                .where(
                    col(ActivityParticipation.person_id).in_(part),
                    sa.or_(
                        col(ActivityParticipation.joined_on).is_(None),
                        col(ActivityParticipation.joined_on) <= self.end,
                    ),
                )
            ):
                kind = ActivityKind(kind)
                joined[person_id].add(OWN_ACTIVITIES if kind == ActivityKind.OWN else name)
                joined_kinds[kind].add(person_id)
                if going is not None:
                    asked.add(person_id)
                    if going:
                        still_going.add(person_id)
            started.update(
                self.connection.execute(
                    sa.select(col(Activity.started_by_id)).where(
                        col(Activity.started_by_id).in_(part),
                        sa.or_(
                            col(Activity.start_date).is_(None), col(Activity.start_date) <= self.end
                        ),
                    )
                ).scalars()
            )
        per_activity: Counter[str] = Counter()
        for names in joined.values():
            per_activity.update(names)
        ties = self.ties()
        return Section(
            "lasting",
            "Blijvend contact",
            "Meedoen aan activiteiten in de stad of eigen activiteiten, en contacten tussen "
            "deelnemers die na de sessies bleven.",
            (
                share(
                    "lasting.activity_share",
                    "Deelnemers die meedoen aan een activiteit of er een startten",
                    len(set(joined) | started),
                    len(participants),
                ),
                count(
                    "lasting.joined_existing",
                    "Doen mee aan bestaand aanbod in de stad",
                    len(joined_kinds[ActivityKind.EXISTING]),
                ),
                count(
                    "lasting.joined_own",
                    "Doen mee aan een eigen activiteit van deelnemers",
                    len(joined_kinds[ActivityKind.OWN]),
                ),
                count("lasting.started", "Startten zelf een activiteit", len(started)),
                share(
                    "lasting.still_going",
                    "Gaan bij navraag nog steeds",
                    len(still_going),
                    len(asked),
                ),
                count(
                    "lasting.ties_t1",
                    "Blijvende contacten bij T1 (paren)",
                    len(ties[MeasurementMoment.END][0]),
                ),
                share(
                    "lasting.people_with_ties",
                    "Blijven iemand uit het programma zien (bij T1)",
                    len(ties[MeasurementMoment.END][1] & measured_at_end),
                    len(measured_at_end),
                ),
                count(
                    "lasting.ties_t2",
                    "Blijvende contacten bij de follow-up T2 (paren)",
                    len(ties[MeasurementMoment.FOLLOW_UP][0]),
                ),
            ),
            (
                Breakdown(
                    "lasting.by_activity",
                    "Deelnemers per activiteit",
                    found_rows(per_activity, last=(OWN_ACTIVITIES,)),
                ),
            ),
        )

    def ties(self) -> dict[MeasurementMoment, tuple[set[frozenset[int]], set[int]]]:
        """Per moment: the pairs that still meet, and who named at least one."""
        statement = sa.select(
            col(LastingContact.person_id),
            col(LastingContact.contact_id),
            col(LastingContact.moment),
        ).where(*self.in_period(col(LastingContact.recorded_on)))
        if self.resolved.cohort_ids is not None:
            statement = statement.where(
                col(LastingContact.person_id).in_(
                    sa.select(col(Membership.person_id))
                    .join(Table, col(Table.id) == col(Membership.table_id))
                    .where(
                        col(Membership.role) == MembershipRole.PARTICIPANT,
                        col(Table.cohort_id).in_(self.resolved.cohort_ids),
                    )
                )
            )
        found: dict[MeasurementMoment, tuple[set[frozenset[int]], set[int]]] = {
            moment: (set(), set()) for moment in MeasurementMoment
        }
        for person_id, contact_id, moment in self.rows(statement):
            pairs, people = found[MeasurementMoment(moment)]
            pairs.add(frozenset((person_id, contact_id)))
            people.add(person_id)
        return found


def brought_in_words(number: int) -> str:
    return {0: "niemand", 1: "1 persoon"}.get(number, f"{number} mensen")


def relay_scope(connection: Any, scope: ReportScope) -> RelayScope:
    """The relay runs across cohorts, so a cohort's report shows the relay at its location."""
    location_id = scope.location_id
    if scope.cohort_id is not None:
        location_id = connection.execute(
            sa.select(col(Cohort.location_id)).where(col(Cohort.id) == scope.cohort_id)
        ).scalar_one()
    return RelayScope(scope.start, scope.end, location_id)


def relay_section(graph: RelayGraph, scope: RelayScope, for_cohort: bool) -> Section:
    figures = figures_of(graph, scope)
    where = (
        " Bij een rapportage over één lichting gaat dit deel over haar hele locatie: de "
        "estafette loopt van lichting naar lichting."
        if for_cohort
        else ""
    )
    distribution = tuple(
        (brought_in_words(number), people)
        for number, people in sorted(figures.brought_in_distribution.items())
    )
    return Section(
        "relay",
        "Estafette",
        "Hoe deelnemers anderen binnenbrachten, die weer anderen binnenbrachten: de "
        "lichtingen die in de periode liepen." + where,
        (
            count("relay.people", "Mensen in de estafette van de periode", figures.people),
            share("relay.reached", "Bereikt via de estafette", figures.reached, figures.people),
            number("relay.generations", "Generaties", float(figures.generations), decimals=0),
            Figure(
                "relay.brought_in",
                "Meegebracht per tafelgenoot (gemiddeld)",
                Kind.MEAN,
                value=figures.brought_in_average,
                whole=figures.participants,
            ),
            share(
                "relay.guests_enrolled",
                "Introducees die daarna aan een tafel kwamen",
                figures.guests_enrolled,
                figures.guests,
            ),
            share(
                "relay.new_intake",
                "Nieuwe tafelgenoten binnengebracht door tafelgenoten",
                figures.new_intake_by_participants,
                figures.new_intake,
            ),
            count("relay.longest_chain", "Langste keten (personen)", len(figures.longest_chain)),
        ),
        (
            Breakdown(
                "relay.brought_in_distribution",
                "Tafelgenoten naar aantal meegebrachte mensen",
                distribution,
            ),
        ),
    )


def compute(
    db: Database,
    scope: ReportScope,
    settings: ReportSettings,
    progress: Progress = NO_PROGRESS,
    *,
    created: dt.datetime | None = None,
) -> PeriodReport:
    """The figures of `scope`; NotFound / BadPeriod (Dutch) for a scope that cannot be."""
    steps = 5
    with db.engine.connect() as connection:
        resolved = resolve(connection, scope)
        counting = Counting(connection, resolved, settings)
        progress.report(0, steps, "Bereik tellen…")
        reach, participants = counting.reach()
        progress.check()
        progress.report(1, steps, "Sessies en trajecten tellen…")
        activity = counting.activity()
        progress.check()
        progress.report(2, steps, "Metingen verwerken…")
        outcomes, measured_at_end = counting.outcomes(counting.measurements())
        progress.check()
        progress.report(3, steps, "Activiteiten en contacten tellen…")
        lasting = counting.lasting(participants, measured_at_end)
        progress.check()
        progress.report(4, steps, "De estafette volgen…")
        relay_in_scope = relay_scope(connection, scope)
    graph = RelayService(db).graph()
    relay = relay_section(graph, relay_in_scope, scope.cohort_id is not None)
    progress.check()
    return PeriodReport(
        title=TITLE,
        period=resolved.period,
        scope=resolved.description,
        funder=resolved.funder,
        grants=resolved.grants,
        minimum_count=settings.minimum_count,
        session_hours=settings.session_hours,
        created=created or dt.datetime.now(dt.UTC),
        sections=(reach, activity, outcomes, lasting, relay),
        summary_keys=SUMMARY_KEYS,
    )
