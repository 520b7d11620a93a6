"""The whole domain model as SQLModel tables (DESIGN.md section 3).

Constraints that the database can enforce live here (foreign keys, uniqueness, checks,
indices on what lists filter by); rules spanning several rows live in the services.
Foreign keys to a person cascade, because erasing a person on request must really erase
them; foreign keys to the programme's structure (location, cohort, table) restrict, so
that removing a used record is refused instead of silently taking data with it.
"""

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from verbindtafel_desktop.domain.enums import (
    ActivityKind,
    Answer,
    AttendanceRole,
    AttendanceStatus,
    AuditAction,
    CardKind,
    Gender,
    InstitutionKind,
    LeadStatus,
    MeasurementMoment,
    MembershipRole,
    MembershipStatus,
    MixingRuleKind,
    Phase,
    ReferralRoute,
    SessionStatus,
)

# Named constraints let Alembic's batch mode recreate SQLite tables reliably.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def enum_type(enum: type[StrEnum], column: str) -> sa.Enum:
    """Store an enum by value, with a CHECK constraint (named after the column)."""
    return sa.Enum(
        enum,
        values_callable=lambda members: [member.value for member in members],
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=20,
        name=f"{column}_values",
    )


def now() -> dt.datetime:
    """Moments are stored in UTC (SQLModel insists on aware datetimes)."""
    return dt.datetime.now(dt.UTC)


class Location(SQLModel, table=True):
    __tablename__ = "locations"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    address: str = ""
    postcode: str = ""
    neighbourhood: str = Field(default="", index=True)
    area: str = ""
    wheelchair_accessible: bool = False
    mixed_table_capacity: int = 6
    notes: str = ""
    archived: bool = Field(default=False, index=True)

    __table_args__ = (
        sa.CheckConstraint(
            "mixed_table_capacity BETWEEN 2 AND 20", name="mixed_table_capacity_range"
        ),
    )


class Institution(SQLModel, table=True):
    __tablename__ = "institutions"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    kind: InstitutionKind = Field(
        default=InstitutionKind.REFERRING, sa_type=enum_type(InstitutionKind, "kind")
    )
    contact_name: str = ""
    phone: str = ""
    email: str = ""
    target_group: str = ""
    notes: str = ""
    archived: bool = Field(default=False, index=True)


class Cohort(SQLModel, table=True):
    """A lichting: one run of the programme at a location in a period."""

    __tablename__ = "cohorts"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    location_id: int = Field(foreign_key="locations.id", ondelete="RESTRICT", index=True)
    start_date: dt.date = Field(index=True)
    end_date: dt.date | None = None
    notes: str = ""
    archived: bool = Field(default=False, index=True)

    __table_args__ = (
        sa.UniqueConstraint("location_id", "name"),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
    )


class Table(SQLModel, table=True):
    """A tafel: a group of participants with facilitators inside one cohort."""

    __tablename__ = "tables"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    cohort_id: int = Field(foreign_key="cohorts.id", ondelete="RESTRICT", index=True)
    capacity: int = 8
    meeting_weekday: int | None = None  # 0 = Monday, as datetime.date.weekday()
    meeting_time: dt.time | None = None
    notes: str = ""
    archived: bool = Field(default=False, index=True)

    __table_args__ = (
        sa.UniqueConstraint("cohort_id", "name"),
        sa.CheckConstraint("capacity BETWEEN 1 AND 20", name="capacity_range"),
        sa.CheckConstraint(
            "meeting_weekday IS NULL OR meeting_weekday BETWEEN 0 AND 6", name="weekday_range"
        ),
    )


