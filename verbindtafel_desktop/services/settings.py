"""Settings that belong to the data (AppSetting rows), with the programme's defaults.

A database without a row for a setting uses the default, so a new file and an old one
behave the same until someone changes a rule.
"""

from dataclasses import asdict, fields
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from verbindtafel_desktop.domain.attendance_rules import AttendanceRules
from verbindtafel_desktop.domain.models import AppSetting
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import ValidationFailed

RULES_PREFIX = "rules."


def _to_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _from_text(text: str, default: Any) -> Any:
    """The stored text as the default's type; a row that cannot be read counts as unset."""
    if isinstance(default, bool):
        return text == "1" if text in ("0", "1") else default
    if isinstance(default, int):
        try:
            return int(text)
        except ValueError:
            return default
    return text


class SettingsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: Any) -> Any:
        return self.get_many({key: default})[key]

    def get_many(self, defaults: dict[str, Any]) -> dict[str, Any]:
        """Several settings (key -> default) read in one query."""
        keys = list(defaults)
        with self.db.engine.connect() as connection:
            rows = connection.execute(
                sa.select(col(AppSetting.key), col(AppSetting.value)).where(
                    col(AppSetting.key).in_(keys)
                )
            )
            stored = {str(key): str(value) for key, value in rows}
        return {
            key: default if key not in stored else _from_text(stored[key], default)
            for key, default in defaults.items()
        }

    def set_many(self, values: dict[str, Any]) -> None:
        with self.db.session() as session:
            for key, value in values.items():
                row = session.get(AppSetting, key) or AppSetting(key=key)
                row.value = _to_text(value)
                session.add(row)

    def rules(self) -> AttendanceRules:
        defaults = AttendanceRules()
        stored = self.get_many(
            {
                RULES_PREFIX + field.name: getattr(defaults, field.name)
                for field in fields(AttendanceRules)
            }
        )
        values = {key.removeprefix(RULES_PREFIX): value for key, value in stored.items()}
        rules = AttendanceRules(**values)
        # A hand-edited or damaged value outside the range falls back to the default.
        for name in rules.problems():
            values[name] = getattr(defaults, name)
        return AttendanceRules(**values)

    def save_rules(self, rules: AttendanceRules) -> None:
        problems = rules.problems()
        if problems:
            raise ValidationFailed(problems)
        self.set_many({RULES_PREFIX + name: value for name, value in asdict(rules).items()})
