"""The assets in ui/, resources/ and db/ are found from an installed wheel, not only from
a checkout: build the wheel, install it (not editable) into a fresh environment, and run
the program from outside the checkout."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def uv_executable() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        pytest.skip("uv is needed to build and install the wheel")
    return found


@pytest.mark.slow
def test_installed_wheel_runs_with_its_assets(tmp_path: Path) -> None:
    uv = uv_executable()
    dist = tmp_path / "dist"
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(dist), str(PROJECT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("verbindtafel_desktop-*.whl")
    venv = tmp_path / "venv"
    subprocess.run(
        [uv, "venv", "--python", sys.executable, str(venv)], check=True, capture_output=True
    )
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [uv, "pip", "install", "--python", str(python), str(wheel)],
        check=True,
        capture_output=True,
    )
    outside = tmp_path / "elders"
    outside.mkdir()
    environment = {**os.environ, "VERBINDTAFEL_DATA_DIR": str(tmp_path / "data")}
    environment.pop("PYTHONPATH", None)

    def run(*code: str) -> str:
        result = subprocess.run(
            [str(python), *code],
            cwd=outside,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    located = run(
        "-c",
        "from verbindtafel_desktop.assets import asset_dir, PACKAGE_DIR;"
        "print(PACKAGE_DIR);"
        "print(*(asset_dir(name) for name in ('ui', 'resources', 'db')), sep='\\n')",
    ).split()
    package_dir = Path(located[0])
    assert PROJECT not in package_dir.parents
    for found in located[1:]:
        assert Path(found).parent == package_dir
    demo = outside / "demo.sqlite"
    output = run("-m", "verbindtafel_desktop", "demo", "--db", str(demo))
    assert "Demodatabase gemaakt" in output
    assert demo.exists()
    style = "from verbindtafel_desktop.assets import ui_path; print(ui_path('style.qss'))"
    assert Path(run("-c", style).strip()).is_file()
