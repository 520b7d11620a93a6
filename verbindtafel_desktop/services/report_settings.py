"""Settings of the period report, stored with the data (AppSetting) so every PC of the
centre reports the same way:

| key                      | value                                                   |
|--------------------------|---------------------------------------------------------|
| `report_minimum_count`   | counts below it (and above 0) are shown as "<N"; 5      |
| `report_session_hours`   | hours a facilitator spends on one session; 2,5          |
"""

from dataclasses import dataclass
from typing import Any

from verbindtafel_desktop.reporting.anonymity import DEFAULT_MINIMUM
from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.settings import SettingsService

MINIMUM_COUNT = "report_minimum_count"
SESSION_HOURS = "report_session_hours"
DEFAULT_SESSION_HOURS = 2.5
MINIMUM_RANGE = (2, 50)
HOURS_RANGE = (0.5, 12.0)


@dataclass(frozen=True)
class ReportSettings:
    minimum_count: int = DEFAULT_MINIMUM
    session_hours: float = DEFAULT_SESSION_HOURS


def _within(value: Any, bounds: tuple[Any, Any], default: Any) -> Any:
    """A hand-edited database must not make the report show small groups."""
    return value if bounds[0] <= value <= bounds[1] else default


class ReportSettingsService:
    def __init__(self, settings: SettingsService) -> None:
        self.settings = settings

    def get(self) -> ReportSettings:
        minimum = self.settings.get(MINIMUM_COUNT, DEFAULT_MINIMUM)
        hours_text = str(self.settings.get(SESSION_HOURS, ""))
        try:
            hours = float(hours_text.replace(",", ".")) if hours_text else DEFAULT_SESSION_HOURS
        except ValueError:
            hours = DEFAULT_SESSION_HOURS
        return ReportSettings(
            _within(minimum, MINIMUM_RANGE, DEFAULT_MINIMUM),
            _within(hours, HOURS_RANGE, DEFAULT_SESSION_HOURS),
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
        self.settings.set_many(
            {MINIMUM_COUNT: minimum_count, SESSION_HOURS: f"{float(session_hours):g}"}
        )
        return self.get()
