"""The session page: when and how it went, the cards on the table, the meanings the group
agreed on, and the facilitator's notes."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.card_model import CardListModel, card_view
from verbindtafel_desktop.app.card_picker import CardPickerDialog
from verbindtafel_desktop.app.card_pixmaps import CardPixmaps
from verbindtafel_desktop.app.export_actions import export_namecards, export_signin
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.labels import label, weekday_label
from verbindtafel_desktop.app.take_attendance import take_attendance
from verbindtafel_desktop.domain.dutch_formats import format_date, format_time
from verbindtafel_desktop.domain.enums import SessionStatus
from verbindtafel_desktop.services.errors import ServiceError, ValidationFailed
from verbindtafel_desktop.services.meanings import MeaningRow
from verbindtafel_desktop.services.registry import Services
from verbindtafel_desktop.services.sessions import SessionInfo

MEANING_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@contextmanager
def refusal_under(field: str) -> Iterator[None]:
    """Show a service's refusal under a form field (the form stays open)."""
    try:
        yield
    except ValidationFailed:
        raise
    except ServiceError as refused:
        raise ValidationFailed({field: str(refused)}) from refused


def tr(text: str) -> str:
    return QCoreApplication.translate("SessionPage", text)


class MeaningDialog(QDialog):
    """A meaning in the group's words, the cards it links, and whether all agreed."""

    def __init__(
        self,
        services: Services,
        pixmaps: CardPixmaps,
        session_id: int,
        meaning: MeaningRow | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.session_id = session_id
        self.meaning = meaning
        self.setWindowTitle(tr("Betekenis") if meaning is None else tr("Betekenis bewerken"))
        self.resize(760, 560)
        self.text = QPlainTextEdit(meaning.text if meaning else "")
        self.text.setObjectName("meaningText")
        self.text.setPlaceholderText(
            tr(
                "Schrijf op wat de groep verwoordde, bijvoorbeeld: "
                "'Thuis is waar je gegroet wordt.'"
            )
        )
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        self.agreed = QCheckBox(tr("De groep kon hiermee instemmen"))
        self.agreed.setChecked(meaning.agreed if meaning else True)
        self.cards = CardListModel(pixmaps, checkable=True, parent=self)
        self.cards.set_cards(
            services.meanings.cards_on_table(session_id), meaning.card_ids if meaning else ()
        )
        view = card_view()
        view.setModel(self.cards)
        hint = QLabel(
            tr("Vink de kaarten aan die de groep aan elkaar of aan het thema koppelde.")
            if self.cards.rowCount()
            else tr("Er liggen nog geen kaarten op tafel; kies ze eerst op de sessiepagina.")
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Opslaan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Betekenis")))
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        layout.addWidget(self.agreed)
        layout.addWidget(hint)
        layout.addWidget(view, 1)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        try:
            self.services.meanings.save_meaning(
                self.session_id,
                self.text.toPlainText(),
                self.cards.checked_ids(),
                self.agreed.isChecked(),
                self.meaning.meaning_id if self.meaning else None,
            )
        except ValidationFailed as refused:
            self.error.setText(refused.errors.get("text", str(refused)))
            self.error.show()
            return
        super().accept()


class SessionDialog(QDialog):
    def __init__(self, services: Services, session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.session_id = session_id
        self.changed = False
        self.pixmaps = CardPixmaps()
        self.setObjectName("sessionPage")
        self.resize(1100, 760)

        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.place = QLabel()
        self.when = QLabel()
        self.when.setObjectName("sessionWhen")
        self.when.setWordWrap(True)

        self.held_button = QPushButton()
        self.held_button.clicked.connect(self.toggle_held)
        self.cancel_button = QPushButton(tr("Annuleren…"))
        self.cancel_button.clicked.connect(self.cancel_session)
        self.move_button = QPushButton()
        self.move_button.clicked.connect(self.move_session)
        self.attendance_button = QPushButton(tr("Aanwezigheid opnemen…"))
        self.attendance_button.clicked.connect(self.take_attendance)
        self.print_button = QPushButton(tr("Afdrukken"))
        self.print_button.setObjectName("sessionPrint")
        print_menu = QMenu(self.print_button)
        signin_action = print_menu.addAction(tr("Presentielijst (PDF)…"))
        signin_action.setObjectName("printSignin")
        signin_action.triggered.connect(lambda: export_signin(self, self.services, self.session_id))
        namecards_action = print_menu.addAction(tr("Naamkaartjes (PDF)…"))
        namecards_action.setObjectName("printNamecards")
        namecards_action.triggered.connect(
            lambda: export_namecards(self, self.services, session_id=self.session_id)
        )
        self.print_button.setMenu(print_menu)
        actions = QHBoxLayout()
        for button in (
            self.attendance_button,
            self.held_button,
            self.move_button,
            self.cancel_button,
            self.print_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        # The template: what this session is for.
        self.goal = QLabel()
        self.goal.setWordWrap(True)
        self.card_work = QLabel()
        self.card_work.setWordWrap(True)
        template_box = QGroupBox(tr("Uit het programma"))
        template_form = QFormLayout(template_box)
        template_form.addRow(tr("Doel"), self.goal)
        template_form.addRow(tr("Kaartwerk"), self.card_work)
        self.attendance_summary = QLabel()
        self.attendance_summary.setWordWrap(True)
        template_form.addRow(tr("Aanwezig"), self.attendance_summary)

        # The cards on the table.
        self.cards = CardListModel(self.pixmaps, parent=self)
        self.card_list = card_view()
        self.card_list.setObjectName("cardsOnTable")
        self.card_list.setModel(self.cards)
        choose = QPushButton(tr("Kaarten kiezen…"))
        choose.clicked.connect(self.choose_cards)
        cards_box = QGroupBox(tr("Kaarten op tafel"))
        cards_layout = QVBoxLayout(cards_box)
        cards_layout.addWidget(self.card_list, 1)
        cards_row = QHBoxLayout()
        self.cards_count = QLabel()
        cards_row.addWidget(self.cards_count)
        cards_row.addStretch(1)
        cards_row.addWidget(choose)
        cards_layout.addLayout(cards_row)

        # The meanings the group put into words.
        self.meaning_list = QListWidget()
        self.meaning_list.setObjectName("meanings")
        self.meaning_list.setWordWrap(True)
        self.meaning_list.setAlternatingRowColors(True)
        self.meaning_list.itemDoubleClicked.connect(lambda _item: self.edit_meaning())
        add_meaning = QPushButton(tr("Betekenis toevoegen…"))
        add_meaning.clicked.connect(self.add_meaning)
        self.edit_meaning_button = QPushButton(tr("Bewerken…"))
        self.edit_meaning_button.clicked.connect(self.edit_meaning)
        self.remove_meaning_button = QPushButton(tr("Verwijderen…"))
        self.remove_meaning_button.clicked.connect(self.remove_meaning)
        meanings_box = QGroupBox(tr("Betekenissen die de groep verwoordde"))
        meanings_layout = QVBoxLayout(meanings_box)
        meanings_layout.addWidget(self.meaning_list, 1)
        meaning_buttons = QHBoxLayout()
        meaning_buttons.addWidget(add_meaning)
        meaning_buttons.addWidget(self.edit_meaning_button)
        meaning_buttons.addWidget(self.remove_meaning_button)
        meaning_buttons.addStretch(1)
        meanings_layout.addLayout(meaning_buttons)

        # The facilitator's notes.
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("sessionNotes")
        self.notes.setPlaceholderText(
            tr("Wat viel op, wie heeft aandacht nodig, wat is afgesproken…")
        )
        self.notes.setTabChangesFocus(True)
        save_notes = QPushButton(tr("Notities opslaan"))
        save_notes.setShortcut("Ctrl+S")
        save_notes.clicked.connect(self.save_notes)
        notes_box = QGroupBox(tr("Notities van de begeleider"))
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes, 1)
        notes_row = QHBoxLayout()
        notes_row.addStretch(1)
        notes_row.addWidget(save_notes)
        notes_layout.addLayout(notes_row)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(cards_box)
        left.addWidget(meanings_box)
        left.setSizes([420, 260])
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(template_box)
        right.addWidget(notes_box)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Sluiten"))
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.place)
        layout.addWidget(self.when)
        layout.addLayout(actions)
        layout.addWidget(body, 1)
        layout.addWidget(close)
        self.reload()

    # --- showing --------------------------------------------------------------------
    def reload(self) -> None:
        info = self.services.sessions.info(self.session_id)
        self.info = info
        self.setWindowTitle(info.label)
        self.heading.setText(
            tr("Sessie %1 — %2").replace("%1", str(info.number)).replace("%2", info.title)
        )
        self.place.setText(f"{info.table} · {info.cohort} · {info.location}")
        self.when.setText(self._when_text(info))
        held = info.status == SessionStatus.HELD
        cancelled = info.status == SessionStatus.CANCELLED
        self.held_button.setText(tr("Terug naar gepland") if held else tr("Gehouden"))
        self.held_button.setEnabled(not cancelled)
        self.cancel_button.setEnabled(info.status == SessionStatus.PLANNED)
        self.move_button.setText(tr("Opnieuw inplannen…") if cancelled else tr("Verplaatsen…"))
        self.attendance_button.setEnabled(not cancelled)
        self.goal.setText(info.goal)
        self.card_work.setText(info.card_work)
        counts = self.services.sessions.counts([self.session_id])[self.session_id]
        self.attendance_summary.setText(
            tr("%1 van %2 tafelgenoten, %3 afgemeld, %4 introducee(s)")
            .replace("%1", str(counts.members_present))
            .replace("%2", str(counts.members_recorded))
            .replace("%3", str(counts.excused))
            .replace("%4", str(counts.guests))
            if counts.members_recorded
            else tr("nog niet opgenomen")
        )
        cards = self.services.meanings.cards_on_table(self.session_id)
        self.cards.set_cards(cards)
        self.cards_count.setText(tr("%1 kaart(en)").replace("%1", str(len(cards))))
        self._show_meanings()
        if not self.notes.document().isModified():
            self.notes.setPlainText(info.notes)
            self.notes.document().setModified(False)

    def _when_text(self, info: SessionInfo) -> str:
        day = (
            f"{weekday_label(info.date.weekday())} {format_date(info.date)}"
            if info.date
            else tr("nog geen datum")
        )
        parts = [day + (f", {format_time(info.start_time)}" if info.start_time else "")]
        parts.append(tr("fase: %1").replace("%1", label(info.phase)))
        parts.append(tr("status: %1").replace("%1", label(info.status)))
        if info.mixed:
            parts.append(tr("gemengd met andere tafels"))
        if info.guests_welcome:
            parts.append(tr("introducees welkom"))
        text = " · ".join(parts)
        if info.status == SessionStatus.CANCELLED:
            text += "\n" + tr("Reden van annuleren: %1").replace("%1", info.cancel_reason)
        return text

    def _show_meanings(self) -> None:
        self.meaning_list.clear()
        for meaning in self.services.meanings.meanings([self.session_id]):
            cards = ", ".join(meaning.card_titles) or tr("geen kaarten gekoppeld")
            agreed = "" if meaning.agreed else tr(" (nog geen instemming)")
            item = QListWidgetItem(f"“{meaning.text}”{agreed}\n{tr('Kaarten')}: {cards}")
            item.setData(MEANING_ID_ROLE, meaning.meaning_id)
            self.meaning_list.addItem(item)
        has_any = self.meaning_list.count() > 0
        self.edit_meaning_button.setEnabled(has_any)
        self.remove_meaning_button.setEnabled(has_any)

    def _after_change(self) -> None:
        self.changed = True
        self.reload()

    # --- status and date ------------------------------------------------------------
    def toggle_held(self) -> None:
        self.save_pending_notes()
        try:
            self.services.sessions.set_held(self.session_id, self.info.status != SessionStatus.HELD)
        except ServiceError as refused:
            QMessageBox.warning(self, tr("Niet gelukt"), str(refused))
            return
        self._after_change()

    def cancel_session(self) -> None:
        self.save_pending_notes()
        fields = [
            FieldSpec(
                "reason",
                tr("Reden"),
                kind="multiline",
                required=True,
                help=tr("Bijvoorbeeld: buurthuis gesloten, begeleider ziek."),
            )
        ]

        def save(values: Values) -> int:
            with refusal_under("reason"):
                self.services.sessions.cancel(self.session_id, values["reason"] or "")
            return self.session_id

        title = tr("Sessie %1 annuleren").replace("%1", str(self.info.number))
        dialog = FormDialog(title, fields, save, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self._after_change()

    def move_session(self) -> None:
        # Rescheduling writes the cancellation into the notes: what was typed goes first.
        self.save_pending_notes()
        cancelled = self.info.status == SessionStatus.CANCELLED
        fields = [
            FieldSpec("date", tr("Nieuwe datum"), kind="date", required=True),
            FieldSpec("start_time", tr("Tijd"), kind="time"),
        ]

        def save(values: Values) -> int:
            holiday = self.services.programme.holiday_on(values["date"])
            if holiday is not None:
                answer = QMessageBox.question(
                    dialog,
                    tr("Vrije dag"),
                    tr("%1 is een vrije dag (%2). Toch op deze dag plannen?")
                    .replace("%1", format_date(holiday.date))
                    .replace("%2", holiday.name or tr("vrije dag")),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    raise ValidationFailed({"date": tr("Kies een andere datum.")})
            move = self.services.sessions.reschedule if cancelled else self.services.sessions.move
            with refusal_under("date"):
                move(self.session_id, values["date"], values["start_time"])
            return self.session_id

        title = tr("Sessie opnieuw inplannen") if cancelled else tr("Sessie verplaatsen")
        values = {"date": self.info.date, "start_time": self.info.start_time}
        dialog = FormDialog(title, fields, save, values, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self._after_change()

    def take_attendance(self) -> None:
        if take_attendance(self.services, self.session_id, self):
            self._after_change()

    # --- cards and meanings --------------------------------------------------------------
    def choose_cards(self) -> None:
        current = [card.id for card in self.services.meanings.cards_on_table(self.session_id)]
        picker = CardPickerDialog(
            self.services, self.pixmaps, [c for c in current if c is not None], self
        )
        if picker.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.services.meanings.set_cards_on_table(self.session_id, picker.chosen)
        except ServiceError as refused:
            QMessageBox.warning(self, tr("Kaarten niet aangepast"), str(refused))
        self._after_change()

    def selected_meaning(self) -> MeaningRow | None:
        item = self.meaning_list.currentItem()
        if item is None:
            return None
        meaning_id = item.data(MEANING_ID_ROLE)
        return next(
            (
                meaning
                for meaning in self.services.meanings.meanings([self.session_id])
                if meaning.meaning_id == meaning_id
            ),
            None,
        )

    def add_meaning(self) -> None:
        dialog = MeaningDialog(self.services, self.pixmaps, self.session_id, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_change()

    def edit_meaning(self) -> None:
        meaning = self.selected_meaning()
        if meaning is None:
            return
        dialog = MeaningDialog(self.services, self.pixmaps, self.session_id, meaning, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_change()

    def remove_meaning(self) -> None:
        meaning = self.selected_meaning()
        if meaning is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Betekenis verwijderen"),
            tr("Deze betekenis verwijderen?\n\n“%1”").replace("%1", meaning.text),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.services.meanings.remove_meaning(meaning.meaning_id)
            self._after_change()

    # --- notes ------------------------------------------------------------------------
    def save_notes(self) -> None:
        self.services.sessions.save_notes(self.session_id, self.notes.toPlainText())
        self.notes.document().setModified(False)
        self.changed = True

    def save_pending_notes(self) -> None:
        if self.notes.document().isModified():
            self.save_notes()

    def done(self, result: int) -> None:
        # Notes are never lost: closing the page saves what was typed.
        self.save_pending_notes()
        super().done(result)


def open_session(services: Services, session_id: int, parent: Any = None) -> bool:
    """Show the session page; True when anything about the session changed."""
    dialog = SessionDialog(services, session_id, parent)
    dialog.exec()
    return dialog.changed
