"""Mixmoments and the mixing board's data, through the services (no Qt)."""

import datetime as dt
import random
import threading
import time
from itertools import combinations

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from tests.conftest import DEMO_TODAY
from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    MembershipRole,
    MixingRuleKind,
    Phase,
    SessionStatus,
)
from verbindtafel_desktop.domain.models import (
    Attendance,
    Invitation,
    Membership,
    MixedSession,
    MixedTable,
    Seating,
    Session,
)
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import ServiceError, ValidationFailed
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.mix_process import MIX_PROCESS, mix_in_process
from verbindtafel_desktop.services.mixed_seating import (
    Candidate,
    MixedSeating,
    PairRule,
    Refused,
    TableSpec,
    Who,
    add_clique,
    advice,
)
from verbindtafel_desktop.services.mixmoments import SessionChoice
from verbindtafel_desktop.services.progress import Cancelled, Progress
from verbindtafel_desktop.services.registry import Services


def small_cohort(services: Services, tables: int = 3, members: int = 4) -> tuple[int, list[int]]:
    """A cohort with `tables` tables of one facilitator and `members` participants each."""
    location = services.locations.save({"name": "Buurthuis Het Anker"})
    cohort = services.cohorts.save(
        {"name": "Najaar", "location_id": location, "start_date": dt.date(2026, 9, 1)}
    )
    table_ids = []
    for t in range(tables):
        table = services.tables.save({"name": f"Tafel {'ABCDEFG'[t]}", "cohort_id": cohort})
        table_ids.append(table)
        leader = services.people.save({"first_name": f"Begeleider{t}", "last_name": "Smit"})
        services.memberships.add(table, leader, MembershipRole.FACILITATOR)
        for m in range(members):
            person = services.people.save({"first_name": f"Deelnemer{t}{m}", "last_name": "Bos"})
            services.memberships.add(table, person)
    return cohort, table_ids


def new_mixmoment(services: Services, cohort: int, tables: list[int], day: dt.date) -> int:
    return services.mixmoments.save(
        {
            "cohort_id": cohort,
            "date": day,
            "start_time": dt.time(14),
            "title": "Mixmoment najaar",
            "links": {t: SessionChoice(new_number=4) for t in tables},
        }
    )


def test_a_mixmoment_links_one_session_per_table(services: Services, db: Database) -> None:
    cohort, tables = small_cohort(services)
    day = dt.date(2026, 10, 6)
    ms = new_mixmoment(services, cohort, tables, day)
    with db.session() as session:
        linked = session.exec(select(Session).where(col(Session.mixed_session_id) == ms)).all()
        assert sorted(s.table_id for s in linked) == sorted(tables)
        assert {(s.number, s.date, s.start_time) for s in linked} == {(4, day, dt.time(14))}
    assert services.mixmoments.links(ms) == {
        s.table_id: SessionChoice(session_id=s.id) for s in linked
    }

    # A second mixmoment cannot take the same session; it gets session 5 instead.
    session_4 = services.mixmoments.links(ms)[tables[0]]
    with pytest.raises(ValidationFailed) as refused:
        services.mixmoments.save(
            {
                "cohort_id": cohort,
                "date": day,
                "links": {tables[0]: session_4, tables[1]: SessionChoice(new_number=5)},
            }
        )
    assert "hoort al bij mixmoment 'Mixmoment najaar'" in refused.value.errors["links"]
    option = next(o for o in services.mixmoments.table_options(cohort) if o.table_id == tables[0])
    assert option.suggestion(day, None) == SessionChoice(new_number=5)
    assert option.suggestion(day, ms) == session_4

    # Taking a table out unlinks its session; the list shows the remaining tables.
    values = services.mixmoments.form_values(ms)
    values["links"] = {t: c for t, c in values["links"].items() if t != tables[2]}
    services.mixmoments.save(values, ms)
    assert set(services.mixmoments.links(ms)) == set(tables[:2])
    with db.session() as session:
        assert (
            session.exec(select(Session).where(col(Session.table_id) == tables[2]))
            .one()
            .mixed_session_id
            is None
        )
    row = services.mixmoments.rows([ms])[ms]
    assert row["tables"].split(", ") == ["Tafel A", "Tafel B"]
    assert row["name"] == "Mixmoment najaar"


