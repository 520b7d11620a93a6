"""Bestand → Exporteren ▸ (one entry per export) and Bestand → Organisatie…"""

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget

from verbindtafel_desktop.app.export_actions import export_from_menu
from verbindtafel_desktop.app.i18n import QT_TRANSLATE_NOOP
from verbindtafel_desktop.app.organisation_dialog import OrganisationDialog
from verbindtafel_desktop.app.outcomes.report_actions import export_report
from verbindtafel_desktop.services.registry import Services

MENU_ITEMS = (
    ("participants", QT_TRANSLATE_NOOP("ExportMenu", "&Deelnemerslijst (Excel)…")),
    ("attendance", QT_TRANSLATE_NOOP("ExportMenu", "&Aanwezigheidsoverzicht (Excel)…")),
    ("signin", QT_TRANSLATE_NOOP("ExportMenu", "&Presentielijsten (PDF)…")),
    ("seating", QT_TRANSLATE_NOOP("ExportMenu", "&Tafelindeling (PDF of Excel)…")),
    ("namecards", QT_TRANSLATE_NOOP("ExportMenu", "&Naamkaartjes (PDF)…")),
    ("cards", QT_TRANSLATE_NOOP("ExportMenu", "&Kaartenvellen (PDF)…")),
    ("certificate", QT_TRANSLATE_NOOP("ExportMenu", "C&ertificaten (PDF)…")),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportMenu", text)


def edit_organisation(parent: QWidget, services: Services) -> None:
    OrganisationDialog(services.organisation, parent).exec()


def add_export_menu(parent: QWidget, file_menu: QMenu, services: Services) -> QMenu:
    """Add the export submenu and the organisation settings to the File menu."""
    menu = file_menu.addMenu(tr("&Exporteren"))
    menu.setObjectName("exportMenu")
    for kind, text in MENU_ITEMS:
        action = menu.addAction(tr(text))
        action.setObjectName(f"export_{kind}")
        action.triggered.connect(partial(export_from_menu, parent, services, kind))
    menu.addSeparator()
    report = menu.addAction(tr("Perioderapportage voor financiers (Excel of PDF)…"))
    report.setObjectName("export_report")
    report.triggered.connect(partial(export_report, parent, services))
    organisation = file_menu.addAction(tr("&Organisatie (naam en logo op exports)…"))
    organisation.setObjectName("editOrganisation")
    organisation.triggered.connect(partial(edit_organisation, parent, services))
    return menu
