"""The start screen (Overzicht): this week's sessions, who to call, how the cohorts go."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.follow_up_model import FollowUpModel
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.reload_when_shown import ReloadWhenShown
from verbindtafel_desktop.app.session_dialog import open_session
from verbindtafel_desktop.app.session_list_model import SessionListModel
from verbindtafel_desktop.app.take_attendance import take_attendance
from verbindtafel_desktop.app.widgets.read_only_table import list_view
from verbindtafel_desktop.domain.dutch_formats import format_date, format_long_date
from verbindtafel_desktop.services.dashboard import CohortProgress, PeopleCounts
from verbindtafel_desktop.services.registry import Services

Index = QModelIndex | QPersistentModelIndex
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2
# Changes after which the figures are out of date.
WATCHED = {
    "sessions",
    "attendance",
    "follow_ups",
    "tables",
    "cohorts",
    "memberships",
    "people",
    "invitations",
    "settings",
    "session_templates",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


def decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


class CohortProgressModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CohortProgress] = []
        self._headers = [
            tr("Lichting"),
            tr("Locatie"),
            tr("Tafels"),
            tr("Sessies gehouden"),
            tr("Gemiddelde aanwezigheid"),
        ]

    def set_rows(self, rows: list[CohortProgress]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        cohort = self._rows[index.row()]
        if role == PROGRESS_ROLE and index.column() == 3:
            return (cohort.sessions_held, cohort.sessions_planned)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match index.column():
            case 0:
                return cohort.name
            case 1:
                return cohort.location
            case 2:
                return str(cohort.tables)
            case 3:
                text = tr("%1 van %2").replace("%1", str(cohort.sessions_held))
                text = text.replace("%2", str(cohort.sessions_planned))
                if cohort.sessions_cancelled:
                    text += tr(" (%1 geannuleerd)").replace("%1", str(cohort.sessions_cancelled))
                return text
            case _:
                rate = cohort.attendance_rate
                per_session = cohort.present_per_session
                if rate is None or per_session is None:
                    return tr("nog geen sessies gehouden")
                return (
                    tr("%1% (%2 tafelgenoten per sessie)")
                    .replace("%1", str(round(rate * 100)))
                    .replace("%2", decimal(per_session))
                )


class ProgressDelegate(QStyledItemDelegate):
    """Paints (done, total) as a progress bar with the cell's text on it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        value = index.data(PROGRESS_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        done, total = value
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.adjusted(4, 4, -4, -4))
        bar.minimum = 0
        bar.maximum = max(total, 1)
        bar.progress = min(done, bar.maximum)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole))
        bar.textVisible = True
        bar.state = QStyle.StateFlag.State_Enabled
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class CountTile(QFrame):
    def __init__(self, title: str, help_text: str) -> None:
        super().__init__()
        self.setObjectName("countTile")
        self.setToolTip(help_text)
        self.number = QLabel("0")
        self.number.setObjectName("tileNumber")
        self.caption = QLabel(title)
        self.caption.setObjectName("tileCaption")
        self.detail = QLabel()
        self.detail.setObjectName("tileDetail")
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)

    def show_counts(self, running: int, total: int) -> None:
        self.number.setText(str(running))
        self.detail.setText(tr("in lopende lichtingen · %1 in totaal").replace("%1", str(total)))


