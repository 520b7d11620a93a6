"""The whole benchmark suite in one command, with one table of results.

Run from the repository root:

    uv run python -m benchmarks                       # every benchmark once
    uv run python -m benchmarks --rounds 3            # three times; medians reported
    uv run python -m benchmarks --only startup people_list views memory
    uv run python -m benchmarks --skip mixing --db big.sqlite

Makes one large demo database (`verbindtafel demo --size large`: 13,000 people, 1,500
tables, 52,000 attendance records) unless --db gives one, and runs each benchmark as its
own process (`python -m benchmarks.bench_<name>`), so each starts clean and a crash in
one does not stop the others. Each benchmark prints its own details and writes its own
benchmarks/results/<name>.json; this runner reads those back, takes the median over the
rounds of every figure, prints one table (benchmark, app, baseline, ratio, target,
verdict) and writes it to benchmarks/results/summary.json with the machine it ran on.

The benchmarks are not part of the unit tests: together they take several minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from benchmarks.common import (
    LARGE_DEMO_MINIMUMS,
    LARGE_DEMO_SECONDS,
    RESULTS_DIR,
    ROOT,
    Result,
    machine,
    make_large_demo,
    verdict,
)

Reader = Callable[[dict[str, Any]], list[Result]]


def own_results(data: dict[str, Any]) -> list[Result]:
    """The benchmarks of this suite write their lines as Result.as_json."""
    return [Result.from_json(line) for line in data["results"]]


def exports_results(data: dict[str, Any]) -> list[Result]:
    target = float(data["target_ratio"])
    titles = {
        "attendance_workbook": "attendance workbook, all cohorts",
        "signin_pdf": "sign-in sheets, 500 pages",
    }
    return [
        Result(
            f"export: {title}",
            data[key]["seconds"],
            data[key]["baseline_seconds"],
            data[key]["baseline"],
            target_ratio=target,
        )
        for key, title in titles.items()
    ]


def import_results(data: dict[str, Any]) -> list[Result]:
    return [
        Result(
            f"import: {line['rows']:,} people from {line['format']}",
            line["total_seconds"],
            line["baseline_seconds"],
            "read the file, plain sqlite3 insert, no checks",
            limit=line["target_seconds"],
            note=f"{line['seconds_per_1000_rows']:.2f} s per 1,000 rows",
        )
        for line in data["results"]
    ]


def relay_results(data: dict[str, Any]) -> list[Result]:
    return [
        Result(
            f"relay: {line['step']}",
            line["app_ms"] / 1000,
            line["baseline_ms"] / 1000,
            "bare sqlite3 read of the relay's rows",
        )
        for line in data["results"]
    ]


MIXING_LIMITS = {"1s": 1.0, "5s": 5.0}


def mixing_results(data: dict[str, Any]) -> list[Result]:
    seeds = data["seeds"]
    results = []
    for line in data["results"]:
        limit = MIXING_LIMITS.get(line["target"])
        best = line["lower_bound"]
        target = f"{best} repeats, {line['target']}" if limit else "best effort"
        met = (line["optimal_runs"] == seeds and line["max_seconds"] < limit) if limit else None
        results.append(
            Result(
                f"mixing {line['instance']}: repeats",
                line["mean_repeats"],
                line["greedy_baseline"],
                "the engine's greedy start without search",
                unit="repeats",
                target_text=target,
                met=met,
                note=f"slowest seed {line['max_seconds']:.2f} s, lower bound {best}",
            )
        )
    return results


def bundle_results(data: dict[str, Any]) -> list[Result]:
    results = [
        Result(
            "bundle: --version",
            data["version_seconds"]["bundle"],
            data["version_seconds"]["source"],
            "the same program run from source",
        )
    ]
    if "window_seconds" in data:
        results.append(
            Result(
                "bundle: main window on screen (small demo)",
                data["window_seconds"]["bundle"],
                data["window_seconds"]["source"],
                "the same program run from source",
            )
        )
    return results


@dataclass(frozen=True)
class Benchmark:
    name: str  # benchmarks/bench_<name>.py writes benchmarks/results/<name>.json
    read: Reader
    takes_database: bool = False

    @property
    def module(self) -> str:
        return f"benchmarks.bench_{self.name}"


BENCHMARKS = [
    Benchmark("startup", own_results, takes_database=True),
    Benchmark("people_list", own_results, takes_database=True),
    Benchmark("views", own_results, takes_database=True),
    Benchmark("memory", own_results, takes_database=True),
    Benchmark("exports", exports_results, takes_database=True),
    Benchmark("import", import_results),
    Benchmark("relay", relay_results, takes_database=True),
    Benchmark("data_safety", own_results),
    Benchmark("privacy", own_results),
    Benchmark("mixing", mixing_results),
    Benchmark("bundle_startup", bundle_results),
]
BUNDLE = ROOT / "dist" / "Verbindtafel"


def run_once(benchmark: Benchmark, database: Path | None, verbose: bool) -> list[Result]:
    """Runs the benchmark's process and reads what it wrote; raises when it wrote nothing."""
    command = [sys.executable, "-m", benchmark.module]
    if benchmark.takes_database and database is not None:
        command += ["--db", str(database)]
    path = RESULTS_DIR / f"{benchmark.name}.json"
    started = time.time()
    finished = subprocess.run(command, cwd=ROOT, text=True, capture_output=not verbose, check=False)
    if not path.exists() or path.stat().st_mtime < started:
        output = (finished.stdout or "") + (finished.stderr or "")
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise RuntimeError(
            f"{benchmark.module} wrote no results (exit {finished.returncode})\n{tail}"
        )
    return benchmark.read(json.loads(path.read_text(encoding="utf-8")))


