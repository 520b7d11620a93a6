"""The backup store: checked copies, names, listing, thinning over a simulated year, and
the backup before a migration that is kept even when the migration is retried."""

import datetime as dt
import itertools
import sqlite3
from pathlib import Path

import pytest

from tests.test_database_lifecycle import database_at
from verbindtafel_desktop.persistence import database as database_module
from verbindtafel_desktop.persistence.backup_settings import (
    BackupSettings,
    default_backup_folder,
    read_backup_settings,
    write_backup_settings,
)
from verbindtafel_desktop.persistence.backup_thinning import ThinningPolicy, backups_to_keep
from verbindtafel_desktop.persistence.backups import (
    BackupKind,
    BackupStore,
    read_contents,
)
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.persistence.errors import MigrationFailed
from verbindtafel_desktop.persistence.migrations import head_revision, stored_revision


def rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


# --- making and listing ----------------------------------------------------------------


def test_a_backup_is_a_sound_standalone_copy_of_the_live_file(
    demo_db: database_module.Database, tmp_path: Path
) -> None:
    store = BackupStore(tmp_path / "Back-ups", "demo")
    # The app has the file open and has just written to it (the change sits in the WAL).
    with demo_db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE people SET notes = 'na de back-up?' WHERE id = 1")
    backup = store.make(demo_db.path, BackupKind.MANUAL, now=dt.datetime(2026, 11, 25, 14, 30))
    assert backup.path.name == "demo_2026-11-25_14-30-00_handmatig.sqlite"
    assert backup.size == backup.path.stat().st_size > 0
    assert not Path(f"{backup.path}-wal").exists()
    with sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT notes FROM people WHERE id = 1").fetchone()[0] == (
            "na de back-up?"
        )
    assert rows(backup.path, "attendance") == rows(demo_db.path, "attendance")
    contents = read_contents(backup.path)
    with demo_db.engine.connect() as connection:
        people = connection.exec_driver_sql("SELECT count(*) FROM people").scalar()
    assert (contents.people, contents.sessions) == (people, 40)
    assert contents.revision == head_revision()


def test_listing_is_newest_first_and_ignores_other_files(demo_path: Path, tmp_path: Path) -> None:
    store = BackupStore(tmp_path / "Back-ups", "demo")
    moment = dt.datetime(2026, 11, 25, 9, 0)
    first = store.make(demo_path, BackupKind.START, now=moment)
    same_second = store.make(demo_path, BackupKind.MANUAL, now=moment)
    later = store.make(demo_path, BackupKind.CLOSE, now=moment + dt.timedelta(hours=8))
    assert first.path.name == "demo_2026-11-25_09-00-00_start.sqlite"
    assert same_second.path.name == "demo_2026-11-25_09-00-00_2_handmatig.sqlite"
    for stranger in (
        "demo_2026-11-25_10-00-00_start.sqlite.x1.partial",  # a copy still being written
        "verbindtafel_2026-11-25_10-00-00_start.sqlite",  # another database's backup
        "demo-notities.txt",
    ):
        (store.folder / stranger).write_text("x", encoding="utf-8")
    listed = store.backups()
    assert [backup.path for backup in listed] == [later.path, same_second.path, first.path]
    assert [backup.kind for backup in listed] == [
        BackupKind.CLOSE,
        BackupKind.MANUAL,
        BackupKind.START,
    ]


