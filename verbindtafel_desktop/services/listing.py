"""Lists that stay fast with tens of thousands of rows: ids first, row data on demand.

A list service answers two questions: which ids match this search, in this order
(`list_ids`), and what do these rows contain (`rows`). Views keep the ids and fetch the
rows they paint in batches, so typing in a search field never reloads every row.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from verbindtafel_desktop.domain.text import search_key
from verbindtafel_desktop.persistence.database import Database

Row = dict[str, Any]


@dataclass(frozen=True)
class ListQuery:
    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    include_archived: bool = False
    sort_key: str = ""
    descending: bool = False


def like_pattern(token: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_condition(
    search: str, columns: Sequence[Any], *, fold: bool = True
) -> ColumnElement[bool] | None:
    """Every word must occur in one of the columns; None for an empty search."""
    words = (search_key(search) if fold else search.strip().lower()).split()
    if not words:
        return None
    return sa.and_(
        *(
            sa.or_(*(column.ilike(like_pattern(word), escape="\\") for column in columns))
            for word in words
        )
    )


def table_column(model: Any, name: str) -> Any:
    """The plain column of a model (class attributes of SQLModel classes are descriptors,
    which cannot be kept as attributes of another class)."""
    return model.__table__.c[name]


class ListSource(ABC):
    """Base for services that feed a lazy list view.

    Subclasses give `id_column`, `row_select()` (a SELECT of the id and the row's columns,
    labelled with the column keys), `sort_columns`, and `conditions(query)`.
    """

    # SQL expressions; typed loosely because SQLModel columns are typed as their values.
    id_column: Any
    sort_columns: Mapping[str, Any]
    default_sort: str

    def __init__(self, db: Database) -> None:
        self.db = db

    @abstractmethod
    def row_select(self) -> sa.Select[Any]: ...

    @abstractmethod
    def conditions(self, query: ListQuery) -> list[Any]: ...

    def list_ids(self, query: ListQuery) -> list[int]:
        sort_column = self.sort_columns.get(query.sort_key)
        if sort_column is None:
            sort_column = self.sort_columns[self.default_sort]
        order = sort_column.desc() if query.descending else sort_column.asc()
        statement = (
            self.row_select()
            .with_only_columns(self.id_column)
            .where(*self.conditions(query))
            .order_by(order, self.id_column)
        )
        with self.db.engine.connect() as connection:
            return list(connection.execute(statement).scalars())

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        if not ids:
            return {}
        statement = self.row_select().where(self.id_column.in_(list(ids)))
        with self.db.engine.connect() as connection:
            return {row.id: dict(row._mapping) for row in connection.execute(statement)}


def options(
    db: Database, statement: Any, label: Callable[[Any], str] = str
) -> list[tuple[int, str]]:
    """(id, label) pairs for a combo box from a SELECT of (id, value)."""
    with db.engine.connect() as connection:
        return [(row[0], label(row[1])) for row in connection.execute(statement)]
