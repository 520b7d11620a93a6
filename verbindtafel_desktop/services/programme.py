"""The 5-session programme template that new tables are planned from, and the holidays."""

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from verbindtafel_desktop.assets import resource_path
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.dutch_holidays import dutch_public_holidays
from verbindtafel_desktop.domain.enums import Phase
from verbindtafel_desktop.domain.models import Holiday, SessionTemplate
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.entity import Checks
from verbindtafel_desktop.services.errors import NotFound, ValidationFailed

DEFAULT_PROGRAMME = ("programme", "default_programme.json")


def default_programme() -> list[dict[str, Any]]:
    """The shipped template's sessions, as read from resources/."""
    document = json.loads(resource_path(*DEFAULT_PROGRAMME).read_text(encoding="utf-8"))
    return list(document["sessions"])


def ensure_session_templates(session: Session) -> None:
    """Give a database without a template the shipped one."""
    if session.exec(select(SessionTemplate)).first() is not None:
        return
    for step in default_programme():
        session.add(
            SessionTemplate(
                number=step["number"],
                phase=Phase(step["phase"]),
                title=step["title"],
                goal=step["goal"],
                card_work=step["card_work"],
                mixed=step["mixed"],
                guests_welcome=step["guests_welcome"],
            )
        )


TEMPLATE_FIELDS = ("phase", "title", "goal", "card_work", "mixed", "guests_welcome")


class ProgrammeService:
    """Editing the 5-session template, and the holidays on which no session is planned."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the template ------------------------------------------------------------
    def steps(self) -> list[SessionTemplate]:
        with self.db.session() as session:
            ensure_session_templates(session)
            session.flush()
            return list(session.exec(select(SessionTemplate).order_by(col(SessionTemplate.number))))

    def step(self, number: int) -> SessionTemplate:
        with self.db.session() as session:
            found = session.get(SessionTemplate, number)
            if found is None:
                raise NotFound(f"Sessie {number} staat niet in het sjabloon.")
            return found

    def save_step(self, number: int, values: Mapping[str, Any]) -> int:
        checks = Checks(values)
        checks.text("title", required="Geef de sessie een titel.")
        checks.text("goal")
        checks.text("card_work")
        phase = values.get("phase")
        if phase not in set(Phase):
            checks.fail("phase", "Kies de fase van deze sessie.")
        checks.cleaned["phase"] = Phase(phase) if phase in set(Phase) else None
        checks.cleaned["mixed"] = bool(values.get("mixed"))
        checks.cleaned["guests_welcome"] = bool(values.get("guests_welcome"))
        cleaned = checks.done()
        with self.db.session() as session:
            step = session.get(SessionTemplate, number)
            if step is None:
                raise NotFound(f"Sessie {number} staat niet in het sjabloon.")
            for key in TEMPLATE_FIELDS:
                setattr(step, key, cleaned[key])
            session.add(step)
        return number

    def restore_default(self) -> None:
        """Put the shipped template back (sessions already planned keep their phase)."""
        with self.db.session() as session:
            for step in default_programme():
                record = session.get(SessionTemplate, step["number"]) or SessionTemplate(
                    number=step["number"], phase=Phase(step["phase"]), title=step["title"]
                )
                for key in TEMPLATE_FIELDS:
                    setattr(record, key, Phase(step[key]) if key == "phase" else step[key])
                session.add(record)

    # --- holidays -----------------------------------------------------------------
    def holidays(self) -> list[Holiday]:
        with self.db.session() as session:
            return list(session.exec(select(Holiday).order_by(col(Holiday.date))))

    def holiday_dates(self) -> set[dt.date]:
        with self.db.engine.connect() as connection:
            return set(connection.execute(sa.select(col(Holiday.date))).scalars())

    def holiday_on(self, day: dt.date) -> Holiday | None:
        with self.db.session() as session:
            return session.exec(select(Holiday).where(col(Holiday.date) == day)).first()

    def add_holiday(self, day: dt.date | None, name: str) -> int:
        if day is None:
            raise ValidationFailed({"date": "Vul een datum in."})
        with self.db.session() as session:
            if session.exec(select(Holiday).where(col(Holiday.date) == day)).first():
                raise ValidationFailed({"date": f"{format_date(day)} staat al bij de vrije dagen."})
            holiday = Holiday(date=day, name=name.strip())
            session.add(holiday)
            session.flush()
            assert holiday.id is not None
            return holiday.id

    def remove_holiday(self, holiday_id: int) -> None:
        with self.db.session() as session:
            holiday = session.get(Holiday, holiday_id)
            if holiday is None:
                raise NotFound(f"Vrije dag {holiday_id} bestaat niet.")
            session.delete(holiday)

    def add_public_holidays(self, year: int) -> int:
        """Mark the Dutch public holidays of `year`; returns how many were new."""
        known = self.holiday_dates()
        added = 0
        with self.db.session() as session:
            for day, name in dutch_public_holidays(year):
                if day not in known:
                    session.add(Holiday(date=day, name=name))
                    added += 1
        return added
