"""The form for one person's participation in one activity: since when, and whether they
still go (asked at follow-up). From the activities page the person is chosen, from a
person's page the activity."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.services.activities import ParticipationRow
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("ParticipationForm", text)


def still_going_label(still_going: bool | None) -> str:
    if still_going is None:
        return tr("nog niet gevraagd")
    return tr("ja") if still_going else tr("nee, gestopt")


def participation_dialog(
    parent: QWidget,
    services: Services,
    *,
    activity_id: int | None = None,
    person_id: int | None = None,
    existing: ParticipationRow | None = None,
) -> FormDialog:
    """Add (give the activity or the person) or change (`existing`) a participation."""
    activities = services.activities
    fields: list[FieldSpec] = []
    if existing is None and activity_id is None:
        fields.append(
            FieldSpec(
                "activity_id",
                tr("Activiteit"),
                kind="choice",
                required=True,
                choices=activities.options,
                optional_choice=tr("(kies een activiteit)"),
                help=tr("Staat de activiteit er nog niet bij? Voeg haar toe bij Activiteiten."),
            )
        )
    if existing is None and person_id is None:
        fields.append(
            FieldSpec(
                "person_id",
                tr("Persoon"),
                kind="person",
                required=True,
                find_person=services.people.find,
                person_name=services.people.display_name,
            )
        )
    fields += [
        FieldSpec("joined_on", tr("Doet mee sinds"), kind="date"),
        FieldSpec(
            "still_going",
            tr("Gaat nog"),
            kind="choice",
            choices=lambda: [(True, still_going_label(True)), (False, still_going_label(False))],
            optional_choice=still_going_label(None),
            help=tr("Vraag dit bij de follow-up (T2), ongeveer drie maanden na het traject."),
        ),
        FieldSpec(
            "checked_on",
            tr("Gevraagd op"),
            kind="date",
            help=tr("Leeg laten: vandaag."),
            enabled_when=lambda values: values.get("still_going") is not None,
        ),
    ]
    fixed = {
        "activity_id": existing.activity_id if existing else activity_id,
        "person_id": existing.person_id if existing else person_id,
    }
    values: Values = dict(fixed)
    if existing is not None:
        values |= {
            "joined_on": existing.joined_on,
            "still_going": existing.still_going,
            "checked_on": existing.checked_on,
        }

    def save(form_values: Values) -> int:
        merged = {**fixed, **{k: v for k, v in form_values.items() if k not in fixed or v}}
        return activities.save_participation(merged, existing.id if existing else None)

    if existing is not None:
        title = tr("%1 bij %2").replace("%1", existing.name).replace("%2", existing.activity)
    elif person_id is not None:
        title = tr("%1 aanmelden bij een activiteit").replace(
            "%1", services.people.display_name(person_id)
        )
    else:
        title = tr("Deelnemer aanmelden bij %1").replace(
            "%1", activities.get(activity_id or 0).name
        )
    dialog = FormDialog(title, fields, save, values, parent=parent)
    dialog.setObjectName("participationDialog")
    return dialog