def test_mixmoment_form_errors(services: Services) -> None:
    cohort, tables = small_cohort(services, tables=2)
    with pytest.raises(ValidationFailed) as refused:
        services.mixmoments.save({"cohort_id": None, "date": None, "links": {}})
    assert set(refused.value.errors) == {"cohort_id", "date"}
    with pytest.raises(ValidationFailed) as refused:
        services.mixmoments.save(
            {
                "cohort_id": cohort,
                "date": dt.date(2026, 10, 6),
                "links": {tables[0]: SessionChoice(new_number=4)},
            }
        )
    assert refused.value.errors == {"links": "Kies minstens twee tafels die samenkomen."}
    assert services.mixmoments.list_ids(ListQuery()) == []


def test_the_board_collects_members_facilitators_and_guests(demo_db: Database) -> None:
    services = Services.for_database(demo_db)
    ms = services.mixmoments.options()[0][0]
    data = services.mixing_board.load(ms)
    with demo_db.session() as session:
        linked = session.exec(select(Session).where(col(Session.mixed_session_id) == ms)).all()
        session_ids = [s.id for s in linked]
        members = session.exec(
            select(Membership).where(col(Membership.table_id).in_([s.table_id for s in linked]))
        ).all()
        guests = session.exec(
            select(Invitation).where(col(Invitation.session_id).in_(session_ids))
        ).all()
        recorded = {
            a.person_id: a.status
            for a in session.exec(
                select(Attendance).where(col(Attendance.session_id).in_(session_ids))
            ).all()
        }
    by_id = {c.person_id: c for c in data.candidates}
    assert guests, "the demo has guests at session 4"
    for invitation in guests:
        guest = by_id[invitation.invitee_id]
        assert guest.role == AttendanceRole.GUEST
        assert guest.host_id == invitation.inviter_id
        assert guest.home_table_id == by_id[invitation.inviter_id].home_table_id
    facilitators = {m.person_id for m in members if m.role == MembershipRole.FACILITATOR}
    assert {p for p, c in by_id.items() if c.role == AttendanceRole.FACILITATOR} == facilitators
    assert {p: c.recorded for p, c in by_id.items() if c.recorded} == recorded
    plan = data.plan()
    assert plan.present == {p for p, s in recorded.items() if s == AttendanceStatus.PRESENT}
    # The demo's saved seating is the board's seating.
    with demo_db.session() as session:
        seated = session.exec(select(Seating).where(col(Seating.mixed_session_id) == ms)).all()
    assert {s.person_id for s in seated} == set(plan.seats)

    # Home-table members know each other; guests know nobody at the mixmoment itself.
    for a, b in combinations(
        sorted(
            p
            for p, c in by_id.items()
            if c.role != AttendanceRole.GUEST
            and c.home_table_id == data.candidates[0].home_table_id
        ),
        2,
    ):
        assert plan.knows(a, b)
    assert not plan.knows(guests[0].invitee_id, guests[0].inviter_id)


def test_saved_seatings_are_history_for_later_mixmoments(demo_db: Database) -> None:
    services = Services.for_database(demo_db)
    first = services.mixmoments.options()[0][0]
    cohort = services.mixmoments.cohort_of(first)
    tables = list(services.mixmoments.links(first))
    later = services.mixmoments.save(
        {
            "cohort_id": cohort,
            "date": services.mixmoments.get(first).date + dt.timedelta(days=7),
            "links": {
                option.table_id: SessionChoice(
                    session_id=next(s.session_id for s in option.sessions if s.number == 5)
                )
                for option in services.mixmoments.table_options(cohort)
                if option.table_id in tables
            },
        }
    )
    earlier = services.mixing_board.load(first).plan()
    history = services.mixing_board.load(later).history
    guests = [
        p
        for p, c in earlier.candidates.items()
        if c.role == AttendanceRole.GUEST and p in earlier.seats
    ]
    guest = guests[0]
    table_mates = [p for p in earlier.at_table(earlier.seats[guest]) if p != guest]
    for mate in table_mates:
        assert history.get((min(guest, mate), max(guest, mate)), 0) >= 1
    # Before: the guest had met only the people of the home session they visited.
    before = services.mixing_board.load(first).history
    assert any(before.get((min(guest, m), max(guest, m)), 0) == 0 for m in table_mates)


