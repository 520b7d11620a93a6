"""Recording attendance, the follow-up list and walk-in guests, through the services."""

import datetime as dt

import pytest
import sqlalchemy as sa

from verbindtafel_desktop.domain.attendance_rules import AttendanceRules
from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    MembershipRole,
    MembershipStatus,
    ReferralRoute,
    SessionStatus,
)
from verbindtafel_desktop.services.errors import NotFound, ServiceError, ValidationFailed
from verbindtafel_desktop.services.registry import Services

P, A, E = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED


def planned_table(services: Services, members: int = 3) -> tuple[int, list[int], list[int], int]:
    """A table with a facilitator, `members` participants and 5 planned sessions."""
    location = services.locations.save({"name": "Buurthuis De Klimop"})
    cohort = services.cohorts.save(
        {"name": "Voorjaar 2027", "location_id": location, "start_date": dt.date(2027, 3, 1)}
    )
    table = services.tables.save(
        {"name": "Tafel Zonnebloem", "cohort_id": cohort, "meeting_weekday": 1}
    )
    people = []
    for number, name in enumerate(["Ayşe", "Piet", "Fatima", "Joao", "Mila"][:members]):
        person = services.people.save(
            {"first_name": name, "last_name": "Jansen", "phone": f"06-1234567{number}"}
        )
        services.memberships.add(table, person, start_date=dt.date(2027, 3, 1))
        people.append(person)
    facilitator = services.people.save({"first_name": "Bea", "last_name": "Begeleider"})
    services.memberships.add(table, facilitator, MembershipRole.FACILITATOR)
    proposal = services.planning.propose(table, dt.date(2027, 3, 2))
    sessions = services.planning.plan(table, {p.number: p.date for p in proposal.sessions})
    return table, people, sessions, facilitator


def count(services: Services, sql: str, **params: object) -> int:
    with services.db.engine.connect() as connection:
        return int(connection.execute(sa.text(sql), params).scalar_one())


def test_grid_rows_and_recording(services: Services) -> None:
    table, people, sessions, facilitator = planned_table(services)
    grid = services.attendance.grid(table)
    assert [s.number for s in grid.sessions] == [1, 2, 3, 4, 5]
    assert grid.people[0].person_id == facilitator
    assert grid.people[0].role == AttendanceRole.FACILITATOR
    assert [p.name for p in grid.people[1:]] == ["Ayşe Jansen", "Fatima Jansen", "Piet Jansen"]

    status = services.attendance.set_status(sessions[0], people[0], P)
    assert status == SessionStatus.HELD  # recording who came means the session happened
    services.attendance.set_status(sessions[1], people[0], E)
    assert services.sessions.info(sessions[1]).status == SessionStatus.PLANNED
    grid = services.attendance.grid(table)
    assert grid.status(people[0], sessions[0]) == P
    assert grid.status(people[0], sessions[1]) == E
    assert (
        count(
            services,
            "SELECT count(*) FROM attendance WHERE person_id = :p AND role = 'member'",
            p=people[0],
        )
        == 2
    )
    services.attendance.set_status(sessions[1], people[0], None)
    assert services.attendance.grid(table).status(people[0], sessions[1]) is None


def test_grid_dates_statuses_and_double_roles(services: Services) -> None:
    table, people, sessions, facilitator = planned_table(services, members=2)
    services.sessions.cancel(sessions[4], "Storm")
    # Who both facilitates and takes part is a participant in the grid, once.
    services.memberships.add(table, facilitator)
    empty = services.tables.save({"name": "Tafel Leeg", "cohort_id": _cohort_of(services, table)})

    grid = services.attendance.grid(table)
    assert grid.sessions[0].date == dt.date(2027, 3, 2)
    assert all(isinstance(s.date, dt.date) for s in grid.sessions)
    assert grid.sessions[4].status == SessionStatus.CANCELLED
    roles = {p.person_id: p.role for p in grid.people}
    assert roles == {
        facilitator: AttendanceRole.MEMBER,
        people[0]: AttendanceRole.MEMBER,
        people[1]: AttendanceRole.MEMBER,
    }
    assert [p.membership_status for p in grid.people] == [MembershipStatus.REGISTERED] * 3
    assert [p.phone for p in grid.people if p.person_id == people[1]] == ["06-12345671"]

    assert services.attendance.grid(empty).people == []
    assert services.attendance.grid(empty).sessions == []
    with pytest.raises(NotFound):
        services.attendance.grid(max(table, empty) + 1)