class Person(SQLModel, table=True):
    """One record per human; their roles come from memberships, attendance and invitations."""

    __tablename__ = "people"

    id: int | None = Field(default=None, primary_key=True)
    first_name: str
    infix: str = ""  # tussenvoegsel: "van der", "de"
    last_name: str = ""
    date_of_birth: dt.date | None = None
    gender: Gender | None = Field(default=None, sa_type=enum_type(Gender, "gender"))
    phone: str = Field(default="", index=True)
    email: str = Field(default="", index=True)
    address: str = ""
    postcode: str = ""
    neighbourhood: str = Field(default="", index=True)
    # search_key() of the name, phone and e-mail: lets "ozturk" find "Öztürk".
    search_text: str = ""
    consent_date: dt.date | None = None
    notes: str = ""
    archived: bool = Field(default=False, index=True)
    anonymised_at: dt.datetime | None = None
    created_at: dt.datetime = Field(default_factory=now)
    updated_at: dt.datetime = Field(default_factory=now)

    __table_args__ = (sa.Index("ix_people_name", "last_name", "first_name"),)


class Referral(SQLModel, table=True):
    """How a person came in; the person-to-person referrals are the edges of the relay."""

    __tablename__ = "referrals"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", unique=True)
    route: ReferralRoute = Field(
        default=ReferralRoute.SELF, sa_type=enum_type(ReferralRoute, "route")
    )
    referrer_id: int | None = Field(
        default=None, foreign_key="people.id", ondelete="SET NULL", index=True
    )
    institution_id: int | None = Field(
        default=None, foreign_key="institutions.id", ondelete="SET NULL", index=True
    )
    referred_on: dt.date | None = None
    note: str = ""

    __table_args__ = (
        sa.CheckConstraint(
            "referrer_id IS NULL OR referrer_id <> person_id", name="not_self_referred"
        ),
    )


class Membership(SQLModel, table=True):
    """A deelname: a person at a table as participant or facilitator."""

    __tablename__ = "memberships"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    table_id: int = Field(foreign_key="tables.id", ondelete="RESTRICT", index=True)
    role: MembershipRole = Field(
        default=MembershipRole.PARTICIPANT, sa_type=enum_type(MembershipRole, "role")
    )
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    status: MembershipStatus = Field(
        default=MembershipStatus.REGISTERED,
        sa_type=enum_type(MembershipStatus, "status"),
        index=True,
    )

    __table_args__ = (
        sa.UniqueConstraint("person_id", "table_id", "role"),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="end_after_start",
        ),
    )


class SessionTemplate(SQLModel, table=True):
    """One step of the editable 5-session programme that new tables are planned from."""

    __tablename__ = "session_templates"

    number: int = Field(primary_key=True)
    phase: Phase = Field(sa_type=enum_type(Phase, "phase"))
    title: str
    goal: str = ""
    card_work: str = ""
    mixed: bool = False
    guests_welcome: bool = False

    __table_args__ = (sa.CheckConstraint("number BETWEEN 1 AND 5", name="number_range"),)


class Holiday(SQLModel, table=True):
    """A date on which no session is planned."""

    __tablename__ = "holidays"

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date = Field(unique=True)
    name: str = ""


class MixedSession(SQLModel, table=True):
    """A mixmoment: several tables of a cohort meeting together, re-seated at mixed tables."""

    __tablename__ = "mixed_sessions"

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohorts.id", ondelete="CASCADE", index=True)
    date: dt.date = Field(index=True)
    start_time: dt.time | None = None
    title: str = ""
    notes: str = ""
    status: SessionStatus = Field(
        default=SessionStatus.PLANNED, sa_type=enum_type(SessionStatus, "status")
    )


class MixedSessionTable(SQLModel, table=True):
    """A home table taking part in a mixmoment."""

    __tablename__ = "mixed_session_tables"

    mixed_session_id: int = Field(
        foreign_key="mixed_sessions.id", ondelete="CASCADE", primary_key=True
    )
    table_id: int = Field(foreign_key="tables.id", ondelete="CASCADE", primary_key=True)


class MixedTable(SQLModel, table=True):
    """One of the tables people are re-seated at during a mixmoment."""

    __tablename__ = "mixed_tables"

    id: int | None = Field(default=None, primary_key=True)
    mixed_session_id: int = Field(foreign_key="mixed_sessions.id", ondelete="CASCADE", index=True)
    number: int
    capacity: int = 6
    label: str = ""
    locked: bool = False

    __table_args__ = (
        sa.UniqueConstraint("mixed_session_id", "number"),
        sa.CheckConstraint("capacity BETWEEN 1 AND 20", name="capacity_range"),
    )


