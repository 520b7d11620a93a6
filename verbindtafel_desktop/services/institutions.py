"""Institutions (instellingen) that refer people or offer the programme to their group."""

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.dutch_formats import normalize_email, normalize_phone
from verbindtafel_desktop.domain.enums import InstitutionKind
from verbindtafel_desktop.domain.models import Institution, Referral
from verbindtafel_desktop.services.entity import Checks, EntityService
from verbindtafel_desktop.services.listing import ListQuery, options, search_condition, table_column

_referral_count = (
    sa.select(sa.func.count())
    .where(col(Referral.institution_id) == col(Institution.id))
    .scalar_subquery()
    .label("referral_count")
)


def check_contact(checks: Checks) -> None:
    """Phone and e-mail are optional, but when given they must be real."""
    phone = checks.text("phone")
    if phone:
        try:
            checks.cleaned["phone"] = normalize_phone(phone)
        except ValueError as error:
            checks.fail("phone", str(error))
    email = checks.text("email")
    if email:
        try:
            checks.cleaned["email"] = normalize_email(email)
        except ValueError as error:
            checks.fail("email", str(error))


class InstitutionService(EntityService[Institution]):
    model = Institution
    noun = "de instelling"
    id_column = table_column(Institution, "id")
    sort_columns = {
        "name": sa.func.lower(col(Institution.name)),
        "kind": col(Institution.kind),
        "contact_name": col(Institution.contact_name),
        "phone": col(Institution.phone),
        "email": col(Institution.email),
        "target_group": col(Institution.target_group),
        "referral_count": _referral_count,
    }
    default_sort = "name"

    def row_select(self) -> sa.Select[Any]:
        return sa.select(
            col(Institution.id).label("id"),
            col(Institution.name).label("name"),
            col(Institution.kind).label("kind"),
            col(Institution.contact_name).label("contact_name"),
            col(Institution.phone).label("phone"),
            col(Institution.email).label("email"),
            col(Institution.target_group).label("target_group"),
            _referral_count,
            col(Institution.archived).label("archived"),
        )

    def conditions(self, query: ListQuery) -> list[Any]:
        found = [] if query.include_archived else [col(Institution.archived).is_(False)]
        matches = search_condition(
            query.search,
            [col(Institution.name), col(Institution.contact_name), col(Institution.target_group)],
            fold=False,
        )
        return found if matches is None else [*found, matches]

    def validate(self, values: Mapping[str, Any], entity_id: int | None) -> dict[str, Any]:
        checks = Checks(values)
        name = checks.text("name", required="Geef de instelling een naam.")
        if name and self.name_taken(name, entity_id):
            checks.fail("name", "Er is al een instelling met deze naam.")
        kind = values.get("kind") or InstitutionKind.REFERRING
        checks.cleaned["kind"] = InstitutionKind(kind)
        checks.text("contact_name")
        check_contact(checks)
        checks.text("target_group")
        checks.text("notes")
        return checks.done()

    def usage(self, entity_id: int) -> str | None:
        referred = self.count_where(col(Referral.institution_id), entity_id)
        if referred:
            return (
                f"Via deze instelling zijn {referred} personen binnengekomen; verwijderen zou "
                "die herkomst wissen. Archiveer de instelling in plaats daarvan."
            )
        return None

    def options(self, include_archived: bool = False) -> list[tuple[int, str]]:
        statement = sa.select(col(Institution.id), col(Institution.name)).order_by(
            col(Institution.name)
        )
        if not include_archived:
            statement = statement.where(col(Institution.archived).is_(False))
        return options(self.db, statement)
