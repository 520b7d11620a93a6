"""Build the Verbindtafel bundle on this OS, smoke-test it, and on Windows make the installer.

    uv run --group build python packaging/build.py [--no-installer]

1. PyInstaller builds dist/Verbindtafel/ from packaging/verbindtafel.spec (one folder, a
   windowed and a console executable).
2. The bundle is started headless, the way a frozen app breaks when a file or module is
   missing: `--version`, `demo` on a fresh database (which runs every migration from the
   bundle), `check` on that database, and the GUI on it until it has opened the file.
3. On Windows, Inno Setup's compiler (iscc) turns the bundle into
   dist/Verbindtafel-<version>-setup.exe.
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from version_resource import numeric_version

from verbindtafel_desktop import __version__
from verbindtafel_desktop.cli import build_parser
from verbindtafel_desktop.persistence.migrations import head_revision

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "verbindtafel.spec"
INSTALLER_SCRIPT = ROOT / "packaging" / "verbindtafel.iss"
BUNDLE_NAME = "Verbindtafel"
GUI_NAME = "Verbindtafel"
CLI_NAME = "verbindtafel-cli"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
# How long the GUI gets to open its database, and must then stay up without a traceback.
GUI_START_LIMIT = 60.0
GUI_SETTLE = 3.0
ISCC_PLACES = (
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"), "Inno Setup 6"),
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files"), "Inno Setup 6"),
    Path(
        os.environ.get("LOCALAPPDATA", r"C:\Users\Default\AppData\Local"),
        "Programs",
        "Inno Setup 6",
    ),
)


class SmokeTestFailed(RuntimeError):
    pass


@dataclass
class SmokeReport:
    timings: dict[str, float] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def build_bundle(dist: Path, work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )
    return dist / BUNDLE_NAME


def available_subcommands() -> set[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def run_bundle(executable: Path, *arguments: str, environment: dict[str, str]) -> tuple[str, float]:
    """Run one headless command of the bundle; its output, and how long it took."""
    started = time.perf_counter()
    finished = subprocess.run(
        [str(executable), *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        timeout=300,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if finished.returncode != 0:
        raise SmokeTestFailed(
            f"`{executable.name} {' '.join(arguments)}` ended with {finished.returncode}:\n"
            f"{finished.stdout}{finished.stderr}"
        )
    return finished.stdout.strip(), elapsed


def stored_revision_of(database: Path) -> str:
    connection = sqlite3.connect(database)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def start_gui(executable: Path, database: Path, environment: dict[str, str]) -> float:
    """Start the app's window on `database` offscreen; seconds until it had opened the file.

    An open SQLite file in WAL mode has a `-shm` file beside it; the window is built right
    after the file is opened. The app must then stay up without a traceback.
    """
    shared_memory = Path(f"{database}-shm")
    if shared_memory.exists():
        raise SmokeTestFailed(f"{shared_memory} exists before the app started")
    log = database.with_name("gui-stderr.txt")
    with log.open("w", encoding="utf-8") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(executable), "--db", str(database)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=environment,
        )
        try:
            while not shared_memory.exists():
                if process.poll() is not None or time.perf_counter() - started > GUI_START_LIMIT:
                    break
                time.sleep(0.02)
            opened = time.perf_counter() - started
            time.sleep(GUI_SETTLE)
            exit_code = process.poll()
        finally:
            process.kill()
            process.wait()
    output = log.read_text(encoding="utf-8", errors="replace")
    if exit_code is not None or "Traceback" in output or not shared_memory.exists():
        ended = "is still running" if exit_code is None else f"ended with {exit_code}"
        raise SmokeTestFailed(f"the window did not start cleanly; it {ended}:\n{output}")
    return opened


def smoke_test(bundle: Path) -> SmokeReport:
    report = SmokeReport()
    cli = bundle / f"{CLI_NAME}{EXE_SUFFIX}"
    gui = bundle / f"{GUI_NAME}{EXE_SUFFIX}"
    with tempfile.TemporaryDirectory(prefix="verbindtafel-smoke-") as folder:
        environment = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            # Never touch the real user's data folder or remembered database.
            "VERBINDTAFEL_DATA_DIR": str(Path(folder, "data")),
        }
        expected = f"verbindtafel {__version__}"
        for executable in (cli, gui):
            output, report.timings[f"{executable.name} --version"] = run_bundle(
                executable, "--version", environment=environment
            )
            # A windowed executable on Windows has no stdout to print to.
            if executable is cli and output != expected:
                raise SmokeTestFailed(f"--version printed {output!r}, not {expected!r}")

        database = Path(folder, "demo.sqlite")
        _, report.timings["demo"] = run_bundle(
            cli, "demo", "--db", str(database), environment=environment
        )
        if stored_revision_of(database) != head_revision():
            raise SmokeTestFailed(
                f"the bundle migrated to {stored_revision_of(database)}, not {head_revision()}"
            )
        if "check" in available_subcommands():
            _, report.timings["check"] = run_bundle(
                cli, "check", "--db", str(database), environment=environment
            )
        else:
            report.skipped.append("check (this version has no `check` subcommand yet)")
        report.timings["window: database opened"] = start_gui(cli, database, environment)
    return report


def folder_size(folder: Path) -> int:
    """Bytes on disk; PyInstaller links some libraries on Linux, and links count once."""
    return sum(
        path.lstat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def find_iscc() -> Path:
    found = shutil.which("iscc")
    if found:
        return Path(found)
    for place in ISCC_PLACES:
        if (place / "ISCC.exe").is_file():
            return place / "ISCC.exe"
    raise SystemExit(
        "Inno Setup 6 is not installed (no iscc on PATH). Install it with "
        "`winget install JRSoftware.InnoSetup` or `choco install innosetup`, "
        "or pass --no-installer."
    )


def build_installer(bundle: Path, dist: Path) -> Path:
    numbers = ".".join(str(number) for number in numeric_version(__version__))
    subprocess.run(
        [
            str(find_iscc()),
            "/Qp",
            f"/DAppVersion={__version__}",
            f"/DAppNumericVersion={numbers}",
            f"/DBundleDir={bundle}",
            f"/O{dist}",
            str(INSTALLER_SCRIPT),
        ],
        check=True,
        cwd=ROOT,
    )
    return dist / f"Verbindtafel-{__version__}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's cache"
    )
    parser.add_argument(
        "--no-installer", action="store_true", help="on Windows: do not run Inno Setup"
    )
    arguments = parser.parse_args(argv)

    started = time.perf_counter()
    bundle = build_bundle(arguments.dist.resolve(), arguments.work.resolve())
    built = time.perf_counter() - started
    print(f"bundle: {bundle} ({folder_size(bundle) / 2**20:.0f} MiB, built in {built:.0f} s)")
    try:
        report = smoke_test(bundle)
    except SmokeTestFailed as failure:
        print(f"smoke test FAILED: {failure}", file=sys.stderr)
        return 1
    for step, seconds in report.timings.items():
        print(f"smoke test: {step}: {seconds:.2f} s")
    for step in report.skipped:
        print(f"smoke test: skipped {step}")
    if sys.platform == "win32" and not arguments.no_installer:
        installer = build_installer(bundle, arguments.dist.resolve())
        print(f"installer: {installer} ({installer.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
