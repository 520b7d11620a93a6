"""Where backups go and how many are kept: settings of this PC (the local settings file),
because a backup folder on a USB stick or network share belongs to the computer, not to
the data."""

from dataclasses import dataclass, fields
from pathlib import Path

from verbindtafel_desktop.persistence.backup_thinning import ThinningPolicy
from verbindtafel_desktop.persistence.data_dir import (
    data_dir,
    read_local_settings,
    write_local_settings,
)

BACKUP_FOLDER_NAME = "Back-ups"
FOLDER_KEY = "backup_folder"
POLICY_PREFIX = "backup_"


def default_backup_folder() -> Path:
    return data_dir() / BACKUP_FOLDER_NAME


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    policy: ThinningPolicy


def read_backup_settings() -> BackupSettings:
    stored = read_local_settings()
    chosen = stored.get(FOLDER_KEY)
    values = {}
    for field in fields(ThinningPolicy):
        text = stored.get(POLICY_PREFIX + field.name, "")
        if text.isdigit():
            values[field.name] = int(text)
    return BackupSettings(
        folder=Path(chosen) if chosen else default_backup_folder(),
        policy=ThinningPolicy(**values),
    )


def write_backup_settings(settings: BackupSettings) -> None:
    folder = "" if settings.folder == default_backup_folder() else str(settings.folder)
    values = {FOLDER_KEY: folder}
    for field in fields(ThinningPolicy):
        values[POLICY_PREFIX + field.name] = str(getattr(settings.policy, field.name))
    write_local_settings(values)
