from pathlib import Path

import pytest

from verbindtafel_desktop.persistence.atomic_file import atomic_target
from verbindtafel_desktop.persistence.errors import StorageProblem


def test_complete_file_replaces_the_old_one(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "lijst.xlsx"
    target.write_text("oud", encoding="utf-8")
    with atomic_target(target) as temporary:
        assert temporary.parent == target.parent
        temporary.write_text("nieuw", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "nieuw"
    assert [path.name for path in folder.iterdir()] == ["lijst.xlsx"]


def test_failure_halfway_keeps_the_old_file_and_leaves_no_partial(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "lijst.pdf"
    target.write_text("goed", encoding="utf-8")
    with pytest.raises(StorageProblem, match="schijf is vol"), atomic_target(target) as temporary:
        temporary.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == "goed"
    assert [path.name for path in folder.iterdir()] == ["lijst.pdf"]


def test_nothing_written_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "leeg.pdf"
    with pytest.raises(StorageProblem), atomic_target(target):
        pass
    assert not target.exists()
