"""Kill test: writers killed with SIGKILL at random moments never leave a damaged file or
half a transaction, and every commit they acknowledged survives."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verbindtafel_desktop.persistence.database import open_database
from verbindtafel_desktop.services.database_check import check_database

REPO = Path(__file__).resolve().parent.parent
ROUNDS = 30
SESSIONS = 5


class ForkServer:
    def __init__(self, database: Path, logs: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.kill_writer", str(database), str(logs)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.ask(None) == "ready"

    def ask(self, command: str | None) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        if command is not None:
            self.process.stdin.write(command + "\n")
            self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.ask("quit")
        self.process.wait(timeout=10)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


def acknowledged_in(log: Path) -> set[int]:
    if not log.exists():
        return set()
    # A line cut off by the kill is not an acknowledgement.
    return {int(line) for line in log.read_text().split("\n")[:-1] if line}


def wait_for_first_commit(log: Path, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not acknowledged_in(log):
        assert time.monotonic() < deadline, "the writer committed nothing"
        time.sleep(0.002)


def transactions_in(path: Path) -> set[int]:
    """The transactions in the file, after checking each is there completely."""
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        people = dict(
            connection.execute("SELECT CAST(last_name AS INTEGER), id FROM people").fetchall()
        )
        markers = dict(
            connection.execute(
                "SELECT CAST(substr(key, 6) AS INTEGER), CAST(value AS INTEGER) "
                "FROM app_settings WHERE key LIKE 'kill-%' AND key <> 'kill-counter'"
            ).fetchall()
        )
        assert markers == people  # the marker row and the person: both or neither
        for table, expected in (("referrals", 1), ("memberships", 1), ("attendance", SESSIONS)):
            counts = dict(
                connection.execute(
                    f"SELECT person_id, count(*) FROM {table} GROUP BY person_id"
                ).fetchall()
            )
            assert counts == dict.fromkeys(people.values(), expected), table
        (counter,) = connection.execute(
            "SELECT CAST(value AS INTEGER) FROM app_settings WHERE key = 'kill-counter'"
        ).fetchone()
        assert counter == len(people)  # the update committed with exactly its inserts
        return set(people)
    finally:
        connection.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() and SIGKILL (POSIX)")
def test_writers_killed_at_random_moments_lose_no_acknowledged_commit(tmp_path: Path) -> None:
    database = tmp_path / "kill.sqlite"
    logs = tmp_path / "commits"
    logs.mkdir()
    moments = random.Random(20261125)
    server = ForkServer(database, logs)
    acknowledged: set[int] = set()
    previous: set[int] = set()
    killed_while_writing = 0
    try:
        for round_number in range(1, ROUNDS + 1):
            log = logs / f"round-{round_number}.log"
            pid = int(server.ask(f"go {round_number}"))
            # Two rounds in three are killed while writing; the others at any moment from
            # the start, which includes opening the file and recovering the last kill's WAL.
            if round_number % 3:
                wait_for_first_commit(log)
            time.sleep(moments.uniform(0, 0.08))
            os.kill(pid, signal.SIGKILL)
            assert server.ask(f"reap {pid}") == f"signal {signal.SIGKILL}"

            this_round = acknowledged_in(log)
            killed_while_writing += bool(this_round)
            acknowledged |= this_round
            present = transactions_in(database)
            assert previous <= present, "a transaction of an earlier round vanished"
            assert acknowledged <= present, "an acknowledged commit was lost"
            # At most the one transaction in flight was committed without being logged.
            assert len(present - previous - this_round) <= 1
            previous = present
    finally:
        server.stop()
    assert killed_while_writing >= ROUNDS // 2
    assert len(acknowledged) >= ROUNDS

    # The app opens the file afterwards, and its own check finds nothing wrong.
    open_database(database).close()
    assert check_database(database).ok
