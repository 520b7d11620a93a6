"""The 'Exporteren' button of the selected table: its lists, sheets and certificates."""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from verbindtafel_desktop.app.export_actions import (
    export_attendance,
    export_certificates,
    export_namecards,
    export_participants,
    export_signin,
)
from verbindtafel_desktop.services.listing import ListQuery
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("TableExports", text)


def table_export_button(
    parent: QWidget, services: Services, table_id: Callable[[], int | None]
) -> QToolButton:
    """A button with a menu of the exports of the table `table_id()` returns."""

    def run(export: Callable[[int], object]) -> None:
        chosen = table_id()
        if chosen is not None:
            export(chosen)

    button = QToolButton(parent)
    button.setObjectName("tableExports")
    button.setText(tr("Exporteren"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for name, text, export in (
        (
            "participants",
            tr("Deelnemerslijst van deze tafel (Excel)…"),
            lambda table: export_participants(
                parent, services, ListQuery(filters={"table_id": table})
            ),
        ),
        (
            "attendance",
            tr("Aanwezigheid van deze tafel (Excel)…"),
            lambda table: export_attendance(parent, services, table_id=table),
        ),
        (
            "signin",
            tr("Presentielijst (PDF)…"),
            lambda table: export_signin(parent, services, table_id=table),
        ),
        (
            "namecards",
            tr("Naamkaartjes (PDF)…"),
            lambda table: export_namecards(parent, services, table_id=table),
        ),
        (
            "certificate",
            tr("Certificaten voor wie de tafel afrondde (PDF)…"),
            lambda table: export_certificates(parent, services, table_id=table),
        ),
    ):
        action = menu.addAction(text)
        action.setObjectName(f"table_export_{name}")
        action.triggered.connect(lambda _checked=False, export=export: run(export))
    button.setMenu(menu)
    return button
