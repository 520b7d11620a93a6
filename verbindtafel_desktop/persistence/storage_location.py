"""Places where a live SQLite file must not live: network drives and sync folders.

SQLite's file locks are not dependable over SMB/NFS, and sync clients (OneDrive, Dropbox,
Google Drive) copy a database and its -wal file at different moments; either way two
writers or a half-synced file can corrupt it. Backups may go there; the live file may not.
"""

import ctypes
import json
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath, PureWindowsPath

from verbindtafel_desktop.persistence.errors import DatabaseProblem, UnsafeLocation
from verbindtafel_desktop.persistence.file_check import inspect_database_file
from verbindtafel_desktop.persistence.sqlite_copy import copy_database

# Folder names the sync clients create ("OneDrive - Gemeente Rotterdam" for business).
SYNC_FOLDER_NAMES = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "mijn drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
}
SYNC_FOLDER_PREFIXES = {"onedrive - ": "OneDrive", "dropbox (": "Dropbox"}
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")

# File systems of network shares as Linux reports them in /proc/mounts.
NETWORK_FILESYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "ceph",
    "glusterfs",
    "lustre",
    "gpfs",
    "davfs",
    "fuse.sshfs",
    "fuse.davfs",
    "fuse.rclone",
    "fuse.s3fs",
}

_DRIVE_REMOTE = 4  # GetDriveTypeW


def _windows_drive_is_remote(drive: str) -> bool:
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return bool(kernel32.GetDriveTypeW(f"{drive}\\") == _DRIVE_REMOTE)


def _windows_volume_label(drive: str) -> str:
    label = ctypes.create_unicode_buffer(261)
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    found = kernel32.GetVolumeInformationW(f"{drive}\\", label, 261, None, None, None, None, 0)
    return label.value if found else ""


def _mounted_filesystem(path: Path) -> str | None:
    """The type of the file system that holds `path` (Linux), from /proc/mounts."""
    try:
        lines = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    best, best_type = "", None
    text = str(path)
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = text == mount_point or text.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def _dropbox_folders(environ: Mapping[str, str]) -> list[Path]:
    """Dropbox writes where its folders are in info.json."""
    found = []
    for variable in ("APPDATA", "LOCALAPPDATA"):
        if base := environ.get(variable):
            info = Path(base) / "Dropbox" / "info.json"
            try:
                accounts = json.loads(info.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(accounts, dict):
                found += [
                    Path(account["path"])
                    for account in accounts.values()
                    if isinstance(account, dict) and "path" in account
                ]
    return found


def _sync_service(path: PurePath, environ: Mapping[str, str]) -> str | None:
    for part in path.parts[:-1]:
        name = part.lower()
        if name in SYNC_FOLDER_NAMES:
            return SYNC_FOLDER_NAMES[name]
        for prefix, service in SYNC_FOLDER_PREFIXES.items():
            if name.startswith(prefix):
                return service
    make = type(path)
    onedrive = [environ[name] for name in ONEDRIVE_VARIABLES if environ.get(name)]
    folders = [(make(folder), "OneDrive") for folder in onedrive]
    folders += [(make(str(folder)), "Dropbox") for folder in _dropbox_folders(environ)]
    for folder, service in folders:
        if path.is_relative_to(folder):
            return service
    return None


def unsafe_location_reason(
    path: Path,
    *,
    windows: bool = sys.platform == "win32",
    environ: Mapping[str, str] = os.environ,
    drive_is_remote: Callable[[str], bool] = _windows_drive_is_remote,
    volume_label: Callable[[str], str] = _windows_volume_label,
    mounted_filesystem: Callable[[Path], str | None] = _mounted_filesystem,
) -> str | None:
    """Why `path` is no place for the live database (Dutch, one phrase), or None.

    The probes are parameters so the Windows rules are tested on every platform.
    """
    pure: PurePath = PureWindowsPath(str(path)) if windows else path
    service = _sync_service(pure, environ)
    if service is not None:
        return f"in een map die {service} synchroniseert"
    if windows:
        anchor = PureWindowsPath(str(path))
        if anchor.drive.startswith("\\\\") or str(path).startswith("\\\\"):
            return "op een netwerkschijf"
        drive = anchor.drive
        if drive and drive_is_remote(drive):
            return f"op een netwerkschijf ({drive})"
        if drive and volume_label(drive).lower() == "google drive":
            return "op de schijf van Google Drive"
        return None
    filesystem = mounted_filesystem(path)
    if filesystem in NETWORK_FILESYSTEMS:
        return f"op een netwerkschijf ({filesystem})"
    return None


def check_location(path: Path, local_folder: Path) -> None:
    """Refuses (UnsafeLocation) a live database on a network drive or in a sync folder."""
    reason = unsafe_location_reason(path)
    if reason is None:
        return
    raise UnsafeLocation(
        f"Het databasebestand {path} staat {reason}. Daar kan SQLite het bestand niet "
        "betrouwbaar vergrendelen en kunnen gegevens beschadigd raken of verloren gaan. "
        f"Verplaats het bestand naar een map op deze computer, bijvoorbeeld {local_folder}. "
        "Back-ups mogen wel op een netwerkschijf of USB-stick staan."
    )


def relocate_database(source: Path, target: Path) -> Path:
    """A checked copy of the database at `source` in a safe place; the original stays as it
    is (it may be the only copy, and the share may be someone else's)."""
    target = Path(target).expanduser().resolve()
    check_location(target, target.parent)
    if target.exists():
        raise DatabaseProblem(f"Er staat al een bestand {target}; kies een andere map.")
    inspect_database_file(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    return copy_database(source, target, "de database verplaatsen")
