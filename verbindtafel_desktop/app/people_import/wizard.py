"""The import wizard: choose a file, check the columns, look at the preview, import.

Reading, previewing, importing and writing the report run in the shared worker with a
progress dialog and a cancel button; the wizard only shows and collects choices.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget, QWizard

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.people_import.pages import DonePage, FilePage, MappingPage
from verbindtafel_desktop.app.people_import.preview_page import PreviewPage
from verbindtafel_desktop.app.worker import JobRunner, run_with_progress
from verbindtafel_desktop.importing.columns import SheetLayout
from verbindtafel_desktop.importing.preview import Preview
from verbindtafel_desktop.services.people_import import ImportResult
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.registry import Services


class ImportWizard(QWizard):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.services = services
        self.bus = bus
        self.sheet_layout: SheetLayout | None = None
        self.preview: Preview | None = None
        self.outcome: ImportResult | None = None
        self.runner: JobRunner | None = None
        self.setWindowTitle(self.tr("Personen importeren"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Volgende >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Vorige"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Annuleren"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Sluiten"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Importeren"))
        self.resize(1000, 680)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.done_page):
            self.addPage(page)

    def run(
        self, title: str, work: Callable[[Progress], Any], on_done: Callable[[Any], None]
    ) -> JobRunner:
        """Long work in the shared worker; `on_done` gets its result on the GUI thread."""
        self.runner = run_with_progress(self, title, work, on_done)
        return self.runner

    def read_file(self, path: Path, sheet: str | None, on_read: Callable[[], None]) -> None:
        saved = self.sheet_layout.saved if self.sheet_layout is not None else None
        importer = self.services.people_import

        def done(layout: SheetLayout) -> None:
            self.sheet_layout = layout
            on_read()

        self.run(
            self.tr("Bestand lezen…"),
            lambda progress: importer.read(path, sheet, saved, progress),
            done,
        )

    def build_preview(self, on_built: Callable[[], None]) -> None:
        layout = self.sheet_layout
        assert layout is not None
        importer = self.services.people_import

        def done(preview: Preview) -> None:
            self.preview = preview
            on_built()

        self.run(
            self.tr("Voorbeeld maken…"), lambda progress: importer.preview(layout, progress), done
        )

    def commit(self, on_committed: Callable[[], None]) -> None:
        preview = self.preview
        assert preview is not None
        importer = self.services.people_import

        def done(result: ImportResult) -> None:
            self.outcome = result
            self.bus.announce("people")
            if result.seated:
                self.bus.announce("memberships")
            on_committed()

        self.run(self.tr("Importeren…"), lambda progress: importer.commit(preview, progress), done)

    @property
    def busy(self) -> bool:
        return self.runner is not None and self.runner.running


def open_import_wizard(
    services: Services, bus: ChangeBus, parent: QWidget | None = None, path: Path | None = None
) -> ImportWizard:
    wizard = ImportWizard(services, bus, parent)
    if path is not None:
        wizard.file_page.path.setText(str(path))
    # The preview can hold many rows: let it go once the wizard is closed.
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    return wizard
