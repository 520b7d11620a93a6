"""Taking attendance now, for one session, on a small laptop at the table.

Big check boxes, one per person; every tick is saved at once. A walk-in guest is added
with who invited them. 'Klaar' marks everyone without a tick as absent.
"""

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.labels import label
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import AttendanceRole, AttendanceStatus, SessionStatus
from verbindtafel_desktop.services.attendance import RosterRow
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("TakeAttendance", text)


class RosterLine(QFrame):
    """One person: a big 'present' box and an 'afgemeld' toggle."""

    def __init__(self, dialog: "TakeAttendanceDialog", row: RosterRow) -> None:
        super().__init__()
        self.dialog = dialog
        self.row = row
        self.setObjectName("rosterLine")
        name = row.name
        if row.role != AttendanceRole.MEMBER:
            name += f"  ({label(row.role)})"
        if row.invited_by:
            name += tr(" — uitgenodigd door %1").replace("%1", row.invited_by)
        self.present = QCheckBox(name)
        self.present.setObjectName("presentBox")
        self.excused = QPushButton(tr("Afgemeld"))
        self.excused.setObjectName("excusedButton")
        self.excused.setCheckable(True)
        self.excused.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.state = QLabel()
        self.state.setObjectName("rosterState")
        self.state.setMinimumWidth(90)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.present, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.excused)
        self.show_status(row.status)
        self.present.toggled.connect(self._present_toggled)
        self.excused.toggled.connect(self._excused_toggled)

    def show_status(self, status: AttendanceStatus | None) -> None:
        self.status = status
        for widget, checked in (
            (self.present, status == AttendanceStatus.PRESENT),
            (self.excused, status == AttendanceStatus.EXCUSED),
        ):
            widget.blockSignals(True)
            widget.setChecked(checked)
            widget.blockSignals(False)
        self.state.setText(label(status) if status else "")

    def _present_toggled(self, checked: bool) -> None:
        self._save(AttendanceStatus.PRESENT if checked else None)

    def _excused_toggled(self, checked: bool) -> None:
        self._save(AttendanceStatus.EXCUSED if checked else None)

    def _save(self, status: AttendanceStatus | None) -> None:
        if self.dialog.record(self.row.person_id, status):
            self.show_status(status)
        else:
            self.show_status(self.status)
        self.dialog.update_summary()


