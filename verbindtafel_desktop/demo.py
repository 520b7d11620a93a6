"""A realistic demo database: Rotterdam locations, cohorts, tables, people and their relay.

Names come from Faker with the Dutch locale (and the Turkish, Polish and Portuguese ones
for part of the people, as Rotterdam's residents bring names from many languages). The
same seed gives the same people; dates are laid out around `today`, so the demo always
has a finished, a running and an upcoming cohort.

`small` is what a coordinator explores; `large` is a city-wide organisation's years of
data, for the benchmarks. Both are written with bulk inserts in one transaction, into a
temporary file that is moved into place only when complete.
"""

import datetime as dt
import itertools
import os
import random
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from faker import Faker

from verbindtafel_desktop.demo_stories import add_session_stories
from verbindtafel_desktop.domain import models as m
from verbindtafel_desktop.domain.enums import (
    ActivityKind,
    Answer,
    AttendanceRole,
    AttendanceStatus,
    Gender,
    InstitutionKind,
    LeadStatus,
    MeasurementMoment,
    MembershipRole,
    MembershipStatus,
    Phase,
    ReferralRoute,
    SessionStatus,
)
from verbindtafel_desktop.domain.names import split_infix
from verbindtafel_desktop.domain.rotterdam import AREAS, area_of
from verbindtafel_desktop.domain.text import search_key
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.programme import default_programme, ensure_session_templates

DEFAULT_SEED = 20180531  # the day De Verbindtafel's plan was written


@dataclass(frozen=True)
class DemoSize:
    locations: int
    cohort_chains: int  # cohorts follow each other in chains: guests of one enrol in the next
    cohorts_per_chain: int
    tables_per_cohort: tuple[int, ...]  # cycled over the cohorts of a chain
    participants_per_table: tuple[int, ...]  # cycled over the tables
    facilitator_pool: int  # volunteers; each table gets one from the pool
    institutions: int
    weeks_between_cohorts: int
    guest_rate: float  # chance a participant brings a guest to a session that welcomes guests
    enrol_rate: float  # chance a guest joins the next cohort
    recruit_rate: float  # chance someone who came through the relay recruits another person
    measurement_rate: float


SMALL = DemoSize(
    locations=2,
    cohort_chains=1,
    cohorts_per_chain=3,
    tables_per_cohort=(3, 3, 2),
    participants_per_table=(8, 7, 7, 8, 8, 7, 8, 8),
    facilitator_pool=8,
    institutions=5,
    weeks_between_cohorts=12,
    guest_rate=0.3,
    enrol_rate=0.6,
    recruit_rate=0.6,
    measurement_rate=1.0,
)

LARGE = DemoSize(
    locations=20,
    cohort_chains=20,
    cohorts_per_chain=15,
    tables_per_cohort=(5,),
    participants_per_table=(6,),
    facilitator_pool=400,
    institutions=25,
    weeks_between_cohorts=16,
    guest_rate=0.3,
    enrol_rate=0.25,
    recruit_rate=0.1,
    measurement_rate=0.25,
)

SIZES = {"small": SMALL, "large": LARGE}

CENTRES = [
    ("Buurthuis De Ooievaar", "Afrikaanderwijk", "Pretorialaan 120"),
    ("Wijkcentrum Het Klooster", "Oud-Crooswijk", "Kerkstraat 8"),
    ("Huis van de Wijk Bospolder", "Bospolder", "Schiedamseweg 90"),
    ("Ontmoetingscentrum De Nieuwe Put", "Tarwewijk", "Mijnsherenlaan 14"),
    ("Buurthuis Ommoord", "Ommoord", "Hesseplaats 3"),
]

INSTITUTIONS = [
    ("Wijkteam Feijenoord", InstitutionKind.REFERRING, "bewoners met een hulpvraag"),
    ("Huisartsenpraktijk Afrikaanderplein", InstitutionKind.REFERRING, "eenzame ouderen"),
    ("Stichting Ouderenwerk Zuid", InstitutionKind.BOTH, "65-plussers in Rotterdam-Zuid"),
    ("Taalhuis Rotterdam", InstitutionKind.REFERRING, "nieuwkomers en statushouders"),
    (
        "Zorginstelling De Brug",
        InstitutionKind.OFFERING,
        "mensen met een lichte verstandelijke beperking",
    ),
]

