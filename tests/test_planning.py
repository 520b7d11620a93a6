"""Planning the 5 sessions from the template: weekly on the table's day, around holidays."""

import datetime as dt

import pytest

from verbindtafel_desktop.domain.dutch_holidays import dutch_public_holidays, easter_sunday
from verbindtafel_desktop.domain.enums import Phase, SessionStatus
from verbindtafel_desktop.domain.planning import first_on_weekday, plan_dates
from verbindtafel_desktop.services.errors import ServiceError, ValidationFailed
from verbindtafel_desktop.services.registry import Services

TUESDAY = 1


def make_table(services: Services, weekday: int | None = TUESDAY) -> int:
    location = services.locations.save({"name": "Buurthuis De Klimop"})
    cohort = services.cohorts.save(
        {"name": "Voorjaar 2027", "location_id": location, "start_date": dt.date(2027, 3, 1)}
    )
    return services.tables.save(
        {
            "name": "Tafel Zonnebloem",
            "cohort_id": cohort,
            "meeting_weekday": weekday,
            "meeting_time": dt.time(14, 0),
        }
    )


def test_plan_dates_weekly_from_the_first_meeting_day() -> None:
    plan = plan_dates(dt.date(2027, 3, 1), TUESDAY, 5)  # a Monday
    assert plan.dates == [dt.date(2027, 3, 2) + dt.timedelta(weeks=n) for n in range(5)]
    assert plan.skipped == []
    assert first_on_weekday(dt.date(2027, 3, 2), TUESDAY) == dt.date(2027, 3, 2)
    assert first_on_weekday(dt.date(2027, 3, 2), None) == dt.date(2027, 3, 2)


def test_plan_dates_skips_a_holiday_and_shifts_the_rest() -> None:
    plan = plan_dates(dt.date(2027, 3, 2), TUESDAY, 5, {dt.date(2027, 3, 16)})
    assert plan.dates == [
        dt.date(2027, 3, 2),
        dt.date(2027, 3, 9),
        dt.date(2027, 3, 23),
        dt.date(2027, 3, 30),
        dt.date(2027, 4, 6),
    ]
    assert plan.skipped == [dt.date(2027, 3, 16)]


def test_dutch_public_holidays() -> None:
    assert easter_sunday(2027) == dt.date(2027, 3, 28)
    assert easter_sunday(2025) == dt.date(2025, 4, 20)
    days = dict(dutch_public_holidays(2027))
    assert days[dt.date(2027, 3, 29)] == "Tweede Paasdag"
    assert days[dt.date(2027, 5, 6)] == "Hemelvaartsdag"
    assert days[dt.date(2027, 5, 17)] == "Tweede Pinksterdag"
    assert days[dt.date(2027, 4, 27)] == "Koningsdag"
    # 27 April 2025 was a Sunday: Koningsdag was on Saturday the 26th.
    assert dict(dutch_public_holidays(2025))[dt.date(2025, 4, 26)] == "Koningsdag"


def test_planning_a_table_from_the_template_skips_a_marked_holiday(services: Services) -> None:
    table = make_table(services)
    services.programme.add_holiday(dt.date(2027, 3, 16), "Studiedag buurthuis")
    assert services.planning.default_start(table, today=dt.date(2027, 1, 10)) == dt.date(2027, 3, 2)
    proposal = services.planning.propose(table, dt.date(2027, 3, 1))
    dates = [planned.date for planned in proposal.sessions]
    assert dates[2] == dt.date(2027, 3, 23)
    assert proposal.skipped == [(dt.date(2027, 3, 16), "Studiedag buurthuis")]
    assert next(planned.title for planned in proposal.sessions) == "Aanschuiven en kennismaken"

    ids = services.planning.plan(table, {p.number: p.date for p in proposal.sessions})
    sessions = services.sessions.of_table(table)
    assert [s.session_id for s in sessions] == ids
    assert [s.date for s in sessions] == dates
    assert [s.phase for s in sessions] == [
        Phase.STARTING,
        Phase.PRACTISING,
        Phase.PRACTISING,
        Phase.EXPANDING,
        Phase.EXPANDING,
    ]
    assert all(s.start_time == dt.time(14, 0) for s in sessions)
    assert all(s.status == SessionStatus.PLANNED for s in sessions)
    assert dt.date(2027, 3, 16) not in dates


