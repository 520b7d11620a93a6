"""What an export should cover, asked in a form: lichting → tafel → sessie, a mixmoment,
a deck, a person, the columns of a list.

Built on FormDialog, so a missing choice is shown under its field. Choosing a cohort
narrows the tables and mixmoments offered; choosing a table narrows the sessions.
"""

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QWidget

from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.labels import choices as enum_choices
from verbindtafel_desktop.domain.enums import MembershipStatus
from verbindtafel_desktop.exports.registry import EXPORTS
from verbindtafel_desktop.exports.scope import ExportScope
from verbindtafel_desktop.services.errors import ValidationFailed
from verbindtafel_desktop.services.export_choices import ExportChoices
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


def _cohort(services: Services, empty: str) -> FieldSpec:
    return FieldSpec(
        "cohort_id",
        tr("Lichting"),
        kind="choice",
        choices=services.cohorts.options,
        optional_choice=empty,
    )


def _table(services: Services, empty: str, **extra: Any) -> FieldSpec:
    return FieldSpec(
        "table_id",
        tr("Tafel"),
        kind="choice",
        choices=services.tables.options,
        optional_choice=empty,
        **extra,
    )


def _session(empty: str, **extra: Any) -> FieldSpec:
    return FieldSpec("session_id", tr("Sessie"), kind="choice", optional_choice=empty, **extra)


def _mixmoment(choices: ExportChoices, **extra: Any) -> FieldSpec:
    return FieldSpec(
        "mixed_session_id",
        tr("Mixmoment"),
        kind="choice",
        choices=choices.mixmoments,
        optional_choice=tr("(kies een mixmoment)"),
        **extra,
    )


def _column_fields() -> list[FieldSpec]:
    # Imported here: the export writers bring openpyxl, which the app loads on first use.
    from verbindtafel_desktop.exports.participants import COLUMNS

    return [
        FieldSpec(
            f"column_{key}", tr(column.title), kind="bool", default=True, group=tr("Kolommen")
        )
        for key, column in COLUMNS.items()
    ]


def _for_session(values: Values) -> bool:
    return values.get("source") != "mixmoment"


def _for_mixmoment(values: Values) -> bool:
    return values.get("source") == "mixmoment"


def fields_for(kind: str, services: Services, choices: ExportChoices) -> list[FieldSpec]:
    if kind == "participants":
        return [
            _cohort(services, tr("Alle lichtingen")),
            _table(services, tr("Alle tafels")),
            FieldSpec(
                "status",
                tr("Status"),
                kind="choice",
                choices=lambda: enum_choices(MembershipStatus),
                optional_choice=tr("Elke status"),
            ),
            FieldSpec("search", tr("Zoeken"), help=tr("Naam, telefoon of e-mail (mag leeg)")),
            *_column_fields(),
        ]
    if kind == "attendance":
        return [
            _cohort(services, tr("Alle lichtingen")),
            _table(services, tr("Alle tafels")),
        ]
    if kind == "signin":
        return [
            _cohort(services, tr("(kies een lichting)")),
            _table(services, tr("Alle tafels van de lichting")),
            _session(tr("Alle sessies van de tafel")),
        ]
    if kind == "namecards":
        return [
            FieldSpec(
                "source",
                tr("Voor"),
                kind="choice",
                choices=lambda: [("session", tr("een sessie")), ("mixmoment", tr("een mixmoment"))],
                default="session",
            ),
            _cohort(services, tr("Alle lichtingen")),
            _table(services, tr("(kies een tafel)"), enabled_when=_for_session),
            _session(tr("(kies een sessie)"), enabled_when=_for_session),
            _mixmoment(choices, enabled_when=_for_mixmoment),
        ]
    if kind == "seating":
        return [_cohort(services, tr("Alle lichtingen")), _mixmoment(choices)]
    if kind == "cards":
        return [
            FieldSpec(
                "deck_id",
                tr("Kaartenset"),
                kind="choice",
                choices=choices.decks,
                optional_choice=tr("(kies een kaartenset)"),
            )
        ]
    if kind == "certificate":
        people = services.people
        return [
            FieldSpec(
                "person_id",
                tr("Persoon"),
                kind="person",
                find_person=people.find,
                person_name=people.display_name,
                help=tr("Leeg laten voor iedereen die de tafel of lichting heeft afgerond."),
            ),
            _cohort(services, tr("Alle lichtingen")),
            _table(services, tr("Alle tafels")),
        ]
    raise KeyError(kind)


def _chosen_columns(values: Values) -> tuple[str, ...]:
    from verbindtafel_desktop.exports.participants import COLUMNS

    columns = tuple(key for key in COLUMNS if values.get(f"column_{key}"))
    if not columns:
        raise ValidationFailed({f"column_{next(iter(COLUMNS))}": tr("Kies minstens één kolom.")})
    return columns