def test_save_and_reload_keeps_tables_locks_pins_and_records_attendance(
    demo_db: Database,
) -> None:
    services = Services.for_database(demo_db)
    services.mixing_board.today = lambda: DEMO_TODAY
    ms = services.mixmoments.options()[0][0]
    plan = services.mixing_board.load(ms).plan()
    excused = next(p for p, c in plan.candidates.items() if c.recorded == AttendanceStatus.EXCUSED)
    leaving = next(
        p
        for p in sorted(plan.present)
        if plan.candidates[p].role == AttendanceRole.MEMBER
        and not any(c.host_id == p for c in plan.candidates.values())
    )
    plan.set_present(leaving, False)
    plan.set_table_count(len(plan.tables) + 1, 5)
    plan.set_table(0, label="Bij het raam", capacity=7)
    result = plan.mix_request().run(time_limit=2, seed=3)
    plan.apply(result)
    locked = plan.at_table(1)[0]
    pinned = plan.at_table(2)[-1]
    plan.set_locked(locked, True)
    plan.pin(pinned, 0)
    plan.set_table_locked(3, True)

    saved = services.mixing_board.save(ms, plan)
    assert not saved.before_the_day and saved.attendance_written >= 1

    again = services.mixing_board.load(ms).plan()
    assert again.seats == plan.seats
    assert again.tables == plan.tables
    assert again.tables[0] == TableSpec(7, "Bij het raam", False)
    assert again.locked == {locked} and again.pinned == {pinned}
    assert again.present == plan.present
    with demo_db.session() as session:
        status = {
            (a.person_id): a.status
            for a in session.exec(
                select(Attendance)
                .join(Session, col(Session.id) == col(Attendance.session_id))
                .where(col(Session.mixed_session_id) == ms)
            ).all()
        }
        assert session.exec(
            select(sa.func.count())
            .select_from(MixedTable)
            .where(col(MixedTable.mixed_session_id) == ms)
        ).one() == len(plan.tables)
    assert status[leaving] == AttendanceStatus.ABSENT
    assert status[excused] == AttendanceStatus.EXCUSED  # an excused absence stays excused
    assert all(status[p] == AttendanceStatus.PRESENT for p in plan.present)


def test_attendance_waits_for_the_day(services: Services, db: Database) -> None:
    cohort, tables = small_cohort(services, tables=2, members=3)
    services.mixing_board.today = lambda: dt.date(2026, 10, 1)
    ms = new_mixmoment(services, cohort, tables, dt.date(2026, 10, 6))
    data = services.mixing_board.load(ms)
    plan = data.plan()
    assert len(plan.present) == 8 and not plan.seats  # everyone expected, nobody seated yet
    assert len(plan.tables) == 2  # 8 people at the location's default of 6 seats
    plan.set_present(next(iter(plan.present)), False)
    plan.apply(plan.mix_request().run(time_limit=1, seed=1))
    result = services.mixing_board.save(ms, plan)
    assert result.before_the_day and result.attendance_written == 0
    with db.session() as session:
        assert session.exec(select(Attendance)).all() == []
    # Without recorded attendance the saved seating tells who takes part.
    assert services.mixing_board.load(ms).plan().present == plan.present

    services.mixing_board.today = lambda: dt.date(2026, 10, 6)
    result = services.mixing_board.save(ms, plan)
    assert result.attendance_written == 8
    with db.session() as session:
        statuses = sorted(a.status for a in session.exec(select(Attendance)).all())
    assert statuses.count(AttendanceStatus.PRESENT) == 7
    assert statuses.count(AttendanceStatus.ABSENT) == 1


def people(n: int, tables: int) -> tuple[dict[int, Candidate], dict[tuple[int, int], int]]:
    candidates = {}
    history: dict[tuple[int, int], int] = {}
    for t in range(tables):
        group = list(range(t * n, (t + 1) * n))
        for p in group:
            role = AttendanceRole.FACILITATOR if p == group[0] else AttendanceRole.MEMBER
            candidates[p] = Candidate(p, f"P{p}", role, t, f"Thuis {t}", None)
        add_clique(history, group)
    return candidates, history


