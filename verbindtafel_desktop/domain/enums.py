"""Value sets of the domain. Stored as their English values; the UI shows Dutch labels."""

from enum import StrEnum


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class ReferralRoute(StrEnum):
    """How a person came into the programme."""

    SELF = "self"
    INSTITUTION = "institution"
    INVITED = "invited"
    RECRUITED = "recruited"


class InstitutionKind(StrEnum):
    REFERRING = "referring"
    OFFERING = "offering"
    BOTH = "both"


class MembershipRole(StrEnum):
    PARTICIPANT = "participant"
    FACILITATOR = "facilitator"


class MembershipStatus(StrEnum):
    REGISTERED = "registered"
    ACTIVE = "active"
    COMPLETED = "completed"
    DROPPED_OUT = "dropped_out"


class Phase(StrEnum):
    STARTING = "starting"
    PRACTISING = "practising"
    EXPANDING = "expanding"


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


class AttendanceRole(StrEnum):
    MEMBER = "member"
    GUEST = "guest"
    FACILITATOR = "facilitator"


class MixingRuleKind(StrEnum):
    TOGETHER = "together"
    APART = "apart"


class CardKind(StrEnum):
    THEME = "theme"
    IMAGE = "image"


class ActivityKind(StrEnum):
    OWN = "own"
    EXISTING = "existing"


class MeasurementMoment(StrEnum):
    INTAKE = "T0"
    END = "T1"
    FOLLOW_UP = "T2"


class Answer(StrEnum):
    """An answer on the De Jong Gierveld scale."""

    YES = "ja"
    MORE_OR_LESS = "min of meer"
    NO = "nee"


class LeadStatus(StrEnum):
    """Status of someone a participant brings in for the next intake."""

    INTERESTED = "interested"
    ENROLLED = "enrolled"
    NOT_INTERESTED = "not_interested"


class ConsentScope(StrEnum):
    """What a person can separately agree to (the names of the consent's yes/no columns)."""

    REGISTRATION = "registration"  # being registered in the programme
    MEASUREMENTS = "measurements"  # the loneliness questionnaires
    PHOTOS = "photos"  # photos of them on image cards
    SHARING = "sharing"  # sharing progress with the referring institution


class AuditAction(StrEnum):
    """What the audit trail records that someone did with personal data."""

    CREATED = "created"
    CHANGED = "changed"
    REMOVED = "removed"  # a record about a person was deleted (not the person)
    EXPORTED = "exported"
    ANONYMISED = "anonymised"
    ERASED = "erased"  # a person was removed completely, or forgotten as a relay link
    RESTORED = "restored"  # a backup was put back
