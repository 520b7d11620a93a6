"""Start-up time and size of the PyInstaller bundle, against the same program run from source.

Build the bundle first, then run from the repository root:

    uv run --group build python packaging/build.py
    uv run python -m benchmarks.bench_bundle_startup [--bundle dist/Verbindtafel] [--runs 5]

Measures, as the median of --runs starts each:
- `--version` of the bundle's console executable, and of `python -m verbindtafel_desktop`;
- the time until the main window is on screen (mapped on an X server, found with xdotool),
  for the bundle's windowed executable and for the app from source, on a demo database.
The window part needs Xvfb and xdotool (`apt-get install xvfb xdotool libxcb-cursor0
libxcb-icccm4 libxcb-keysyms1`); without them only `--version` is measured. Writes
benchmarks/results/bundle_startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from verbindtafel_desktop import __version__
from verbindtafel_desktop.demo import create_demo_database

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "bundle_startup.json"
WINDOW_LIMIT = 60


def median_seconds(command: Sequence[str], runs: int, environment: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=environment)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@contextmanager
def x_server() -> Iterator[str]:
    """A private Xvfb; yields its DISPLAY."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as display_number:
        display = f":{display_number.readline().strip()}"
    try:
        yield display
    finally:
        server.terminate()
        server.wait()


def seconds_to_window(command: Sequence[str], environment: dict[str, str]) -> float:
    started = time.perf_counter()
    app = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", "Verbindtafel"],
            env=environment,
            check=True,
            capture_output=True,
            timeout=WINDOW_LIMIT,
        )
        return time.perf_counter() - started
    finally:
        app.kill()
        app.wait()


def median_seconds_to_window(
    command: Sequence[str], runs: int, environment: dict[str, str]
) -> float:
    return statistics.median(seconds_to_window(command, environment) for _ in range(runs))


def folder_size(folder: Path) -> int:
    return sum(
        path.lstat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "Verbindtafel")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args(argv)
    suffix = ".exe" if sys.platform == "win32" else ""
    cli = arguments.bundle / f"verbindtafel-cli{suffix}"
    gui = arguments.bundle / f"Verbindtafel{suffix}"
    if not cli.exists():
        print(
            f"No bundle at {arguments.bundle}: run `uv run --group build python "
            "packaging/build.py` first.",
            file=sys.stderr,
        )
        return 1
    source = [sys.executable, "-m", "verbindtafel_desktop"]
    results: dict[str, object] = {
        "version": __version__,
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        "bundle_mib": round(folder_size(arguments.bundle) / 2**20, 1),
        "runs": arguments.runs,
    }
    print(f"bundle: {arguments.bundle} ({results['bundle_mib']} MiB)")
    with tempfile.TemporaryDirectory() as folder:
        environment = {**os.environ, "VERBINDTAFEL_DATA_DIR": str(Path(folder, "data"))}
        # Warm the disk cache once, so neither side pays for the first read.
        subprocess.run([str(cli), "--version"], check=True, capture_output=True, env=environment)
        app = median_seconds([str(cli), "--version"], arguments.runs, environment)
        baseline = median_seconds([*source, "--version"], arguments.runs, environment)
        results["version_seconds"] = {"bundle": app, "source": baseline}
        print(
            f"--version: bundle {app:.2f} s, from source {baseline:.2f} s, "
            f"ratio {app / baseline:.2f}"
        )

        if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
            print("window: skipped (needs Xvfb and xdotool)")
        else:
            database = Path(folder, "demo.sqlite")
            create_demo_database(database)
            with x_server() as display:
                on_screen = {**environment, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
                arguments_db = ["--db", str(database)]
                seconds_to_window([str(gui), *arguments_db], on_screen)  # warm-up
                app = median_seconds_to_window([str(gui), *arguments_db], arguments.runs, on_screen)
                baseline = median_seconds_to_window(
                    [*source, *arguments_db], arguments.runs, on_screen
                )
            results["window_seconds"] = {"bundle": app, "source": baseline}
            print(
                f"main window on screen: bundle {app:.2f} s, from source {baseline:.2f} s, "
                f"ratio {app / baseline:.2f}"
            )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
