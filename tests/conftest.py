"""Headless Qt, a private data folder per test, and databases to test against."""

import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.gui_helpers import stop_waiting_pollers
from verbindtafel_desktop.demo import create_demo_database
from verbindtafel_desktop.persistence.database import Database, open_database
from verbindtafel_desktop.services.registry import Services

# The demo is laid out around this date in tests, so figures do not change from day to day.
DEMO_TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def no_pollers_outlive_their_test() -> Iterator[None]:
    yield
    stop_waiting_pollers()


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("VERBINDTAFEL_DATA_DIR", str(data))
    return data


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "test.sqlite")
    yield database
    database.close()


@pytest.fixture
def services(db: Database) -> Services:
    return Services.for_database(db)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    create_demo_database(path, today=DEMO_TODAY)
    return path


@pytest.fixture(scope="session")
def demo_people(demo_template: Path) -> int:
    """How many people the demo holds (counted, so demo changes do not break tests)."""
    with sqlite3.connect(demo_template) as connection:
        return int(connection.execute("SELECT count(*) FROM people").fetchone()[0])


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database for one test."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    database = open_database(demo_path)
    yield database
    database.close()