class Seating(SQLModel, table=True):
    """A tafelindeling: where one person sits during one mixmoment."""

    __tablename__ = "seatings"

    id: int | None = Field(default=None, primary_key=True)
    mixed_session_id: int = Field(foreign_key="mixed_sessions.id", ondelete="CASCADE")
    mixed_table_id: int = Field(foreign_key="mixed_tables.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    locked: bool = False
    pinned: bool = False

    __table_args__ = (sa.UniqueConstraint("mixed_session_id", "person_id"),)


class MixingRule(SQLModel, table=True):
    """A pair that must sit together or apart when a cohort's tables are mixed."""

    __tablename__ = "mixing_rules"

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohorts.id", ondelete="CASCADE", index=True)
    kind: MixingRuleKind = Field(sa_type=enum_type(MixingRuleKind, "kind"))
    person_a_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    person_b_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    reason: str = ""

    __table_args__ = (
        sa.UniqueConstraint("cohort_id", "person_a_id", "person_b_id"),
        sa.CheckConstraint("person_a_id <> person_b_id", name="two_people"),
    )


class Session(SQLModel, table=True):
    """A sessie: one of a table's 5 meetings."""

    __tablename__ = "sessions"

    id: int | None = Field(default=None, primary_key=True)
    table_id: int = Field(foreign_key="tables.id", ondelete="CASCADE")
    number: int
    date: dt.date | None = Field(default=None, index=True)
    start_time: dt.time | None = None
    phase: Phase = Field(sa_type=enum_type(Phase, "phase"))
    # No index on the status: with three values it would lure SQLite into reading half
    # of all sessions through it, where a cohort's or a table's own sessions are wanted.
    status: SessionStatus = Field(
        default=SessionStatus.PLANNED, sa_type=enum_type(SessionStatus, "status")
    )
    cancel_reason: str = ""
    notes: str = ""
    mixed_session_id: int | None = Field(
        default=None, foreign_key="mixed_sessions.id", ondelete="SET NULL", index=True
    )

    __table_args__ = (
        sa.UniqueConstraint("table_id", "number"),
        sa.CheckConstraint("number BETWEEN 1 AND 5", name="number_range"),
    )


class Attendance(SQLModel, table=True):
    """A person's presence at one session, and their role that day."""

    __tablename__ = "attendance"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="sessions.id", ondelete="CASCADE")
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    status: AttendanceStatus = Field(sa_type=enum_type(AttendanceStatus, "status"))
    role: AttendanceRole = Field(
        default=AttendanceRole.MEMBER, sa_type=enum_type(AttendanceRole, "role")
    )
    recorded_at: dt.datetime = Field(default_factory=now)

    __table_args__ = (
        sa.UniqueConstraint("session_id", "person_id"),
        # Guests (the start screen's count, the relay) without reading every record. Only
        # their rows: an index on the role itself would lure SQLite into reading every
        # participant's record through it.
        sa.Index("ix_attendance_guests", "person_id", sqlite_where=sa.text("role = 'guest'")),
    )


class Invitation(SQLModel, table=True):
    """An uitnodiging: a participant inviting a guest (introducee) to a session."""

    __tablename__ = "invitations"

    id: int | None = Field(default=None, primary_key=True)
    inviter_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    invitee_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    session_id: int | None = Field(
        default=None, foreign_key="sessions.id", ondelete="SET NULL", index=True
    )
    mixed_session_id: int | None = Field(
        default=None, foreign_key="mixed_sessions.id", ondelete="SET NULL", index=True
    )
    invited_on: dt.date | None = Field(default=None, index=True)
    note: str = ""

    __table_args__ = (sa.CheckConstraint("inviter_id <> invitee_id", name="two_people"),)


