"""The per-user data folder (%APPDATA% on Windows), the default database file, and the
PC-level choice of another database file (kept in a small JSON file, so the command line
and the GUI agree on "the app's own file")."""

import json
import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_dir

from verbindtafel_desktop.persistence.atomic_file import atomic_write

APP_NAME = "Verbindtafel"
DATABASE_FILENAME = "verbindtafel.sqlite"
LOCAL_SETTINGS_FILENAME = "settings.json"


def data_dir() -> Path:
    """The user's data folder; VERBINDTAFEL_DATA_DIR overrides it (tests, portable use)."""
    override = os.environ.get("VERBINDTAFEL_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, APP_NAME, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _local_settings_file() -> Path:
    return data_dir() / LOCAL_SETTINGS_FILENAME


def read_local_settings() -> dict[str, str]:
    try:
        loaded = json.loads(_local_settings_file().read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return (
        {str(key): str(value) for key, value in loaded.items()} if isinstance(loaded, dict) else {}
    )


def write_local_setting(key: str, value: str) -> None:
    write_local_settings({key: value})


def write_local_settings(values: Mapping[str, str]) -> None:
    settings = {**read_local_settings(), **values}
    text = json.dumps(settings, indent=2, ensure_ascii=False)
    target = _local_settings_file()
    with atomic_write(target, "w", encoding="utf-8", what="de instellingen bewaren") as handle:
        handle.write(text)


def default_database_path() -> Path:
    """The file the app opens when no --db is given: the chosen one, else the data folder's."""
    chosen = read_local_settings().get("database_path")
    return Path(chosen) if chosen else data_dir() / DATABASE_FILENAME


def remember_database_path(path: Path) -> None:
    write_local_setting("database_path", str(Path(path).resolve()))
