"""Retention (bewaartermijn): who has had no contact with the programme for longer than the
centre keeps personal data.

A person's last contact is the latest date of anything recorded about them: a session of
a table they sit at (planned ones too, so someone enrolled for a coming cohort is never
due), attendance, an invitation or mixmoment, a recruitment list, a measurement, an
activity, a call, a consent statement, or the day they were registered. People already
anonymised are not listed again.
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from verbindtafel_desktop.domain.names import full_name
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.privacy_settings import PrivacySettingsService

# (person, day) for everything that counts as contact; dates and datetimes alike.
_CONTACTS = """
    SELECT id AS person_id, date(created_at) AS day FROM people
    UNION ALL SELECT person_id, referred_on FROM referrals
    UNION ALL SELECT person_id, start_date FROM memberships
    UNION ALL SELECT person_id, end_date FROM memberships
    UNION ALL SELECT m.person_id, max(s.date) FROM memberships m
        JOIN sessions s ON s.table_id = m.table_id GROUP BY m.person_id
    UNION ALL SELECT m.person_id, max(coalesce(c.end_date, c.start_date)) FROM memberships m
        JOIN tables t ON t.id = m.table_id JOIN cohorts c ON c.id = t.cohort_id
        GROUP BY m.person_id
    UNION ALL SELECT a.person_id, max(s.date) FROM attendance a
        JOIN sessions s ON s.id = a.session_id GROUP BY a.person_id
    UNION ALL SELECT inviter_id, invited_on FROM invitations
    UNION ALL SELECT invitee_id, invited_on FROM invitations
    UNION ALL SELECT i.invitee_id, s.date FROM invitations i JOIN sessions s ON s.id = i.session_id
    UNION ALL SELECT i.invitee_id, ms.date FROM invitations i
        JOIN mixed_sessions ms ON ms.id = i.mixed_session_id
    UNION ALL SELECT person_id, noted_on FROM recruitment_leads
    UNION ALL SELECT recruiter_id, noted_on FROM recruitment_leads
    UNION ALL SELECT person_id, taken_on FROM measurements
    UNION ALL SELECT person_id, joined_on FROM activity_participations
    UNION ALL SELECT person_id, checked_on FROM activity_participations
    UNION ALL SELECT person_id, date(created_at) FROM follow_ups
    UNION ALL SELECT person_id, date(done_at) FROM follow_ups
    UNION ALL SELECT person_id, given_on FROM consents
    UNION ALL SELECT person_id, withdrawn_on FROM consents
    UNION ALL SELECT person_id, recorded_on FROM lasting_contacts
    UNION ALL SELECT st.person_id, ms.date FROM seatings st
        JOIN mixed_sessions ms ON ms.id = st.mixed_session_id
"""

_DUE = f"""
    SELECT p.id, p.first_name, p.infix, p.last_name, p.date_of_birth, p.neighbourhood,
           last.day
    FROM (SELECT person_id, max(day) AS day FROM ({_CONTACTS})
          WHERE day IS NOT NULL AND person_id IS NOT NULL GROUP BY person_id) AS last
    JOIN people p ON p.id = last.person_id
    WHERE p.anonymised_at IS NULL AND last.day < :cutoff
    ORDER BY last.day, p.id
"""


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class DuePerson:
    person_id: int
    name: str
    born: dt.date | None
    neighbourhood: str
    last_contact: dt.date


class RetentionService:
    def __init__(self, db: Database, settings: PrivacySettingsService) -> None:
        self.db = db
        self.settings = settings

    def cutoff(self, today: dt.date | None = None) -> dt.date:
        """People whose last contact lies before this day are past the retention period."""
        months = self.settings.get().retention_months
        return months_before(today or dt.date.today(), months)

    def due(self, today: dt.date | None = None) -> list[DuePerson]:
        """Everyone past the retention period who is not anonymised yet, longest ago first."""
        with self.db.engine.connect() as connection:
            rows = connection.execute(
                sa.text(_DUE), {"cutoff": self.cutoff(today).isoformat()}
            ).all()
        return [_due_person(row) for row in rows]


def _due_person(row: Any) -> DuePerson:
    person_id, first, infix, last, born, neighbourhood, day = row
    return DuePerson(
        person_id=person_id,
        name=full_name(first, infix, last),
        born=dt.date.fromisoformat(born) if born else None,
        neighbourhood=neighbourhood,
        last_contact=dt.date.fromisoformat(day),
    )
