"""How the relay picture shows cohorts and roles, shared by the picture and its legend."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from verbindtafel_desktop.app.i18n import QT_TRANSLATE_NOOP
from verbindtafel_desktop.services.relay import RelayGraph, RelayRole

# Distinguishable colours (Okabe–Ito first, which most colour-blind people can tell
# apart); cohorts take them in the order they started and reuse them after twelve.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#8C6D31",
    "#6A3D9A",
    "#B8A100",
    "#1F9E89",
    "#A6363B",
    "#4D6A8A",
)
NO_COHORT = "#8A8A8A"

ROLE_LABELS = {
    RelayRole.PARTICIPANT: QT_TRANSLATE_NOOP("Relay", "tafelgenoot"),
    RelayRole.GUEST: QT_TRANSLATE_NOOP("Relay", "introducee"),
    RelayRole.CANDIDATE: QT_TRANSLATE_NOOP("Relay", "aangedragen voor een lichting"),
    RelayRole.OTHER: QT_TRANSLATE_NOOP("Relay", "bracht iemand binnen"),
}


def role_label(role: RelayRole) -> str:
    return QCoreApplication.translate("Relay", ROLE_LABELS[role])


def cohort_colours(graph: RelayGraph) -> dict[int, QColor]:
    """A colour per cohort, by start date."""
    return {
        cohort_id: QColor(PALETTE[index % len(PALETTE)])
        for index, cohort_id in enumerate(graph.cohorts)
    }


def colour_of(graph: RelayGraph, colours: dict[int, QColor], person_id: int) -> QColor:
    cohort_id = graph.colour_cohort(person_id)
    return colours[cohort_id] if cohort_id is not None else QColor(NO_COHORT)
