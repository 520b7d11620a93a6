"""A table's trajectory: its 5 sessions so far, what the group made of them, and the
attendance grid."""

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.attendance_grid import AttendanceGridModel, AttendanceGridView
from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.labels import weekday_label
from verbindtafel_desktop.app.plan_sessions_dialog import plan_sessions
from verbindtafel_desktop.app.session_dialog import open_session
from verbindtafel_desktop.app.session_list_model import SessionListModel
from verbindtafel_desktop.app.take_attendance import take_attendance
from verbindtafel_desktop.app.widgets.read_only_table import list_view
from verbindtafel_desktop.domain.dutch_formats import format_date, format_time
from verbindtafel_desktop.domain.enums import SessionStatus
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.registry import Services
from verbindtafel_desktop.services.sessions import SessionInfo

WATCHED = {
    "sessions",
    "attendance",
    "memberships",
    "people",
    "settings",
    "cards",
    "session_templates",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("Trajectory", text)


def session_for_now(sessions: list[SessionInfo], today: dt.date) -> SessionInfo | None:
    """The session to take attendance for: today's, else the last one that should have
    happened but is not marked, else the next planned one, else the last one."""
    usable = [s for s in sessions if s.status != SessionStatus.CANCELLED]
    for info in usable:
        if info.date == today:
            return info
    overdue = [s for s in usable if s.status == SessionStatus.PLANNED and s.date and s.date < today]
    if overdue:
        return overdue[-1]
    upcoming = [s for s in usable if s.status == SessionStatus.PLANNED]
    if upcoming:
        return upcoming[0]
    return usable[-1] if usable else None


class TrajectoryPage(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.today: Callable[[], dt.date] = dt.date.today
        self.table_id: int | None = None
        self._stale = False
        self._grid_recording = False

        title = QLabel(tr("Traject en aanwezigheid"))
        title.setObjectName("pageTitle")
        self.table_box = QComboBox()
        self.table_box.setObjectName("tableChoice")
        self.table_box.setEditable(True)
        self.table_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.table_box.setMinimumContentsLength(32)
        completer = self.table_box.completer()
        line = self.table_box.lineEdit()
        assert completer is not None and line is not None
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        line.setPlaceholderText(tr("Typ om een tafel te zoeken…"))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(QLabel(tr("Tafel")))
        top.addWidget(self.table_box)

        self.info = QLabel()
        self.info.setObjectName("detailTitle")
        self.info.setWordWrap(True)
        self.rules = QLabel()
        self.rules.setObjectName("fieldHelp")
        self.rules.setWordWrap(True)

        self.plan_button = QPushButton(tr("Sessies plannen…"))
        self.plan_button.clicked.connect(self.plan)
        self.now_button = QPushButton(tr("Aanwezigheid nu opnemen…"))
        self.now_button.clicked.connect(self.take_attendance_now)
        self.open_button = QPushButton(tr("Sessie openen…"))
        self.open_button.clicked.connect(self.open_selected)
        self.close_button = QPushButton(tr("Traject afsluiten…"))
        self.close_button.setToolTip(
            tr("Zet de deelnames op 'afgerond' of 'gestopt' volgens de regel.")
        )
        self.close_button.clicked.connect(self.close_trajectory)
        buttons = QHBoxLayout()
        for button in (self.plan_button, self.now_button, self.open_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.sessions = SessionListModel(
            [
                "number",
                "phase",
                "title",
                "weekday",
                "date",
                "time",
                "status",
                "present",
                "guests",
                "cards",
                "meanings",
            ],
            self,
        )
        self.session_view = list_view(self.sessions, "trajectorySessions")
        self.session_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.session_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.session_view.horizontalHeader().setStretchLastSection(False)
        self.session_view.doubleClicked.connect(lambda _index: self.open_selected())
        self.story = QTextBrowser()
        self.story.setObjectName("trajectoryStory")
        self.story.setOpenLinks(False)
        self.empty = QLabel(
            tr("Voor deze tafel zijn nog geen sessies gepland. Kies 'Sessies plannen…'.")
        )
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        story_split = QSplitter(Qt.Orientation.Vertical)
        story_split.addWidget(self.session_view)
        story_split.addWidget(self.story)
        story_split.setStretchFactor(1, 1)
        trajectory_tab = QWidget()
        trajectory_layout = QVBoxLayout(trajectory_tab)
        trajectory_layout.addWidget(self.empty)
        trajectory_layout.addWidget(story_split, 1)

        self.grid_model = AttendanceGridModel(services, self)
        self.grid = AttendanceGridView(self.grid_model)
        self.grid.recorded.connect(self._recorded)
        legend = QLabel(
            tr(
                "Kies een vakje met de pijltjestoetsen en typ A (aanwezig), W (afwezig) of "
                "M (afgemeld); Delete maakt leeg. Elk vakje wordt meteen bewaard. Dubbelklik "
                "wisselt, rechtsklik kiest."
            )
        )
        legend.setObjectName("fieldHelp")
        legend.setWordWrap(True)
        attendance_tab = QWidget()
        attendance_layout = QVBoxLayout(attendance_tab)
        attendance_layout.addWidget(legend)
        attendance_layout.addWidget(self.grid, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(trajectory_tab, tr("Traject"))
        self.tabs.addTab(attendance_tab, tr("Aanwezigheid"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.rules)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

        self._fill_tables()
        self.table_box.activated.connect(lambda _index: self._table_chosen())
        self.table_box.currentIndexChanged.connect(lambda _index: self._table_chosen())
        bus.changed.connect(self._on_changed)
        self._table_chosen()

    # --- choosing a table ------------------------------------------------------------
    def _fill_tables(self) -> None:
        current = self.table_box.currentData()
        self.table_box.blockSignals(True)
        self.table_box.clear()
        for table_id, name in self.services.tables.options():
            self.table_box.addItem(name, table_id)
        found = self.table_box.findData(current) if current is not None else 0
        self.table_box.setCurrentIndex(max(found, 0))
        self.table_box.blockSignals(False)

    def _table_chosen(self) -> None:
        table_id = self.table_box.currentData()
        if table_id != self.table_id or table_id is None:
            self.show_table(table_id)

    def show_item(self, item: object) -> None:
        """Show one table's trajectory; ("attendance", table_id) opens the grid tab."""
        tab = 0
        if isinstance(item, tuple):
            tab = 1 if item[0] == "attendance" else 0
            item = item[1]
        assert isinstance(item, int)
        index = self.table_box.findData(item)
        if index < 0:  # an archived table is not in the list but can still be shown
            self._fill_tables()
            self.table_box.addItem(self.services.tables.get(item).name, item)
            index = self.table_box.count() - 1
        self.table_box.setCurrentIndex(index)  # shows the table when it was another one
        if self.table_id != item or self._stale:
            self.show_table(item)
        self.tabs.setCurrentIndex(tab)

    def show_table(self, table_id: int | None, *, reload_grid: bool = True) -> None:
        self.table_id = table_id
        self._stale = False
        for button in (self.plan_button, self.now_button, self.open_button, self.close_button):
            button.setEnabled(table_id is not None)
        if table_id is None:
            self.info.setText(tr("Er zijn nog geen tafels. Maak eerst een tafel bij Tafels."))
            self.sessions.set_sessions([])
            self.grid_model.load(None)
            self.story.clear()
            self.rules.clear()
            return
        table = self.services.tables.get(table_id)
        summary = self.services.memberships.summary(table_id)
        when = weekday_label(table.meeting_weekday) if table.meeting_weekday is not None else ""
        if table.meeting_time:
            when += f" {format_time(table.meeting_time)}"
        self.info.setText(
            " · ".join(
                part
                for part in (
                    f"{summary.name} — {summary.cohort}",
                    when.strip(),
                    tr("%1 van %2 plaatsen")
                    .replace("%1", str(summary.participants))
                    .replace("%2", str(summary.capacity)),
                    tr("begeleiding: %1").replace("%1", ", ".join(summary.facilitators) or "—"),
                )
                if part
            )
        )
        rules = self.services.settings.rules()
        self.rules.setText(
            tr(
                "Afgerond bij minstens %1 van de 5 sessies aanwezig%2. Nabellen na %3 keer "
                "achter elkaar afwezig; afmelden telt %4 als afwezig. (Aan te passen bij "
                "Programma → Regels.)"
            )
            .replace("%1", str(rules.completion_minimum))
            .replace(
                "%2",
                tr(" (een geannuleerde sessie verlaagt de drempel)")
                if rules.cancelled_lowers_minimum
                else "",
            )
            .replace("%3", str(rules.follow_up_after))
            .replace("%4", tr("wel") if rules.excused_counts_as_absence else tr("niet"))
        )
        sessions = self.services.sessions.of_table(table_id)
        counts = self.services.sessions.counts([s.session_id for s in sessions])
        self.sessions.set_sessions(sessions, counts)
        self.empty.setVisible(not sessions)
        self.plan_button.setText(tr("Sessies plannen…") if not sessions else tr("Opnieuw plannen…"))
        self.now_button.setEnabled(bool(sessions))
        self.open_button.setEnabled(bool(sessions))
        self.close_button.setEnabled(
            bool(sessions) and all(s.status != SessionStatus.PLANNED for s in sessions)
        )
        self.story.setHtml(self._story_html(sessions))
        if reload_grid:
            current = self.grid.currentIndex()
            self.grid_model.load(table_id)
            if current.isValid():
                self.grid.setCurrentIndex(self.grid_model.index(current.row(), current.column()))

    def _story_html(self, sessions: list[SessionInfo]) -> str:
        meanings = self.services.meanings.meanings([s.session_id for s in sessions])
        parts = [f"<h3>{html.escape(tr('Wat de groep tot nu toe verwoordde'))}</h3>"]
        anything = False
        for info in sessions:
            own = [m for m in meanings if m.session_id == info.session_id]
            if not own and not info.notes and info.status != SessionStatus.CANCELLED:
                continue
            anything = True
            heading = tr("Sessie %1 · %2 · %3").replace("%1", str(info.number))
            heading = heading.replace("%2", info.title).replace("%3", format_date(info.date))
            parts.append(f"<p><b>{html.escape(heading)}</b>")
            if info.status == SessionStatus.CANCELLED:
                reason = tr("Geannuleerd: %1").replace("%1", info.cancel_reason)
                parts.append(f"<br><i>{html.escape(reason)}</i>")
            parts.append("</p><ul>")
            for meaning in own:
                cards = ", ".join(meaning.card_titles)
                agreed = "" if meaning.agreed else tr(" (nog geen instemming)")
                parts.append(
                    f"<li>“{html.escape(meaning.text)}”{html.escape(agreed)}"
                    + (f" <span style='color:#666'>— {html.escape(cards)}</span>" if cards else "")
                    + "</li>"
                )
            if info.notes:
                note = tr("Notitie: %1").replace("%1", info.notes)
                parts.append(f"<li style='color:#555'>{html.escape(note)}</li>")
            parts.append("</ul>")
        if not anything:
            parts.append(f"<p>{html.escape(tr('Nog niets vastgelegd.'))}</p>")
        return "".join(parts)

    def _on_changed(self, entity: str) -> None:
        if entity == "tables":
            self._fill_tables()
        if entity in WATCHED or entity == "tables":
            self._stale = True
            if self.isVisible():
                self.show_table(self.table_id, reload_grid=not self._grid_recording)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.show_table(self.table_id)
        super().showEvent(event)

    def _recorded(self) -> None:
        # The grid already shows what was typed; only the rest of the page follows.
        self._grid_recording = True
        try:
            self.bus.announce("attendance")
        finally:
            self._grid_recording = False

    # --- actions -----------------------------------------------------------------------
    def plan(self) -> None:
        if self.table_id is not None and plan_sessions(self.services, self.table_id, self):
            self.bus.announce("sessions")

    def selected_session(self) -> int | None:
        rows = self.session_view.selectionModel().selectedRows()
        info = self.sessions.session_at(rows[0].row()) if rows else None
        return info.session_id if info else None

    def open_selected(self) -> None:
        session_id = self.selected_session()
        if session_id is None:
            QMessageBox.information(self, tr("Sessie openen"), tr("Kies eerst een sessie."))
            return
        if open_session(self.services, session_id, self):
            self.bus.announce("sessions", "attendance")

    def take_attendance_now(self) -> None:
        if self.table_id is None:
            return
        chosen = session_for_now(self.services.sessions.of_table(self.table_id), self.today())
        if chosen is None:
            QMessageBox.information(
                self, tr("Aanwezigheid"), tr("Deze tafel heeft geen sessie die door kan gaan.")
            )
            return
        if take_attendance(self.services, chosen.session_id, self):
            self.bus.announce("attendance")

    def close_trajectory(self) -> None:
        if self.table_id is None:
            return
        completions = self.services.attendance.completions(self.table_id)
        done = sum(result.completed for result in completions.values())
        answer = QMessageBox.question(
            self,
            tr("Traject afsluiten"),
            tr(
                "Volgens de regel hebben %1 van de %2 tafelgenoten het traject afgerond. "
                "Hun deelname wordt 'afgerond', die van de anderen 'gestopt'. Doorgaan?"
            )
            .replace("%1", str(done))
            .replace("%2", str(len(completions))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            completed, dropped = self.services.attendance.close_trajectory(self.table_id)
        except ServiceError as refused:
            QMessageBox.warning(self, tr("Niet afgesloten"), str(refused))
            return
        QMessageBox.information(
            self,
            tr("Traject afgesloten"),
            tr("%1 afgerond, %2 gestopt.")
            .replace("%1", str(completed))
            .replace("%2", str(dropped)),
        )
        self.bus.announce("memberships")
