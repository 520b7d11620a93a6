"""The agenda: every session of a week or a month, across tables and locations, and today."""

import calendar
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QFont, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.reload_when_shown import ReloadWhenShown
from verbindtafel_desktop.app.session_dialog import open_session
from verbindtafel_desktop.app.session_list_model import SessionListModel
from verbindtafel_desktop.app.take_attendance import take_attendance
from verbindtafel_desktop.app.widgets.read_only_table import list_view
from verbindtafel_desktop.domain.dutch_formats import MONTH_NAMES, format_date, format_long_date
from verbindtafel_desktop.services.dashboard import week_of
from verbindtafel_desktop.services.registry import Services

WATCHED = {"sessions", "attendance", "tables", "cohorts", "locations", "session_templates"}


def tr(text: str) -> str:
    return QCoreApplication.translate("Agenda", text)


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


class AgendaPage(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.today: Callable[[], dt.date] = dt.date.today
        self.anchor = self.today()
        self._bold_dates: list[dt.date] = []

        title = QLabel(tr("Agenda"))
        title.setObjectName("pageTitle")
        self.mode = QComboBox()
        self.mode.setObjectName("agendaMode")
        self.mode.addItem(tr("Week"), "week")
        self.mode.addItem(tr("Maand"), "month")
        self.previous_button = QPushButton(tr("◀ Vorige"))
        self.previous_button.setShortcut(QKeySequence("Alt+Left"))
        self.today_button = QPushButton(tr("Vandaag"))
        self.today_button.setShortcut(QKeySequence("Alt+Home"))
        self.next_button = QPushButton(tr("Volgende ▶"))
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.period = QLabel()
        self.period.setObjectName("detailTitle")
        self.location = QComboBox()
        self.location.setObjectName("agendaLocation")
        self.location.setMinimumContentsLength(18)
        toolbar = QHBoxLayout()
        toolbar.addWidget(title)
        toolbar.addSpacing(16)
        toolbar.addWidget(self.previous_button)
        toolbar.addWidget(self.today_button)
        toolbar.addWidget(self.next_button)
        toolbar.addWidget(self.mode)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.period, 1)
        toolbar.addWidget(self.location)

        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("agendaCalendar")
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        self.calendar.setMaximumWidth(340)

        self.model = SessionListModel(
            ["weekday", "date", "time", "table", "location", "session", "status"], self
        )
        self.view: QTableView = list_view(self.model, "agendaSessions")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.empty = QLabel(tr("Geen sessies in deze periode."))
        self.empty.setObjectName("emptyHint")
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        open_button = QPushButton(tr("Sessie openen…"))
        open_button.clicked.connect(self.open_selected)
        attendance_button = QPushButton(tr("Aanwezigheid opnemen…"))
        attendance_button.clicked.connect(self.take_selected_attendance)
        buttons = QHBoxLayout()
        buttons.addWidget(open_button)
        buttons.addWidget(attendance_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.view, 1)
        list_layout.addWidget(self.empty, 1)
        list_layout.addLayout(buttons)

        self.today_model = SessionListModel(
            ["time", "table", "location", "session", "status"], self
        )
        self.today_view = list_view(self.today_model, "todaySessions")
        today_header = self.today_view.horizontalHeader()
        today_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        today_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        today_header.setStretchLastSection(False)
        self.today_view.doubleClicked.connect(lambda _index: self.open_selected(today=True))
        self.today_empty = QLabel(tr("Vandaag zijn er geen sessies."))
        self.today_empty.setObjectName("emptyHint")
        today_attendance = QPushButton(tr("Aanwezigheid opnemen…"))
        today_attendance.clicked.connect(lambda: self.take_selected_attendance(today=True))
        self.today_box = QGroupBox()
        today_layout = QVBoxLayout(self.today_box)
        today_layout.addWidget(self.today_view, 1)
        today_layout.addWidget(self.today_empty)
        today_buttons = QHBoxLayout()
        today_buttons.addWidget(today_attendance)
        today_buttons.addStretch(1)
        today_layout.addLayout(today_buttons)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.calendar)
        side_layout.addWidget(self.today_box, 1)
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(list_box)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)

        self.mode.currentIndexChanged.connect(lambda _index: self.refresh())
        self.location.currentIndexChanged.connect(lambda _index: self.refresh())
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.calendar.clicked.connect(self._date_clicked)
        self.calendar.currentPageChanged.connect(lambda _year, _month: self._mark_dates())
        bus.changed.connect(self._on_changed)
        ReloadWhenShown(self, bus, WATCHED, self.refresh)
        self._fill_locations()
        self.refresh()

    # --- period ----------------------------------------------------------------------
    def set_today(self, day: dt.date) -> None:
        """Show the agenda as of another day (for demonstrations and screenshots)."""
        self.today = lambda: day
        self.go_today()

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(self.mode.findData(mode))

    def period_range(self) -> tuple[dt.date, dt.date]:
        return month_of(self.anchor) if self.mode.currentData() == "month" else week_of(self.anchor)

    def step(self, direction: int) -> None:
        if self.mode.currentData() == "month":
            month = self.anchor.month - 1 + direction
            year = self.anchor.year + month // 12
            self.anchor = dt.date(year, month % 12 + 1, 1)
        else:
            self.anchor += dt.timedelta(weeks=direction)
        self.refresh()

    def go_today(self) -> None:
        self.anchor = self.today()
        self.refresh()

    def _date_clicked(self, date: QDate) -> None:
        self.anchor = date.toPython()  # type: ignore[assignment]
        self.refresh()

    # --- loading ---------------------------------------------------------------------
    def _fill_locations(self) -> None:
        current = self.location.currentData()
        self.location.blockSignals(True)
        self.location.clear()
        self.location.addItem(tr("Alle locaties"), None)
        for location_id, name in self.services.locations.options():
            self.location.addItem(name, location_id)
        self.location.setCurrentIndex(max(self.location.findData(current), 0))
        self.location.blockSignals(False)

    def _on_changed(self, entity: str) -> None:
        if entity == "locations":
            self._fill_locations()

    def refresh(self) -> None:
        first, last = self.period_range()
        location_id = self.location.currentData()
        sessions = self.services.sessions.between(first, last, location_id)
        self.model.set_sessions(sessions)
        self.view.setVisible(bool(sessions))
        self.empty.setVisible(not sessions)
        self.count.setText(tr("%1 sessie(s)").replace("%1", str(len(sessions))))
        if self.mode.currentData() == "month":
            self.period.setText(f"{MONTH_NAMES[first.month - 1]} {first.year}")
        else:
            week = first.isocalendar().week
            self.period.setText(
                tr("week %1: %2 – %3")
                .replace("%1", str(week))
                .replace("%2", format_date(first))
                .replace("%3", format_date(last))
            )
        today = self.today()
        todays = self.services.sessions.between(today, today, location_id)
        self.today_box.setTitle(tr("Vandaag, %1").replace("%1", format_long_date(today)))
        self.today_model.set_sessions(todays)
        self.today_view.setVisible(bool(todays))
        self.today_empty.setVisible(not todays)
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(qdate(self.anchor))
        self.calendar.blockSignals(False)
        self._mark_dates()

    def _mark_dates(self) -> None:
        """Bold the days of the shown month that have sessions."""
        for day in self._bold_dates:
            self.calendar.setDateTextFormat(qdate(day), QTextCharFormat())
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        first = dt.date(year, month, 1) - dt.timedelta(days=7)
        last = dt.date(year, month, calendar.monthrange(year, month)[1]) + dt.timedelta(days=7)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setForeground(self.palette().highlight())
        self._bold_dates = list(self.services.sessions.session_dates(first, last))
        for day in self._bold_dates:
            self.calendar.setDateTextFormat(qdate(day), bold)

    # --- actions -------------------------------------------------------------------------
    def selected(self, today: bool = False) -> int | None:
        view, model = (self.today_view, self.today_model) if today else (self.view, self.model)
        rows = view.selectionModel().selectedRows()
        info = model.session_at(rows[0].row()) if rows else None
        return info.session_id if info else None

    def open_selected(self, today: bool = False) -> None:
        session_id = self.selected(today)
        if session_id is not None and open_session(self.services, session_id, self):
            self.bus.announce("sessions", "attendance")

    def take_selected_attendance(self, today: bool = False) -> None:
        session_id = self.selected(today)
        if session_id is not None and take_attendance(self.services, session_id, self):
            self.bus.announce("attendance")
