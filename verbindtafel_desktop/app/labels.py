"""Dutch (translatable) labels for the domain's value sets."""

from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from verbindtafel_desktop.app.i18n import QT_TRANSLATE_NOOP
from verbindtafel_desktop.domain.enums import (
    ActivityKind,
    AttendanceRole,
    AttendanceStatus,
    AuditAction,
    ConsentScope,
    Gender,
    InstitutionKind,
    LeadStatus,
    MeasurementMoment,
    MembershipRole,
    MembershipStatus,
    Phase,
    ReferralRoute,
    SessionStatus,
)

_LABELS: list[tuple[StrEnum, str]] = [
    (Gender.FEMALE, QT_TRANSLATE_NOOP("Labels", "vrouw")),
    (Gender.MALE, QT_TRANSLATE_NOOP("Labels", "man")),
    (Gender.OTHER, QT_TRANSLATE_NOOP("Labels", "anders")),
    (ReferralRoute.SELF, QT_TRANSLATE_NOOP("Labels", "zelf aangemeld")),
    (ReferralRoute.INSTITUTION, QT_TRANSLATE_NOOP("Labels", "via een instelling")),
    (ReferralRoute.INVITED, QT_TRANSLATE_NOOP("Labels", "uitgenodigd door iemand")),
    (ReferralRoute.RECRUITED, QT_TRANSLATE_NOOP("Labels", "geworven door iemand")),
    (InstitutionKind.REFERRING, QT_TRANSLATE_NOOP("Labels", "verwijzer")),
    (InstitutionKind.OFFERING, QT_TRANSLATE_NOOP("Labels", "biedt het programma aan")),
    (InstitutionKind.BOTH, QT_TRANSLATE_NOOP("Labels", "verwijst en biedt aan")),
    (MembershipRole.PARTICIPANT, QT_TRANSLATE_NOOP("Labels", "tafelgenoot")),
    (MembershipRole.FACILITATOR, QT_TRANSLATE_NOOP("Labels", "tafelbegeleider")),
    (MembershipStatus.REGISTERED, QT_TRANSLATE_NOOP("Labels", "aangemeld")),
    (MembershipStatus.ACTIVE, QT_TRANSLATE_NOOP("Labels", "actief")),
    (MembershipStatus.COMPLETED, QT_TRANSLATE_NOOP("Labels", "afgerond")),
    (MembershipStatus.DROPPED_OUT, QT_TRANSLATE_NOOP("Labels", "gestopt")),
    (Phase.STARTING, QT_TRANSLATE_NOOP("Labels", "opstarten")),
    (Phase.PRACTISING, QT_TRANSLATE_NOOP("Labels", "oefenen")),
    (Phase.EXPANDING, QT_TRANSLATE_NOOP("Labels", "uitbreiden")),
    (SessionStatus.PLANNED, QT_TRANSLATE_NOOP("Labels", "gepland")),
    (SessionStatus.HELD, QT_TRANSLATE_NOOP("Labels", "gehouden")),
    (SessionStatus.CANCELLED, QT_TRANSLATE_NOOP("Labels", "geannuleerd")),
    (AttendanceStatus.PRESENT, QT_TRANSLATE_NOOP("Labels", "aanwezig")),
    (AttendanceStatus.ABSENT, QT_TRANSLATE_NOOP("Labels", "afwezig")),
    (AttendanceStatus.EXCUSED, QT_TRANSLATE_NOOP("Labels", "afgemeld")),
    (AttendanceRole.MEMBER, QT_TRANSLATE_NOOP("Labels", "tafelgenoot")),
    (AttendanceRole.GUEST, QT_TRANSLATE_NOOP("Labels", "introducee")),
    (AttendanceRole.FACILITATOR, QT_TRANSLATE_NOOP("Labels", "begeleider")),
    (LeadStatus.INTERESTED, QT_TRANSLATE_NOOP("Labels", "heeft interesse")),
    (LeadStatus.ENROLLED, QT_TRANSLATE_NOOP("Labels", "ingeschreven")),
    (LeadStatus.NOT_INTERESTED, QT_TRANSLATE_NOOP("Labels", "geen interesse")),
    (MeasurementMoment.INTAKE, QT_TRANSLATE_NOOP("Labels", "T0 – beginmeting")),
    (MeasurementMoment.END, QT_TRANSLATE_NOOP("Labels", "T1 – eindmeting")),
    (MeasurementMoment.FOLLOW_UP, QT_TRANSLATE_NOOP("Labels", "T2 – follow-up")),
    (ActivityKind.EXISTING, QT_TRANSLATE_NOOP("Labels", "bestaand aanbod")),
    (ActivityKind.OWN, QT_TRANSLATE_NOOP("Labels", "eigen activiteit")),
    (AuditAction.CREATED, QT_TRANSLATE_NOOP("Labels", "aangemaakt")),
    (AuditAction.CHANGED, QT_TRANSLATE_NOOP("Labels", "gewijzigd")),
    (AuditAction.REMOVED, QT_TRANSLATE_NOOP("Labels", "verwijderd")),
    (AuditAction.EXPORTED, QT_TRANSLATE_NOOP("Labels", "geëxporteerd")),
    (AuditAction.ANONYMISED, QT_TRANSLATE_NOOP("Labels", "geanonimiseerd")),
    (AuditAction.ERASED, QT_TRANSLATE_NOOP("Labels", "vergeten (gewist)")),
    (AuditAction.RESTORED, QT_TRANSLATE_NOOP("Labels", "back-up teruggezet")),
    (ConsentScope.REGISTRATION, QT_TRANSLATE_NOOP("Labels", "inschrijving in het programma")),
    (ConsentScope.MEASUREMENTS, QT_TRANSLATE_NOOP("Labels", "metingen (vragenlijsten)")),
    (ConsentScope.PHOTOS, QT_TRANSLATE_NOOP("Labels", "foto's op beeldkaarten")),
    (
        ConsentScope.SHARING,
        QT_TRANSLATE_NOOP("Labels", "voortgang delen met de verwijzende instelling"),
    ),
]

WEEKDAYS = (
    QT_TRANSLATE_NOOP("Labels", "maandag"),
    QT_TRANSLATE_NOOP("Labels", "dinsdag"),
    QT_TRANSLATE_NOOP("Labels", "woensdag"),
    QT_TRANSLATE_NOOP("Labels", "donderdag"),
    QT_TRANSLATE_NOOP("Labels", "vrijdag"),
    QT_TRANSLATE_NOOP("Labels", "zaterdag"),
    QT_TRANSLATE_NOOP("Labels", "zondag"),
)


# Keyed by enum type first: different enums share values ("facilitator").
_BY_TYPE: dict[type, dict[str, str]] = {}
for _member, _text in _LABELS:
    _BY_TYPE.setdefault(type(_member), {})[_member.value] = _text


def label(value: StrEnum | str | None, enum: type[StrEnum] | None = None) -> str:
    """The Dutch label of an enum member, or of a stored value of `enum`."""
    if value is None or value == "":
        return ""
    texts = _BY_TYPE.get(enum or type(value), {})
    text = texts.get(str(value))
    return QCoreApplication.translate("Labels", text) if text else str(value)


def choices(enum: type[StrEnum]) -> list[tuple[StrEnum, str]]:
    return [(member, label(member)) for member in enum]


def weekday_label(weekday: int | None) -> str:
    if weekday is None:
        return ""
    return QCoreApplication.translate("Labels", WEEKDAYS[weekday])


def weekday_choices() -> list[tuple[int, str]]:
    return [(number, weekday_label(number)) for number in range(7)]
