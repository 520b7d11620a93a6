"""The live database is refused on network drives and in sync folders, with a way out."""

import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.gui_helpers import answer_message, when_dialog_opens
from verbindtafel_desktop.app import recovery
from verbindtafel_desktop.app.application import AppController
from verbindtafel_desktop.persistence.data_dir import default_database_path
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.persistence.errors import UnsafeLocation
from verbindtafel_desktop.persistence.storage_location import unsafe_location_reason


def windows_reason(
    path: str, *, remote: set[str] = frozenset(), label: str = "", **env: str
) -> Any:
    return unsafe_location_reason(
        Path(path),
        windows=True,
        environ=env,
        drive_is_remote=lambda drive: drive.upper() in remote,
        volume_label=lambda _drive: label,
        mounted_filesystem=lambda _path: None,
    )


def linux_reason(path: str, filesystem: str | None, **env: str) -> Any:
    return unsafe_location_reason(
        Path(path),
        windows=False,
        environ=env,
        drive_is_remote=lambda _drive: False,
        volume_label=lambda _drive: "",
        mounted_filesystem=lambda _path: filesystem,
    )


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (r"C:\Users\fatima\OneDrive\Documenten\verbindtafel.sqlite", "OneDrive"),
        (r"C:\Users\fatima\OneDrive - Gemeente Rotterdam\verbindtafel.sqlite", "OneDrive"),
        (r"D:\Dropbox\Buurthuis\verbindtafel.sqlite", "Dropbox"),
        (r"C:\Users\jan\Dropbox (Wijkteam)\verbindtafel.sqlite", "Dropbox"),
        (r"G:\Mijn Drive\verbindtafel.sqlite", "Google Drive"),
        (r"C:\Users\jan\Google Drive\verbindtafel.sqlite", "Google Drive"),
    ],
)
def test_sync_folders_are_recognised_by_name(path: str, service: str) -> None:
    assert windows_reason(path) == f"in een map die {service} synchroniseert"


def test_sync_folders_are_recognised_where_the_client_says_they_are(tmp_path: Path) -> None:
    assert (
        windows_reason(r"E:\Werk\Buurthuis\db.sqlite", OneDriveCommercial=r"E:\Werk")
        == "in een map die OneDrive synchroniseert"
    )
    appdata = tmp_path / "AppData"
    (appdata / "Dropbox").mkdir(parents=True)
    (appdata / "Dropbox" / "info.json").write_text(
        json.dumps({"business": {"path": str(tmp_path / "Gedeeld")}}), encoding="utf-8"
    )
    assert (
        linux_reason(str(tmp_path / "Gedeeld" / "db.sqlite"), None, APPDATA=str(appdata))
        == "in een map die Dropbox synchroniseert"
    )


def test_network_drives_on_windows() -> None:
    assert windows_reason(r"\\server\buurthuis\verbindtafel.sqlite") == "op een netwerkschijf"
    assert windows_reason(r"Z:\verbindtafel.sqlite", remote={"Z:"}) == "op een netwerkschijf (Z:)"
    assert windows_reason(r"G:\verbindtafel.sqlite", label="Google Drive") == (
        "op de schijf van Google Drive"
    )
    assert windows_reason(r"C:\Users\fatima\AppData\Roaming\Verbindtafel\db.sqlite") is None
    assert windows_reason(r"E:\verbindtafel.sqlite", remote={"Z:"}) is None  # a USB stick


def test_network_file_systems_on_linux() -> None:
    for filesystem in ("nfs4", "cifs", "smb3", "fuse.sshfs"):
        assert linux_reason("/mnt/share/db.sqlite", filesystem) == (
            f"op een netwerkschijf ({filesystem})"
        )
    assert linux_reason("/home/jan/db.sqlite", "ext4") is None


def test_opening_a_file_in_a_sync_folder_is_refused_and_changes_nothing(
    demo_template: Path, tmp_path: Path
) -> None:
    synced = tmp_path / "Dropbox" / "demo.sqlite"
    synced.parent.mkdir()
    synced.write_bytes(demo_template.read_bytes())
    before = synced.read_bytes()
    with pytest.raises(UnsafeLocation) as refused:
        open_database(synced)
    message = str(refused.value)
    assert "Dropbox" in message
    assert "Verplaats het bestand naar een map op deze computer" in message
    assert synced.read_bytes() == before
    assert sorted(path.name for path in synced.parent.iterdir()) == ["demo.sqlite"]


def test_the_app_offers_to_move_the_file_and_opens_the_copy(
    qtbot: QtBot, demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = tmp_path / "OneDrive - Buurtwerk" / "demo.sqlite"
    synced.parent.mkdir()
    synced.write_bytes(demo_template.read_bytes())
    before = synced.read_bytes()
    local = tmp_path / "Lokaal"
    local.mkdir()
    monkeypatch.setattr(recovery.QFileDialog, "getExistingDirectory", lambda *_args: str(local))
    texts: list[str] = []

    def move(box: Any) -> None:
        texts.append(box.text())
        when_dialog_opens(lambda done: (texts.append(done.text()), done.accept()))
        answer_message(box, "Verplaatsen naar deze computer…")

    ran = when_dialog_opens(move)
    controller = AppController()
    assert controller.open(synced)
    assert ran
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    assert "OneDrive" in texts[0] and "niet betrouwbaar vergrendelen" in texts[0]
    assert f"Verbindtafel werkt nu met {local / 'demo.sqlite'}" in texts[1]
    assert window.services.db.path == local / "demo.sqlite"
    assert default_database_path() == local / "demo.sqlite"  # remembered for next time
    assert synced.read_bytes() == before  # the original is left alone
    window.close()


def test_declining_the_move_opens_nothing(
    qtbot: QtBot, demo_template: Path, tmp_path: Path
) -> None:
    synced = tmp_path / "Dropbox" / "demo.sqlite"
    synced.parent.mkdir()
    synced.write_bytes(demo_template.read_bytes())
    ran = when_dialog_opens(lambda box: answer_message(box, "Annuleren"))
    controller = AppController()
    assert not controller.open(synced)
    assert ran
    assert controller.window is None
