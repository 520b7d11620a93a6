"""Shared create/edit/remove/archive behaviour of the record types staff maintain."""

from abc import abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

import sqlalchemy as sa
from sqlmodel import SQLModel, col, select

from verbindtafel_desktop.services.errors import InUse, NotFound, ValidationFailed
from verbindtafel_desktop.services.listing import ListSource

Model = TypeVar("Model", bound=SQLModel)


class Checks:
    """Collects what is wrong per field, so a form can show every problem at once."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values
        self.errors: dict[str, str] = {}
        self.cleaned: dict[str, Any] = {}

    def text(self, key: str, *, required: str | None = None) -> str:
        value = str(self.values.get(key) or "").strip()
        if required and not value:
            self.errors[key] = required
        self.cleaned[key] = value
        return value

    def keep(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key, default)
        self.cleaned[key] = value
        return value

    def fail(self, key: str, message: str) -> None:
        self.errors.setdefault(key, message)

    def done(self) -> dict[str, Any]:
        if self.errors:
            raise ValidationFailed(self.errors)
        return self.cleaned


class EntityService(ListSource, Generic[Model]):
    model: ClassVar[type[SQLModel]]
    noun: ClassVar[str]  # Dutch, with article: "de locatie"

    @abstractmethod
    def validate(self, values: Mapping[str, Any], entity_id: int | None) -> dict[str, Any]:
        """Cleaned values to store, or ValidationFailed naming each wrong field."""

    def usage(self, entity_id: int) -> str | None:
        """Why the record cannot be removed (it is used elsewhere), or None when it can."""
        return None

    def get(self, entity_id: int) -> Model:
        with self.db.session() as session:
            found = session.get(self.model, entity_id)
            if found is None:
                raise NotFound(f"{self.noun.capitalize()} met nummer {entity_id} bestaat niet.")
            return found  # type: ignore[return-value]

    def save(self, values: Mapping[str, Any], entity_id: int | None = None) -> int:
        cleaned = self.validate(values, entity_id)
        with self.db.session() as session:
            record = session.get(self.model, entity_id) if entity_id else self.model()
            if record is None:
                raise NotFound(f"{self.noun.capitalize()} met nummer {entity_id} bestaat niet.")
            for key, value in cleaned.items():
                setattr(record, key, value)
            self.before_save(record)
            session.add(record)
            session.flush()
            saved_id = record.id  # type: ignore[attr-defined]
            self.after_save(session, saved_id, values)
            return int(saved_id)

    def before_save(self, record: SQLModel) -> None:
        """Derive stored fields from the others (a search key, a timestamp)."""

    def after_save(self, session: Any, entity_id: int, values: Mapping[str, Any]) -> None:
        """Save what belongs to the record but lives in another table."""

    def remove(self, entity_id: int) -> None:
        reason = self.usage(entity_id)
        if reason:
            raise InUse(reason)
        with self.db.session() as session:
            record = session.get(self.model, entity_id)
            if record is None:
                raise NotFound(f"{self.noun.capitalize()} met nummer {entity_id} bestaat niet.")
            session.delete(record)

    def set_archived(self, entity_id: int, archived: bool) -> None:
        with self.db.session() as session:
            record = session.get(self.model, entity_id)
            if record is None:
                raise NotFound(f"{self.noun.capitalize()} met nummer {entity_id} bestaat niet.")
            record.archived = archived
            session.add(record)

    def name_taken(self, name: str, entity_id: int | None, **scope: Any) -> bool:
        """Whether another record (in the same scope) already has this name."""
        model: Any = self.model
        statement = select(model.id).where(sa.func.lower(model.name) == name.lower())
        for key, value in scope.items():
            statement = statement.where(getattr(model, key) == value)
        if entity_id:
            statement = statement.where(col(model.id) != entity_id)
        with self.db.session() as session:
            return session.exec(statement).first() is not None

    def count_where(self, column: Any, entity_id: int) -> int:
        with self.db.engine.connect() as connection:
            return int(
                connection.execute(
                    sa.select(sa.func.count()).where(column == entity_id)
                ).scalar_one()
            )
