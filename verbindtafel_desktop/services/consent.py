"""Consent (toestemming): what a person agreed to, when, recorded by whom, and withdrawals.

A person's consent is a history of statements (`Consent` rows). The statement recorded
last is the one in force, unless it was withdrawn. Changing a scope records a new
statement, so the history shows when each scope was given or taken back; withdrawing
dates the statement in force and leaves no consent at all. `Person.consent_date` mirrors
the day of the statement in force (None when there is none), for lists and imports.

Work that needs a scope asks first:

    services.consent.require_consent(person_id, ConsentScope.MEASUREMENTS)

or, inside a unit of work, `check_consent(session.connection(), person_id, scope)`; both
raise `ConsentMissing` (a `ServiceError` with a Dutch message) when it is not given.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import AuditAction, ConsentScope
from verbindtafel_desktop.domain.models import Consent, Person
from verbindtafel_desktop.persistence.audit_log import append_entry, current_actor
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.persistence.in_lists import chunks
from verbindtafel_desktop.services.entity import Checks
from verbindtafel_desktop.services.errors import NotFound, ServiceError

SCOPE_NAMES: dict[ConsentScope, str] = {
    ConsentScope.REGISTRATION: "inschrijving in het programma",
    ConsentScope.MEASUREMENTS: "metingen (vragenlijsten)",
    ConsentScope.PHOTOS: "foto's op beeldkaarten",
    ConsentScope.SHARING: "voortgang delen met de verwijzende instelling",
}
SCOPES = tuple(ConsentScope)
# The person form's fields: its date and one tick box per scope.
FORM_DATE = "consent_date"
FORM_SCOPES = {scope: f"consent_{scope.value}" for scope in SCOPES}
IMPORT_NOTE = "Geïmporteerd uit een bestand met alleen een datum: alleen inschrijving."


def _newest(session: Any, person_id: int) -> Consent | None:
    """The person's statement recorded last, withdrawn or not."""
    statement = (
        select(Consent)
        .where(Consent.person_id == person_id)
        .order_by(col(Consent.id).desc())
        .limit(1)
    )
    return session.exec(statement).first()


class ConsentMissing(ServiceError):
    """The person has not (or no longer) agreed to what is asked."""


def newest_statement(connection: Any, person_id: int) -> Any:
    """The statement recorded last (a row), withdrawn or not; None when there is none."""
    return connection.execute(
        sa.select(Consent.__table__)  # type: ignore[attr-defined]
        .where(col(Consent.person_id) == person_id)
        .order_by(col(Consent.id).desc())
        .limit(1)
    ).first()


def statement_in_force(connection: Any, person_id: int) -> Any:
    found = newest_statement(connection, person_id)
    return found if found is not None and found.withdrawn_on is None else None


def check_consent(connection: Any, person_id: int, scope: ConsentScope) -> None:
    """Raise ConsentMissing unless the statement in force includes `scope`."""
    what = SCOPE_NAMES[scope]
    newest = newest_statement(connection, person_id)
    if newest is None:
        raise ConsentMissing(
            f"Voor {what} is van deze persoon geen toestemming vastgelegd. Leg de "
            "toestemming eerst vast op de persoonskaart (tab Toestemming)."
        )
    if newest.withdrawn_on is not None:
        raise ConsentMissing(
            f"Deze persoon heeft de toestemming op {format_date(newest.withdrawn_on)} "
            f"ingetrokken; {what} kan niet meer vastgelegd worden."
        )
    if not getattr(newest, scope.value):
        raise ConsentMissing(
            f"Deze persoon gaf op {format_date(newest.given_on)} toestemming, maar niet voor "
            f"{what}. Leg eerst nieuwe toestemming vast op de persoonskaart (tab Toestemming)."
        )


def _set_mirror(session: Any, person_id: int, day: dt.date | None) -> None:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"Persoon {person_id} bestaat niet.")
    person.consent_date = day
    session.add(person)


def _check_day(checks: Checks, key: str, day: dt.date | None, *, required: str) -> dt.date | None:
    if day is None:
        checks.fail(key, required)
        return None
    if day > dt.date.today():
        checks.fail(key, "Deze datum ligt in de toekomst.")
    return day