def test_locked_people_and_tables_stay_when_mixing_again() -> None:
    candidates, history = people(5, 4)
    plan = MixedSeating(
        candidates, [TableSpec(5) for _ in range(4)], history, present=set(candidates)
    )
    plan.apply(plan.mix_request().run(time_limit=1, seed=1))
    kept_table = plan.at_table(2)
    plan.set_table_locked(2, True)
    loner = plan.at_table(0)[1]
    plan.set_locked(loner, True)
    with pytest.raises(Refused, match="vastgezet"):
        plan.move(loner, 1)
    with pytest.raises(Refused, match="staat vast"):
        plan.move(kept_table[0], 0)
    with pytest.raises(Refused, match="staat vast"):
        plan.swap(plan.at_table(1)[0], kept_table[0])
    for seed in range(3):
        plan.apply(plan.mix_request().run(time_limit=1, seed=seed))
        assert plan.at_table(2) == kept_table
        assert plan.seats[loner] == 0
        assert plan.evaluation().ok


def test_moves_swaps_and_broken_rules_with_their_reason() -> None:
    candidates, history = people(3, 2)
    plan = MixedSeating(
        candidates,
        [TableSpec(3), TableSpec(3)],
        history,
        rules=[PairRule(MixingRuleKind.APART, 1, 4, "buren met ruzie", 9)],
        present=set(candidates),
    )
    plan.seats = {0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    assert plan.evaluation().repeats == 6
    before = plan.snapshot()
    plan.swap(2, 4)
    assert plan.seats[2] == 1 and plan.seats[4] == 0
    problems = plan.problems()
    assert [p.kind for p in problems] == ["uit_elkaar"]
    assert problems[0].reason.endswith("Reden: buren met ruzie.")
    assert "P4" in problems[0].reason and "P1" in problems[0].reason
    plan.move(0, 1)  # four at a table of three: allowed, shown as broken
    # Both facilitators (0 and 3) now sit at table 2: not spread either.
    assert {p.kind for p in plan.problems()} == {"uit_elkaar", "capaciteit", "verspreiden"}
    assert plan.known_at_table(0) == [2]
    plan.set_present(3, False)
    assert 3 not in plan.seats
    plan.move(5, None)
    assert [p.kind for p in plan.problems() if p.kind == "plaatsing"] == ["plaatsing"]
    plan.restore(before)
    assert plan.seats == {0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1} and plan.present == set(candidates)


def test_advice_names_what_would_help() -> None:
    # Three home tables of four at two mixed tables: some of each home table must meet again.
    candidates, history = people(4, 3)
    plan = MixedSeating(candidates, [TableSpec(6), TableSpec(6)], history, present=set(candidates))
    bound = plan.lower_bound()
    assert bound is not None and bound > 0
    lines = advice(plan, 6)
    assert lines[0] == f"Met deze aantallen zijn minstens {bound} herhalingen onvermijdelijk."
    assert "Thuis 0 heeft 4 mensen en er zijn maar 2 tafels" in lines[1]
    assert lines[2].startswith("Met 1 tafel meer") or lines[2].startswith("Met 2 tafels meer")
    plan.apply(plan.mix_request().run(time_limit=1, seed=1))
    assert plan.evaluation().repeats == bound  # the engine reaches the bound here

    plan.set_table_count(4, 3)
    plan.set_all_capacities(3)
    assert advice(plan, 3) == ["Met deze aantallen kan iedereen alleen nieuwe mensen treffen."]
    plan.set_all_capacities(2)
    assert advice(plan, 2)[0].startswith("Er zijn 12 mensen maar 8 plaatsen")


def test_rules_are_kept_per_cohort_with_a_reason(services: Services) -> None:
    cohort, _tables = small_cohort(services, tables=2, members=2)
    a, b = services.people.find("Deelnemer00")[0][0], services.people.find("Deelnemer10")[0][0]
    with pytest.raises(ValidationFailed) as refused:
        services.mixing_board.add_rule(cohort, MixingRuleKind.APART, a, a, "")
    assert set(refused.value.errors) == {"person_b_id", "reason"}
    rule = services.mixing_board.add_rule(cohort, MixingRuleKind.APART, a, b, " buren ")
    with pytest.raises(ValidationFailed, match="al de regel 'uit elkaar'"):
        services.mixing_board.add_rule(cohort, MixingRuleKind.TOGETHER, b, a, "vrienden")
    assert services.mixing_board.rules(cohort) == [
        PairRule(MixingRuleKind.APART, a, b, "buren", rule)
    ]
    services.mixing_board.remove_rule(rule)
    assert services.mixing_board.rules(cohort) == []


def test_removing_a_mixmoment_keeps_the_sessions(demo_db: Database) -> None:
    services = Services.for_database(demo_db)
    ms = services.mixmoments.options()[0][0]
    linked = list(services.mixmoments.links(ms).values())
    services.mixmoments.remove(ms)
    with demo_db.session() as session:
        assert session.get(MixedSession, ms) is None
        assert session.exec(select(Seating).where(col(Seating.mixed_session_id) == ms)).all() == []
        for choice in linked:
            kept = session.get(Session, choice.session_id)
            assert kept is not None and kept.mixed_session_id is None
            assert kept.status == SessionStatus.HELD


def test_the_engine_runs_in_a_child_process() -> None:
    candidates, history = people(4, 3)  # three home tables of four at four tables of three
    plan = MixedSeating(
        candidates, [TableSpec(3) for _ in range(4)], history, present=set(candidates)
    )
    request = plan.mix_request()
    reports: list[int] = []
    result = mix_in_process(
        request,
        time_limit=2,
        seed=5,
        progress=Progress(on_report=lambda d, _t, _x: reports.append(d)),
    )
    assert result.rounds == request.run(time_limit=2, seed=5).rounds  # same seed, same plan
    assert all(isinstance(p, Who) for table in result.rounds[0] for p in table)
    plan.apply(result)
    assert plan.evaluation().ok and result.repeats == plan.evaluation().repeats == 0

    # The same child serves the next mix; close() ends it and a later mix starts a new one.
    child = MIX_PROCESS._process
    assert child is not None and child.is_alive()
    again = mix_in_process(request, time_limit=2, seed=5, progress=Progress())
    assert again.rounds == result.rounds and MIX_PROCESS._process is child
    MIX_PROCESS.close()
    assert not child.is_alive()

    # A rule clash comes back as a known problem with the engine's Dutch message.
    plan.rules = [
        PairRule(MixingRuleKind.TOGETHER, 0, 1, "x"),
        PairRule(MixingRuleKind.APART, 0, 1, "y"),
    ]
    with pytest.raises(ServiceError, match="P0 en P1"):
        mix_in_process(plan.mix_request(), time_limit=1, seed=1, progress=Progress())


def test_cancelling_stops_the_child_soon() -> None:
    # Forty people of whom most pairs met: no plan reaches the bound, so the engine
    # would search for the whole minute.
    rng = random.Random(3)
    candidates = {p: Candidate(p, f"P{p}", AttendanceRole.MEMBER, 0, "T", None) for p in range(40)}
    history = {(a, b): 1 for a, b in combinations(range(40), 2) if rng.random() < 0.6}
    plan = MixedSeating(
        candidates, [TableSpec(5) for _ in range(8)], history, present=set(candidates)
    )
    progress = Progress()
    timer = threading.Timer(0.8, progress.cancel)
    started = time.monotonic()
    timer.start()
    with pytest.raises(Cancelled):
        mix_in_process(plan.mix_request(), time_limit=60, seed=1, progress=progress)
    assert time.monotonic() - started < 10


def test_recorded_attendance_holds_the_session_and_updates_the_call_list(
    services: Services, db: Database
) -> None:
    cohort, tables = small_cohort(services, tables=2, members=3)
    missing = services.people.find("Deelnemer01")[0][0]
    with db.session() as session:
        earlier = Session(
            table_id=tables[0], number=3, date=dt.date(2026, 9, 29), phase=Phase.PRACTISING
        )
        session.add(earlier)
        session.flush()
        earlier_id = earlier.id
    assert earlier_id is not None
    services.attendance.set_status(earlier_id, missing, AttendanceStatus.ABSENT)
    assert services.follow_ups.of_person(missing) == []  # one absence is no reason to call

    day = dt.date(2026, 10, 6)
    services.mixing_board.today = lambda: day
    ms = new_mixmoment(services, cohort, tables, day)
    plan = services.mixing_board.load(ms).plan()
    plan.set_present(missing, False)
    plan.apply(plan.mix_request().run(time_limit=1, seed=1))
    services.mixing_board.save(ms, plan)
    assert [row.person_id for row in services.follow_ups.of_person(missing)] == [missing]
    with db.session() as session:
        linked = session.exec(select(Session).where(col(Session.mixed_session_id) == ms)).all()
        assert {s.status for s in linked} == {SessionStatus.HELD}
