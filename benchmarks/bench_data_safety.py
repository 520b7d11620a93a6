"""Benchmark of the data-safety work on a city-sized database.

Run from the repository root:

    uv run python -m benchmarks.bench_data_safety            # the large demo
    uv run python -m benchmarks.bench_data_safety --size small

Makes the demo database (`--size large`: 13,000 people, 52,000 attendance records) and
times what the user waits for: the damage check on every start (quick_check), opening the
file, a verified backup, a restore, and the full database check. Each is printed next to
a baseline measured in the same run on the same file (reading the file once; a plain file
copy), with the ratio. Writes benchmarks/results/data_safety.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import DEMO_TODAY, Result, best_of, print_results, write_results
from verbindtafel_desktop.demo import create_demo_database
from verbindtafel_desktop.persistence.backups import BackupKind, BackupStore
from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.persistence.file_check import check_structure
from verbindtafel_desktop.persistence.restore import restore_backup
from verbindtafel_desktop.services.database_check import check_database


def read_file(path: Path) -> None:
    with path.open("rb") as handle:
        while handle.read(1 << 20):
            pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "large"), default="large")
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["VERBINDTAFEL_DATA_DIR"] = folder
        path = Path(folder) / "centrum.sqlite"
        started = time.perf_counter()
        counts = create_demo_database(path, size=arguments.size, today=DEMO_TODAY)
        made_in = time.perf_counter() - started
        size_mb = path.stat().st_size / 1e6
        print(
            f"demo {arguments.size}: {counts['people']} personen, {counts['attendance']} "
            f"aanwezigheden, {size_mb:.1f} MB (gemaakt in {made_in:.1f} s)"
        )
        store = BackupStore(Path(folder) / "Back-ups", "centrum")
        copy_target = Path(folder) / "kopie.sqlite"
        repeats = arguments.repeats
        read_baseline = best_of(repeats, lambda: read_file(path))
        copy_baseline = best_of(repeats, lambda: shutil.copyfile(path, copy_target))
        backups = []
        read, copy = "read file", "file copy"
        rows = [
            (
                "damage check at start (quick_check)",
                lambda: check_structure(path),
                read,
                read_baseline,
            ),
            (
                "open (lock, checks, engine)",
                lambda: open_database(path).close(),
                read,
                read_baseline,
            ),
            (
                "verified backup (backup API, reopen, quick_check, replace)",
                lambda: backups.append(store.make(path, BackupKind.MANUAL)),
                copy,
                copy_baseline,
            ),
            (
                "restore (check, safety backup, copy, replace)",
                lambda: restore_backup(backups[0].path, path, store),
                copy,
                copy_baseline,
            ),
            (
                "full check (integrity_check, references, rules)",
                lambda: check_database(path),
                read,
                read_baseline,
            ),
        ]
        results = [
            Result(f"data safety: {name}", best_of(repeats, work), baseline, baseline_name)
            for name, work, baseline_name, baseline in rows
        ]
    print_results(results)
    write_results(
        "data_safety",
        results,
        size=arguments.size,
        database_mb=round(size_mb, 1),
        people=counts["people"],
        best_of=repeats,  # each time is the fastest of this many runs
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
