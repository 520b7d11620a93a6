"""People's names as SQL expressions, so lists get them in the same query as the rows."""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from verbindtafel_desktop.domain.models import Person


def full_name_sql(person: Any = Person) -> ColumnElement[str]:
    """'Jan van der Berg', from the columns of `person` (the model or an alias of it)."""
    infix = sa.case((col(person.infix) != "", " " + col(person.infix)), else_="")
    last = sa.case((col(person.last_name) != "", " " + col(person.last_name)), else_="")
    return col(person.first_name) + infix + last


def sort_name_sql(person: Any = Person) -> ColumnElement[str]:
    """Lower-case 'berg jan' ordering, as Dutch lists sort on the surname proper."""
    return sa.func.lower(col(person.last_name) + " " + col(person.first_name))