def test_planning_refuses_dates_out_of_order(services: Services) -> None:
    table = make_table(services)
    dates = {n: dt.date(2027, 3, 2) + dt.timedelta(weeks=n - 1) for n in range(1, 6)}
    dates[3] = dt.date(2027, 3, 8)  # before session 2
    del dates[5]
    with pytest.raises(ValidationFailed) as refused:
        services.planning.plan(table, dates)
    assert "na sessie 2" in refused.value.errors["date_3"]
    assert "date_5" in refused.value.errors
    assert services.sessions.of_table(table) == []


def test_every_date_can_be_moved_and_replanning_keeps_held_sessions(services: Services) -> None:
    table = make_table(services)
    proposal = services.planning.propose(table, dt.date(2027, 3, 2))
    ids = services.planning.plan(table, {p.number: p.date for p in proposal.sessions})
    services.sessions.move(ids[1], dt.date(2027, 3, 11), dt.time(10, 30))
    moved = services.sessions.info(ids[1])
    assert (moved.date, moved.start_time) == (dt.date(2027, 3, 11), dt.time(10, 30))
    with pytest.raises(ValidationFailed) as refused:
        services.sessions.move(ids[1], dt.date(2027, 3, 16), None)
    assert "vóór sessie 3" in refused.value.errors["date"]

    services.sessions.set_held(ids[0])
    again = services.planning.propose(table, dt.date(2027, 4, 6))
    assert again.sessions[0].fixed and again.sessions[0].date == dt.date(2027, 3, 2)
    assert [p.date for p in again.sessions[1:]] == [
        dt.date(2027, 4, 6) + dt.timedelta(weeks=n) for n in range(4)
    ]
    services.planning.plan(table, {p.number: p.date for p in again.sessions})
    sessions = services.sessions.of_table(table)
    assert [s.session_id for s in sessions] == ids  # moved, not duplicated
    assert sessions[0].status == SessionStatus.HELD
    assert sessions[1].date == dt.date(2027, 4, 6)


def test_cancel_needs_a_reason_and_a_cancelled_session_can_be_rescheduled(
    services: Services,
) -> None:
    table = make_table(services)
    proposal = services.planning.propose(table, dt.date(2027, 3, 2))
    ids = services.planning.plan(table, {p.number: p.date for p in proposal.sessions})
    with pytest.raises(ValidationFailed):
        services.sessions.cancel(ids[2], "  ")
    services.sessions.cancel(ids[2], "Buurthuis gesloten wegens lekkage")
    cancelled = services.sessions.info(ids[2])
    assert cancelled.status == SessionStatus.CANCELLED
    assert cancelled.cancel_reason == "Buurthuis gesloten wegens lekkage"
    with pytest.raises(ServiceError):
        services.sessions.move(ids[2], dt.date(2027, 3, 17), None)
    # A cancelled session no longer holds its place in the order.
    services.sessions.move(ids[1], dt.date(2027, 3, 17), None)
    with pytest.raises(ValidationFailed):
        services.sessions.reschedule(ids[2], dt.date(2027, 3, 16), None)
    services.sessions.reschedule(ids[2], dt.date(2027, 3, 19), dt.time(15, 0))
    again = services.sessions.info(ids[2])
    assert again.status == SessionStatus.PLANNED
    assert again.date == dt.date(2027, 3, 19)
    assert "lekkage" in again.notes and again.cancel_reason == ""


def test_holidays_are_unique_and_public_holidays_are_added_once(services: Services) -> None:
    services.programme.add_holiday(dt.date(2027, 4, 27), "Koningsdag")
    with pytest.raises(ValidationFailed):
        services.programme.add_holiday(dt.date(2027, 4, 27), "dubbel")
    assert services.programme.add_public_holidays(2027) == 10
    assert services.programme.add_public_holidays(2027) == 0
    assert len(services.programme.holidays()) == 11


def test_the_template_can_be_edited_and_restored(services: Services) -> None:
    with pytest.raises(ValidationFailed) as errors:
        services.programme.save_step(2, {"title": ""})
    assert set(errors.value.errors) == {"title", "phase"}
    services.programme.save_step(
        2,
        {
            "phase": Phase.STARTING,
            "title": "Elkaar beter leren kennen",
            "goal": "Vertrouwen opbouwen",
            "card_work": "",
            "mixed": False,
            "guests_welcome": True,
        },
    )
    step = services.programme.step(2)
    assert (step.title, step.phase, step.guests_welcome) == (
        "Elkaar beter leren kennen",
        Phase.STARTING,
        True,
    )
    table = make_table(services)
    proposal = services.planning.propose(table, dt.date(2027, 3, 2))
    assert proposal.sessions[1].title == "Elkaar beter leren kennen"
    services.programme.restore_default()
    assert services.programme.step(2).title == "Betekenis geven"
