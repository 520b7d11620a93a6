"""The writer that tests/test_kill.py kills: a fork server (POSIX only).

Importing the app takes over a second, too long to pay 30 times; so this process imports
once, prepares the database, and then forks one writer per round on request:

    python -m tests.kill_writer DATABASE COMMIT_LOG_FOLDER
    stdin:  "go N"   -> forks writer N, prints its pid
            "reap P" -> waits for pid P, prints "signal S" (or "exit E")
            "quit"

A writer opens the database the way the app does (lock, checks, WAL, foreign keys) and
writes transactions as fast as it can, each one the kind a user action makes: a person
with a referral, a membership and attendance at every session of a table, a marker
setting, and an update of a shared counter. After each commit it appends the
transaction's number to its commit log, so the test knows what was acknowledged.
"""

import datetime as dt
import os
import sys
from pathlib import Path

from sqlmodel import col, select

from verbindtafel_desktop.domain.enums import (
    AttendanceStatus,
    MembershipRole,
    Phase,
    ReferralRoute,
)
from verbindtafel_desktop.domain.models import (
    AppSetting,
    Attendance,
    Cohort,
    Location,
    Membership,
    Person,
    Referral,
    Session,
    Table,
)
from verbindtafel_desktop.persistence.database import open_database

SESSIONS = 5
COUNTER_KEY = "kill-counter"


def prepare(path: Path) -> None:
    db = open_database(path)
    with db.session() as session:
        location = Location(name="Buurthuis De Klimop")
        session.add(location)
        session.flush()
        cohort = Cohort(name="Voorjaar", location_id=location.id, start_date=dt.date(2027, 3, 1))
        session.add(cohort)
        session.flush()
        table = Table(name="Tafel Zon", cohort_id=cohort.id, capacity=20)
        session.add(table)
        session.flush()
        for number in range(1, SESSIONS + 1):
            session.add(Session(table_id=table.id, number=number, phase=Phase.STARTING))
        session.add(AppSetting(key=COUNTER_KEY, value="0"))
    db.close()


def write_forever(path: Path, log_path: Path, round_number: int) -> None:
    db = open_database(path)
    with db.session() as session:
        table_id = session.exec(select(Table.id)).one()
        session_ids = list(session.exec(select(Session.id).order_by(col(Session.number))))
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    for step in range(1, 10**9):
        number = round_number * 100_000 + step
        with db.session() as session:
            person = Person(first_name="Kill", last_name=str(number), search_text=str(number))
            session.add(person)
            session.flush()
            session.add(Referral(person_id=person.id, route=ReferralRoute.SELF))
            session.add(
                Membership(person_id=person.id, table_id=table_id, role=MembershipRole.PARTICIPANT)
            )
            for session_id in session_ids:
                session.add(
                    Attendance(
                        session_id=session_id,
                        person_id=person.id,
                        status=AttendanceStatus.PRESENT,
                    )
                )
            session.add(AppSetting(key=f"kill-{number}", value=str(person.id)))
            counter = session.get(AppSetting, COUNTER_KEY)
            assert counter is not None
            counter.value = str(int(counter.value) + 1)
            session.add(counter)
        os.write(log, f"{number}\n".encode())


def serve(path: Path, log_folder: Path) -> None:
    prepare(path)
    print("ready", flush=True)
    while line := sys.stdin.readline():
        command, _, argument = line.strip().partition(" ")
        if command == "go":
            round_number = int(argument)
            pid = os.fork()
            if pid == 0:  # the writer; it only ever ends by being killed
                write_forever(path, log_folder / f"round-{round_number}.log", round_number)
                os._exit(3)
            print(pid, flush=True)
        elif command == "reap":
            _pid, status = os.waitpid(int(argument), 0)
            if os.WIFSIGNALED(status):
                print(f"signal {os.WTERMSIG(status)}", flush=True)
            else:
                print(f"exit {os.WEXITSTATUS(status)}", flush=True)
        elif command == "quit":
            return


if __name__ == "__main__":
    serve(Path(sys.argv[1]), Path(sys.argv[2]))
