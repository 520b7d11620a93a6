"""Start-up on a city-sized database: process start until the main window is shown with
the start screen (Overzicht) filled in, against a bare PySide6 program that shows an
empty window. Target: at most 3x.

Run from the repository root:

    uv run python -m benchmarks.bench_startup                  # makes a large demo first
    uv run python -m benchmarks.bench_startup --db big.sqlite --runs 9

Both are started as new processes (`benchmarks/startup_child.py`) on Qt's offscreen
platform, in turns, and timed from starting the process until it prints that its window
has painted itself; the app is started the way `verbindtafel --db PATH` starts it (with
its start backup and all). The medians are compared. A third process shows what no
start of the app can go below: it imports the libraries every start needs (SQLAlchemy,
SQLModel, the domain model) and shows an empty window.

Python's compiled bytecode is kept for both (in a temporary folder, through
PYTHONPYCACHEPREFIX), with one unmeasured start each first: an installed app carries its
bytecode, so a start that compiles every module first would measure the wrong thing.
Writes benchmarks/results/startup.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, Result, large_demo, print_results, write_results

CHILD = ROOT / "benchmarks" / "startup_child.py"
TARGET_RATIO = 3.0
TIME_LIMIT = 120


def start_until_shown(arguments: list[str], environment: dict[str, str]) -> float:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(CHILD), *arguments],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - started
        if line.strip() != "shown":
            raise RuntimeError(f"{arguments[0]}: no window (exit code {child.poll()})")
        return elapsed
    finally:
        child.kill()
        child.wait(TIME_LIMIT)


def child_environment(folder: Path) -> dict[str, str]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "VERBINDTAFEL_DATA_DIR": str(folder / "data"),
        "PYTHONPYCACHEPREFIX": str(folder / "bytecode"),
    }
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def measure(database: Path, runs: int, folder: Path) -> list[Result]:
    environment = child_environment(folder)
    kinds = {"bare": ["bare"], "libraries": ["libraries"], "app": ["app", str(database)]}
    for arguments in kinds.values():  # compiles the bytecode, warms the disk cache
        start_until_shown(arguments, environment)
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for _ in range(runs):
        for kind, arguments in kinds.items():
            times[kind].append(start_until_shown(arguments, environment))
    bare = statistics.median(times["bare"])
    libraries = statistics.median(times["libraries"])
    app = statistics.median(times["app"])
    what = "bare PySide6 process showing an empty window"
    return [
        Result(
            "start-up to a filled start screen",
            app,
            bare,
            what,
            target_ratio=TARGET_RATIO,
            note=f"median of {runs} starts each; {app / libraries:.1f}x the libraries alone",
        ),
        Result(
            "start-up floor: the libraries alone",
            libraries,
            bare,
            what,
            note="SQLAlchemy, SQLModel and the domain model imported, then an empty window",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a large database (default: a new large demo)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database = arguments.db.resolve() if arguments.db else large_demo(folder)
        results = measure(database, arguments.runs, folder)
    print_results(results)
    if not arguments.no_write:
        write_results("startup", results, runs=arguments.runs)
    return 0 if results[0].passed else 1


if __name__ == "__main__":
    sys.exit(main())