def _cohort_of(services: Services, table: int) -> int:
    return count(services, "SELECT cohort_id FROM tables WHERE id = :t", t=table)


def test_a_cancelled_session_takes_no_attendance(services: Services) -> None:
    _table, people, sessions, _ = planned_table(services)
    services.sessions.cancel(sessions[2], "Storm")
    with pytest.raises(ServiceError, match="geannuleerd"):
        services.attendance.set_status(sessions[2], people[0], P)
    services.attendance.set_status(sessions[3], people[0], P)
    with pytest.raises(ServiceError, match="aanwezigheid"):
        services.sessions.cancel(sessions[3], "Toch niet")


def test_two_absences_in_a_row_put_someone_on_the_call_list_until_called(
    services: Services,
) -> None:
    _table, people, sessions, _ = planned_table(services)
    anna, piet, _fatima = people
    services.attendance.set_status(sessions[0], anna, A)
    assert services.follow_ups.open_items() == []
    services.attendance.set_status(sessions[1], anna, A)
    services.attendance.set_status(sessions[0], piet, A)
    services.attendance.set_status(sessions[1], piet, E)  # afgemeld: no absence
    open_items = services.follow_ups.open_items()
    assert [(item.person_id, item.session_number) for item in open_items] == [(anna, 2)]
    assert open_items[0].phone == "06-12345670"
    assert open_items[0].table == "Tafel Zonnebloem"

    # A third absence is the same run: no second call.
    services.attendance.set_status(sessions[2], anna, A)
    assert len(services.follow_ups.open_items()) == 1

    with pytest.raises(ValidationFailed):
        services.follow_ups.mark_done(open_items[0].follow_up_id, " ")
    services.follow_ups.mark_done(open_items[0].follow_up_id, "Was ziek, komt weer.")
    assert services.follow_ups.open_items() == []
    history = services.follow_ups.of_person(anna)
    assert history[0].note == "Was ziek, komt weer." and history[0].done_at is not None
    # Correcting the absence later does not erase a call that was made.
    services.attendance.set_status(sessions[1], anna, P)
    assert len(services.follow_ups.of_person(anna)) == 1


def test_a_corrected_absence_takes_the_open_call_off_the_list(services: Services) -> None:
    _table, people, sessions, _ = planned_table(services)
    services.attendance.set_status(sessions[0], people[0], A)
    services.attendance.set_status(sessions[1], people[0], A)
    assert len(services.follow_ups.open_items()) == 1
    services.attendance.set_status(sessions[1], people[0], E)
    assert services.follow_ups.open_items() == []


def test_a_cancelled_session_between_two_absences_still_counts_as_in_a_row(
    services: Services,
) -> None:
    _table, people, sessions, _ = planned_table(services)
    services.attendance.set_status(sessions[0], people[0], A)
    services.sessions.cancel(sessions[1], "Ziekte begeleider")
    services.attendance.set_status(sessions[2], people[0], A)
    assert [item.session_number for item in services.follow_ups.open_items()] == [3]


def test_changed_rules_apply_to_the_list(services: Services) -> None:
    _table, people, sessions, _ = planned_table(services)
    services.attendance.set_status(sessions[0], people[0], A)
    services.attendance.set_status(sessions[1], people[0], E)
    assert services.follow_ups.open_items() == []
    services.settings.save_rules(AttendanceRules(excused_counts_as_absence=True))
    assert services.follow_ups.sync() == 1
    services.settings.save_rules(AttendanceRules(follow_up_after=3))
    assert services.follow_ups.sync() == 0
    assert services.settings.rules().follow_up_after == 3
    with pytest.raises(ValidationFailed) as refused:
        services.settings.save_rules(AttendanceRules(completion_minimum=0))
    assert "completion_minimum" in refused.value.errors


def test_rules_fall_back_to_defaults_for_unreadable_values(services: Services) -> None:
    services.settings.set_many({"rules.completion_minimum": "veel", "rules.follow_up_after": 9})
    assert services.settings.rules() == AttendanceRules()


