"""How long the backups that exist now can still hold data that was just erased.

Erasing or anonymising a person changes the live file only: every backup made before it
still holds them. Automatic backups disappear through thinning (`backup_thinning`); the
others (made by hand, before a migration, before a restore) stay until someone removes
them. This module answers "until when" for the first kind and lists the second.
"""

import datetime as dt
from dataclasses import dataclass

from verbindtafel_desktop.persistence.backup_thinning import ThinningPolicy
from verbindtafel_desktop.persistence.backups import Backup, BackupStore


def _months_later(moment: dt.datetime, months: int) -> dt.datetime:
    """Midnight of the first day of the month `months` after `moment`'s month."""
    total = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(total, 12)
    return dt.datetime(year, month + 1, 1)


def removal_day(made_at: dt.datetime, policy: ThinningPolicy) -> dt.date:
    """The day by which thinning has removed an automatic backup made at `made_at`.

    A backup leaves the newest tier that still holds it once it is older than every tier:
    the days kept whole, the daily and weekly tiers, and the monthly tier (counted in
    calendar months). Thinning runs with every automatic backup, and the app makes one at
    every start, so the day is reached as long as the app is used after it.
    """
    last_kept = max(
        made_at + dt.timedelta(days=policy.keep_all_days),
        made_at + dt.timedelta(days=policy.daily_days),
        made_at + dt.timedelta(weeks=policy.weekly_weeks),
        _months_later(made_at, policy.monthly_months),
    )
    exact_midnight = last_kept.time() == dt.time(0)
    return last_kept.date() if exact_midnight else last_kept.date() + dt.timedelta(days=1)


@dataclass(frozen=True)
class BackupHorizon:
    automatic_until: dt.date | None  # None: there are no automatic backups
    kept: list[Backup]  # never thinned: made by hand, before a migration or a restore

    @property
    def empty(self) -> bool:
        return self.automatic_until is None and not self.kept


def backup_horizon(store: BackupStore) -> BackupHorizon:
    backups = store.backups()
    automatic = [backup for backup in backups if backup.automatic]
    until = max(
        (removal_day(backup.made_at, store.policy) for backup in automatic),
        default=None,
    )
    return BackupHorizon(until, [backup for backup in backups if not backup.automatic])
