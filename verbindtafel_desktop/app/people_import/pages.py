"""The wizard's pages for choosing the file, checking the columns, and the result."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from verbindtafel_desktop.importing.columns import (
    cell_header,
    column_title,
    find_header,
    load_mapping,
    save_mapping,
)
from verbindtafel_desktop.importing.fields import FIELDS
from verbindtafel_desktop.importing.sources import HEADER_SEARCH_ROWS
from verbindtafel_desktop.persistence.data_dir import data_dir
from verbindtafel_desktop.services.errors import ServiceError

if TYPE_CHECKING:
    from verbindtafel_desktop.app.people_import.wizard import ImportWizard


def field_label(key: str) -> str:
    label = next(field.label for field in FIELDS if field.key == key)
    return QCoreApplication.translate("ImportFields", label)


class StepPage(QWizardPage):
    """A page whose 'Next' first runs long work in the worker, then moves on by itself."""

    def __init__(self, owner: "ImportWizard") -> None:
        super().__init__()
        self.owner = owner
        self._ready = False

    def validatePage(self) -> bool:
        if self._ready:
            self._ready = False
            return True
        self.start_step()
        return False

    def start_step(self) -> None:
        raise NotImplementedError

    def step_done(self) -> None:
        self._ready = True
        self.owner.next()


class FilePage(StepPage):
    def __init__(self, owner: "ImportWizard") -> None:
        super().__init__(owner)
        self.setTitle(self.tr("Kies het bestand"))
        self.setSubTitle(
            self.tr(
                "Een Excel-bestand (.xlsx) of een CSV-bestand met één persoon per regel en "
                "kolomkoppen zoals Voornaam, Achternaam, Geboortedatum, Telefoon en E-mail. "
                "Er wordt niets opgeslagen voordat u het voorbeeld hebt gezien."
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.setPlaceholderText(self.tr("Pad naar het bestand"))
        self.path.textChanged.connect(lambda _text: self.completeChanged.emit())
        browse = QPushButton(self.tr("&Bladeren…"))
        browse.setObjectName("browse")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        hint = QLabel(
            self.tr(
                "Tips: titelregels boven de kolomkoppen en lege regels zijn geen probleem. "
                "Datums mogen als 3-4-1950, 1950-04-03 of 3 april 1950; telefoonnummers als "
                "06-12345678 of +31 6 1234 5678. Een CSV uit Excel (met puntkomma's) werkt ook."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        body = QVBoxLayout(self)
        body.addLayout(row)
        body.addWidget(hint)
        body.addStretch(1)

    def browse(self) -> None:
        start = str(Path(self.path.text()).parent) if self.path.text() else str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Bestand om te importeren"),
            start,
            self.tr("Spreadsheets (*.xlsx *.xlsm *.csv *.txt);;Alle bestanden (*)"),
        )
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def chosen_path(self) -> Path:
        return Path(self.path.text().strip())

    def start_step(self) -> None:
        self.owner.read_file(self.chosen_path(), None, on_read=self.step_done)


class MappingPage(StepPage):
    def __init__(self, owner: "ImportWizard") -> None:
        super().__init__(owner)
        self.setTitle(self.tr("Controleer de kolommen"))
        self.setSubTitle(
            self.tr(
                "Kies per kolom wat erin staat. Kolommen op '(niet importeren)' worden "
                "overgeslagen. Sla de koppeling op om haar bij een volgend bestand te hergebruiken."
            )
        )
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        self.sheet.activated.connect(self._sheet_chosen)
        self.header_row = QComboBox()
        self.header_row.setObjectName("headerRow")
        self.header_row.setToolTip(
            self.tr("De regel met de kolomkoppen; regels erboven tellen niet mee.")
        )
        self.header_row.activated.connect(self._header_chosen)
        form = QFormLayout()
        self.sheet_label = QLabel(self.tr("Werkblad:"))
        form.addRow(self.sheet_label, self.sheet)
        form.addRow(self.tr("Kolomkoppen op:"), self.header_row)
        self.columns = QTableWidget(0, 3)
        self.columns.setObjectName("columns")
        self.columns.setHorizontalHeaderLabels(
            [self.tr("Kolom in het bestand"), self.tr("Bijvoorbeeld"), self.tr("Importeren als")]
        )
        self.columns.verticalHeader().hide()
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.problem = QLabel()
        self.problem.setObjectName("mappingProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        save = QPushButton(self.tr("Koppeling &opslaan…"))
        save.setObjectName("saveMapping")
        save.clicked.connect(self.save_mapping)
        load = QPushButton(self.tr("Koppeling &laden…"))
        load.setObjectName("loadMapping")
        load.clicked.connect(self.load_mapping)
        buttons = QHBoxLayout()
        buttons.addWidget(load)
        buttons.addWidget(save)
        buttons.addStretch(1)
        body = QVBoxLayout(self)
        body.addLayout(form)
        body.addWidget(self.columns, 1)
        body.addWidget(self.problem)
        body.addLayout(buttons)

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        layout = self.owner.sheet_layout
        if layout is None:
            return
        names = layout.sheet.sheet_names
        self.sheet.clear()
        self.sheet.addItems(names)
        self.sheet.setCurrentText(layout.sheet.sheet)
        self.sheet.setVisible(len(names) > 1)
        self.sheet_label.setVisible(len(names) > 1)
        self.header_row.clear()
        for index, (line, cells) in enumerate(layout.sheet.rows[:HEADER_SEARCH_ROWS]):
            texts = [cell_header(cell) for cell in cells[:6] if cell_header(cell)]
            self.header_row.addItem(
                self.tr("regel %1: %2").replace("%1", str(line)).replace("%2", ", ".join(texts)),
                index,
            )
        self.header_row.setCurrentIndex(layout.header_index)
        headers = layout.headers
        self.columns.setRowCount(len(headers))
        for column in range(len(headers)):
            self.columns.setItem(column, 0, QTableWidgetItem(column_title(headers, column)))
            samples = QTableWidgetItem(" · ".join(layout.samples(column)))
            samples.setForeground(Qt.GlobalColor.darkGray)
            self.columns.setItem(column, 1, samples)
            choice = QComboBox()
            choice.setObjectName(f"field_{column}")
            choice.addItem(self.tr("(niet importeren)"), None)
            for field in FIELDS:
                choice.addItem(field_label(field.key), field.key)
            choice.setCurrentIndex(max(choice.findData(layout.mapping.get(column)), 0))
            choice.currentIndexChanged.connect(
                lambda _index, column=column, choice=choice: self._field_chosen(column, choice)
            )
            self.columns.setCellWidget(column, 2, choice)
        self._show_problem()

    def field_box(self, column: int) -> QComboBox:
        widget = self.columns.cellWidget(column, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def _field_chosen(self, column: int, choice: QComboBox) -> None:
        layout = self.owner.sheet_layout
        assert layout is not None
        key = choice.currentData()
        if key is None:
            layout.mapping.pop(column, None)
        else:
            layout.mapping[column] = key
        self._show_problem()

    def _show_problem(self) -> None:
        layout = self.owner.sheet_layout
        problem = layout.problem() if layout is not None else None
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.completeChanged.emit()

    def _sheet_chosen(self, _index: int) -> None:
        layout = self.owner.sheet_layout
        if layout is None or self.sheet.currentText() == layout.sheet.sheet:
            return
        self.owner.read_file(layout.sheet.path, self.sheet.currentText(), on_read=self.refresh)

    def _header_chosen(self, index: int) -> None:
        layout = self.owner.sheet_layout
        if layout is not None and index != layout.header_index:
            layout.use_header_row(index)
            self.refresh()

    def save_mapping(self) -> None:
        layout = self.owner.sheet_layout
        assert layout is not None
        folder = data_dir() / "koppelingen"
        folder.mkdir(parents=True, exist_ok=True)
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Koppeling opslaan"),
            str(folder / f"{layout.sheet.path.stem}.json"),
            self.tr("Importkoppeling (*.json)"),
        )
        if chosen:
            save_mapping(Path(chosen), layout.headers, layout.mapping)

    def load_mapping(self) -> None:
        layout = self.owner.sheet_layout
        assert layout is not None
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Koppeling laden"),
            str(data_dir() / "koppelingen"),
            self.tr("Importkoppeling (*.json)"),
        )
        if not chosen:
            return
        try:
            layout.saved = load_mapping(Path(chosen))
        except ServiceError as problem:
            self.problem.setText(str(problem))
            self.problem.setVisible(True)
            return
        layout.use_header_row(find_header(layout.sheet.rows, layout.saved))
        self.refresh()

    def isComplete(self) -> bool:
        layout = self.owner.sheet_layout
        return layout is not None and layout.problem() is None

    def start_step(self) -> None:
        self.owner.build_preview(on_built=self.step_done)


class DonePage(QWizardPage):
    def __init__(self, owner: "ImportWizard") -> None:
        super().__init__()
        self.owner = owner
        self.setTitle(self.tr("Klaar"))
        self.setSubTitle(
            self.tr(
                "Alles is in één keer opgeslagen; de personen staan op de pagina Personen. "
                "Wat niet is geïmporteerd staat in het rapport, met de reden erbij: verbeter "
                "het daar en importeer het rapport zelf opnieuw."
            )
        )
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.report_button = QPushButton(self.tr("&Rapport van niet-geïmporteerde regels opslaan…"))
        self.report_button.setObjectName("saveReport")
        self.report_button.clicked.connect(self.save_report)
        self.report_saved = QLabel()
        self.report_saved.setObjectName("reportSaved")
        self.report_saved.setWordWrap(True)
        body = QVBoxLayout(self)
        body.addWidget(self.outcome)
        row = QHBoxLayout()
        row.addWidget(self.report_button)
        row.addStretch(1)
        body.addLayout(row)
        body.addWidget(self.report_saved)
        body.addStretch(1)

    def initializePage(self) -> None:
        result, preview = self.owner.outcome, self.owner.preview
        assert result is not None and preview is not None
        self.outcome.setText(
            self.tr("Het importeren is gelukt: %1").replace("%1", result.summary())
        )
        self.report_button.setEnabled(bool(result.skipped or result.not_seated))
        self.report_saved.clear()

    def save_report(self) -> None:
        # Imported here: the report writer brings openpyxl, which the app loads on first use.
        from verbindtafel_desktop.importing.report import write_report

        preview = self.owner.preview
        assert preview is not None
        suggested = preview.path.with_name(f"{preview.path.stem}-niet-geimporteerd.xlsx")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Rapport opslaan"), str(suggested), self.tr("Excel-werkmap (*.xlsx)")
        )
        if not chosen:
            return
        target = Path(chosen)

        def done(_result: Any) -> None:
            self.report_saved.setText(self.tr("Rapport opgeslagen: %1").replace("%1", str(target)))

        self.owner.run(
            self.tr("Rapport schrijven…"),
            lambda progress: write_report(preview, target, progress),
            done,
        )