class RecruitmentLead(SQLModel, table=True):
    """Someone a participant brings in for the next intake, and how far that got."""

    __tablename__ = "recruitment_leads"

    id: int | None = Field(default=None, primary_key=True)
    cohort_id: int = Field(foreign_key="cohorts.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    recruiter_id: int | None = Field(
        default=None, foreign_key="people.id", ondelete="SET NULL", index=True
    )
    status: LeadStatus = Field(
        default=LeadStatus.INTERESTED, sa_type=enum_type(LeadStatus, "status")
    )
    noted_on: dt.date | None = None
    note: str = ""

    __table_args__ = (sa.UniqueConstraint("cohort_id", "person_id"),)


class FollowUp(SQLModel, table=True):
    """A call to make (nabellen) after missed sessions, until it is marked done."""

    __tablename__ = "follow_ups"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    table_id: int = Field(foreign_key="tables.id", ondelete="CASCADE", index=True)
    last_missed_session_id: int | None = Field(
        default=None, foreign_key="sessions.id", ondelete="SET NULL"
    )
    created_at: dt.datetime = Field(default_factory=now)
    done_at: dt.datetime | None = Field(default=None, index=True)
    note: str = ""


class CardDeck(SQLModel, table=True):
    __tablename__ = "card_decks"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    description: str = ""
    archived: bool = False


class Card(SQLModel, table=True):
    """A theme card (text, colour) or an image card (a picture file) in a deck."""

    __tablename__ = "cards"

    id: int | None = Field(default=None, primary_key=True)
    deck_id: int = Field(foreign_key="card_decks.id", ondelete="CASCADE", index=True)
    kind: CardKind = Field(sa_type=enum_type(CardKind, "kind"))
    title: str = ""
    text: str = ""
    colour: str = ""
    image_path: str = ""
    thumbnail: bytes | None = None
    position: int = 0


class SessionCard(SQLModel, table=True):
    """A card that lay on the table during a session."""

    __tablename__ = "session_cards"

    session_id: int = Field(foreign_key="sessions.id", ondelete="CASCADE", primary_key=True)
    card_id: int = Field(foreign_key="cards.id", ondelete="CASCADE", primary_key=True)


class Meaning(SQLModel, table=True):
    """A meaning the group put into words during a session (betekenisgeving)."""

    __tablename__ = "meanings"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="sessions.id", ondelete="CASCADE", index=True)
    text: str
    agreed: bool = True
    created_at: dt.datetime = Field(default_factory=now)


class MeaningCard(SQLModel, table=True):
    __tablename__ = "meaning_cards"

    meaning_id: int = Field(foreign_key="meanings.id", ondelete="CASCADE", primary_key=True)
    card_id: int = Field(foreign_key="cards.id", ondelete="CASCADE", primary_key=True)


class Activity(SQLModel, table=True):
    """An activity participants started themselves, or an existing offering in the city."""

    __tablename__ = "activities"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    kind: ActivityKind = Field(sa_type=enum_type(ActivityKind, "kind"), index=True)
    organiser: str = ""
    category: str = ""
    neighbourhood: str = ""
    contact: str = ""
    started_by_id: int | None = Field(
        default=None, foreign_key="people.id", ondelete="SET NULL", index=True
    )
    start_date: dt.date | None = None
    notes: str = ""
    archived: bool = False


class ActivityParticipation(SQLModel, table=True):
    __tablename__ = "activity_participations"

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activities.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    joined_on: dt.date | None = None
    still_going: bool | None = None
    checked_on: dt.date | None = None

    __table_args__ = (sa.UniqueConstraint("activity_id", "person_id"),)


def answer_field(column: str) -> Answer | None:
    return Field(default=None, sa_type=enum_type(Answer, column))