OFFERINGS = [
    ("Popkoor PLUS!", "Popkoor PLUS", "muziek", "Centrum"),
    ("Heel Roffa Kookt", "Sociale eetinitiatieven Rotterdam", "samen koken en eten", "Noord"),
    ("Scoot in de buurt", "Scoot Rotterdam", "scootmobiel", "Charlois"),
    ("De Toffe Katert", "De Toffe Katert", "dagbesteding met katten", "Kralingen-Crooswijk"),
    ("Mindfulness voor mensen met LVB", "Stichting Mindful", "mindfulness", "Delfshaven"),
    (
        "Creatief centrum Jan van der Ploeghuis",
        "Jan van der Ploeghuis",
        "kunst en cultuur",
        "Noord",
    ),
]

OWN_ACTIVITIES = [
    ("Wandelclub Afrikaanderpark", "bewegen"),
    ("Breicafé op dinsdag", "handwerken"),
    ("Samen naar de markt", "ontmoeten"),
]

DUTCH_MONTHS = [
    "Lichting januari", "Lichting februari", "Lichting maart", "Lichting april",
    "Lichting mei", "Lichting juni", "Lichting juli", "Lichting augustus",
    "Lichting september", "Lichting oktober", "Lichting november", "Lichting december",
]  # fmt: skip

CANCEL_REASONS = ["Ziekte van de begeleider", "Locatie gesloten", "Storm: code oranje"]

NAME_LOCALES = OrderedDict([("nl_NL", 0.62), ("tr_TR", 0.16), ("pl_PL", 0.11), ("pt_PT", 0.11)])
ANSWERS = [Answer.YES, Answer.MORE_OR_LESS, Answer.NO]
EMOTIONAL_ITEMS = (0, 3, 5)


@dataclass
class Rows:
    """Rows collected per table, inserted in dependency order at the end."""

    ids: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_table: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, table: str, **values: Any) -> int:
        self.ids[table] += 1
        values.setdefault("id", self.ids[table])
        self.by_table[table].append(values)
        return int(values["id"])


