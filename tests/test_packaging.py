"""The Windows packaging: the icon files, what the bundle carries, the version resource,
the installer script's agreement with the app, and the smoke test that guards the bundle.

Building the bundle itself takes a minute: `.ci/run` does it through packaging/build.py.
"""

import codecs
import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import platformdirs
import platformdirs.windows
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QApplication

from verbindtafel_desktop.app.application import load_icon
from verbindtafel_desktop.persistence.data_dir import data_dir
from verbindtafel_desktop.persistence.migrations import head_revision

PROJECT = Path(__file__).resolve().parent.parent
PACKAGING = PROJECT / "packaging"


def load(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """A script of packaging/ (not a package: the name would shadow PyPI's `packaging`)."""
    monkeypatch.syspath_prepend(str(PACKAGING))
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def icons(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> ModuleType:
    return load("app_icons", monkeypatch)


def mean_difference(first: QImage, second: QImage) -> float:
    """Mean absolute difference per channel (0-255) between two images of one size."""
    assert first.size() == second.size()
    # Keep the converted images alive: constBits() does not hold a reference to them.
    first_rgba = first.convertToFormat(QImage.Format.Format_RGBA8888)
    second_rgba = second.convertToFormat(QImage.Format.Format_RGBA8888)
    a = bytes(first_rgba.constBits())
    b = bytes(second_rgba.constBits())
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def test_committed_icons_are_rendered_from_the_svg(icons: ModuleType) -> None:
    # Rendering differs by a hair between Qt versions; an edited SVG differs by far more.
    for size in icons.SIZES:
        committed = QImage(str(icons.png_path(size)))
        assert committed.size() == QSize(size, size), size
        assert mean_difference(committed, icons.render(icons.SVG, size)) < 2.0, size


def test_icons_render_the_design_not_a_blank(icons: ModuleType) -> None:
    image = icons.render(icons.SVG, 64)
    centre, corner = image.pixelColor(32, 32), image.pixelColor(0, 0)
    assert corner.alpha() == 0  # rounded corners stay transparent
    assert (centre.red(), centre.green(), centre.blue()) == (0xF0, 0xA8, 0x30)  # the table
    assert image.pixelColor(32, 12).name() == "#ffffff"  # the person at the top


def test_ico_holds_every_size_with_the_same_pixels(icons: ModuleType) -> None:
    reader = QImageReader(str(icons.ICO))
    assert reader.imageCount() == len(icons.SIZES)
    for index, size in enumerate(icons.SIZES):
        assert reader.jumpToImage(index)
        entry = reader.read()
        assert entry.size() == QSize(size, size)
        assert mean_difference(entry, QImage(str(icons.png_path(size)))) < 0.5, size


def test_ico_writer_round_trips(icons: ModuleType, tmp_path: Path) -> None:
    images = [icons.render(icons.SVG, size) for size in (16, 48, 256)]
    ico = tmp_path / "x.ico"
    ico.write_bytes(icons.ico_bytes(images))
    reader = QImageReader(str(ico))
    assert reader.imageCount() == 3
    for index, image in enumerate(images):
        reader.jumpToImage(index)
        assert mean_difference(reader.read(), image) < 0.5


def test_the_window_icon_offers_every_size(qapp: QApplication) -> None:
    load_icon(qapp)
    sizes = {size.width() for size in qapp.windowIcon().availableSizes()}
    assert sizes == {16, 24, 32, 48, 64, 128, 256}


def test_bundle_places_assets_where_an_installed_wheel_has_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    contents = load("bundle_contents", monkeypatch)
    files = contents.asset_files()
    bundled = {(Path(source).name, destination) for source, destination in files}
    assert ("style.qss", "verbindtafel_desktop/ui") in bundled
    assert ("env.py", "verbindtafel_desktop/db") in bundled
    assert ("default_programme.json", "verbindtafel_desktop/resources/programme") in bundled
    assert ("verbindtafel-16.png", "verbindtafel_desktop/resources/icons") in bundled
    for migration in (PROJECT / "db" / "versions").glob("*.py"):
        assert (migration.name, "verbindtafel_desktop/db/versions") in bundled
    assert not any("__pycache__" in source or source.endswith(".pyc") for source, _ in files)

    # The same folders the wheel carries (pyproject's force-include), at the same places.
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert {(folder, f"verbindtafel_desktop/{folder}") for folder in contents.ASSET_FOLDERS} == set(
        wheel.items()
    )


def test_bundle_collects_what_the_migrations_import(monkeypatch: pytest.MonkeyPatch) -> None:
    contents = load("bundle_contents", monkeypatch)
    imports = contents.migration_imports()
    for module in ("alembic.op", "alembic.context", "sqlalchemy", "sqlmodel"):
        assert module in imports
    assert "verbindtafel_desktop.domain.models" in imports  # db/env.py
    assert "verbindtafel_desktop.domain.text" in imports  # migration 0002
    assert "collections.abc.Sequence" not in imports  # a class, not a module


def test_migration_imports_are_read_from_new_scripts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    contents = load("bundle_contents", monkeypatch)
    (tmp_path / "db" / "versions").mkdir(parents=True)
    (tmp_path / "db" / "env.py").write_text("from alembic import context\n")
    (tmp_path / "db" / "versions" / "0009_x.py").write_text(
        "import sqlalchemy.dialects.sqlite\nfrom verbindtafel_desktop.domain import enums\n"
    )
    assert contents.migration_imports(tmp_path) == [
        "alembic",
        "alembic.context",
        "sqlalchemy.dialects.sqlite",
        "verbindtafel_desktop.domain",
        "verbindtafel_desktop.domain.enums",
    ]


def test_numeric_windows_version(monkeypatch: pytest.MonkeyPatch) -> None:
    version = load("version_resource", monkeypatch)
    assert version.numeric_version("0.1.0") == (0, 1, 0, 0)
    assert version.numeric_version("2.10") == (2, 10, 0, 0)
    assert version.numeric_version("1.2.0.dev4") == (1, 2, 0, 0)
    assert version.numeric_version("1.2.3.4.5") == (1, 2, 3, 4)
    with pytest.raises(ValueError, match="number"):
        version.numeric_version("dev")
    with pytest.raises(ValueError, match="65535"):
        version.numeric_version("1.70000")


class Recorded:
    """Stands in for PyInstaller's version classes (they load only on Windows)."""

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs


def test_version_file_carries_the_package_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    version = load("version_resource", monkeypatch)
    path = version.write_version_file(tmp_path, "1.4.2", "Verbindtafel.exe", "Verbindtafel")
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct")
    namespace = {name: (lambda *a, _n=name, **k: Recorded(_n, *a, **k)) for name in names}
    namespace |= {name: namespace["StringFileInfo"] for name in ("VarFileInfo", "VarStruct")}
    info = eval(path.read_text(encoding="utf-8"), namespace)  # PyInstaller reads it this way

    assert info.kind == "VSVersionInfo"
    assert info.kwargs["ffi"].kwargs["filevers"] == (1, 4, 2, 0)
    assert info.kwargs["ffi"].kwargs["prodvers"] == (1, 4, 2, 0)
    (table,) = info.kwargs["kids"][0].args[0]
    assert table.args[0] == "041304B0"  # Dutch, Unicode
    strings = {struct.args[0]: struct.args[1] for struct in table.args[1]}
    assert strings["FileVersion"] == strings["ProductVersion"] == "1.4.2"
    assert strings["OriginalFilename"] == "Verbindtafel.exe"
    assert strings["ProductName"] == "Verbindtafel"


def installer_defines() -> dict[str, str]:
    script = (PACKAGING / "verbindtafel.iss").read_text(encoding="utf-8-sig")
    defines = {}
    for line in script.splitlines():
        if line.startswith("#define "):
            _, name, value = line.split(" ", 2)
            defines[name] = value.strip('"')
    return defines


def test_uninstaller_points_at_the_folder_the_app_keeps_its_data_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # What data_dir() gives on Windows, with %APPDATA% (Inno's {userappdata}) in tmp_path.
    roaming = tmp_path / "Roaming"
    monkeypatch.delenv("VERBINDTAFEL_DATA_DIR")
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda _csidl: str(roaming))

    folder = installer_defines()["DataFolder"].split("\\")
    assert folder[0] == "{userappdata}"
    assert data_dir() == roaming.joinpath(*folder[1:])


def test_installer_starts_the_windowed_executable_the_spec_builds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build = load("build", monkeypatch)
    spec = (PACKAGING / "verbindtafel.spec").read_text(encoding="utf-8")
    assert installer_defines()["AppExe"] == f"{build.GUI_NAME}.exe"
    assert f'executable("{build.GUI_NAME}", "Verbindtafel", console=False)' in spec
    assert f'executable("{build.CLI_NAME}",' in spec
    assert f'name="{build.BUNDLE_NAME}"' in spec


def test_installer_script_is_marked_as_utf8_for_its_dutch_texts() -> None:
    # Without the byte order mark Inno Setup reads the file in the ANSI code page.
    script = (PACKAGING / "verbindtafel.iss").read_bytes()
    assert script.startswith(codecs.BOM_UTF8)
    assert "reservekopieën".encode() in script


# The smoke test, run against stand-in bundles: small scripts that start the package from
# source the way the frozen executables would.
needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="stand-ins are shell scripts")