class TakeAttendanceDialog(QDialog):
    def __init__(self, services: Services, session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session_id = session_id
        self.changed = False
        self.setObjectName("takeAttendance")
        info = services.sessions.info(session_id)
        self.setWindowTitle(tr("Aanwezigheid opnemen"))
        self.resize(720, 640)
        heading = QLabel(
            tr("%1 — sessie %2: %3")
            .replace("%1", info.table)
            .replace("%2", str(info.number))
            .replace("%3", info.title)
        )
        heading.setObjectName("detailTitle")
        heading.setWordWrap(True)
        when = QLabel(
            tr("%1 · vink aan wie er is; elk vinkje wordt meteen bewaard.").replace(
                "%1", format_date(info.date)
            )
        )
        when.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("rosterSummary")

        self.lines: list[RosterLine] = []
        self.roster_area = QScrollArea()
        self.roster_area.setWidgetResizable(True)

        self.guest_button = QPushButton(tr("Introducee toevoegen…"))
        self.guest_button.setShortcut("Ctrl+I")
        self.guest_button.setToolTip(
            tr("Iemand die binnenloopt en door een deelnemer is uitgenodigd (Ctrl+I)")
        )
        self.guest_button.clicked.connect(self.add_walk_in_guest)
        self.finish_button = QPushButton(tr("Klaar: wie niet is aangevinkt is afwezig"))
        self.finish_button.clicked.connect(self.finish)
        close = QPushButton(tr("Sluiten"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.guest_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(when)
        layout.addWidget(self.roster_area, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        cancelled = info.status == SessionStatus.CANCELLED
        if cancelled:
            when.setText(tr("Deze sessie is geannuleerd: %1").replace("%1", info.cancel_reason))
        for widget in (self.guest_button, self.finish_button, self.roster_area):
            widget.setEnabled(not cancelled)
        self.reload()

    def reload(self) -> None:
        """Show the roster afresh (the scroll area deletes the previous one)."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setSpacing(2)
        self.lines = []
        for row in self.services.attendance.roster(self.session_id):
            line = RosterLine(self, row)
            self.lines.append(line)
            layout.addWidget(line)
        layout.addStretch(1)
        self.roster_area.setWidget(box)
        self.update_summary()

    def line_of(self, person_id: int) -> RosterLine | None:
        return next((line for line in self.lines if line.row.person_id == person_id), None)

    def record(self, person_id: int, status: AttendanceStatus | None) -> bool:
        try:
            self.services.attendance.set_status(self.session_id, person_id, status)
        except ServiceError as refused:
            QMessageBox.warning(self, tr("Niet opgeslagen"), str(refused))
            return False
        self.changed = True
        return True

    def update_summary(self) -> None:
        members = [line for line in self.lines if line.row.role == AttendanceRole.MEMBER]
        present = sum(line.status == AttendanceStatus.PRESENT for line in members)
        excused = sum(line.status == AttendanceStatus.EXCUSED for line in members)
        guests = sum(
            line.row.role == AttendanceRole.GUEST and line.status == AttendanceStatus.PRESENT
            for line in self.lines
        )
        self.summary.setText(
            tr("%1 van %2 tafelgenoten aanwezig, %3 afgemeld, %4 introducee(s)")
            .replace("%1", str(present))
            .replace("%2", str(len(members)))
            .replace("%3", str(excused))
            .replace("%4", str(guests))
        )

    def add_walk_in_guest(self) -> None:
        inviters = [
            (line.row.person_id, line.row.name)
            for line in self.lines
            if line.row.role != AttendanceRole.GUEST
        ]
        people = self.services.people
        fields = [
            FieldSpec(
                "inviter_id",
                tr("Uitgenodigd door"),
                kind="choice",
                required=True,
                choices=lambda: inviters,
                optional_choice=tr("(kies wie de introducee uitnodigde)"),
            ),
            FieldSpec(
                "person_id",
                tr("Bekende persoon"),
                kind="person",
                find_person=people.find,
                person_name=people.display_name,
                help=tr("Was de introducee er al eens? Zoek de naam; laat anders leeg."),
            ),
            FieldSpec(
                "first_name",
                tr("Voornaam"),
                enabled_when=lambda values: not values.get("person_id"),
            ),
            FieldSpec(
                "infix",
                tr("Tussenvoegsel"),
                enabled_when=lambda values: not values.get("person_id"),
            ),
            FieldSpec(
                "last_name",
                tr("Achternaam"),
                enabled_when=lambda values: not values.get("person_id"),
            ),
            FieldSpec(
                "phone",
                tr("Telefoon"),
                help=tr("Om na afloop contact te houden (mag leeg)."),
                enabled_when=lambda values: not values.get("person_id"),
            ),
        ]

        def save(values: Values) -> int:
            return self.services.attendance.add_guest(
                self.session_id,
                values["inviter_id"],
                person_id=values["person_id"],
                new_person=values,
            )

        dialog = FormDialog(tr("Introducee toevoegen"), fields, save, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.changed = True
            self.reload()

    def finish(self) -> None:
        open_lines = [line for line in self.lines if line.status is None]
        if open_lines:
            answer = QMessageBox.question(
                self,
                tr("Sessie afsluiten"),
                tr("Wie geen vinkje heeft (%1) als afwezig noteren?").replace(
                    "%1", str(len(open_lines))
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.services.attendance.finish(self.session_id)
        except ServiceError as refused:
            QMessageBox.warning(self, tr("Niet gelukt"), str(refused))
            return
        self.changed = True
        self.reload()


def take_attendance(services: Services, session_id: int, parent: Any = None) -> bool:
    """Open the screen; True when anything was recorded."""
    dialog = TakeAttendanceDialog(services, session_id, parent)
    dialog.exec()
    return dialog.changed
