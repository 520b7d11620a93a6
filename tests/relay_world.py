"""A small programme with a known relay, built through the services, for relay tests.

Cohort A (De Klimop, March)    Tafel Zon: Anna, Bram, Eva, Fatma; guests at session 4:
                                Cor (invited by Anna), Dirk (a walk-in invited by Bram,
                                recorded without a route)
Cohort B (De Klimop, June)     Tafel Maan (3 seats): Fatma comes back as a guest of Gijs
Cohort C (Het Klooster, Sept.) Tafel Ster: Eva comes back; Gijs
"""

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    MembershipStatus,
    Phase,
    ReferralRoute,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import Attendance, Invitation, Session, SQLModel
from verbindtafel_desktop.domain.text import search_key
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.registry import Services


@dataclass
class World:
    services: Services
    cohorts: dict[str, int]
    tables: dict[str, int]
    people: dict[str, int]
    sessions: dict[str, list[int]]
    locations: dict[str, int]


def person(services: Services, first: str, **more: object) -> int:
    return services.people.save({"first_name": first, "last_name": "de Vries", **more})


def add_sessions(services: Services, table_id: int, first: dt.date) -> list[int]:
    phases = [Phase.STARTING, Phase.STARTING, Phase.PRACTISING, Phase.EXPANDING, Phase.EXPANDING]
    ids = []
    with services.db.session() as session:
        for number, phase in enumerate(phases, start=1):
            row = Session(
                table_id=table_id,
                number=number,
                date=first + dt.timedelta(weeks=number - 1),
                phase=phase,
                status=SessionStatus.HELD,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            ids.append(row.id)
    return ids


def invite(services: Services, inviter: int, guest: int, session_id: int, day: dt.date) -> None:
    with services.db.session() as session:
        session.add(
            Invitation(inviter_id=inviter, invitee_id=guest, session_id=session_id, invited_on=day)
        )
        session.add(
            Attendance(
                session_id=session_id,
                person_id=guest,
                status=AttendanceStatus.PRESENT,
                role=AttendanceRole.GUEST,
            )
        )


def build_world(services: Services) -> World:
    klimop = services.locations.save({"name": "De Klimop"})
    klooster = services.locations.save({"name": "Het Klooster"})
    cohorts = {
        "A": services.cohorts.save(
            {
                "name": "Maart",
                "location_id": klimop,
                "start_date": dt.date(2026, 3, 2),
                "end_date": dt.date(2026, 4, 6),
            }
        ),
        "B": services.cohorts.save(
            {
                "name": "Juni",
                "location_id": klimop,
                "start_date": dt.date(2026, 6, 1),
                "end_date": dt.date(2026, 7, 6),
            }
        ),
        "C": services.cohorts.save(
            {"name": "September", "location_id": klooster, "start_date": dt.date(2026, 9, 7)}
        ),
    }
    tables = {
        "zon": services.tables.save({"name": "Tafel Zon", "cohort_id": cohorts["A"]}),
        "maan": services.tables.save(
            {"name": "Tafel Maan", "cohort_id": cohorts["B"], "capacity": 3}
        ),
        "ster": services.tables.save({"name": "Tafel Ster", "cohort_id": cohorts["C"]}),
    }
    sessions = {
        "zon": add_sessions(services, tables["zon"], dt.date(2026, 3, 2)),
        "maan": add_sessions(services, tables["maan"], dt.date(2026, 6, 1)),
    }
    anna = person(services, "Anna")
    bram = person(services, "Bram")
    eva = person(services, "Eva")
    fatma = person(services, "Fatma")
    gijs = person(services, "Gijs")
    for member in (anna, bram, eva, fatma):
        services.memberships.add(
            tables["zon"], member, start_date=dt.date(2026, 3, 2), status=MembershipStatus.COMPLETED
        )
    services.memberships.add(tables["maan"], gijs, start_date=dt.date(2026, 6, 1))
    services.memberships.add(tables["ster"], eva, start_date=dt.date(2026, 9, 7))
    cor = person(
        services,
        "Cor",
        referral_route=ReferralRoute.INVITED,
        referrer_id=anna,
        referred_on=dt.date(2026, 3, 23),
    )
    dirk = person(services, "Dirk")  # a walk-in: the form's default route, "self"
    session_four = sessions["zon"][3]
    invite(services, anna, cor, session_four, dt.date(2026, 3, 16))
    invite(services, bram, dirk, session_four, dt.date(2026, 3, 16))
    invite(services, gijs, fatma, sessions["maan"][3], dt.date(2026, 6, 15))
    return World(
        services,
        cohorts,
        tables,
        {"anna": anna, "bram": bram, "cor": cor, "dirk": dirk, "eva": eva, "fatma": fatma,
         "gijs": gijs},
        sessions,
        {"klimop": klimop, "klooster": klooster},
    )  # fmt: skip


def generated_relay(path: Path, people: int = 500, seed: int = 7) -> dict[int, int | None]:
    """A database with a relay of `people` people over eight cohorts, written directly
    (the services would take too long): participants bring in participants of the next
    cohort and guests at their own table. Returns each person's referrer."""
    rng = random.Random(seed)
    tables = SQLModel.metadata.tables
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in tables}
    rows["locations"].append({"id": 1, "name": "Buurthuis De Estafette"})
    first = dt.date(2024, 1, 8)
    for cohort in range(1, 9):
        start = first + dt.timedelta(weeks=12 * (cohort - 1))
        rows["cohorts"].append(
            {"id": cohort, "name": f"Lichting {cohort}", "location_id": 1, "start_date": start,
             "end_date": start + dt.timedelta(weeks=5)}
        )  # fmt: skip
        for number in range(4):
            table_id = (cohort - 1) * 4 + number + 1
            rows["tables"].append(
                {"id": table_id, "name": f"Tafel {number + 1}", "cohort_id": cohort,
                 "capacity": 20}
            )  # fmt: skip
            rows["sessions"].append(
                {"id": table_id, "table_id": table_id, "number": 4, "phase": "expanding",
                 "status": "held", "date": start + dt.timedelta(weeks=3)}
            )  # fmt: skip
    seated: dict[int, int] = {}  # participant -> table
    filled: dict[int, int] = {}
    referrer: dict[int, int | None] = {}
    for person in range(1, people + 1):
        parent = rng.choice(sorted(seated)) if seated and rng.random() < 0.65 else None
        parent_cohort = (seated[parent] - 1) // 4 + 1 if parent else 0
        guest = parent is not None and rng.random() < 0.35
        rows["people"].append(
            {"id": person, "first_name": "Deelnemer", "last_name": f"{person:03d}",
             "search_text": search_key("Deelnemer", f"{person:03d}")}
        )  # fmt: skip
        route = "self" if parent is None else ("invited" if guest else "recruited")
        rows["referrals"].append({"person_id": person, "route": route, "referrer_id": parent})
        referrer[person] = parent
        if guest:
            assert parent is not None
            rows["invitations"].append(
                {"inviter_id": parent, "invitee_id": person, "session_id": seated[parent]}
            )
            continue
        cohort = min(8, parent_cohort + 1) if parent else rng.randint(1, 4)
        table = min(range((cohort - 1) * 4 + 1, cohort * 4 + 1), key=lambda t: filled.get(t, 0))
        filled[table] = filled.get(table, 0) + 1
        seated[person] = table
        rows["memberships"].append(
            {"person_id": person, "table_id": table, "role": "participant", "status": "completed"}
        )
    db = open_database(path)
    try:
        with db.engine.begin() as connection:
            for name in ("locations", "cohorts", "tables", "sessions", "people", "referrals",
                         "memberships", "invitations"):  # fmt: skip
                connection.execute(sa.insert(tables[name]), rows[name])
    finally:
        db.close()
    return referrer