def fake_bundle(folder: Path, cli_body: str, gui_body: str | None = None) -> Path:
    folder.mkdir()
    for name, body in (("verbindtafel-cli", cli_body), ("Verbindtafel", gui_body or cli_body)):
        script = folder / name
        script.write_text(f"#!/bin/sh\n{body}\n")
        script.chmod(0o755)
    return folder


FROM_SOURCE = f'exec "{sys.executable}" -m verbindtafel_desktop "$@"'


@needs_posix
@pytest.mark.slow
def test_smoke_test_runs_every_step_on_a_working_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    build = load("build", monkeypatch)
    monkeypatch.setattr(build, "GUI_SETTLE", 0.5)
    report = build.smoke_test(fake_bundle(tmp_path / "bundle", FROM_SOURCE))
    expected = {"verbindtafel-cli --version", "Verbindtafel --version", "demo"}
    expected.add("window: database opened")
    if "check" in build.available_subcommands():
        expected.add("check")
    else:
        assert report.skipped == ["check (this version has no `check` subcommand yet)"]
    assert set(report.timings) == expected
    assert all(seconds > 0 for seconds in report.timings.values())


@needs_posix
def test_smoke_test_fails_when_a_module_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    build = load("build", monkeypatch)
    broken = (
        f'case "$1" in --version) echo "verbindtafel {build.__version__}";; '
        '*) echo "ModuleNotFoundError: No module named faker" >&2; exit 1;; esac'
    )
    with pytest.raises(build.SmokeTestFailed, match="faker"):
        build.smoke_test(fake_bundle(tmp_path / "bundle", broken))


@needs_posix
def test_smoke_test_fails_on_a_wrong_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    build = load("build", monkeypatch)
    with pytest.raises(build.SmokeTestFailed, match=r"printed 'verbindtafel 0\.0\.1'"):
        build.smoke_test(fake_bundle(tmp_path / "bundle", "echo verbindtafel 0.0.1"))


@needs_posix
def test_gui_start_fails_when_the_window_crashes_after_opening(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    build = load("build", monkeypatch)
    monkeypatch.setattr(build, "GUI_SETTLE", 1.0)
    database = tmp_path / "demo.sqlite"
    crashes = fake_bundle(
        tmp_path / "bundle",
        f'touch "{database}-shm"; sleep 0.2; echo "Traceback (most recent call last):" >&2; exit 1',
    )
    with pytest.raises(build.SmokeTestFailed, match="ended with 1"):
        build.start_gui(crashes / "verbindtafel-cli", database, environment={})


def test_smoke_test_reads_the_revision_a_database_was_migrated_to(
    monkeypatch: pytest.MonkeyPatch, demo_path: Path
) -> None:
    build = load("build", monkeypatch)
    assert build.stored_revision_of(demo_path) == head_revision()
