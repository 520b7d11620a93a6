"""Settings of the period report, stored with the data (AppSetting) so every PC of the
centre reports the same way:

| key                      | value                                                   |
|--------------------------|---------------------------------------------------------|
| `report_minimum_count`   | counts below it (and above 0) are shown as "<N"; 5      |
| `report_session_hours`   | hours a facilitator spends on one session; 2,5          |
"""

from dataclasses import dataclass
from typing import Any

from verbindtafel_desktop.domain.models import AppSetting
from verbindtafel_desktop.reporting.anonymity import DEFAULT_MINIMUM
from verbindtafel_desktop.services.errors import ValidationFailed

MINIMUM_COUNT = "report_minimum_count"
SESSION_HOURS = "report_session_hours"
DEFAULT_SESSION_HOURS = 2.5
MINIMUM_RANGE = (2, 50)
HOURS_RANGE = (0.5, 12.0)


@dataclass(frozen=True)
class ReportSettings:
    minimum_count: int = DEFAULT_MINIMUM
    session_hours: float = DEFAULT_SESSION_HOURS


def _number(text: str | None, kind: type, default: Any, bounds: tuple[Any, Any]) -> Any:
    """A stored value, or the default when it is missing or out of range (a hand-edited
    database must not make the report show small groups)."""
    try:
        value = kind(str(text).replace(",", ".")) if text not in (None, "") else default
    except ValueError:
        return default
    return value if bounds[0] <= value <= bounds[1] else default


class ReportSettingsService:
    def __init__(self, db: Any) -> None:
        self.db = db

    def get(self) -> ReportSettings:
        with self.db.session() as session:
            minimum = session.get(AppSetting, MINIMUM_COUNT)
            hours = session.get(AppSetting, SESSION_HOURS)
            return ReportSettings(
                _number(minimum and minimum.value, int, DEFAULT_MINIMUM, MINIMUM_RANGE),
                _number(hours and hours.value, float, DEFAULT_SESSION_HOURS, HOURS_RANGE),
            )

    def save(self, minimum_count: Any, session_hours: Any) -> ReportSettings:
        errors: dict[str, str] = {}
        low, high = MINIMUM_RANGE
        if isinstance(minimum_count, bool) or not isinstance(minimum_count, int):
            errors["minimum_count"] = "Vul een heel getal in."
        elif not low <= minimum_count <= high:
            errors["minimum_count"] = f"Kies een drempel van {low} tot en met {high}."
        least, most = HOURS_RANGE
        if isinstance(session_hours, bool) or not isinstance(session_hours, int | float):
            errors["session_hours"] = "Vul een aantal uren in."
        elif not least <= session_hours <= most:
            errors["session_hours"] = "Kies een sessieduur van een half uur tot twaalf uur."
        if errors:
            raise ValidationFailed(errors)
        with self.db.session() as session:
            for key, value in (
                (MINIMUM_COUNT, str(minimum_count)),
                (SESSION_HOURS, f"{float(session_hours):g}"),
            ):
                row = session.get(AppSetting, key) or AppSetting(key=key)
                row.value = value
                session.add(row)
        return self.get()