class Measurement(SQLModel, table=True):
    """A loneliness questionnaire (De Jong Gierveld short scale) plus network size."""

    __tablename__ = "measurements"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    cohort_id: int | None = Field(
        default=None, foreign_key="cohorts.id", ondelete="SET NULL", index=True
    )
    moment: MeasurementMoment = Field(sa_type=enum_type(MeasurementMoment, "moment"))
    taken_on: dt.date = Field(index=True)
    item_1: Answer | None = answer_field("item_1")
    item_2: Answer | None = answer_field("item_2")
    item_3: Answer | None = answer_field("item_3")
    item_4: Answer | None = answer_field("item_4")
    item_5: Answer | None = answer_field("item_5")
    item_6: Answer | None = answer_field("item_6")
    network_size: int | None = None
    notes: str = ""

    __table_args__ = (
        sa.CheckConstraint(
            "network_size IS NULL OR network_size >= 0", name="network_size_positive"
        ),
    )


class LastingContact(SQLModel, table=True):
    """A fellow participant someone still sees outside the sessions, asked at T1/T2."""

    __tablename__ = "lasting_contacts"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    contact_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    moment: MeasurementMoment = Field(sa_type=enum_type(MeasurementMoment, "moment"))
    recorded_on: dt.date | None = None

    __table_args__ = (
        sa.UniqueConstraint("person_id", "contact_id", "moment"),
        sa.CheckConstraint("person_id <> contact_id", name="two_people"),
    )


class Funder(SQLModel, table=True):
    __tablename__ = "funders"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""


class Grant(SQLModel, table=True):
    """Money from a funder for a period; reports are made per funder and period."""

    __tablename__ = "grants"

    id: int | None = Field(default=None, primary_key=True)
    funder_id: int = Field(foreign_key="funders.id", ondelete="CASCADE", index=True)
    period_start: dt.date
    period_end: dt.date
    amount_cents: int = 0
    location_id: int | None = Field(default=None, foreign_key="locations.id", ondelete="SET NULL")
    cohort_id: int | None = Field(default=None, foreign_key="cohorts.id", ondelete="SET NULL")
    notes: str = ""

    __table_args__ = (
        sa.CheckConstraint("period_end >= period_start", name="end_after_start"),
        sa.CheckConstraint("amount_cents >= 0", name="amount_positive"),
    )


class AppSetting(SQLModel, table=True):
    """Settings that belong to the data (organisation name, rules), not to the PC."""

    __tablename__ = "app_settings"

    key: str = Field(primary_key=True)
    value: str = ""


class Consent(SQLModel, table=True):
    """One consent statement: what a person agreed to, on which day, recorded by whom.

    The statement recorded last is the one in force; a change of scope is a new statement
    (so the history shows when each scope was given or taken back), and withdrawing all
    consent dates the statement in force. `Person.consent_date` mirrors the day of the
    statement in force (None once withdrawn).
    """

    __tablename__ = "consents"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    given_on: dt.date
    recorded_by: str = ""
    recorded_at: dt.datetime = Field(default_factory=now)
    registration: bool = False
    measurements: bool = False
    photos: bool = False
    sharing: bool = False
    withdrawn_on: dt.date | None = None
    withdrawn_by: str = ""
    note: str = ""

    __table_args__ = (
        sa.CheckConstraint(
            "withdrawn_on IS NULL OR withdrawn_on >= given_on", name="withdrawn_after_given"
        ),
    )


class AuditEntry(SQLModel, table=True):
    """Who did what with personal data, when: ids and kinds only, never the data itself."""

    __tablename__ = "audit_entries"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=now, index=True)
    actor: str = ""  # the Windows user name
    action: AuditAction = Field(sa_type=enum_type(AuditAction, "action"), index=True)
    record_type: str = ""  # a table name ("people") or an export ("export:signin")
    record_ids: str = ""  # "12,15-18": the records the action touched
    detail: str = ""  # fixed wording only: counts, formats, a backup's date


class AuditPerson(SQLModel, table=True):
    """The people an audit entry concerns, so the trail can be read per person. No foreign
    key: the entry outlives the person it is about."""

    __tablename__ = "audit_people"

    entry_id: int = Field(foreign_key="audit_entries.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(primary_key=True, index=True)
