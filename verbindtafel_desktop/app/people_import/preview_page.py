"""The preview page: every row with its status, duplicates side by side with a choice,
and an optional table or cohort to seat everyone at. Nothing is written until 'Importeren'."""

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from verbindtafel_desktop.app.labels import choices, label
from verbindtafel_desktop.app.people_import.pages import StepPage, field_label
from verbindtafel_desktop.app.people_import.preview_model import STATUS_ROLE, PreviewModel
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import Gender, MembershipRole
from verbindtafel_desktop.importing.preview import Assignment, Choice, PreviewRow, RowStatus
from verbindtafel_desktop.services.people import PERSON_FIELDS

if TYPE_CHECKING:
    from verbindtafel_desktop.app.people_import.wizard import ImportWizard

_DIFFERENT = QColor("#fff1cc")


def _shown(key: str, value: Any) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if key == "gender":
        return label(value, Gender)
    return str(value)


class PreviewPage(StepPage):
    def __init__(self, owner: "ImportWizard") -> None:
        super().__init__(owner)
        self.setTitle(self.tr("Voorbeeld: wat er gaat gebeuren"))
        self.setSubTitle(
            self.tr(
                "Er is nog niets opgeslagen. Kies bij wie waarschijnlijk al bestaat of u de "
                "regel overslaat, samenvoegt (lege velden aanvullen) of toch toevoegt. "
                "'Importeren' slaat alles in één keer op."
            )
        )
        self.setCommitPage(True)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.show_only = QComboBox()
        self.show_only.setObjectName("showOnly")
        self.show_only.addItem(self.tr("Alle regels"), "")
        self.show_only.addItem(self.tr("Nieuw"), RowStatus.NEW.value)
        self.show_only.addItem(self.tr("Bestaat waarschijnlijk al"), RowStatus.DUPLICATE.value)
        self.show_only.addItem(self.tr("Dubbel in het bestand"), RowStatus.FILE_DUPLICATE.value)
        self.show_only.addItem(self.tr("Ongeldig"), RowStatus.INVALID.value)
        self.show_only.currentIndexChanged.connect(self._filter)

        self.model = PreviewModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(STATUS_ROLE)
        self.view = QTableView()
        self.view.setObjectName("previewRows")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        for column, width in enumerate((50, 150, 85, 170, 85, 100, 160)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._show_row())

        self.compare = QTableWidget(len(PERSON_FIELDS), 3)
        self.compare.setObjectName("compare")
        self.compare.verticalHeader().hide()
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.horizontalHeader().setStretchLastSection(True)
        self.compare.horizontalHeader().resizeSection(0, 120)
        self.compare.horizontalHeader().resizeSection(1, 260)
        self.choice_buttons = QButtonGroup(self)
        self.choice_radios: dict[Choice, QRadioButton] = {}
        choice_row = QHBoxLayout()
        for choice, text in (
            (Choice.SKIP, self.tr("&Overslaan")),
            (Choice.MERGE, self.tr("&Samenvoegen (lege velden aanvullen)")),
            (Choice.ADD, self.tr("&Toevoegen")),
        ):
            radio = QRadioButton(text)
            radio.setObjectName(f"choice_{choice.value}")
            radio.clicked.connect(lambda _checked, choice=choice: self.choose(choice))
            self.choice_buttons.addButton(radio)
            self.choice_radios[choice] = radio
            choice_row.addWidget(radio)
        choice_row.addStretch(1)
        self.match_label = QLabel()
        self.match_label.setObjectName("matchLabel")
        compare_box = QGroupBox(self.tr("Geselecteerde regel"))
        compare_layout = QVBoxLayout(compare_box)
        compare_layout.addWidget(self.match_label)
        compare_layout.addWidget(self.compare, 1)
        compare_layout.addLayout(choice_row)

        skip_all = QPushButton(self.tr("Alle dubbelen overslaan"))
        skip_all.setObjectName("skipAll")
        skip_all.clicked.connect(lambda: self.choose_for_duplicates(Choice.SKIP))
        merge_all = QPushButton(self.tr("Alle dubbelen samenvoegen"))
        merge_all.setObjectName("mergeAll")
        merge_all.clicked.connect(lambda: self.choose_for_duplicates(Choice.MERGE))
        self.assign_to = QComboBox()
        self.assign_to.setObjectName("assignTo")
        self.assign_to.setMinimumContentsLength(32)
        self.assign_to.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.assign_to.setToolTip(
            self.tr(
                "Deel alle geïmporteerde personen in bij een tafel, of verdeel ze over de "
                "tafels van een lichting."
            )
        )
        self.assign_role = QComboBox()
        self.assign_role.setObjectName("assignRole")
        for role, text in choices(MembershipRole):
            self.assign_role.addItem(text, role)
        self.assign_to.currentIndexChanged.connect(lambda _index: self._assignment_changed())
        self.assign_role.currentIndexChanged.connect(lambda _index: self._assignment_changed())

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Toon:")))
        top.addWidget(self.show_only)
        top.addWidget(skip_all)
        top.addWidget(merge_all)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Indelen bij:")))
        top.addWidget(self.assign_to)
        top.addWidget(QLabel(self.tr("als")))
        top.addWidget(self.assign_role)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(compare_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        body = QVBoxLayout(self)
        body.addWidget(self.summary)
        body.addLayout(top)
        body.addWidget(splitter, 1)

    # --- filling ----------------------------------------------------------------
    def initializePage(self) -> None:
        self.model.set_preview(self.owner.preview)
        services = self.owner.services
        self.assign_to.blockSignals(True)
        self.assign_to.clear()
        self.assign_to.addItem(self.tr("(niet indelen)"), None)
        for table_id, name in services.tables.options():
            self.assign_to.addItem(self.tr("tafel %1").replace("%1", name), f"table:{table_id}")
        for cohort_id, name in services.cohorts.options():
            self.assign_to.addItem(
                self.tr("lichting %1 (verdelen over de tafels)").replace("%1", name),
                f"cohort:{cohort_id}",
            )
        self.assign_to.blockSignals(False)
        self._after_change()
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def _filter(self, _index: int) -> None:
        wanted = self.show_only.currentData()
        self.proxy.setFilterRegularExpression(f"^{wanted}$" if wanted else "")

    def selected_rows(self) -> list[PreviewRow]:
        found: list[PreviewRow] = []
        for index in self.view.selectionModel().selectedRows():
            row = self.model.row_at(self.proxy.mapToSource(index).row())
            if row is not None:
                found.append(row)
        return found

    def _show_row(self) -> None:
        rows = self.selected_rows()
        row = rows[0] if rows else None
        preview = self.owner.preview
        other: dict[str, Any] = {}
        other_title = ""
        if row is not None and preview is not None:
            if row.match_id is not None:
                other = preview.existing.get(row.match_id, {})
                other_title = self.tr("In de database")
                self.match_label.setText(
                    self.tr("Waarschijnlijk dezelfde als %1: %2.")
                    .replace("%1", row.match_name)
                    .replace("%2", row.match_reason)
                )
            elif row.match_line is not None:
                earlier = preview.row_at_line(row.match_line)
                other = (earlier.values or {}) if earlier else {}
                other_title = self.tr("Op regel %1").replace("%1", str(row.match_line))
                self.match_label.setText(
                    self.tr("Waarschijnlijk dezelfde als op regel %1: %2.")
                    .replace("%1", str(row.match_line))
                    .replace("%2", row.match_reason)
                )
            elif row.errors:
                self.match_label.setText(row.problems())
            else:
                self.match_label.setText(self.tr("Nieuw: deze persoon wordt toegevoegd."))
        else:
            self.match_label.clear()
        if row is not None and row.seat_problem:
            self.match_label.setText(
                self.match_label.text()
                + " "
                + self.tr("Niet ingedeeld: %1").replace("%1", row.seat_problem)
            )
        self.compare.setHorizontalHeaderLabels(
            [self.tr("Veld"), self.tr("In het bestand"), other_title]
        )
        values = (row.values or {}) if row is not None else {}
        for number, key in enumerate(PERSON_FIELDS):
            mine = (
                _shown(key, values.get(key)) if values else (row.shown.get(key, "") if row else "")
            )
            theirs = _shown(key, other.get(key))
            self.compare.setItem(number, 0, QTableWidgetItem(field_label(key)))
            mine_item = QTableWidgetItem(mine)
            theirs_item = QTableWidgetItem(theirs)
            if row is not None and key in row.errors:
                mine_item.setToolTip(row.errors[key])
                mine_item.setForeground(QBrush(QColor("#b00020")))
            if other and mine and theirs and mine != theirs:
                mine_item.setBackground(_DIFFERENT)
                theirs_item.setBackground(_DIFFERENT)
            self.compare.setItem(number, 1, mine_item)
            self.compare.setItem(number, 2, theirs_item)
        options = set().union(*(row.options for row in rows)) if rows else set()
        for choice, radio in self.choice_radios.items():
            radio.setEnabled(choice in options)
        self.choice_buttons.setExclusive(False)
        for radio in self.choice_radios.values():
            radio.setChecked(False)
        self.choice_buttons.setExclusive(True)
        if row is not None:
            self.choice_radios[row.choice].setChecked(True)
        probably_known = row is not None and row.status != RowStatus.NEW
        self.choice_radios[Choice.ADD].setText(
            self.tr("&Toch toevoegen") if probably_known else self.tr("&Toevoegen")
        )

    # --- choosing ---------------------------------------------------------------
    def choose(self, choice: Choice) -> None:
        preview = self.owner.preview
        assert preview is not None
        for row in self.selected_rows():
            if choice in row.options:
                preview.set_choice(row, choice)
        self._after_change()

    def choose_for_duplicates(self, choice: Choice) -> None:
        preview = self.owner.preview
        assert preview is not None
        preview.set_choice_for(RowStatus.DUPLICATE, choice)
        self._after_change()

    def assignment(self) -> Assignment | None:
        target = self.assign_to.currentData()
        if not target:
            return None
        kind, _colon, number = str(target).partition(":")
        target_id = int(number)
        role = MembershipRole(self.assign_role.currentData())
        if kind == "table":
            return Assignment(table_id=target_id, role=role)
        return Assignment(cohort_id=target_id, role=role)

    def _assignment_changed(self) -> None:
        self._after_change()

    def _after_change(self) -> None:
        """Choices or the assignment changed: decide the seats again and repaint."""
        preview = self.owner.preview
        if preview is None:
            return
        self.owner.services.people_import.plan_seats(preview, self.assignment())
        self.assign_role.setEnabled(preview.assignment is not None)
        self.summary.setText(" · ".join(preview.summary()))
        self.model.refresh()
        self._show_row()

    def start_step(self) -> None:
        self.owner.commit(on_committed=self.step_done)