def median_of_rounds(rounds: list[list[Result]]) -> list[Result]:
    """Line by line, the median of each figure over the rounds."""
    merged = []
    for lines in zip(*rounds, strict=True):
        first = lines[0]
        merged.append(
            replace(
                first,
                app=statistics.median(line.app for line in lines),
                baseline=None
                if first.baseline is None
                else statistics.median(line.baseline or 0.0 for line in lines),
                met=None if first.met is None else all(line.met for line in lines),
                unmet="; ".join(sorted({line.unmet for line in lines if line.unmet})),
            )
        )
    return merged


def print_table(rows: list[tuple[str, Result]]) -> None:
    header = f"{'benchmark':64} {'app':>11} {'baseline':>11} {'ratio':>7}  {'target':16} result"
    print(header)
    print("-" * len(header))
    for _benchmark, result in rows:
        print(
            f"{result.name[:64]:64} {result.shown(result.app):>11} "
            f"{result.shown(result.baseline):>11} {result.shown_ratio():>7}  "
            f"{result.target:16} {verdict(result.passed)}"
        )


def main(argv: list[str] | None = None) -> int:
    names = [benchmark.name for benchmark in BENCHMARKS]
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--db", type=Path, help="a large database (default: a new large demo)")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each benchmark")
    parser.add_argument("--only", nargs="+", choices=names, metavar="NAME", help=", ".join(names))
    parser.add_argument("--skip", nargs="+", choices=names, default=[], metavar="NAME")
    parser.add_argument("--verbose", action="store_true", help="show each benchmark's output")
    arguments = parser.parse_args(argv)
    chosen = [
        benchmark
        for benchmark in BENCHMARKS
        if (arguments.only is None or benchmark.name in arguments.only)
        and benchmark.name not in arguments.skip
    ]
    started = time.perf_counter()
    rows: list[tuple[str, Result]] = []
    problems: dict[str, str] = {}  # benchmarks that failed to run
    skipped: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        database = arguments.db.resolve() if arguments.db else None
        if database is None and any(benchmark.takes_database for benchmark in chosen):
            database, took, counts = make_large_demo(Path(folder))
            short = [
                f"{table} {counts[table]:,} < {least:,}"
                for table, least in LARGE_DEMO_MINIMUMS.items()
                if counts[table] < least
            ]
            rows.append(
                (
                    "demo",
                    Result(
                        "large demo made (verbindtafel demo --size large)",
                        took,
                        None,
                        "",
                        limit=LARGE_DEMO_SECONDS,
                        note=", ".join(f"{counts[table]:,} {table}" for table in counts),
                        unmet="too small: " + ", ".join(short) if short else "",
                    ),
                )
            )
        for benchmark in chosen:
            if benchmark.name == "bundle_startup" and not BUNDLE.exists():
                skipped[benchmark.name] = (
                    "no bundle in dist/ (uv run --group build python packaging/build.py)"
                )
                print(f"{benchmark.name}: skipped, {skipped[benchmark.name]}", flush=True)
                continue
            rounds = []
            for number in range(1, arguments.rounds + 1):
                print(f"{benchmark.name}: round {number} of {arguments.rounds}…", flush=True)
                try:
                    rounds.append(run_once(benchmark, database, arguments.verbose))
                except RuntimeError as failure:
                    problems[benchmark.name] = str(failure)
                    print(failure, flush=True)
                    break
            if len(rounds) == arguments.rounds:
                rows += [(benchmark.name, result) for result in median_of_rounds(rounds)]
    print()
    print_table(rows)
    minutes = (time.perf_counter() - started) / 60
    print(f"\n{machine()}; {arguments.rounds} round(s), medians; {minutes:.1f} minutes")
    for name, problem in problems.items():
        print(f"{name}: {problem.splitlines()[0]}")
    for name, reason in skipped.items():
        print(f"{name}: skipped, {reason}")
    summary = RESULTS_DIR / "summary.json"
    summary.write_text(
        json.dumps(
            {
                "machine": machine(),
                "date": dt.date.today().isoformat(),
                "rounds": arguments.rounds,
                "minutes": round(minutes, 1),
                "results": [{"benchmark": name, **result.as_json()} for name, result in rows],
                "failed": problems,
                "skipped": skipped,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written to {summary}")
    missed = [result for _name, result in rows if result.passed is False]
    return 1 if missed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
