"""The completion and follow-up rules as pure functions, with their edge cases."""

from hypothesis import given
from hypothesis import strategies as st

from verbindtafel_desktop.domain.attendance_rules import (
    AttendanceRules,
    Mark,
    completion,
    follow_up_triggers,
)
from verbindtafel_desktop.domain.enums import AttendanceStatus, SessionStatus

HELD, PLANNED, CANCELLED = SessionStatus.HELD, SessionStatus.PLANNED, SessionStatus.CANCELLED
P, A, E = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED
RULES = AttendanceRules()


def held(*statuses: AttendanceStatus | None) -> list[Mark]:
    return [Mark(HELD, status) for status in statuses]


def test_default_rules_are_four_of_five_and_two_in_a_row() -> None:
    assert (RULES.completion_minimum, RULES.follow_up_after) == (4, 2)
    assert not RULES.excused_counts_as_absence
    assert RULES.problems() == {}
    assert set(AttendanceRules(completion_minimum=6, follow_up_after=0).problems()) == {
        "completion_minimum",
        "follow_up_after",
    }


def test_four_of_five_completes_three_does_not() -> None:
    assert completion(held(P, P, A, P, P), RULES).completed
    result = completion(held(P, A, P, E, P), RULES)
    assert (result.attended, result.required, result.completed) == (3, 4, False)


def test_excused_is_not_attended() -> None:
    """Afgemeld is no absence for the call list, but also no attendance."""
    assert not completion(held(P, P, P, E, E), RULES).completed


def test_a_cancelled_session_lowers_the_bar() -> None:
    marks = [*held(P, P, A), Mark(CANCELLED, None), *held(P)]
    result = completion(marks, RULES)
    assert (result.attended, result.required, result.completed) == (3, 3, True)
    strict = AttendanceRules(cancelled_lowers_minimum=False)
    assert not completion(marks, strict).completed


def test_present_at_a_cancelled_session_does_not_count() -> None:
    marks = [Mark(CANCELLED, P), *held(P, P, A, A)]
    assert completion(marks, RULES).attended == 2


def test_still_possible_while_sessions_are_planned() -> None:
    marks = [*held(P, A, P), Mark(PLANNED, None), Mark(PLANNED, None)]
    result = completion(marks, RULES)
    assert not result.completed and result.still_possible
    marks = [*held(A, A, P), Mark(PLANNED, None), Mark(PLANNED, None)]
    assert not completion(marks, RULES).still_possible


def test_two_absences_in_a_row_trigger_once() -> None:
    assert follow_up_triggers(held(P, A, A, A, P), RULES) == [2]
    assert follow_up_triggers(held(A, P, A, P, A), RULES) == []


def test_a_new_run_triggers_again() -> None:
    assert follow_up_triggers(held(A, A, P, A, A), RULES) == [1, 4]


def test_excused_breaks_the_run_unless_it_counts() -> None:
    marks = held(A, E, A, P, P)
    assert follow_up_triggers(marks, RULES) == []
    assert follow_up_triggers(marks, AttendanceRules(excused_counts_as_absence=True)) == [1]
    assert follow_up_triggers(held(E, E, P), RULES) == []


def test_cancelled_sessions_are_no_absence_and_do_not_break_the_run() -> None:
    marks = [Mark(HELD, A), Mark(CANCELLED, None), Mark(HELD, A)]
    assert follow_up_triggers(marks, RULES) == [2]
    only_cancelled = [Mark(CANCELLED, None), Mark(CANCELLED, A), Mark(HELD, P)]
    assert follow_up_triggers(only_cancelled, RULES) == []


def test_unrecorded_sessions_are_skipped() -> None:
    assert follow_up_triggers(held(A, None, A), RULES) == [2]


def test_three_in_a_row_rule() -> None:
    rules = AttendanceRules(follow_up_after=3)
    assert follow_up_triggers(held(A, A, P, A, A), rules) == []
    assert follow_up_triggers(held(P, A, A, A, P), rules) == [3]


statuses = st.sampled_from([P, A, E, None])
marks_strategy = st.lists(
    st.builds(Mark, st.sampled_from([HELD, PLANNED, CANCELLED]), statuses), max_size=5
)


@given(marks_strategy)
def test_completion_never_counts_more_than_present_marks(marks: list[Mark]) -> None:
    result = completion(marks, RULES)
    assert result.attended <= sum(mark.attendance == P for mark in marks)
    assert result.completed == (result.attended >= result.required)
    assert not result.completed or result.still_possible


@given(marks_strategy)
def test_every_trigger_is_a_missed_held_session(marks: list[Mark]) -> None:
    for position in follow_up_triggers(marks, RULES):
        assert marks[position].attendance == A
        assert marks[position].session_status != CANCELLED
