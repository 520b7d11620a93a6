"""A small programme with a known relay, built through the services, for relay tests.

Cohort A (De Klimop, March)    Tafel Zon: Anna, Bram, Eva, Fatma; guests at session 4:
                                Cor (invited by Anna), Dirk (a walk-in invited by Bram,
                                recorded without a route)
Cohort B (De Klimop, June)     Tafel Maan (3 seats): Fatma comes back as a guest of Gijs
Cohort C (Het Klooster, Sept.) Tafel Ster: Eva comes back; Gijs
"""

import datetime as dt
from dataclasses import dataclass

from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    MembershipStatus,
    Phase,
    ReferralRoute,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import Attendance, Invitation, Session
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
