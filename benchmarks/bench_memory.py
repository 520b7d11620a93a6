"""Peak memory with a city-sized database open and every main view visited: under 400 MB.

Run from the repository root (Linux or macOS, which report peak memory):

    uv run python -m benchmarks.bench_memory                   # makes a large demo first
    uv run python -m benchmarks.bench_memory --db big.sqlite

A new process (`benchmarks/memory_child.py`) opens the database as the app does, visits
every page of the sidebar, scrolls the people list to its end, opens a table's
attendance grid and unfolds the whole relay picture, then reports its peak resident set
size. The baseline is a bare PySide6 process showing an empty window, measured the same
way. Medians of --runs runs each. Writes benchmarks/results/memory.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ROOT, Result, large_demo, print_results, write_results

CHILD = ROOT / "benchmarks" / "memory_child.py"
LIMIT_MB = 400
MB = 1_000_000


def peak_bytes(arguments: list[str], folder: Path) -> int:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "VERBINDTAFEL_DATA_DIR": str(folder / "data"),
    }
    result = subprocess.run(
        [sys.executable, str(CHILD), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return int(result.stdout.split()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a large database (default: a new large demo)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    arguments = parser.parse_args(argv)
    if sys.platform == "win32":
        print("bench_memory needs resource.getrusage (Linux or macOS)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database = arguments.db.resolve() if arguments.db else large_demo(folder)
        app, bare = [], []
        for _ in range(arguments.runs):
            bare.append(peak_bytes(["bare"], folder))
            app.append(peak_bytes(["app", str(database)], folder))
    result = Result(
        "peak memory, every main view visited",
        statistics.median(app) / MB,
        statistics.median(bare) / MB,
        "bare PySide6 process showing an empty window",
        limit=LIMIT_MB,
        unit="MB",
        note=f"median of {arguments.runs} runs",
    )
    print_results([result])
    if not arguments.no_write:
        write_results("memory", [result], runs=arguments.runs)
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
