"""What happened at the demo's sessions: cards on the table, agreed meanings, notes, calls.

Runs after the demo's bulk insert with its own random generator, so the people, tables
and attendance of the demo stay exactly what `demo.py` made, apart from one person per
running table who missed two sessions in a row (the follow-up list is not empty).
"""

import datetime as dt
import random

import sqlalchemy as sa
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import (
    Attendance,
    Card,
    Cohort,
    FollowUp,
    Invitation,
    Meaning,
    MeaningCard,
    Seating,
    Session,
    SessionCard,
    Table,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.cards import ensure_default_deck
from verbindtafel_desktop.services.follow_ups import sync_follow_ups
from verbindtafel_desktop.services.settings import SettingsService

# (meaning as the group worded it, titles of the theme cards it links)
MEANINGS = [
    (
        "Thuis is niet het huis, maar de mensen die je groeten als je binnenkomt.",
        ["Thuis", "De buren"],
    ),
    (
        "Een goede buur is iemand die merkt dat je gordijnen dicht blijven.",
        ["De buren", "Mijn straat"],
    ),
    ("Alleen zijn kies je zelf, eenzaam zijn overkomt je.", ["Alleen of eenzaam"]),
    ("Samen eten maakt van vreemden tafelgenoten.", ["Samen koken", "Eten van thuis"]),
    (
        "De eerste stap is makkelijker als je iets te doen hebt met je handen.",
        ["De eerste stap", "Creatief bezig zijn"],
    ),
    ("Muziek brengt herinneringen terug die we met elkaar delen.", ["Muziek", "Een herinnering"]),
    (
        "Hulp vragen voelt als zwakte, maar anderen helpen voelt juist goed.",
        ["Hulp vragen", "Iemand helpen"],
    ),
    (
        "De markt is de plek waar je elkaar zonder afspraak ziet.",
        ["De markt", "Een plek om af te spreken"],
    ),
    (
        "Wat je hier krijgt, wil je doorgeven aan iemand die nog thuis zit.",
        ["Doorgeven", "Wie nodig ik uit?"],
    ),
    ("Luisteren is het grootste cadeau dat je iemand kunt geven.", ["Luisteren", "Vertrouwen"]),
    (
        "Vroeger kende iedereen elkaar in de straat; dat kunnen we weer opbouwen.",
        ["Mijn wijk vroeger", "Mijn straat"],
    ),
    (
        "Na de vijf sessies blijven we elke maand samen wandelen.",
        ["Ons eigen initiatief", "Wandelen"],
    ),
    (
        "Bij het koor in de wijk is iedereen welkom, ook als je niet kunt zingen.",
        ["Bestaand aanbod", "Zingen en muziek maken"],
    ),
    ("Trots zijn mag, ook op kleine dingen.", ["Trots", "Wat ik heb geleerd"]),
]
NOTES = [
    "Rustige start; iedereen kwam aan het woord.",
    "Veel gelachen bij de kaarten over vroeger.",
    "Twee tafelgenoten hebben telefoonnummers uitgewisseld.",
    "Eén deelnemer was stil; na afloop even apart gesproken.",
    "De groep wil de volgende keer zelf iets lekkers meenemen.",
    "Goed gesprek over de buurt; ideeën voor een wandeling genoteerd.",
]
CALL_NOTES = [
    "Gebeld: was ziek, komt volgende keer weer.",
    "Gebeld: vervoer lukte niet; buurman rijdt voortaan mee.",
    "Gebeld, geen gehoor; voicemail ingesproken en later teruggebeld.",
]


def add_session_stories(db: Database, today: dt.date, seed: int) -> None:
    rng = random.Random(seed)
    with db.session() as session:
        ensure_default_deck(session)
        session.flush()
        cards = {card.title: card.id for card in session.exec(select(Card)) if card.id}
        held = session.exec(
            select(Session)
            .where(col(Session.status) == SessionStatus.HELD)
            .order_by(col(Session.id))
        ).all()
        for record in held:
            assert record.id is not None
            chosen = rng.sample(MEANINGS, k=rng.choice([1, 2]))
            on_table = {cards[title] for _text, titles in chosen for title in titles}
            on_table |= set(rng.sample(sorted(cards.values()), k=rng.randint(3, 6)))
            for card_id in on_table:
                session.add(SessionCard(session_id=record.id, card_id=card_id))
            for text, titles in chosen:
                meaning = Meaning(
                    session_id=record.id,
                    text=text,
                    agreed=rng.random() < 0.85,
                    created_at=dt.datetime.combine(record.date or today, dt.time(16), dt.UTC),
                )
                session.add(meaning)
                session.flush()
                assert meaning.id is not None
                for title in titles:
                    session.add(MeaningCard(meaning_id=meaning.id, card_id=cards[title]))
            record.notes = rng.choice(NOTES)
            session.add(record)
        _missed_twice(session, today, rng)
        sync_follow_ups(session, SettingsService(db).rules())
        session.flush()
        # Follow-ups appear the evening of the second missed session; calls after sessions
        # more than two weeks ago have long been made.
        for follow_up, day in session.execute(
            sa.select(FollowUp, col(Session.date)).join(
                Session, col(Session.id) == col(FollowUp.last_missed_session_id)
            )
        ).all():
            if day is None:
                continue
            follow_up.created_at = dt.datetime.combine(day, dt.time(18), dt.UTC)
            if day < today - dt.timedelta(days=14):
                follow_up.done_at = dt.datetime.combine(
                    day + dt.timedelta(days=2), dt.time(11), dt.UTC
                )
                follow_up.note = rng.choice(CALL_NOTES)
                session.add(follow_up)


def _missed_twice(session: DbSession, today: dt.date, rng: random.Random) -> None:
    """One participant of each running table missed its last two held sessions: someone
    who was not there at least once already, and who invited nobody and was seated at no
    mixmoment on those days (so the demo stays consistent)."""
    running = session.exec(
        select(Table.id)
        .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
        .where(col(Cohort.start_date) <= today, col(Cohort.end_date) >= today)
        .order_by(col(Table.id))
    ).all()
    for table_id in running:
        last_two = session.exec(
            select(Session)
            .where(col(Session.table_id) == table_id, col(Session.status) == SessionStatus.HELD)
            .order_by(col(Session.number).desc())
            .limit(2)
        ).all()
        if len(last_two) < 2:
            continue
        session_ids = [record.id for record in last_two]
        mixed_ids = [record.mixed_session_id for record in last_two if record.mixed_session_id]
        busy = set(
            session.exec(
                select(Invitation.inviter_id).where(col(Invitation.session_id).in_(session_ids))
            )
        ) | set(
            session.exec(
                select(Seating.person_id).where(col(Seating.mixed_session_id).in_(mixed_ids))
            )
        )
        entries = session.exec(
            select(Attendance)
            .where(
                col(Attendance.session_id).in_(session_ids),
                col(Attendance.role) == AttendanceRole.MEMBER,
            )
            .order_by(col(Attendance.person_id), col(Attendance.session_id))
        ).all()
        by_person: dict[int, list[Attendance]] = {}
        for entry in entries:
            by_person.setdefault(entry.person_id, []).append(entry)
        candidates = [
            person_id
            for person_id, recorded in by_person.items()
            if person_id not in busy
            and len(recorded) == 2
            and any(entry.status != AttendanceStatus.PRESENT for entry in recorded)
        ]
        if not candidates:
            continue
        for entry in by_person[rng.choice(candidates)]:
            entry.status = AttendanceStatus.ABSENT
            session.add(entry)