class ConsentService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading -----------------------------------------------------------------
    def statements(self, person_id: int) -> list[Consent]:
        """Every statement of the person, the one recorded last first."""
        with self.db.session() as session:
            return list(
                session.exec(
                    select(Consent)
                    .where(Consent.person_id == person_id)
                    .order_by(col(Consent.id).desc())
                )
            )

    def in_force(self, person_id: int) -> Consent | None:
        with self.db.session() as session:
            newest = _newest(session, person_id)
        return newest if newest is not None and newest.withdrawn_on is None else None

    def require_consent(self, person_id: int, scope: ConsentScope) -> None:
        """Raise ConsentMissing (Dutch) unless the person agreed to `scope`."""
        with self.db.engine.connect() as connection:
            check_consent(connection, person_id, scope)

    # --- recording ---------------------------------------------------------------------
    def record(self, person_id: int, values: Mapping[str, Any]) -> int:
        """A new statement: `given_on`, `recorded_by`, one bool per scope value, `note`."""
        checks = Checks(values)
        given_on = _check_day(
            checks, "given_on", values.get("given_on"), required="Vul in wanneer dit gebeurde."
        )
        checks.cleaned["given_on"] = given_on
        checks.text("recorded_by", required="Vul in wie de toestemming vastlegt.")
        for scope in SCOPES:
            checks.cleaned[scope.value] = bool(values.get(scope.value))
        checks.text("note")
        cleaned = checks.done()
        with self.db.session() as session:
            _set_mirror(session, person_id, given_on)
            statement = Consent(person_id=person_id, **cleaned)
            session.add(statement)
            session.flush()
            return int(statement.id or 0)

    def withdraw(self, person_id: int, withdrawn_on: Any, withdrawn_by: str) -> None:
        """Date the statement in force as withdrawn: from then on there is no consent."""
        with self.db.session() as session:
            current = _newest(session, person_id)
            if current is None or current.withdrawn_on is not None:
                raise ServiceError("Deze persoon heeft nu geen toestemming om in te trekken.")
            checks = Checks({"withdrawn_by": withdrawn_by})
            day = _check_day(
                checks,
                "withdrawn_on",
                withdrawn_on,
                required="Vul in wanneer de toestemming is ingetrokken.",
            )
            if day is not None and day < current.given_on:
                checks.fail(
                    "withdrawn_on",
                    f"De toestemming is pas op {format_date(current.given_on)} gegeven.",
                )
            checks.text("withdrawn_by", required="Vul in wie de intrekking vastlegt.")
            cleaned = checks.done()
            current.withdrawn_on = day
            current.withdrawn_by = cleaned["withdrawn_by"]
            session.add(current)
            _set_mirror(session, person_id, None)


# --- the person form ------------------------------------------------------------------
def form_values(connection: Any, person_id: int) -> dict[str, Any]:
    """The consent part of the person form: the statement in force, or nothing."""
    current = statement_in_force(connection, person_id)
    values: dict[str, Any] = {FORM_DATE: current.given_on if current else None}
    for scope, key in FORM_SCOPES.items():
        values[key] = bool(current and getattr(current, scope.value))
    return values


def check_form(
    checks: Checks, values: Mapping[str, Any], connection: Any, person_id: int | None
) -> None:
    """Validate the consent part of the person form (the date is already in `checks`)."""
    day = checks.cleaned.get(FORM_DATE)
    if (
        day is None
        and person_id is not None
        and statement_in_force(connection, person_id) is not None
    ):
        checks.fail(
            FORM_DATE,
            "Toestemming intrekken gaat op de persoonskaart: tab Toestemming, "
            "'Intrekken…'. Daar wordt ook de datum van intrekken vastgelegd.",
        )
    if day is None and any(values.get(key) for key in FORM_SCOPES.values()):
        checks.fail(FORM_DATE, "Vul in op welke dag de toestemming gegeven is.")


def apply_form(session: Any, person_id: int, values: Mapping[str, Any]) -> None:
    """Record a new statement when the form's consent differs from the one in force."""
    day = values.get(FORM_DATE)
    if day is None:
        return
    scopes = {scope.value: bool(values.get(key)) for scope, key in FORM_SCOPES.items()}
    current = statement_in_force(session.connection(), person_id)
    unchanged = current is not None and current.given_on == day
    if unchanged and all(getattr(current, name) == given for name, given in scopes.items()):
        return
    statement = Consent(person_id=person_id, given_on=day, recorded_by=current_actor())
    for name, given in scopes.items():
        setattr(statement, name, given)
    session.add(statement)


# --- bulk (the people import) -------------------------------------------------------
def add_imported_consents(connection: Any, given: Mapping[int, dt.date | None]) -> None:
    """For imported people: a statement (registration only: a date says nothing more) for
    each with a consent date and no statement yet, then `consent_date` set to what the
    statements say (a file cannot undo a withdrawal). In the caller's transaction."""
    if not given:
        return
    known = set(
        connection.execute(
            sa.select(col(Consent.person_id)).where(col(Consent.person_id).in_(list(given)))
        ).scalars()
    )
    moment = dt.datetime.now(dt.UTC)
    actor = current_actor()
    rows: list[dict[str, Any]] = [
        {
            "person_id": person_id,
            "given_on": day,
            "recorded_by": actor,
            "recorded_at": moment,
            "registration": True,
            "measurements": False,
            "photos": False,
            "sharing": False,
            "withdrawn_on": None,
            "withdrawn_by": "",
            "note": IMPORT_NOTE,
        }
        for person_id, day in sorted(given.items())
        if day is not None and person_id not in known
    ]
    if rows:
        ids = connection.execute(
            sa.insert(Consent).returning(col(Consent.id), sort_by_parameter_order=True), rows
        ).scalars()
        append_entry(
            connection, AuditAction.CREATED, "consents", ids, [row["person_id"] for row in rows]
        )
    sync_consent_dates(connection, list(given))


def sync_consent_dates(connection: Any, person_ids: list[int]) -> None:
    """Set `people.consent_date` to the day of the statement in force (or NULL)."""
    later = aliased(Consent)
    newest = (
        sa.select(col(Consent.given_on))
        .where(
            col(Consent.person_id) == col(Person.id),
            col(Consent.withdrawn_on).is_(None),
            ~sa.exists().where(
                col(later.person_id) == col(Consent.person_id), col(later.id) > col(Consent.id)
            ),
        )
        .scalar_subquery()
    )
    for part in chunks(person_ids):
        connection.execute(
            sa.update(Person).where(col(Person.id).in_(part)).values(consent_date=newest)
        )
