"""People: one record per human, with how they came into the programme."""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import SQLModel, col, select

from verbindtafel_desktop.domain.dutch_formats import check_birth_date, normalize_postcode
from verbindtafel_desktop.domain.enums import AuditAction, Gender, ReferralRoute
from verbindtafel_desktop.domain.models import (
    Attendance,
    Invitation,
    Membership,
    Person,
    Referral,
    Table,
)
from verbindtafel_desktop.domain.text import search_key
from verbindtafel_desktop.persistence.audit_log import append_entry
from verbindtafel_desktop.persistence.search_index import SMALLEST_INDEXED, match_expression
from verbindtafel_desktop.persistence.search_index import TABLE as SEARCH_TABLE
from verbindtafel_desktop.services import consent
from verbindtafel_desktop.services.entity import Checks, EntityService
from verbindtafel_desktop.services.institutions import check_contact
from verbindtafel_desktop.services.listing import ListQuery, like_pattern, table_column
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql

Referrer = aliased(Person, name="referrer")

_tables = (
    sa.select(sa.func.group_concat(col(Table.name), ", "))
    .select_from(Membership)
    .join(Table, col(Table.id) == col(Membership.table_id))
    .where(col(Membership.person_id) == col(Person.id))
    .scalar_subquery()
    .label("tables")
)

PERSON_FIELDS = (
    "first_name",
    "infix",
    "last_name",
    "date_of_birth",
    "gender",
    "phone",
    "email",
    "address",
    "postcode",
    "neighbourhood",
    "consent_date",
    "notes",
)


SEARCHED_FIELDS = ("first_name", "infix", "last_name", "phone", "email")


def person_search_text(person: Person | Mapping[str, Any]) -> str:
    if isinstance(person, Mapping):
        return search_key(*(person.get(key) for key in SEARCHED_FIELDS))
    return search_key(*(getattr(person, key) for key in SEARCHED_FIELDS))


def insert_people(
    connection: Any,
    people: Sequence[Mapping[str, Any]],
    route: ReferralRoute = ReferralRoute.SELF,
) -> list[int]:
    """Insert many validated people (what `validate` returns) in one statement each for the
    people and their referrals: what `save` does for one, for bulk work such as an import.

    Returns the new ids in the order of `people`; runs in the caller's transaction.
    """
    if not people:
        return []
    moment = dt.datetime.now(dt.UTC)
    rows = [
        {
            **{key: values[key] for key in PERSON_FIELDS},
            "search_text": person_search_text(values),
            "archived": False,
            "created_at": moment,
            "updated_at": moment,
        }
        for values in people
    ]
    statement = sa.insert(Person).returning(col(Person.id), sort_by_parameter_order=True)
    ids = [int(each) for each in connection.execute(statement, rows).scalars()]
    connection.execute(sa.insert(Referral), [{"person_id": each, "route": route} for each in ids])
    append_entry(connection, AuditAction.CREATED, "people", ids, ids)
    consent.add_imported_consents(
        connection,
        {each: values["consent_date"] for each, values in zip(ids, people, strict=True)},
    )
    return ids


def update_people(connection: Any, people: Mapping[int, Mapping[str, Any]]) -> None:
    """Store new values for existing people (each mapping holds every PERSON_FIELDS key),
    keeping their search text in step; runs in the caller's transaction."""
    if not people:
        return
    moment = dt.datetime.now(dt.UTC)
    statement = (
        sa.update(Person)
        .where(col(Person.id) == sa.bindparam("person_id"))
        .values(
            {
                **{key: sa.bindparam(f"new_{key}") for key in (*PERSON_FIELDS, "search_text")},
                "updated_at": moment,
            }
        )
    )
    connection.execute(
        statement,
        [
            {
                "person_id": person_id,
                **{f"new_{key}": values[key] for key in PERSON_FIELDS},
                "new_search_text": person_search_text(values),
            }
            for person_id, values in people.items()
        ],
    )
    append_entry(connection, AuditAction.CHANGED, "people", people, people)
    consent.add_imported_consents(
        connection, {person_id: values["consent_date"] for person_id, values in people.items()}
    )


def search_conditions(text: str) -> list[Any]:
    """People whose name, phone or e-mail holds every word of `text` (accents and case do
    not matter).

    Words of three letters or more are looked up in the trigram index (see
    persistence/search_index.py), so a search does not read every person. A word of one
    or two letters is matched as a piece of the same text as well, but the index cannot
    find it: beside a longer word it only filters the people that word found; on its own
    it reads the search text of everyone (a few milliseconds for 13,000 people; such a
    search matches a large part of them anyway).
    """
    words = search_key(text).split()
    indexed = [word for word in words if len(word) >= SMALLEST_INDEXED]
    found: list[Any] = []
    if indexed:
        index = sa.table(SEARCH_TABLE, sa.column("rowid"))
        found.append(
            col(Person.id).in_(
                sa.select(index.c.rowid).where(
                    sa.literal_column(SEARCH_TABLE).op("MATCH")(match_expression(indexed))
                )
            )
        )
    found += [
        col(Person.search_text).like(like_pattern(word), escape="\\")
        for word in words
        if len(word) < SMALLEST_INDEXED
    ]
    return found


