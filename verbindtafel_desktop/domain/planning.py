"""Laying a table's sessions out in the calendar: weekly on its day, around holidays."""

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Plan:
    dates: list[dt.date]
    skipped: list[dt.date] = field(default_factory=list)  # holidays passed over


def first_on_weekday(start: dt.date, weekday: int | None) -> dt.date:
    """`start`, or the first day after it that falls on `weekday` (0 = Monday)."""
    if weekday is None:
        return start
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def plan_dates(
    start: dt.date,
    weekday: int | None,
    count: int,
    holidays: Collection[dt.date] = (),
    interval_days: int = 7,
) -> Plan:
    """`count` dates from `start` on `weekday`, one `interval_days` apart; a date that is a
    holiday moves the session (and the ones after it) to the next free week."""
    dates: list[dt.date] = []
    skipped: list[dt.date] = []
    day = first_on_weekday(start, weekday)
    while len(dates) < count:
        if day in holidays:
            skipped.append(day)
        else:
            dates.append(day)
        day += dt.timedelta(days=interval_days)
    return Plan(dates, skipped)