def scope_from(kind: str, values: Values) -> ExportScope:
    """The scope the filled-in form asks for; ValidationFailed names what is missing."""
    cohort, table, session = (
        values.get("cohort_id"),
        values.get("table_id"),
        values.get("session_id"),
    )
    if kind == "participants":
        filters = {
            key: values[key] for key in ("cohort_id", "table_id", "status") if values.get(key)
        }
        query = ListQuery(search=values.get("search") or "", filters=filters)
        return ExportScope(list_query=query, columns=_chosen_columns(values))
    if kind == "attendance":
        return ExportScope(cohort_id=cohort, table_id=table)
    if kind == "signin":
        if session:
            return ExportScope(session_id=session)
        if table:
            return ExportScope(table_id=table)
        if not cohort:
            raise ValidationFailed({"cohort_id": tr("Kies een lichting of een tafel.")})
        return ExportScope(cohort_id=cohort)
    if kind == "namecards":
        if _for_mixmoment(values):
            if not values.get("mixed_session_id"):
                raise ValidationFailed({"mixed_session_id": tr("Kies het mixmoment.")})
            return ExportScope(mixed_session_id=values["mixed_session_id"])
        if not session:
            raise ValidationFailed({"session_id": tr("Kies de sessie.")})
        return ExportScope(session_id=session)
    if kind == "seating":
        if not values.get("mixed_session_id"):
            raise ValidationFailed({"mixed_session_id": tr("Kies het mixmoment.")})
        return ExportScope(mixed_session_id=values["mixed_session_id"])
    if kind == "cards":
        if not values.get("deck_id"):
            raise ValidationFailed({"deck_id": tr("Kies een kaartenset.")})
        return ExportScope(deck_id=values["deck_id"])
    if kind == "certificate":
        person = values.get("person_id")
        if not (person or table or cohort):
            raise ValidationFailed(
                {"person_id": tr("Kies een persoon, een tafel of een lichting.")}
            )
        return ExportScope(person_id=person, table_id=table, cohort_id=None if table else cohort)
    raise KeyError(kind)


def refill(combo: QComboBox, options: Sequence[tuple[Any, str]]) -> None:
    """New options after the first (empty) one, keeping the choice when it is still there."""
    current = combo.currentData()
    while combo.count() > 1:
        combo.removeItem(combo.count() - 1)
    for value, text in options:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))


def link_choices(dialog: FormDialog, services: Services, choices: ExportChoices) -> None:
    """Cohort narrows tables and mixmoments; table narrows sessions."""
    widgets = dialog.widgets
    cohort = widgets.get("cohort_id")
    table = widgets.get("table_id")
    session = widgets.get("session_id")
    mixmoment = widgets.get("mixed_session_id")

    def cohort_changed() -> None:
        assert isinstance(cohort, QComboBox)
        chosen = cohort.currentData()
        if isinstance(table, QComboBox):
            refill(table, services.tables.options(cohort_id=chosen))
        if isinstance(mixmoment, QComboBox):
            refill(mixmoment, choices.mixmoments(chosen))

    def table_changed() -> None:
        assert isinstance(table, QComboBox) and isinstance(session, QComboBox)
        chosen = table.currentData()
        refill(session, choices.sessions(chosen) if chosen else [])

    if isinstance(table, QComboBox) and isinstance(session, QComboBox):
        table.currentIndexChanged.connect(table_changed)
        table_changed()
    if isinstance(cohort, QComboBox):
        cohort.currentIndexChanged.connect(cohort_changed)
        if cohort.currentData():
            cohort_changed()


def _run_form(
    parent: QWidget | None,
    title: str,
    fields: list[FieldSpec],
    values: Values,
    make: Callable[[Values], Any],
    link: Callable[[FormDialog], None] | None = None,
) -> Any:
    made: list[Any] = []

    def save(form_values: Values) -> int:
        made.append(make(form_values))
        return 0

    dialog = FormDialog(title, fields, save, values, parent=parent)
    dialog.setObjectName("exportScopeDialog")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Verder…"))
    if link is not None:
        link(dialog)
    if dialog.exec() != FormDialog.DialogCode.Accepted:
        return None
    return made[-1]


def ask_scope(
    parent: QWidget | None, services: Services, kind: str, *, table_id: int | None = None
) -> ExportScope | None:
    """The scope of export `kind`, with the table (and its cohort) chosen beforehand."""
    choices = ExportChoices(services.db)
    values: Values = {}
    if table_id is not None:
        values = {"table_id": table_id, "cohort_id": choices.table_cohort(table_id)}
    scope: ExportScope | None = _run_form(
        parent,
        tr("%1 exporteren").replace("%1", EXPORTS[kind].title),
        fields_for(kind, services, choices),
        values,
        lambda form_values: scope_from(kind, form_values),
        lambda dialog: link_choices(dialog, services, choices),
    )
    return scope


def ask_columns(parent: QWidget | None, count: int) -> tuple[str, ...] | None:
    """The columns of a participant list of `count` people as filtered on screen."""
    title = tr("Deelnemerslijst exporteren: %1 personen, zoals op het scherm").replace(
        "%1", str(count)
    )
    columns: tuple[str, ...] | None = _run_form(
        parent, title, _column_fields(), {}, _chosen_columns
    )
    return columns