def test_take_attendance_now_and_finish(services: Services) -> None:
    table, _people, sessions, facilitator = planned_table(services)
    services.memberships.update(
        services.memberships.members(table)[-1].membership_id,
        status=MembershipStatus.DROPPED_OUT,
        start_date=None,
        end_date=None,
    )
    roster = services.attendance.roster(sessions[0])
    assert facilitator in [row.person_id for row in roster]
    assert len(roster) == 3  # the one who stopped is not expected
    services.attendance.set_status(sessions[0], roster[1].person_id, P)
    marked_absent = services.attendance.finish(sessions[0])
    assert marked_absent == 2
    statuses = {row.person_id: row.status for row in services.attendance.roster(sessions[0])}
    assert statuses[roster[1].person_id] == P
    assert statuses[facilitator] == A
    assert services.sessions.info(sessions[0]).status == SessionStatus.HELD


def test_walk_in_guest_creates_person_invitation_and_attendance_together(
    services: Services,
) -> None:
    table, people, sessions, _ = planned_table(services)
    guest = services.attendance.add_guest(
        sessions[3],
        people[0],
        new_person={"first_name": "Gül", "last_name": "Demir", "phone": "0612345699"},
    )
    assert services.people.display_name(guest) == "Gül Demir"
    assert count(services, "SELECT count(*) FROM people WHERE search_text LIKE '%gul%'") == 1
    assert (
        count(
            services,
            "SELECT count(*) FROM invitations WHERE inviter_id = :i AND invitee_id = :g "
            "AND session_id = :s AND invited_on = '2027-03-23'",
            i=people[0],
            g=guest,
            s=sessions[3],
        )
        == 1
    )
    assert (
        count(
            services,
            "SELECT count(*) FROM referrals "
            "WHERE person_id = :g AND route = :r AND referrer_id = :i",
            g=guest,
            r=ReferralRoute.INVITED.value,
            i=people[0],
        )
        == 1
    )
    roster = {row.person_id: row for row in services.attendance.roster(sessions[3])}
    assert roster[guest].role == AttendanceRole.GUEST
    assert roster[guest].status == P
    assert roster[guest].invited_by == "Ayşe Jansen"
    grid = services.attendance.grid(table)
    assert grid.people[-1].person_id == guest and grid.people[-1].role == AttendanceRole.GUEST

    # The same person again, as a known guest of a later session.
    services.attendance.add_guest(sessions[4], people[1], person_id=guest)
    with pytest.raises(ValidationFailed):
        services.attendance.add_guest(sessions[4], people[1], person_id=guest)


def test_a_refused_walk_in_guest_leaves_nothing_behind(services: Services) -> None:
    _table, people, sessions, _ = planned_table(services)
    before = count(services, "SELECT count(*) FROM people")
    with pytest.raises(ValidationFailed) as refused:
        services.attendance.add_guest(
            sessions[3], None, new_person={"first_name": " ", "phone": "123"}
        )
    assert set(refused.value.errors) == {"first_name", "phone", "inviter_id"}
    services.sessions.cancel(sessions[4], "Zomerstop")
    with pytest.raises(ServiceError):
        services.attendance.add_guest(sessions[4], people[0], new_person={"first_name": "Gül"})
    assert count(services, "SELECT count(*) FROM people") == before
    assert count(services, "SELECT count(*) FROM invitations") == 0
    assert count(services, "SELECT count(*) FROM attendance") == 0


def test_closing_the_trajectory_applies_the_completion_rule(services: Services) -> None:
    table, people, sessions, _ = planned_table(services)
    with pytest.raises(ServiceError, match="nog niet klaar"):
        services.attendance.close_trajectory(table)
    services.sessions.cancel(sessions[4], "Zomerstop")
    pattern = {people[0]: [P, P, P, A], people[1]: [P, A, E, P], people[2]: [P, P, A, A]}
    for person, statuses in pattern.items():
        for session_id, status in zip(sessions, statuses, strict=False):
            services.attendance.set_status(session_id, person, status)
    completions = services.attendance.completions(table)
    assert completions[people[0]].completed  # 3 of 4 held: the cancelled one lowers the bar
    assert not completions[people[1]].completed
    assert services.attendance.close_trajectory(table) == (1, 2)
    statuses = {m.person_id: m.status for m in services.memberships.members(table)}
    assert statuses[people[0]] == MembershipStatus.COMPLETED
    assert statuses[people[1]] == MembershipStatus.DROPPED_OUT