def test_the_newest_sound_backup_skips_a_damaged_one(demo_path: Path, tmp_path: Path) -> None:
    store = BackupStore(tmp_path / "Back-ups", "demo")
    good = store.make(demo_path, BackupKind.START, now=dt.datetime(2026, 11, 24, 9))
    damaged = store.make(demo_path, BackupKind.CLOSE, now=dt.datetime(2026, 11, 24, 17))
    data = damaged.path.read_bytes()
    damaged.path.write_bytes(data[: len(data) // 2])
    found = store.newest_sound()
    assert found is not None
    assert found[0].path == good.path
    assert found[1] == head_revision()


def test_the_backup_folder_and_thinning_are_settings_of_this_pc(
    demo_path: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb" / "Verbindtafel"
    write_backup_settings(BackupSettings(usb, ThinningPolicy(1, 7, 4, 6)))
    settings = read_backup_settings()
    assert settings.folder == usb
    assert settings.policy == ThinningPolicy(1, 7, 4, 6)
    backup = BackupStore.for_database(demo_path).make(demo_path, BackupKind.MANUAL)
    assert backup.path.parent == usb


# --- thinning --------------------------------------------------------------------------


def working_days(first: dt.date, days: int) -> list[dt.date]:
    dates = [first + dt.timedelta(days=number) for number in range(days)]
    return [date for date in dates if date.weekday() < 5]  # the centre is closed at weekends


def a_working_day(date: dt.date) -> list[dt.datetime]:
    """A start backup, one every half hour while people work, and a close backup."""
    start = dt.datetime.combine(date, dt.time(9, 0))
    return [start + dt.timedelta(minutes=30 * step) for step in range(17)] + [
        dt.datetime.combine(date, dt.time(17, 5))
    ]


def simulate(days: list[dt.date], policy: ThinningPolicy) -> tuple[set[dt.datetime], list]:
    kept: set[dt.datetime] = set()
    made: list[dt.datetime] = []
    recent_window = dt.timedelta(days=policy.keep_all_days)
    for date in days:
        for moment in a_working_day(date):
            made.append(moment)
            kept = backups_to_keep(kept | {moment}, moment, policy)
            # Never without the newest backup or any of the last two days.
            recent = itertools.takewhile(
                lambda m, now=moment: now - m < recent_window, reversed(made)
            )
            assert set(recent) <= kept
    return kept, made


def test_thinning_over_a_year_keeps_what_the_rules_promise() -> None:
    policy = ThinningPolicy()
    days = working_days(dt.date(2026, 1, 5), 365)
    kept, made = simulate(days, policy)
    now = made[-1]

    def age(moment: dt.datetime) -> dt.timedelta:
        return now - moment

    by_date: dict[dt.date, list[dt.datetime]] = {}
    for moment in made:
        by_date.setdefault(moment.date(), []).append(moment)
    # Every backup of the last 2 days.
    assert {m for m in made if age(m) < dt.timedelta(days=2)} <= kept
    # Then one per day (the last of that day) for two weeks.
    for moments in by_date.values():
        if age(max(moments)) >= dt.timedelta(days=2) and age(min(moments)) < dt.timedelta(days=14):
            assert kept & set(moments) == {max(moments)}
    # Then one per week for 13 weeks.
    by_week: dict[tuple[int, int], list[dt.datetime]] = {}
    for moment in made:
        by_week.setdefault(moment.isocalendar()[:2], []).append(moment)
    weeks_checked = 0
    for moments in by_week.values():
        if age(max(moments)) >= dt.timedelta(days=14) and age(min(moments)) < dt.timedelta(
            weeks=13
        ):
            assert len(kept & set(moments)) == 1
            weeks_checked += 1
    assert weeks_checked >= 9
    # Then one per month up to a year.
    by_month: dict[tuple[int, int], list[dt.datetime]] = {}
    for moment in made:
        by_month.setdefault((moment.year, moment.month), []).append(moment)
    months_checked = 0
    for (year, month), moments in by_month.items():
        months_old = (now.year - year) * 12 + now.month - month
        if age(max(moments)) >= dt.timedelta(weeks=13) and months_old < 12:
            assert len(kept & set(moments)) == 1
            months_checked += 1
    assert months_checked >= 8
    # Nothing older than a year, and a folder of a sensible size instead of 4,700 files.
    assert min(kept) > now - dt.timedelta(days=366)
    assert len(made) > 4_500
    assert len(kept) <= 2 * 18 + 12 + 13 + 12


def test_a_stricter_policy_keeps_fewer() -> None:
    days = working_days(dt.date(2026, 1, 5), 120)
    default, _made = simulate(days, ThinningPolicy())
    strict, made = simulate(days, ThinningPolicy(1, 7, 4, 2))
    assert len(strict) < len(default)
    assert min(strict) > made[-1] - dt.timedelta(days=62)


def test_the_store_thins_only_automatic_backups(tmp_path: Path) -> None:
    store = BackupStore(tmp_path / "Back-ups", "centrum", ThinningPolicy(2, 14, 13, 12))
    store.folder.mkdir()
    start = dt.datetime(2026, 1, 5, 9, 0)
    kept_kinds = (BackupKind.MANUAL, BackupKind.BEFORE_MIGRATION, BackupKind.BEFORE_RESTORE)
    for day in range(60):
        for hour, kind in (
            (9, BackupKind.START),
            (12, BackupKind.INTERVAL),
            (17, BackupKind.CLOSE),
        ):
            moment = start + dt.timedelta(days=day, hours=hour - 9)
            # Thinning works on names, so empty stand-ins are enough here.
            (store.folder / f"centrum_{moment:%Y-%m-%d_%H-%M-%S}_{kind.value}.sqlite").touch()
        if day % 20 == 0:
            kind = kept_kinds[day // 20]
            (
                store.folder
                / f"centrum_{start + dt.timedelta(days=day):%Y-%m-%d_%H-%M-%S}_{kind.value}.sqlite"
            ).touch()
    now = start + dt.timedelta(days=59, hours=9)
    removed = store.thin(now=now)
    remaining = store.backups()
    assert removed and all(backup.automatic for backup in removed)
    assert {b.kind for b in remaining if not b.automatic} == set(kept_kinds)
    assert len([b for b in remaining if not b.automatic]) == 3
    assert all(not path.exists() for path in (backup.path for backup in removed))
    assert len(remaining) < 60


# --- before a migration ----------------------------------------------------------------


def test_the_backup_before_a_migration_is_kept_when_the_migration_is_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "oud.sqlite"
    database_at(path, "0001")
    with sqlite3.connect(path) as connection:
        connection.executescript(
            """
            INSERT INTO locations (id, name, address, postcode, neighbourhood, area,
                wheelchair_accessible, mixed_table_capacity, notes, archived)
                VALUES (1, 'De Ooievaar', '', '', 'Afrikaanderwijk', 'Feijenoord', 1, 6, '', 0);
            """
        )
    before = rows(path, "locations")

    def broken_upgrade(_connection: object) -> None:
        raise RuntimeError("migratie stuk")

    store = BackupStore.for_database(path)
    with monkeypatch.context() as patch:
        patch.setattr(database_module, "upgrade_to_head", broken_upgrade)
        for _attempt in range(2):
            with pytest.raises(MigrationFailed, match="vorige versie is teruggezet"):
                open_database(path)
            assert stored_revision(path) == "0001"
            assert rows(path, "locations") == before
    failed_attempts = store.backups()
    assert [backup.kind for backup in failed_attempts] == [BackupKind.BEFORE_MIGRATION] * 2

    open_database(path).close()
    assert stored_revision(path) == head_revision()
    assert rows(path, "locations") == before
    # A year of automatic backups later, all three migration backups are still there.
    store.make(path, BackupKind.START, now=dt.datetime.now() + dt.timedelta(days=400))
    migration_backups = [b for b in store.backups() if b.kind == BackupKind.BEFORE_MIGRATION]
    assert len(migration_backups) == 3
    assert {stored_revision(backup.path) for backup in migration_backups} == {"0001"}
    assert {backup.path for backup in failed_attempts} <= {b.path for b in migration_backups}


def test_the_backup_before_a_migration_falls_back_to_the_data_folder(tmp_path: Path) -> None:
    """The USB stick with the backup folder is at home: the update still backs up first."""
    path = tmp_path / "oud.sqlite"
    database_at(path, "0001")
    write_backup_settings(BackupSettings(tmp_path / "usb-weg" / "x" / "y", ThinningPolicy()))
    (tmp_path / "usb-weg").write_text("geen map", encoding="utf-8")  # cannot be created
    open_database(path).close()
    assert stored_revision(path) == head_revision()
    fallback = BackupStore(default_backup_folder(), "oud")
    assert [backup.kind for backup in fallback.backups()] == [BackupKind.BEFORE_MIGRATION]
    assert stored_revision(fallback.backups()[0].path) == "0001"