def referrer_chain(connection: Any, person_id: int, limit: int = 10_000) -> list[int]:
    """The people above `person_id` in the relay, nearest first (stops at a loop)."""
    chain: list[int] = []
    current: int | None = person_id
    seen = {person_id}
    while current is not None and len(chain) < limit:
        current = connection.execute(
            sa.select(col(Referral.referrer_id)).where(col(Referral.person_id) == current)
        ).scalar()
        if current is None or current in seen:
            break
        seen.add(current)
        chain.append(current)
    return chain


def cycle_problem(connection: Any, person_id: int, referrer_id: int) -> str | None:
    """Why `referrer_id` cannot have brought `person_id` in (nobody is their own ancestor)."""
    if referrer_id == person_id:
        return "Iemand kan zichzelf niet hebben uitgenodigd."
    if person_id in referrer_chain(connection, referrer_id):
        return (
            "Dit maakt een kring: deze persoon heeft (via via) de gekozen "
            "persoon zelf binnengebracht."
        )
    return None


class PeopleService(EntityService[Person]):
    model = Person
    noun = "de persoon"
    id_column = table_column(Person, "id")
    sort_columns = {
        "name": sort_name_sql(),
        "date_of_birth": col(Person.date_of_birth),
        "phone": col(Person.phone),
        "email": col(Person.email),
        "neighbourhood": col(Person.neighbourhood),
        "route": col(Referral.route),
        "tables": _tables,
    }
    default_sort = "name"

    def row_select(self) -> sa.Select[Any]:
        return (
            sa.select(
                col(Person.id).label("id"),
                full_name_sql().label("name"),
                col(Person.date_of_birth).label("date_of_birth"),
                col(Person.phone).label("phone"),
                col(Person.email).label("email"),
                col(Person.neighbourhood).label("neighbourhood"),
                col(Referral.route).label("route"),
                full_name_sql(Referrer).label("referrer"),
                _tables,
                col(Person.archived).label("archived"),
            )
            .outerjoin(Referral, col(Referral.person_id) == col(Person.id))
            .outerjoin(Referrer, col(Referrer.id) == col(Referral.referrer_id))
        )

    def conditions(self, query: ListQuery) -> list[Any]:
        found: list[Any] = [] if query.include_archived else [col(Person.archived).is_(False)]
        membership_filters = []
        if table_id := query.filters.get("table_id"):
            membership_filters.append(col(Membership.table_id) == table_id)
        if cohort_id := query.filters.get("cohort_id"):
            membership_filters.append(
                col(Membership.table_id).in_(
                    sa.select(col(Table.id)).where(col(Table.cohort_id) == cohort_id)
                )
            )
        if status := query.filters.get("status"):
            membership_filters.append(col(Membership.status) == status)
        if role := query.filters.get("role"):
            membership_filters.append(col(Membership.role) == role)
        if membership_filters:
            # The people of those memberships, looked up by id: not every person tested.
            found.append(
                col(Person.id).in_(sa.select(col(Membership.person_id)).where(*membership_filters))
            )
        return [*found, *search_conditions(query.search)]

    def validate(self, values: Mapping[str, Any], entity_id: int | None) -> dict[str, Any]:
        checks = Checks(values)
        checks.text("first_name", required="Vul een voornaam in.")
        checks.text("infix")
        checks.text("last_name")
        birth = checks.keep("date_of_birth")
        if birth is not None:
            try:
                check_birth_date(birth)
            except ValueError as error:
                checks.fail("date_of_birth", str(error))
        gender = values.get("gender")
        checks.cleaned["gender"] = Gender(gender) if gender else None
        check_contact(checks)
        checks.text("address")
        postcode = checks.text("postcode")
        if postcode:
            try:
                checks.cleaned["postcode"] = normalize_postcode(postcode)
            except ValueError as error:
                checks.fail("postcode", str(error))
        checks.text("neighbourhood")
        self._check_consent(checks, values, entity_id)
        checks.text("notes")
        self._check_referral(checks, values, entity_id)
        cleaned = checks.done()
        return {key: cleaned[key] for key in PERSON_FIELDS}

    def _check_consent(
        self, checks: Checks, values: Mapping[str, Any], entity_id: int | None
    ) -> None:
        """The form's consent (date and scopes) becomes a statement when it changed; a
        save without it (a service creating a guest) leaves the consent as it is."""
        if consent.FORM_DATE not in values:
            kept = self.get(entity_id).consent_date if entity_id else None
            checks.cleaned[consent.FORM_DATE] = kept
            return
        given = checks.keep(consent.FORM_DATE)
        if given is not None and given > dt.date.today():
            checks.fail(consent.FORM_DATE, "Toestemming kan niet in de toekomst gegeven zijn.")
        with self.db.engine.connect() as connection:
            consent.check_form(checks, values, connection, entity_id)

    def _check_referral(
        self, checks: Checks, values: Mapping[str, Any], entity_id: int | None
    ) -> None:
        route = ReferralRoute(values.get("referral_route") or ReferralRoute.SELF)
        by_person = route in (ReferralRoute.INVITED, ReferralRoute.RECRUITED)
        referrer_id = values.get("referrer_id") if by_person else None
        institution_id = values.get("institution_id")
        if by_person and not referrer_id:
            checks.fail("referrer_id", "Kies wie deze persoon heeft uitgenodigd of geworven.")
        if route == ReferralRoute.INSTITUTION and not institution_id:
            checks.fail("institution_id", "Kies de instelling die deze persoon heeft verwezen.")
        if referrer_id and entity_id:
            with self.db.engine.connect() as connection:
                problem = cycle_problem(connection, entity_id, referrer_id)
            if problem:
                checks.fail("referrer_id", problem)

    def before_save(self, record: SQLModel) -> None:
        assert isinstance(record, Person)
        record.search_text = person_search_text(record)
        record.updated_at = dt.datetime.now(dt.UTC)

    def after_save(self, session: Any, entity_id: int, values: Mapping[str, Any]) -> None:
        if consent.FORM_DATE in values:
            consent.apply_form(session, entity_id, values)
        route = ReferralRoute(values.get("referral_route") or ReferralRoute.SELF)
        referral = session.exec(select(Referral).where(Referral.person_id == entity_id)).first()
        referral = referral or Referral(person_id=entity_id)
        referral.route = route
        uses_person = route in (ReferralRoute.INVITED, ReferralRoute.RECRUITED)
        referral.referrer_id = values.get("referrer_id") if uses_person else None
        referral.institution_id = (
            values.get("institution_id") if route == ReferralRoute.INSTITUTION else None
        )
        if values.get("referred_on") is not None:
            referral.referred_on = values["referred_on"]
        session.add(referral)

    def form_values(self, person_id: int) -> dict[str, Any]:
        """Everything the person form shows, including how they came in."""
        person = self.get(person_id)
        values: dict[str, Any] = person.model_dump()
        with self.db.session() as session:
            referral = session.exec(select(Referral).where(Referral.person_id == person_id)).first()
        values["referral_route"] = referral.route if referral else ReferralRoute.SELF
        values["referrer_id"] = referral.referrer_id if referral else None
        values["institution_id"] = referral.institution_id if referral else None
        values["referred_on"] = referral.referred_on if referral else None
        with self.db.engine.connect() as connection:
            values.update(consent.form_values(connection, person_id))
        return values

    def usage(self, entity_id: int) -> str | None:
        uses = {
            "deelname(s) aan tafels": self.count_where(col(Membership.person_id), entity_id),
            "aanwezigheidsregistratie(s)": self.count_where(col(Attendance.person_id), entity_id),
            "uitnodiging(en)": self.count_where(col(Invitation.inviter_id), entity_id)
            + self.count_where(col(Invitation.invitee_id), entity_id),
            "persoon/personen die via hem of haar binnenkwamen": self.count_where(
                col(Referral.referrer_id), entity_id
            ),
        }
        found = [f"{count} {what}" for what, count in uses.items() if count]
        if found:
            return (
                "Deze persoon heeft " + ", ".join(found) + ". Archiveer de persoon om "
                "de geschiedenis te bewaren."
            )
        return None

    def display_name(self, person_id: int) -> str:
        with self.db.engine.connect() as connection:
            name = connection.execute(
                sa.select(full_name_sql()).where(col(Person.id) == person_id)
            ).scalar()
        return str(name or "")

    def find(self, text: str, limit: int = 20) -> list[tuple[int, str]]:
        """People whose name, phone or e-mail matches, for pickers: (id, 'name (born, wijk)')."""
        words = search_key(text).split()
        if not words:
            return []
        statement: Any = (
            sa.select(
                col(Person.id),
                full_name_sql(),
                col(Person.date_of_birth),
                col(Person.neighbourhood),
            )
            .where(col(Person.archived).is_(False), *search_conditions(text))
            .order_by(sort_name_sql())
            .limit(limit)
        )
        with self.db.engine.connect() as connection:
            found: list[tuple[int, str]] = []
            for person_id, name, born, neighbourhood in connection.execute(statement):
                details = ", ".join(
                    part
                    for part in (f"geb. {born.year}" if born else "", neighbourhood or "")
                    if part
                )
                found.append((int(person_id), f"{name} ({details})" if details else name))
            return found
