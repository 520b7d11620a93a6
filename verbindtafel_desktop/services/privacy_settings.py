"""The centre's privacy rules, stored with the data (AppSetting) so every PC of the centre
keeps the same ones:

| key                          | value                                                  |
|------------------------------|--------------------------------------------------------|
| `privacy_retention_months`   | months after the last contact before anonymising; 24   |
| `privacy_lock_idle_minutes`  | minutes without input before the app locks; 10         |
| `privacy_lock_hash`          | argon2 hash of the app password; empty: no password    |
"""

from dataclasses import dataclass
from typing import Any

from verbindtafel_desktop.domain.models import AppSetting
from verbindtafel_desktop.services.errors import ValidationFailed

RETENTION_MONTHS = "privacy_retention_months"
IDLE_MINUTES = "privacy_lock_idle_minutes"
LOCK_HASH = "privacy_lock_hash"
DEFAULT_RETENTION_MONTHS = 24
DEFAULT_IDLE_MINUTES = 10
RETENTION_RANGE = (6, 240)
IDLE_RANGE = (1, 240)


@dataclass(frozen=True)
class PrivacySettings:
    retention_months: int = DEFAULT_RETENTION_MONTHS
    idle_minutes: int = DEFAULT_IDLE_MINUTES


def _whole_number(text: str | None, default: int, bounds: tuple[int, int]) -> int:
    """A stored number, or the default when it is missing, unreadable or out of range (a
    hand-edited database must not switch retention off)."""
    try:
        value = int(text) if text else default
    except ValueError:
        return default
    return value if bounds[0] <= value <= bounds[1] else default


class PrivacySettingsService:
    def __init__(self, db: Any) -> None:
        self.db = db

    def get(self) -> PrivacySettings:
        return PrivacySettings(
            _whole_number(self.value(RETENTION_MONTHS), DEFAULT_RETENTION_MONTHS, RETENTION_RANGE),
            _whole_number(self.value(IDLE_MINUTES), DEFAULT_IDLE_MINUTES, IDLE_RANGE),
        )

    def save(self, retention_months: Any, idle_minutes: Any) -> PrivacySettings:
        errors: dict[str, str] = {}
        for key, value, (low, high), unit in (
            ("retention_months", retention_months, RETENTION_RANGE, "maanden"),
            ("idle_minutes", idle_minutes, IDLE_RANGE, "minuten"),
        ):
            if isinstance(value, bool) or not isinstance(value, int):
                errors[key] = "Vul een heel getal in."
            elif not low <= value <= high:
                errors[key] = f"Kies {low} tot en met {high} {unit}."
        if errors:
            raise ValidationFailed(errors)
        self.set_values({RETENTION_MONTHS: str(retention_months), IDLE_MINUTES: str(idle_minutes)})
        return self.get()

    # --- raw values ---------------------------------------------------------------
    def value(self, key: str) -> str:
        with self.db.session() as session:
            row = session.get(AppSetting, key)
            return row.value if row is not None else ""

    def set_values(self, values: dict[str, str]) -> None:
        with self.db.session() as session:
            for key, value in values.items():
                row = session.get(AppSetting, key) or AppSetting(key=key)
                row.value = value
                session.add(row)
