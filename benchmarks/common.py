"""What the benchmarks share: the machine they ran on, timing, the large demo, results.

Every benchmark prints the app's time next to a baseline measured in the same run, so a
result still says something on a shared, noisy machine; the ratio is what is judged.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
DEMO_TODAY = dt.date(2026, 11, 25)


def cpu_model() -> str:
    """The processor's model name as `lscpu` gives it (or what the platform module knows)."""
    if shutil.which("lscpu"):
        listing = subprocess.run(
            ["lscpu"], capture_output=True, text=True, check=False, env={"LC_ALL": "C"}
        ).stdout
        for line in listing.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def machine() -> str:
    return (
        f"{cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}"
    )


def seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def median_pair(
    repeats: int, app: Callable[[], object], baseline: Callable[[], object]
) -> tuple[float, float]:
    """Median time of each, run in turns so both meet the same load on a shared machine."""
    app_times, baseline_times = [], []
    for _ in range(repeats):
        app_times.append(seconds(app))
        baseline_times.append(seconds(baseline))
    return statistics.median(app_times), statistics.median(baseline_times)


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The fastest of `repeats` runs: for steps whose slower runs only show the machine's load."""
    return min(seconds(work) for _ in range(repeats))


@dataclass
class Result:
    """One line of a benchmark: the app's figure, the baseline's, and the target on their
    ratio (or, where `limit` is set, on the app's figure itself). Figures are seconds
    unless `unit` says otherwise."""

    name: str
    app: float
    baseline: float | None  # None: nothing to compare with (a limit is the target)
    baseline_is: str  # what the baseline does
    target_ratio: float | None = None
    limit: float | None = None
    unit: str = "s"
    note: str = ""
    unmet: str = ""  # a requirement beside the figures that was not met
    # For targets that are not about the ratio or a limit (the mixing engine's repeats):
    target_text: str = ""
    met: bool | None = None

    @property
    def ratio(self) -> float | None:
        return self.app / self.baseline if self.baseline else None

    @property
    def passed(self) -> bool | None:
        if self.unmet:
            return False
        if self.target_text:
            return self.met
        if self.limit is not None:
            return self.app < self.limit
        if self.target_ratio is not None and self.ratio is not None:
            return self.ratio <= self.target_ratio
        return None

    @property
    def target(self) -> str:
        if self.target_text:
            return self.target_text
        if self.limit is not None:
            return f"< {self.limit:g} {self.unit}"
        if self.target_ratio is not None:
            return f"<= {self.target_ratio:g}x"
        return "-"

    def shown(self, value: float | None) -> str:
        if value is None:
            return "-"
        if self.unit == "s":
            return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.1f} s"
        return f"{value:.3g} {self.unit}"

    def shown_ratio(self) -> str:
        return "-" if self.ratio is None else f"{self.ratio:.2f}"

    def as_json(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "app": round(self.app, 4),
            "baseline": None if self.baseline is None else round(self.baseline, 4),
            "ratio": None if self.ratio is None else round(self.ratio, 2),
            "target": self.target,
            "passed": self.passed,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        names = {field.name for field in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


def verdict(passed: bool | None) -> str:
    return {True: "ok", False: "MISSED", None: "-"}[passed]


def print_results(results: list[Result]) -> None:
    for result in results:
        print(
            f"{result.name:48} app {result.shown(result.app):>10}   "
            f"baseline {result.shown(result.baseline):>10}   ratio {result.shown_ratio():>6}   "
            f"target {result.target:9} {verdict(result.passed)}"
            + (f"   ({result.note})" if result.note else "")
            + (f"   NOT MET: {result.unmet}" if result.unmet else ""),
            flush=True,
        )


def write_results(name: str, results: list[Result], **extra: Any) -> Path:
    path = RESULTS_DIR / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": machine(),
        "date": dt.date.today().isoformat(),
        **extra,
        "results": [result.as_json() for result in results],
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {path}")
    return path


def large_demo(folder: Path) -> Path:
    """A fresh `verbindtafel demo --size large` in `folder`."""
    return make_large_demo(folder)[0]


def make_large_demo(folder: Path) -> tuple[Path, float, dict[str, int]]:
    """A fresh large demo in `folder`, the seconds it took, and what it holds."""
    from verbindtafel_desktop.demo import create_demo_database

    path = folder / "large.sqlite"
    print("Making the large demo database…", flush=True)
    started = time.perf_counter()
    create_demo_database(path, size="large", today=DEMO_TODAY)
    took = time.perf_counter() - started
    with sqlite3.connect(path) as connection:
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in LARGE_DEMO_MINIMUMS
        }
    connection.close()
    return path, took, counts


# What the issue asks of the large demo (issue 12), at least.
LARGE_DEMO_MINIMUMS = {
    "people": 10_000,
    "tables": 1_500,
    "cohorts": 300,
    "locations": 20,
    "sessions": 7_500,
    "attendance": 50_000,
    "invitations": 5_000,
    "measurements": 3_000,
}
LARGE_DEMO_SECONDS = 60
