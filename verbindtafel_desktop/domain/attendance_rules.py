"""The attendance rules of the programme, as pure functions over one person's sessions.

- Completion: a participant who attended at least `completion_minimum` of the 5 sessions
  has completed the trajectory. A cancelled session is nobody's fault: it lowers the bar
  by one (unless the centre switches that off).
- Follow-up (nabellen): `follow_up_after` absences in a row put the person on the call
  list. A cancelled session is skipped, as is a session without a recorded status; an
  excused absence (afgemeld) is no absence and breaks the run, unless the centre decides
  that excused counts as absent.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from verbindtafel_desktop.domain.enums import AttendanceStatus, SessionStatus

TRAJECTORY_LENGTH = 5


@dataclass(frozen=True)
class AttendanceRules:
    completion_minimum: int = 4
    follow_up_after: int = 2
    excused_counts_as_absence: bool = False
    cancelled_lowers_minimum: bool = True

    def problems(self) -> dict[str, str]:
        """What is wrong with these values, per field (empty when they are usable)."""
        found: dict[str, str] = {}
        if not 1 <= self.completion_minimum <= TRAJECTORY_LENGTH:
            found["completion_minimum"] = (
                f"Kies een aantal van 1 tot en met {TRAJECTORY_LENGTH} sessies."
            )
        if not 1 <= self.follow_up_after <= TRAJECTORY_LENGTH:
            found["follow_up_after"] = (
                f"Kies een aantal van 1 tot en met {TRAJECTORY_LENGTH} keer afwezig."
            )
        return found


@dataclass(frozen=True)
class Mark:
    """One session of a table as seen from one person: what happened, and their status."""

    session_status: SessionStatus
    attendance: AttendanceStatus | None


@dataclass(frozen=True)
class Completion:
    attended: int
    required: int
    completed: bool
    still_possible: bool  # enough sessions left to reach `required`


def completion(marks: Sequence[Mark], rules: AttendanceRules) -> Completion:
    """Whether a participant completed the trajectory (marks in session order)."""
    cancelled = sum(mark.session_status == SessionStatus.CANCELLED for mark in marks)
    attended = sum(
        mark.session_status != SessionStatus.CANCELLED
        and mark.attendance == AttendanceStatus.PRESENT
        for mark in marks
    )
    lowered = cancelled if rules.cancelled_lowers_minimum else 0
    required = max(1, rules.completion_minimum - lowered)
    still_to_come = sum(
        mark.session_status == SessionStatus.PLANNED and mark.attendance != AttendanceStatus.PRESENT
        for mark in marks
    )
    return Completion(
        attended=attended,
        required=required,
        completed=attended >= required,
        still_possible=attended + still_to_come >= required,
    )


def is_missed(mark: Mark, rules: AttendanceRules) -> bool:
    if mark.session_status == SessionStatus.CANCELLED:
        return False
    if mark.attendance == AttendanceStatus.ABSENT:
        return True
    return rules.excused_counts_as_absence and mark.attendance == AttendanceStatus.EXCUSED


def follow_up_triggers(marks: Sequence[Mark], rules: AttendanceRules) -> list[int]:
    """Positions of the sessions at which a run of absences reached `follow_up_after`.

    A run that goes on past the threshold triggers once; a new run after an attended
    (or excused) session triggers again.
    """
    triggers: list[int] = []
    run = 0
    for position, mark in enumerate(marks):
        if mark.session_status == SessionStatus.CANCELLED or mark.attendance is None:
            continue
        if is_missed(mark, rules):
            run += 1
            if run == rules.follow_up_after:
                triggers.append(position)
        else:
            run = 0
    return triggers
