"""The Dutch words printed in exports: statuses, roles, phases and written-out dates.

Exports are Dutch documents made without Qt (also from the command line), so they carry
their own words instead of the GUI's translatable labels.
"""

import datetime as dt

from verbindtafel_desktop.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    AuditAction,
    Gender,
    MembershipRole,
    MembershipStatus,
    Phase,
    ReferralRoute,
    SessionStatus,
)

WORDS: dict[type, dict[str, str]] = {
    AuditAction: {
        AuditAction.CREATED: "aangemaakt",
        AuditAction.CHANGED: "gewijzigd",
        AuditAction.REMOVED: "verwijderd",
        AuditAction.EXPORTED: "geëxporteerd",
        AuditAction.ANONYMISED: "geanonimiseerd",
        AuditAction.ERASED: "vergeten (gewist)",
        AuditAction.RESTORED: "back-up teruggezet",
    },
    Gender: {Gender.FEMALE: "vrouw", Gender.MALE: "man", Gender.OTHER: "anders"},
    AttendanceStatus: {
        AttendanceStatus.PRESENT: "aanwezig",
        AttendanceStatus.ABSENT: "afwezig",
        AttendanceStatus.EXCUSED: "afgemeld",
    },
    AttendanceRole: {
        AttendanceRole.MEMBER: "tafelgenoot",
        AttendanceRole.GUEST: "introducee",
        AttendanceRole.FACILITATOR: "begeleider",
    },
    MembershipRole: {
        MembershipRole.PARTICIPANT: "tafelgenoot",
        MembershipRole.FACILITATOR: "begeleider",
    },
    MembershipStatus: {
        MembershipStatus.REGISTERED: "aangemeld",
        MembershipStatus.ACTIVE: "actief",
        MembershipStatus.COMPLETED: "afgerond",
        MembershipStatus.DROPPED_OUT: "gestopt",
    },
    Phase: {
        Phase.STARTING: "opstarten",
        Phase.PRACTISING: "oefenen",
        Phase.EXPANDING: "uitbreiden",
    },
    SessionStatus: {
        SessionStatus.PLANNED: "gepland",
        SessionStatus.HELD: "gehouden",
        SessionStatus.CANCELLED: "geannuleerd",
    },
    ReferralRoute: {
        ReferralRoute.SELF: "zelf aangemeld",
        ReferralRoute.INSTITUTION: "via een instelling",
        ReferralRoute.INVITED: "uitgenodigd door iemand",
        ReferralRoute.RECRUITED: "geworven door iemand",
    },
}

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def word(enum: type, value: object) -> str:
    """The Dutch word for a stored enum value; '' for none, the value itself if unknown."""
    if value is None or value == "":
        return ""
    return WORDS[enum].get(str(value), str(value))


def long_date(day: dt.date | None, *, weekday: bool = True) -> str:
    """'maandag 24 augustus 2026' (or without the weekday)."""
    if day is None:
        return "datum nog niet bekend"
    written = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {written}" if weekday else written


def moment(when: dt.datetime) -> str:
    """A creation time as staff read it: '25-11-2026 14:05' in local time."""
    return when.astimezone().strftime("%d-%m-%Y %H:%M")
