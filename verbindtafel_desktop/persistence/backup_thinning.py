"""Which automatic backups to keep: every one of the last days, then fewer as they age.

Defaults: every backup of the last 2 days, then the newest of each day for 2 weeks, of each
week for 3 months (13 weeks), of each month for a year. Buckets are calendar days, ISO weeks
and months in local time, so a kept backup stays kept until it moves to a coarser tier.
"""

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ThinningPolicy:
    keep_all_days: int = 2
    daily_days: int = 14
    weekly_weeks: int = 13
    monthly_months: int = 12


def _months_between(earlier: dt.datetime, later: dt.datetime) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _bucket(moment: dt.datetime, now: dt.datetime, policy: ThinningPolicy) -> Hashable | None:
    """The bucket whose newest backup is kept; None = too old to keep."""
    age = now - moment
    if age < dt.timedelta(days=policy.daily_days):
        return ("day", moment.date())
    if age < dt.timedelta(weeks=policy.weekly_weeks):
        year, week, _weekday = moment.isocalendar()
        return ("week", year, week)
    if _months_between(moment, now) < policy.monthly_months:
        return ("month", moment.year, moment.month)
    return None


def backups_to_keep(
    moments: Iterable[dt.datetime], now: dt.datetime, policy: ThinningPolicy | None = None
) -> set[dt.datetime]:
    """The moments (of automatic backups) to keep at `now`; the newest is always kept."""
    policy = policy or ThinningPolicy()
    moments = sorted(set(moments), reverse=True)
    if not moments:
        return set()
    keep = {moments[0]}
    newest_per_bucket: dict[Hashable, dt.datetime] = {}
    for moment in moments:
        if moment > now - dt.timedelta(days=policy.keep_all_days):
            keep.add(moment)  # recent, or from a clock that was ahead
            continue
        bucket = _bucket(moment, now, policy)
        if bucket is not None and bucket not in newest_per_bucket:
            newest_per_bucket[bucket] = moment
    return keep | set(newest_per_bucket.values())