class DashboardPage(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.today: Callable[[], dt.date] = dt.date.today

        title = QLabel(tr("Overzicht"))
        title.setObjectName("pageTitle")
        self.date_label = QLabel()
        self.date_label.setObjectName("dashboardDate")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.date_label)

        self.participants = CountTile(
            tr("tafelgenoten"), tr("Deelnemers (ook wie gestopt of afgerond is)")
        )
        self.guests = CountTile(tr("introducees"), tr("Mensen die als introducee aanschoven"))
        self.facilitators = CountTile(tr("tafelbegeleiders"), tr("Begeleiders van tafels"))
        tiles = QHBoxLayout()
        for tile in (self.participants, self.guests, self.facilitators):
            tiles.addWidget(tile)

        self.week_model = SessionListModel(
            ["weekday", "date", "time", "table", "session", "status"], self
        )
        self.week_view = list_view(self.week_model, "weekSessions")
        self.week_view.doubleClicked.connect(lambda _index: self.open_selected_session())
        header_view = self.week_view.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header_view.setStretchLastSection(False)
        self.week_empty = QLabel(tr("Deze week zijn er geen sessies."))
        self.week_empty.setObjectName("emptyHint")
        open_button = QPushButton(tr("Sessie openen…"))
        open_button.clicked.connect(self.open_selected_session)
        attendance_button = QPushButton(tr("Aanwezigheid opnemen…"))
        attendance_button.clicked.connect(self.take_selected_attendance)
        self.week_box = QGroupBox()
        week_layout = QVBoxLayout(self.week_box)
        week_layout.addWidget(self.week_view, 1)
        week_layout.addWidget(self.week_empty)
        week_buttons = QHBoxLayout()
        week_buttons.addWidget(open_button)
        week_buttons.addWidget(attendance_button)
        week_buttons.addStretch(1)
        week_layout.addLayout(week_buttons)

        self.follow_up_model = FollowUpModel(self)
        self.follow_up_view = list_view(self.follow_up_model, "followUps")
        self.follow_up_view.doubleClicked.connect(lambda _index: self.mark_called())
        follow_header = self.follow_up_view.horizontalHeader()
        follow_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        follow_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        follow_header.setStretchLastSection(False)
        self.follow_up_empty = QLabel(tr("Niemand hoeft gebeld te worden."))
        self.follow_up_empty.setObjectName("emptyHint")
        self.called_button = QPushButton(tr("Gebeld…"))
        self.called_button.setToolTip(tr("Noteer hoe het gesprek ging; de naam gaat van de lijst."))
        self.called_button.clicked.connect(self.mark_called)
        self.rule_label = QLabel()
        self.rule_label.setObjectName("fieldHelp")
        self.rule_label.setWordWrap(True)
        self.follow_up_box = QGroupBox()
        follow_layout = QVBoxLayout(self.follow_up_box)
        follow_layout.addWidget(self.follow_up_view, 1)
        follow_layout.addWidget(self.follow_up_empty)
        follow_layout.addWidget(self.rule_label)
        follow_buttons = QHBoxLayout()
        follow_buttons.addWidget(self.called_button)
        follow_buttons.addStretch(1)
        follow_layout.addLayout(follow_buttons)

        self.cohort_model = CohortProgressModel(self)
        self.cohort_view = list_view(self.cohort_model, "cohortProgress")
        self.cohort_view.setItemDelegateForColumn(3, ProgressDelegate(self.cohort_view))
        cohort_header = self.cohort_view.horizontalHeader()
        cohort_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        cohort_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        cohort_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        cohort_header.resizeSection(3, 220)
        self.cohort_empty = QLabel(tr("Er loopt op dit moment geen lichting."))
        self.cohort_empty.setObjectName("emptyHint")
        cohort_box = QGroupBox(tr("Lopende lichtingen"))
        cohort_layout = QVBoxLayout(cohort_box)
        cohort_layout.addWidget(self.cohort_view)
        cohort_layout.addWidget(self.cohort_empty)

        grid = QGridLayout()
        grid.addWidget(self.week_box, 0, 0)
        grid.addWidget(self.follow_up_box, 0, 1)
        grid.addWidget(cohort_box, 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)
        ReloadWhenShown(self, bus, WATCHED, self.refresh)
        self.refresh()

    def set_today(self, day: dt.date) -> None:
        """Show the figures as of another day (for demonstrations and screenshots)."""
        self.today = lambda: day
        self.refresh()

    def refresh(self) -> None:
        figures = self.services.dashboard.figures(self.today())
        self.date_label.setText(format_long_date(figures.today))
        self.week_box.setTitle(
            tr("Sessies deze week (%1 – %2)")
            .replace("%1", format_date(figures.week_start)[:5])
            .replace("%2", format_date(figures.week_end)[:5])
        )
        self.week_model.set_sessions(figures.week_sessions)
        self.week_view.setVisible(bool(figures.week_sessions))
        self.week_empty.setVisible(not figures.week_sessions)
        self.follow_up_box.setTitle(tr("Nabellen (%1)").replace("%1", str(len(figures.follow_ups))))
        self.follow_up_model.set_rows(figures.follow_ups)
        self.follow_up_view.setVisible(bool(figures.follow_ups))
        self.follow_up_empty.setVisible(not figures.follow_ups)
        self.called_button.setEnabled(bool(figures.follow_ups))
        rules = self.services.settings.rules()
        self.rule_label.setText(
            tr(
                "Wie %1 keer achter elkaar afwezig was, staat hier tot het gesprek is genoteerd. "
                "Afmelden telt %2 als afwezig; geannuleerde sessies tellen niet mee."
            )
            .replace("%1", str(rules.follow_up_after))
            .replace("%2", tr("wel") if rules.excused_counts_as_absence else tr("niet"))
        )
        self.cohort_model.set_rows(figures.cohorts)
        self.cohort_view.setVisible(bool(figures.cohorts))
        self.cohort_empty.setVisible(not figures.cohorts)
        self._show_counts(figures.running, figures.total)

    def _show_counts(self, running: PeopleCounts, total: PeopleCounts) -> None:
        self.participants.show_counts(running.participants, total.participants)
        self.guests.show_counts(running.guests, total.guests)
        self.facilitators.show_counts(running.facilitators, total.facilitators)

    # --- actions ---------------------------------------------------------------------
    def selected_session(self) -> int | None:
        rows = self.week_view.selectionModel().selectedRows()
        info = self.week_model.session_at(rows[0].row()) if rows else None
        return info.session_id if info else None

    def open_selected_session(self) -> None:
        session_id = self.selected_session()
        if session_id is not None and open_session(self.services, session_id, self):
            self.bus.announce("sessions", "attendance")

    def take_selected_attendance(self) -> None:
        session_id = self.selected_session()
        if session_id is not None and take_attendance(self.services, session_id, self):
            self.bus.announce("attendance")

    def mark_called(self) -> None:
        rows = self.follow_up_view.selectionModel().selectedRows()
        item = self.follow_up_model.row_at(rows[0].row()) if rows else None
        if item is None:
            return
        fields = [
            FieldSpec(
                "note",
                tr("Hoe ging het gesprek?"),
                kind="multiline",
                required=True,
                help=tr("Bijvoorbeeld: was ziek, komt volgende week weer."),
            )
        ]

        def save(values: Values) -> int:
            self.services.follow_ups.mark_done(item.follow_up_id, values["note"] or "")
            return item.follow_up_id

        title = tr("%1 gebeld (%2)").replace("%1", item.name).replace("%2", item.phone)
        dialog = FormDialog(title, fields, save, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.bus.announce("follow_ups")