class DemoBuilder:
    def __init__(self, size: DemoSize, seed: int, today: dt.date) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.faker = Faker(list(NAME_LOCALES))
        self.faker.seed_instance(seed)
        self.today = today
        self.rows = Rows()
        self.location_neighbourhoods: dict[int, str] = {}
        self.institution_ids: list[int] = []
        self.facilitators: list[int] = []
        self.participants: list[int] = []
        self.generation: dict[int, int] = {}  # relay generation: 0 came in by themselves
        self.present_by_session: dict[int, list[int]] = defaultdict(list)
        self.programme = default_programme()
        # Outcomes added after the rest draw from their own generator, so adding them
        # left every other row of a seed as it was.
        self.outcome_rng = random.Random(seed + 1)
        # Per cohort (row index): its guests and who of them joined the next cohort.
        self.guests_of: list[list[tuple[int, int]]] = []
        self.joined_next: list[set[int]] = []

    # --- people -------------------------------------------------------------
    def person(
        self,
        *,
        neighbourhood: str,
        route: ReferralRoute,
        referrer_id: int | None = None,
        institution_id: int | None = None,
        since: dt.date,
        age_range: tuple[int, int] = (25, 88),
    ) -> int:
        rng = self.rng
        locale = rng.choices(list(NAME_LOCALES), weights=list(NAME_LOCALES.values()))[0]
        fake = self.faker[locale]
        gender = rng.choices([Gender.FEMALE, Gender.MALE, Gender.OTHER, None], [55, 40, 1, 4])[0]
        first = fake.first_name_male() if gender == Gender.MALE else fake.first_name_female()
        infix, last = split_infix(fake.last_name())
        age = rng.randint(*age_range)
        born = self.today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
        phone = f"06-{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.9 else ""
        email = ""
        if rng.random() < 0.55:
            local = search_key(first, last).replace(" ", ".").replace("'", "")
            email = f"{local}{rng.randint(1, 99)}@example.nl"
        letters = "".join(rng.choices("ABCDEGHJKLMNPRTVWXZ", k=2))
        postcode = f"30{rng.randint(11, 99)} {letters}"
        person_id = self.rows.add(
            "people",
            first_name=first,
            infix=infix,
            last_name=last,
            date_of_birth=born,
            gender=gender,
            phone=phone,
            email=email,
            address=f"{self.faker['nl_NL'].street_name()} {rng.randint(1, 240)}",
            postcode=postcode,
            neighbourhood=neighbourhood,
            search_text=search_key(first, infix, last, phone, email),
            consent_date=since,
            notes="",
            archived=False,
            created_at=dt.datetime.combine(since, dt.time(10), dt.UTC),
            updated_at=dt.datetime.combine(since, dt.time(10), dt.UTC),
        )
        self.generation[person_id] = self.generation[referrer_id] + 1 if referrer_id else 0
        self.rows.add(
            "referrals",
            person_id=person_id,
            route=route,
            referrer_id=referrer_id,
            institution_id=institution_id,
            referred_on=since,
            note="",
        )
        return person_id

    def newcomer(self, neighbourhood: str, since: dt.date) -> int:
        """Someone who came in by themselves or through an institution."""
        if self.rng.random() < 0.45 and self.institution_ids:
            return self.person(
                neighbourhood=neighbourhood,
                route=ReferralRoute.INSTITUTION,
                institution_id=self.rng.choice(self.institution_ids),
                since=since,
            )
        return self.person(neighbourhood=neighbourhood, route=ReferralRoute.SELF, since=since)

    # --- structure ------------------------------------------------------------
    def locations(self) -> list[int]:
        ids = []
        neighbourhoods = [name for names in AREAS.values() for name in names]
        for index in range(self.size.locations):
            if index < len(CENTRES):
                name, neighbourhood, address = CENTRES[index]
            else:
                neighbourhood = neighbourhoods[(index * 7) % len(neighbourhoods)]
                name, address = f"Wijkcentrum {neighbourhood} {index + 1}", f"Hoofdweg {index}"
            location_id = self.rows.add(
                "locations",
                name=name,
                address=address,
                postcode=f"30{10 + index:02d} AB",
                neighbourhood=neighbourhood,
                area=area_of(neighbourhood) or "",
                wheelchair_accessible=index % 3 != 2,
                mixed_table_capacity=6,
                notes="",
                archived=False,
            )
            self.location_neighbourhoods[location_id] = neighbourhood
            ids.append(location_id)
        return ids

    def institutions(self) -> None:
        for index in range(self.size.institutions):
            if index < len(INSTITUTIONS):
                name, kind, target = INSTITUTIONS[index]
            else:
                area = list(AREAS)[index % len(AREAS)]
                name, kind, target = (
                    f"Wijkteam {area} {index}",
                    InstitutionKind.REFERRING,
                    "bewoners",
                )
            contact = self.faker["nl_NL"].name()
            self.institution_ids.append(
                self.rows.add(
                    "institutions",
                    name=name,
                    kind=kind,
                    contact_name=contact,
                    phone=f"010-{self.rng.randint(1_000_000, 9_999_999)}",
                    email=f"info{index + 1}@example.org",
                    target_group=target,
                    notes="",
                    archived=False,
                )
            )

    def facilitator_pool(self, neighbourhood: str) -> None:
        since = self.today - dt.timedelta(weeks=self.size.weeks_between_cohorts * 20)
        for _ in range(self.size.facilitator_pool):
            self.facilitators.append(
                self.person(
                    neighbourhood=neighbourhood,
                    route=ReferralRoute.SELF,
                    since=since,
                    age_range=(24, 72),
                )
            )

    # --- a cohort and everything that happens in it ----------------------------
    def cohort(
        self,
        location_id: int,
        name: str,
        start: dt.date,
        table_count: int,
        incoming: list[tuple[int, int | None]],
        table_offset: int,
    ) -> list[tuple[int, int]]:
        """Create the cohort; `incoming` are (person, recruiter) pairs who enrol in it.

        Returns the guests of this cohort's sessions as (guest, inviter) pairs.
        """
        rng = self.rng
        neighbourhood = self.location_neighbourhoods[location_id]
        end = start + dt.timedelta(weeks=5)
        cohort_id = self.rows.add(
            "cohorts",
            name=name,
            location_id=location_id,
            start_date=start,
            end_date=end,
            notes="",
            archived=end < self.today - dt.timedelta(days=365),
        )
        guests: list[tuple[int, int]] = []
        queue = list(incoming)
        used_names: set[str] = set()
        for table_index in range(table_count):
            size = self.size.participants_per_table[
                (table_offset + table_index) % len(self.size.participants_per_table)
            ]
            first_date = start + dt.timedelta(days=table_index)
            if first_date.weekday() >= 5:  # no sessions in the weekend
                first_date += dt.timedelta(days=7 - first_date.weekday())
            weekday = first_date.weekday()
            table_name = f"Tafel {self.faker['nl_NL'].first_name()}"
            if table_name in used_names:
                table_name += f" {table_index + 1}"
            used_names.add(table_name)
            table_id = self.rows.add(
                "tables",
                name=table_name,
                cohort_id=cohort_id,
                # Tables still to start keep seats free for who is recruited meanwhile.
                capacity=10 if first_date > self.today else 8,
                meeting_weekday=weekday,
                meeting_time=dt.time(rng.choice([10, 14, 19]), rng.choice([0, 30])),
                notes="",
                archived=False,
            )
            members: list[int] = []
            while len(members) < size:
                if queue:
                    person_id, recruiter = queue.pop(0)
                    members.append(person_id)
                    room = len(members) < size
                    first_of_cohort = len(queue) == len(incoming) - 1
                    recruits = first_of_cohort or rng.random() < self.size.recruit_rate
                    if recruiter is not None and room and recruits:
                        # Someone who came in through the relay brings the next one in.
                        members.append(
                            self.person(
                                neighbourhood=neighbourhood,
                                route=ReferralRoute.RECRUITED,
                                referrer_id=person_id,
                                since=first_date - dt.timedelta(days=14),
                            )
                        )
                else:
                    members.append(self.newcomer(neighbourhood, first_date - dt.timedelta(days=21)))
            facilitator = self.facilitators[(table_offset + table_index) % len(self.facilitators)]
            guests += self.trajectory(table_id, cohort_id, members, facilitator, first_date)
        return guests

    def trajectory(
        self,
        table_id: int,
        cohort_id: int,
        members: Sequence[int],
        facilitator: int,
        first_date: dt.date,
    ) -> list[tuple[int, int]]:
        rng = self.rng
        guests: list[tuple[int, int]] = []
        present_count: dict[int, int] = defaultdict(int)
        reliability = {person: rng.choice([0.95, 0.9, 0.85, 0.6]) for person in members}
        for step in self.programme:
            number = step["number"]
            day = first_date + dt.timedelta(weeks=number - 1)
            held = day < self.today
            cancelled = held and rng.random() < 0.04
            status = (
                SessionStatus.CANCELLED
                if cancelled
                else (SessionStatus.HELD if held else SessionStatus.PLANNED)
            )
            session_id = self.rows.add(
                "sessions",
                table_id=table_id,
                number=number,
                date=day,
                start_time=None,
                phase=Phase(step["phase"]),
                status=status,
                cancel_reason=rng.choice(CANCEL_REASONS) if cancelled else "",
                notes="",
                mixed_session_id=None,
            )
            if status != SessionStatus.HELD:
                continue
            self.attend(
                session_id, facilitator, AttendanceStatus.PRESENT, AttendanceRole.FACILITATOR
            )
            for person in members:
                roll = rng.random()
                if roll < reliability[person]:
                    status_of = AttendanceStatus.PRESENT
                    present_count[person] += 1
                elif roll < reliability[person] + (1 - reliability[person]) / 2:
                    status_of = AttendanceStatus.EXCUSED
                else:
                    status_of = AttendanceStatus.ABSENT
                self.attend(session_id, person, status_of, AttendanceRole.MEMBER)
                if (
                    step["guests_welcome"]
                    and status_of == AttendanceStatus.PRESENT
                    and rng.random() < self.guest_chance(person)
                ):
                    guest = self.person(
                        neighbourhood=self.rows.by_table["people"][person - 1]["neighbourhood"],
                        route=ReferralRoute.INVITED,
                        referrer_id=person,
                        since=day,
                    )
                    self.rows.add(
                        "invitations",
                        inviter_id=person,
                        invitee_id=guest,
                        session_id=session_id,
                        mixed_session_id=None,
                        invited_on=day - dt.timedelta(days=7),
                        note="",
                    )
                    self.attend(session_id, guest, AttendanceStatus.PRESENT, AttendanceRole.GUEST)
                    guests.append((guest, person))
        finished = first_date + dt.timedelta(weeks=4) < self.today
        started = first_date <= self.today
        for person in [facilitator, *members]:
            role = (
                MembershipRole.FACILITATOR if person == facilitator else MembershipRole.PARTICIPANT
            )
            if not started:
                membership_status = MembershipStatus.REGISTERED
            elif not finished:
                membership_status = MembershipStatus.ACTIVE
            elif role == MembershipRole.FACILITATOR or present_count[person] >= 4:
                membership_status = MembershipStatus.COMPLETED
            else:
                membership_status = MembershipStatus.DROPPED_OUT
            self.rows.add(
                "memberships",
                person_id=person,
                table_id=table_id,
                role=role,
                start_date=first_date,
                end_date=first_date + dt.timedelta(weeks=4) if finished else None,
                status=membership_status,
            )
            if role == MembershipRole.PARTICIPANT:
                self.participants.append(person)
                self.measurements(person, cohort_id, first_date, finished, membership_status)
        return guests

    def guest_chance(self, person: int) -> float:
        """People who came in through the relay are its keenest ambassadors."""
        return 0.9 if self.generation[person] > 0 else self.size.guest_rate

    def enrolling(self, guests: list[tuple[int, int]]) -> list[tuple[int, int | None]]:
        """The guests who join the next cohort: always the one deepest in the relay."""
        deepest_first = sorted(guests, key=lambda pair: -self.generation[pair[0]])
        return [
            (guest, inviter)
            for position, (guest, inviter) in enumerate(deepest_first)
            if position == 0 or self.rng.random() < self.size.enrol_rate
        ]

    def attend(
        self, session_id: int, person: int, status: AttendanceStatus, role: AttendanceRole
    ) -> None:
        if status == AttendanceStatus.PRESENT:
            self.present_by_session[session_id].append(person)
        self.rows.add(
            "attendance",
            session_id=session_id,
            person_id=person,
            status=status,
            role=role,
            recorded_at=dt.datetime.combine(self.today, dt.time(12), dt.UTC),
        )

    def measurements(
        self,
        person: int,
        cohort_id: int,
        first_date: dt.date,
        finished: bool,
        status: MembershipStatus,
    ) -> None:
        rng = self.rng
        if first_date > self.today or rng.random() >= self.size.measurement_rate:
            return
        loneliness = rng.random()
        moments = [(MeasurementMoment.INTAKE, first_date, loneliness)]
        if finished and status == MembershipStatus.COMPLETED:
            moments.append(
                (MeasurementMoment.END, first_date + dt.timedelta(weeks=4), loneliness * 0.7)
            )
            follow_up = first_date + dt.timedelta(weeks=17)
            if follow_up < self.today and rng.random() < 0.6:
                moments.append((MeasurementMoment.FOLLOW_UP, follow_up, loneliness * 0.75))
        for moment, taken_on, level in moments:
            items: dict[str, Any] = {}
            for item in range(6):
                lonely_answer = Answer.YES if item in EMOTIONAL_ITEMS else Answer.NO
                other = Answer.NO if item in EMOTIONAL_ITEMS else Answer.YES
                roll = rng.random()
                answer = (
                    lonely_answer
                    if roll < level
                    else (Answer.MORE_OR_LESS if roll < level + 0.2 else other)
                )
                items[f"item_{item + 1}"] = None if rng.random() < 0.02 else answer
            self.rows.add(
                "measurements",
                person_id=person,
                cohort_id=cohort_id,
                moment=moment,
                taken_on=taken_on,
                network_size=max(0, int(rng.gauss(6 - 4 * level, 2))),
                notes="",
                **items,
            )

    def mixmoment(self, cohort_index: int, table_ids: set[int]) -> None:
        """Seat the tables of a cohort's held session 4 together: one from each home table per
        mixed table, so everybody meets people from the other tables."""
        cohort = self.rows.by_table["cohorts"][cohort_index]
        sessions = [
            session
            for session in self.rows.by_table["sessions"][-5 * len(table_ids) :]
            if session["table_id"] in table_ids
            and session["number"] == 4
            and session["status"] == SessionStatus.HELD
        ]
        if len(sessions) < 2:
            return
        day = min(s["date"] for s in sessions)
        mixed_id = self.rows.add(
            "mixed_sessions",
            cohort_id=cohort["id"],
            date=day,
            start_time=dt.time(14, 0),
            title=f"Mixmoment {cohort['name']}",
            notes="",
            status=SessionStatus.HELD,
        )
        session_ids = {session["id"] for session in sessions}
        host_of = {
            invitation["invitee_id"]: invitation["inviter_id"]
            for invitation in self.rows.by_table["invitations"]
            if invitation["session_id"] in session_ids
        }
        present: list[list[int]] = []
        for session in sessions:
            session["mixed_session_id"] = mixed_id
            self.rows.add(
                "mixed_session_tables", mixed_session_id=mixed_id, table_id=session["table_id"]
            )
            present.append([p for p in self.present_by_session[session["id"]] if p not in host_of])
        # Round robin over the home tables (facilitators come first, so they spread), and
        # every guest sits with the person who invited them.
        interleaved = [person for group in zip(*present, strict=False) for person in group]
        interleaved += [p for group in present for p in group if p not in interleaved]
        seated = len(interleaved) + len(host_of)
        table_count = max(2, -(-seated // 6))
        table_of = {person: position % table_count for position, person in enumerate(interleaved)}
        table_of.update({guest: table_of[host] for guest, host in host_of.items()})
        sizes = [list(table_of.values()).count(number) for number in range(table_count)]
        mixed_tables = [
            self.rows.add(
                "mixed_tables",
                mixed_session_id=mixed_id,
                number=number + 1,
                capacity=max(6, sizes[number]),
                label=f"Mengtafel {number + 1}",
                locked=False,
            )
            for number in range(table_count)
        ]
        for person, number in table_of.items():
            self.rows.add(
                "seatings",
                mixed_session_id=mixed_id,
                mixed_table_id=mixed_tables[number],
                person_id=person,
                locked=False,
                pinned=False,
            )

    def activities(self) -> None:
        rng = self.rng
        founded = self.today - dt.timedelta(days=400)
        for name, organiser, category, area in OFFERINGS:
            self.rows.add(
                "activities",
                name=name,
                kind=ActivityKind.EXISTING,
                organiser=organiser,
                category=category,
                neighbourhood=AREAS[area][0],
                contact=f"info@{search_key(organiser).replace(' ', '')}.example.nl",
                started_by_id=None,
                start_date=None,
                notes="",
                archived=False,
            )
        finished = [
            membership["person_id"]
            for membership in self.rows.by_table["memberships"]
            if membership["status"] == MembershipStatus.COMPLETED
            and membership["role"] == MembershipRole.PARTICIPANT
        ]
        for name, category in OWN_ACTIVITIES:
            if not finished:
                break
            self.rows.add(
                "activities",
                name=name,
                kind=ActivityKind.OWN,
                organiser="",
                category=category,
                neighbourhood=self.rows.by_table["people"][finished[0] - 1]["neighbourhood"],
                contact="",
                started_by_id=rng.choice(finished),
                start_date=founded,
                notes="Gestart door deelnemers na het traject.",
                archived=False,
            )
        activity_ids = [row["id"] for row in self.rows.by_table["activities"]]
        for person in finished:
            if rng.random() < 0.4:
                for activity in rng.sample(activity_ids, k=rng.choice([1, 1, 2])):
                    self.rows.add(
                        "activity_participations",
                        activity_id=activity,
                        person_id=person,
                        joined_on=founded + dt.timedelta(days=rng.randint(0, 300)),
                        still_going=rng.random() < 0.75,
                        checked_on=self.today - dt.timedelta(days=14),
                    )

    def lasting_contacts(self) -> None:
        """At the end (T1) people name the tablemates they still see; at follow-up (T2)
        most of those ties remain."""
        rng = self.outcome_rng
        tables_of: dict[int, set[int]] = defaultdict(set)
        members_of: dict[int, list[int]] = defaultdict(list)
        for membership in self.rows.by_table["memberships"]:
            if membership["role"] == MembershipRole.PARTICIPANT:
                tables_of[membership["person_id"]].add(membership["table_id"])
                members_of[membership["table_id"]].append(membership["person_id"])
        named: dict[int, list[int]] = {}
        measured = sorted(
            self.rows.by_table["measurements"],
            key=lambda row: (row["moment"], row["person_id"]),
        )
        for measurement in measured:
            person, moment = measurement["person_id"], measurement["moment"]
            if moment == MeasurementMoment.END:
                mates = sorted(
                    {mate for table in tables_of[person] for mate in members_of[table]} - {person}
                )
                chosen = rng.sample(mates, k=min(len(mates), rng.choice([0, 1, 1, 2, 2, 3])))
            elif moment == MeasurementMoment.FOLLOW_UP:
                chosen = [mate for mate in named.get(person, []) if rng.random() < 0.7]
            else:
                continue
            named[person] = chosen
            for mate in chosen:
                self.rows.add(
                    "lasting_contacts",
                    person_id=person,
                    contact_id=mate,
                    moment=moment,
                    recorded_on=measurement["taken_on"],
                )

    def funders(self) -> None:
        city = self.rows.add(
            "funders",
            name="Gemeente Rotterdam",
            contact_name="Afdeling Welzijn",
            email="welzijn@example.rotterdam.nl",
            phone="14 010",
            notes="",
        )
        year = self.today.year
        self.rows.add(
            "grants",
            funder_id=city,
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            amount_cents=4_500_000,
            location_id=None,
            cohort_id=None,
            notes="Subsidie welzijn en ontmoeting",
        )

    def recruitment_leads(self) -> None:
        """The recruitment list of every cohort that has a next one: guests who said they
        want to join (enrolled, or still to be called when the next cohort has not started)
        and a few names participants brought without a visit first."""
        rng = self.rng
        cohorts = self.rows.by_table["cohorts"]
        referred_on = {
            row["person_id"]: row["referred_on"] for row in self.rows.by_table["referrals"]
        }
        # Cohorts follow each other in their chain; a chain's last cohort has no guests yet.
        next_of = {cohort["id"]: later["id"] for cohort, later in itertools.pairwise(cohorts)}
        starts = {cohort["id"]: cohort["start_date"] for cohort in cohorts}
        for cohort, guests, joined in zip(cohorts, self.guests_of, self.joined_next, strict=True):
            following = next_of.get(cohort["id"])
            if following is None or not guests:
                continue
            upcoming = starts[following] > self.today
            for guest, inviter in guests:
                if guest in joined:
                    status = LeadStatus.ENROLLED
                elif rng.random() < 0.5:
                    status = LeadStatus.INTERESTED if upcoming else LeadStatus.NOT_INTERESTED
                else:
                    continue
                self.lead(cohort["id"], guest, inviter, status, referred_on[guest])
            if not upcoming:
                continue
            members = sorted({inviter for _guest, inviter in guests})
            for number in range(3):
                recruiter = rng.choice(members)
                since = self.today - dt.timedelta(days=rng.randint(1, 20))
                recruit = self.person(
                    neighbourhood=self.rows.by_table["people"][recruiter - 1]["neighbourhood"],
                    route=ReferralRoute.RECRUITED,
                    referrer_id=recruiter,
                    since=since,
                )
                status = LeadStatus.NOT_INTERESTED if number == 2 else LeadStatus.INTERESTED
                self.lead(cohort["id"], recruit, recruiter, status, since)

    def lead(
        self, cohort_id: int, person: int, recruiter: int, status: LeadStatus, noted_on: dt.date
    ) -> None:
        self.rows.add(
            "recruitment_leads",
            cohort_id=cohort_id,
            person_id=person,
            recruiter_id=recruiter,
            status=status,
            noted_on=noted_on,
            note="",
        )

    def consents(self) -> None:
        """Everyone agreed to be registered on the day they came in; whoever was measured
        agreed to the questionnaires. Drawn last, so the rows before stay as they were."""
        rng = random.Random(self.rng.random())
        measured = {row["person_id"] for row in self.rows.by_table["measurements"]}
        routes = {row["person_id"]: row["route"] for row in self.rows.by_table["referrals"]}
        for person in self.rows.by_table["people"]:
            referred = routes.get(person["id"]) == ReferralRoute.INSTITUTION
            self.rows.add(
                "consents",
                person_id=person["id"],
                given_on=person["consent_date"],
                recorded_by=rng.choice(["balie", "coordinator", "tafelbegeleider"]),
                recorded_at=person["created_at"],
                registration=True,
                measurements=person["id"] in measured or rng.random() < 0.8,
                photos=rng.random() < 0.6,
                sharing=referred and rng.random() < 0.85,
                withdrawn_on=None,
                withdrawn_by="",
                note="",
            )

    # --- the whole database ------------------------------------------------------
    def build(self) -> Rows:
        size = self.size
        location_ids = self.locations()
        self.institutions()
        self.facilitator_pool(self.location_neighbourhoods[location_ids[0]])
        span = size.weeks_between_cohorts
        table_offset = 0
        for chain in range(size.cohort_chains):
            # The last cohort of every chain starts in a few weeks; the one before it
            # started 25 days ago, so its mixmoment and guests (session 4) have just
            # happened and its last session is still to come.
            running = self.today - dt.timedelta(days=25 + chain % 3)
            incoming: list[tuple[int, int | None]] = []
            for index in range(size.cohorts_per_chain):
                weeks_back = span * (size.cohorts_per_chain - 2 - index)
                start = running - dt.timedelta(weeks=weeks_back)
                if index == size.cohorts_per_chain - 1:
                    start = self.today + dt.timedelta(weeks=3)
                # One chain visits the locations in turn; several chains keep one each.
                position = chain if size.cohort_chains > 1 else index
                location_id = location_ids[position % len(location_ids)]
                name = f"{DUTCH_MONTHS[start.month - 1]} {start.year}"
                while any(
                    c["name"] == name and c["location_id"] == location_id
                    for c in self.rows.by_table["cohorts"]
                ):
                    name += " (b)"
                tables = size.tables_per_cohort[index % len(size.tables_per_cohort)]
                guests = self.cohort(location_id, name, start, tables, incoming, table_offset)
                table_offset += tables
                cohort_index = len(self.rows.by_table["cohorts"]) - 1
                created = self.rows.by_table["tables"][-tables:]
                self.mixmoment(cohort_index, {table["id"] for table in created})
                incoming = self.enrolling(guests)
                self.guests_of.append(guests)
                self.joined_next.append({guest for guest, _inviter in incoming})
        self.activities()
        self.lasting_contacts()
        self.funders()
        self.recruitment_leads()
        self.consents()
        return self.rows


# Insert order: parents before children.
TABLE_ORDER = [
    "locations",
    "institutions",
    "people",
    "consents",
    "referrals",
    "cohorts",
    "tables",
    "memberships",
    "mixed_sessions",
    "mixed_session_tables",
    "mixed_tables",
    "seatings",
    "sessions",
    "attendance",
    "invitations",
    "recruitment_leads",
    "measurements",
    "lasting_contacts",
    "activities",
    "activity_participations",
    "funders",
    "grants",
]


def create_demo_database(
    path: Path,
    *,
    seed: int = DEFAULT_SEED,
    size: str = "small",
    today: dt.date | None = None,
    force: bool = False,
) -> dict[str, int]:
    """Write a demo database to `path`; returns the number of rows per table.

    Refuses (FileExistsError) to overwrite an existing file unless `force` is given.
    """
    path = Path(path)
    if path.exists() and not force:
        raise FileExistsError(
            f"{path} bestaat al. Kies een ander bestand of gebruik --force om het te vervangen."
        )
    rows = DemoBuilder(SIZES[size], seed, today or dt.date.today()).build()
    temporary = path.with_name(f".{path.name}.demo-partial")
    for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
        leftover.unlink(missing_ok=True)
    db = open_database(temporary)
    try:
        with db.session() as session:
            ensure_session_templates(session)
        metadata = m.SQLModel.metadata
        with db.engine.begin() as connection:
            for name in TABLE_ORDER:
                if rows.by_table[name]:
                    connection.execute(sa.insert(metadata.tables[name]), rows.by_table[name])
        add_session_stories(db, today or dt.date.today(), seed)
    except BaseException:
        db.close()
        temporary.unlink(missing_ok=True)
        raise
    db.close()
    Path(f"{temporary}.lock").unlink(missing_ok=True)
    for suffix in ("-wal", "-shm", ".lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(temporary, path)
    return {name: len(rows.by_table[name]) for name in TABLE_ORDER}
