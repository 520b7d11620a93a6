"""The mixing board of one mixmoment: who is there, the mixed tables, mixing and moving.

The board keeps a MixedSeating (Qt-free) and records every change as a before/after
snapshot on a QUndoStack, so moves, swaps, locks, presence and whole mixes can be undone
and redone. "Mixen" runs the engine in the shared worker; saving writes the seating and,
from the day itself on, the attendance.
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.export_actions import export_namecards, export_seating
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.mixing.attendance import AttendanceByTableDialog
from verbindtafel_desktop.app.mixing.models import PresenceModel, RulesModel, TablesModel
from verbindtafel_desktop.app.mixing.scene import BoardScene
from verbindtafel_desktop.app.mixing.texts import plural, tr
from verbindtafel_desktop.app.mixing.view import BoardView
from verbindtafel_desktop.app.worker import JobRunner, run_with_progress
from verbindtafel_desktop.domain.dutch_formats import format_date, format_time
from verbindtafel_desktop.domain.enums import MixingRuleKind
from verbindtafel_desktop.mixing import MixPlan
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.mix_process import MIX_PROCESS, mix_in_process
from verbindtafel_desktop.services.mixed_seating import (
    Refused,
    Snapshot,
    advice,
)
from verbindtafel_desktop.services.registry import Services

# Undo ids: consecutive steps of the same spin box merge into one undo step.
MERGE_TABLE_COUNT = 1
MERGE_CAPACITY = 2


class SnapshotCommand(QUndoCommand):
    def __init__(
        self, board: "MixingBoard", before: Snapshot, after: Snapshot, text: str, merge: int = -1
    ) -> None:
        super().__init__(text)
        self.board = board
        self.before = before
        self.after = after
        self.merge = merge

    def id(self) -> int:
        return self.merge

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SnapshotCommand) or other.merge != self.merge:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.board.restore(self.after)

    def undo(self) -> None:
        self.board.restore(self.before)


class MixingBoard(QWidget):
    back_requested = Signal()

    def __init__(
        self,
        services: Services,
        bus: ChangeBus,
        mixed_session_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mixingBoard")
        self.services = services
        self.bus = bus
        self.mixed_session_id = mixed_session_id
        self.time_limit = 5.0
        self.seed: int | None = None  # None: every mix may differ; tests fix it
        self.runner: JobRunner | None = None
        self.last_plan: MixPlan | None = None
        self.undo_stack = QUndoStack(self)

        MIX_PROCESS.start()  # ready by the time someone presses Mixen
        data = services.mixing_board.load(mixed_session_id)
        self.info = data.info
        self.plan = data.plan()
        self.without_session = data.without_session

        self.board_scene = BoardScene(self)
        self.view = BoardView(self.board_scene)
        self.view.move_requested.connect(self.move_person)
        self.view.swap_requested.connect(self.swap_people)
        self.view.lock_requested.connect(self.toggle_lock)
        self.view.menu_requested.connect(self._show_menu)

        self.presence = PresenceModel(self.plan, self.set_present)
        self.tables_model = TablesModel(self.plan, self.edit_table)
        self.rules_model = RulesModel(self.plan)

        self._build_actions()
        self._build_layout()
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.refresh()

    # --- building ---------------------------------------------------------------------
    def _action(
        self,
        text: str,
        handler: Callable[[], object],
        keys: list[QKeySequence] | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: handler())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.back_action = self._action(
            tr("← Terug"), self.go_back, tip=tr("Terug naar de lijst van mixmomenten")
        )
        self.mix_action = self._action(
            tr("Mixen"),
            self.mix_now,
            [key("Ctrl+M")],
            tr(
                "Iedereen die aanwezig is opnieuw indelen; vastgezette mensen en tafels "
                "blijven staan (Ctrl+M)"
            ),
        )
        self.save_action = self._action(
            tr("Opslaan"),
            self.save,
            [key(key.StandardKey.Save)],
            tr("Tafelindeling opslaan (Ctrl+S)"),
        )
        # The stack's own actions follow what can be undone without Python slots, which
        # matters while the board is being destroyed.
        self.undo_action = self._action(
            tr("Ongedaan maken"),
            self.undo_stack.undo,
            [key(key.StandardKey.Undo)],
            tr("Laatste wijziging ongedaan maken (Ctrl+Z)"),
        )
        self.redo_action = self._action(
            tr("Opnieuw"),
            self.undo_stack.redo,
            [key("Ctrl+Y"), key("Ctrl+Shift+Z")],
            tr("Ongedaan gemaakte wijziging opnieuw doen (Ctrl+Y)"),
        )
        # Qt-to-Qt connections: they also hold while the board is being destroyed.
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.unlock_action = self._action(
            tr("Alles losmaken"),
            self.unlock_all,
            tip=tr("Alle vastgezette mensen en tafels losmaken (vaste tafels blijven)"),
        )
        self.attendance_action = self._action(
            tr("Aanwezigheid per tafel…"),
            self.take_attendance,
            tip=tr("Per mengtafel aanvinken wie er is"),
        )
        self.seating_action = self._action(
            tr("Tafelindeling…"),
            self.export_seating,
            [key(key.StandardKey.Print)],
            tr("De opgeslagen tafelindeling als PDF om af te drukken, of als Excel (Ctrl+P)"),
        )
        self.namecards_action = self._action(
            tr("Naamkaartjes…"),
            self.export_namecards,
            tip=tr("Naamkaartjes om te vouwen, voor iedereen aan de mengtafels (PDF)"),
        )

    def _build_layout(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("boardSubtitle")
        toolbar = QToolBar()
        toolbar.setObjectName("boardToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.back_action,
            None,
            self.mix_action,
            self.save_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            self.unlock_action,
            self.attendance_action,
            None,
            self.seating_action,
            self.namecards_action,
        ):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)

        tabs = QTabWidget()
        tabs.setObjectName("boardTabs")
        tabs.addTab(self._presence_tab(), tr("Aanwezig"))
        tabs.addTab(self._tables_tab(), tr("Tafels"))
        tabs.addTab(self._rules_tab(), tr("Regels"))
        self.tabs = tabs

        self.summary = QLabel()
        self.summary.setObjectName("boardSummary")
        self.summary.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setObjectName("boundAdvice")
        self.advice.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("boardMessage")
        self.message.setWordWrap(True)
        self.problems_list = QListWidget()
        self.problems_list.setObjectName("brokenRules")
        self.problems_list.setMaximumHeight(110)
        self.problems_list.setWordWrap(True)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.summary)
        bottom_layout.addWidget(self.advice)
        bottom_layout.addWidget(self.problems_list)
        bottom_layout.addWidget(self.message)
        bottom_layout.addStretch(1)

        # Long advice or many broken rules scroll instead of overlapping the board.
        bottom_scroll = QScrollArea()
        bottom_scroll.setWidget(bottom)
        bottom_scroll.setWidgetResizable(True)
        bottom_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.view)
        right.addWidget(bottom_scroll)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        right.setSizes([600, 190])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(tabs)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([350, 900])

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(toolbar)
        layout.addWidget(splitter, 1)

    def _table_view(self, model: Any, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.setWordWrap(False)
        return view

    def _presence_tab(self) -> QWidget:
        self.presence_view = self._table_view(self.presence, "presence")
        self.presence_view.verticalHeader().hide()
        self.presence_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hint = QLabel(
            tr(
                "Vink aan wie er is. Alleen wie aangevinkt is wordt ingedeeld. Vanaf de dag "
                "van het mixmoment legt Opslaan ook de aanwezigheid vast."
            )
        )
        hint.setObjectName("fieldHelp")
        hint.setWordWrap(True)
        everyone = QPushButton(tr("Iedereen aanwezig"))
        everyone.clicked.connect(self.everyone_present)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self.presence_view, 1)
        layout.addWidget(everyone)
        for issue in self.without_session:
            warning = QLabel(
                tr(
                    "Let op: %1 heeft geen gekoppelde sessie; de aanwezigheid van die tafel "
                    "kan niet worden vastgelegd. Koppel een sessie via 'Bewerken…'."
                ).replace("%1", issue)
            )
            warning.setObjectName("fieldError")
            warning.setWordWrap(True)
            layout.addWidget(warning)
        return page

    def _tables_tab(self) -> QWidget:
        self.table_count = QSpinBox()
        self.table_count.setObjectName("tableCount")
        self.table_count.setRange(1, 40)
        self.table_count.valueChanged.connect(self.set_table_count)
        self.capacity = QSpinBox()
        self.capacity.setObjectName("tableCapacity")
        self.capacity.setRange(2, 20)
        self.capacity.setValue(self.info.default_capacity)
        self.capacity.setToolTip(tr("Plaatsen per tafel; de standaard komt van de locatie."))
        self.capacity_button = QPushButton(tr("Voor alle tafels"))
        self.capacity_button.clicked.connect(lambda: self.set_all_capacities(self.capacity.value()))
        capacity_row = QHBoxLayout()
        capacity_row.addWidget(self.capacity)
        capacity_row.addWidget(self.capacity_button)
        capacity_row.addStretch(1)
        self.time_spin = QSpinBox()
        self.time_spin.setObjectName("timeLimit")
        self.time_spin.setRange(1, 60)
        self.time_spin.setValue(int(self.time_limit))
        self.time_spin.setSuffix(tr(" s"))
        self.time_spin.setToolTip(
            tr("Hoe lang het mixen hoogstens mag zoeken. Meestal is het veel eerder klaar.")
        )
        self.time_spin.valueChanged.connect(lambda value: setattr(self, "time_limit", float(value)))
        form = QFormLayout()
        form.addRow(tr("Aantal mengtafels"), self.table_count)
        form.addRow(tr("Plaatsen per tafel"), capacity_row)
        form.addRow(tr("Rekentijd hoogstens"), self.time_spin)
        self.tables_view = self._table_view(self.tables_model, "mixedTables")
        hint = QLabel(
            tr(
                "Dubbelklik op een naam of aantal plaatsen om het te wijzigen. Een vaste "
                "tafel blijft zoals ze is bij opnieuw mixen."
            )
        )
        hint.setObjectName("fieldHelp")
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.tables_view, 1)
        layout.addWidget(hint)
        return page

    def _rules_tab(self) -> QWidget:
        self.rules_view = self._table_view(self.rules_model, "rules")
        self.rules_view.verticalHeader().hide()
        self.rules_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        together = QPushButton(tr("Samen…"))
        together.setToolTip(tr("Twee mensen die altijd aan dezelfde tafel moeten zitten"))
        together.clicked.connect(lambda: self.add_rule(MixingRuleKind.TOGETHER))
        apart = QPushButton(tr("Uit elkaar…"))
        apart.setToolTip(tr("Twee mensen die nooit aan dezelfde tafel mogen zitten"))
        apart.clicked.connect(lambda: self.add_rule(MixingRuleKind.APART))
        remove = QPushButton(tr("Verwijderen…"))
        remove.clicked.connect(self.remove_selected_rule)
        buttons = QHBoxLayout()
        buttons.addWidget(together)
        buttons.addWidget(apart)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        hint = QLabel(
            tr(
                "Regels 'samen' en 'uit elkaar' gelden voor de hele lichting. Een vaste "
                "tafel (bijvoorbeeld de rolstoeltoegankelijke) geeft u met de rechtermuisknop "
                "op een naam."
            )
        )
        hint.setObjectName("fieldHelp")
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.rules_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        return page

    # --- showing ----------------------------------------------------------------------
    def refresh(self) -> None:
        plan = self.plan
        evaluation = plan.evaluation()
        problems = plan.problems(evaluation)
        repeats_at: dict[int, int] = {}
        for index in range(len(plan.tables)):
            people = plan.at_table(index)
            repeats_at[index] = sum(
                1 for i, a in enumerate(people) for b in people[i + 1 :] if plan.knows(a, b)
            )
        self.board_scene.rebuild(plan, problems, repeats_at)
        self.board_scene.relayout(self.view.viewport().width())
        self.presence.refresh()
        self.tables_model.reset(plan)
        self.rules_model.reload(plan)
        self.table_count.blockSignals(True)
        self.table_count.setValue(len(plan.tables))
        self.table_count.blockSignals(False)

        broken = [p for p in problems if p.kind != "plaatsing"]
        waiting = len(plan.unseated())
        bound = plan.lower_bound()
        parts = [
            tr("%1 aanwezig").replace("%1", str(len(plan.present))),
            tr("%1 aan %2 tafels (%3 plaatsen)")
            .replace("%1", str(len(plan.seats)))
            .replace("%2", str(len(plan.tables)))
            .replace("%3", str(plan.seats_available())),
            plural(evaluation.repeats, "%n herhaling", "%n herhalingen"),
        ]
        if bound is not None:
            parts[-1] += " " + tr("(minstens %1 onvermijdelijk)").replace("%1", str(bound))
        parts.append(plural(len(broken), "%n regel gebroken", "%n regels gebroken"))
        if waiting:
            parts.append(tr("%1 zonder tafel").replace("%1", str(waiting)))
        self.summary.setText(" · ".join(parts))
        self.summary.setProperty("broken", bool(broken))
        self.summary.style().polish(self.summary)
        self.advice.setText("\n".join(advice(plan, self.capacity.value(), bound)))
        self.problems_list.clear()
        for problem in problems:
            item = QListWidgetItem(problem.reason)
            item.setForeground(
                Qt.GlobalColor.darkRed if problem.kind != "plaatsing" else Qt.GlobalColor.darkYellow
            )
            self.problems_list.addItem(item)
        self.problems_list.setVisible(bool(problems))
        self.current_problems = problems
        self.current_repeats = evaluation.repeats
        self._update_title(self.undo_stack.isClean())
        self._update_actions()

    def _update_title(self, clean: bool) -> None:
        info = self.info
        unsaved = "" if clean else " *"
        self.heading.setText(f"{info.title}{unsaved}")
        when = format_date(info.date)
        if info.start_time:
            when += " " + format_time(info.start_time)
        self.subtitle.setText(f"{when} · {info.location} · {info.cohort}")

    def _update_actions(self) -> None:
        before_the_day = self.info.date > self.services.mixing_board.today()
        self.attendance_action.setEnabled(not before_the_day and self.runner is None)
        self.attendance_action.setToolTip(
            tr("Aanwezigheid kan vanaf de dag van het mixmoment worden opgenomen.")
            if before_the_day
            else tr("Per mengtafel aanvinken wie er is")
        )

    def say(self, text: str, warning: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("warning", warning)
        self.message.style().polish(self.message)

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    # --- changing (every change is one undo step) ---------------------------------------
    def restore(self, snapshot: Snapshot) -> None:
        self.plan.restore(snapshot)
        self.refresh()

    def change(self, text: str, action: Callable[[], None], merge: int = -1) -> bool:
        before = self.plan.snapshot()
        try:
            action()
        except Refused as refused:
            self.plan.restore(before)
            self.say(str(refused), warning=True)
            self.refresh()
            return False
        after = self.plan.snapshot()
        if after == before:
            self.refresh()
            return False
        self.undo_stack.push(SnapshotCommand(self, before, after, text, merge))
        self.say(text)
        return True

    def move_person(self, person: int, table: int | None) -> bool:
        name = self.plan.name(person)
        where = self.plan.tables[table].title(table) if table is not None else tr("geen tafel")
        return self.change(
            tr("%1 naar %2").replace("%1", name).replace("%2", where),
            lambda: self.plan.move(person, table),
        )

    def swap_people(self, a: int, b: int) -> bool:
        text = (
            tr("%1 en %2 geruild").replace("%1", self.plan.name(a)).replace("%2", self.plan.name(b))
        )
        return self.change(text, lambda: self.plan.swap(a, b))

    def toggle_lock(self, person: int) -> bool:
        locked = person not in self.plan.locked
        text = (tr("%1 vastgezet") if locked else tr("%1 losgemaakt")).replace(
            "%1", self.plan.name(person)
        )
        return self.change(text, lambda: self.plan.set_locked(person, locked))

    def set_table_locked(self, index: int, locked: bool) -> bool:
        title = self.plan.tables[index].title(index)
        text = (tr("%1 vastgezet") if locked else tr("%1 losgemaakt")).replace("%1", title)
        return self.change(text, lambda: self.plan.set_table_locked(index, locked))

    def pin(self, person: int, table: int | None) -> bool:
        name = self.plan.name(person)
        if table is None:
            text = tr("Vaste tafel van %1 weggehaald").replace("%1", name)
        else:
            text = (
                tr("%1 vast aan %2")
                .replace("%1", name)
                .replace("%2", self.plan.tables[table].title(table))
            )
        return self.change(text, lambda: self.plan.pin(person, table))

    def set_present(self, person: int, present: bool) -> bool:
        text = (tr("%1 aanwezig") if present else tr("%1 niet aanwezig")).replace(
            "%1", self.plan.name(person)
        )
        return self.change(text, lambda: self.plan.set_present(person, present))

    def everyone_present(self) -> bool:
        def mark() -> None:
            for person in self.plan.candidates:
                self.plan.set_present(person, True)

        return self.change(tr("Iedereen aanwezig"), mark)

    def set_table_count(self, count: int) -> bool:
        text = plural(count, "%n mengtafel", "%n mengtafels")
        return self.change(
            text, lambda: self.plan.set_table_count(count, self.capacity.value()), MERGE_TABLE_COUNT
        )

    def set_all_capacities(self, capacity: int) -> bool:
        text = tr("Alle tafels %1 plaatsen").replace("%1", str(capacity))
        return self.change(text, lambda: self.plan.set_all_capacities(capacity), MERGE_CAPACITY)

    def edit_table(self, index: int, key: str, value: Any) -> None:
        title = self.plan.tables[index].title(index)
        if key == "locked":
            self.set_table_locked(index, bool(value))
        elif key == "capacity":
            self.change(
                tr("%1: %2 plaatsen").replace("%1", title).replace("%2", str(value)),
                lambda: self.plan.set_table(index, capacity=int(value)),
            )
        elif key == "label":
            self.change(
                tr("%1 hernoemd").replace("%1", title),
                lambda: self.plan.set_table(index, label=str(value)),
            )

    def unlock_all(self) -> bool:
        return self.change(tr("Alles losgemaakt"), self.plan.unlock_all)

    # --- mixing -----------------------------------------------------------------------
    def mix_now(self) -> JobRunner | None:
        if self.runner is not None:
            return self.runner
        request = self.plan.mix_request()
        if not request.people:
            self.say(tr("Er is nog niemand aanwezig om in te delen."), warning=True)
            return None
        limit, seed = self.time_limit, self.seed
        self._set_busy(True)
        self.say(tr("Bezig met mixen…"))
        work = partial(
            mix_in_process, request, time_limit=limit, seed=seed, text=tr("Bezig met mixen…")
        )
        runner = run_with_progress(
            self, tr("Mixen"), lambda progress: work(progress=progress), on_done=self._mixed
        )
        runner.finished.connect(lambda: self._set_busy(False))
        self.runner = runner
        return runner

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            if self.runner is not None and self.runner.outcome == "cancelled":
                self.say(tr("Mixen geannuleerd; de indeling is niet veranderd."))
            self.runner = None
        for action in (
            self.mix_action,
            self.save_action,
            self.unlock_action,
            self.attendance_action,
        ):
            action.setEnabled(not busy)
        self.view.setEnabled(not busy)
        self.tabs.setEnabled(not busy)
        if not busy:
            self._update_actions()

    def _mixed(self, result: MixPlan) -> None:
        self.last_plan = result
        current = self.plan.evaluation()
        if current.ok and not self.plan.unseated() and current.repeats < result.repeats:
            # The engine searches from scratch; a complete seating that keeps every rule
            # with fewer repeats is better, so it stays.
            self.say(
                tr(
                    "De huidige indeling is beter (%1) dan wat het mixen vond (%2); "
                    "ze blijft staan."
                )
                .replace("%1", plural(current.repeats, "%n herhaling", "%n herhalingen"))
                .replace("%2", plural(result.repeats, "%n herhaling", "%n herhalingen"))
            )
            return
        self.change(tr("Mixen"), lambda: self.plan.apply(result))
        quality = (
            tr("het minimum")
            if result.optimal
            else tr("minstens %1 is onvermijdelijk").replace("%1", str(result.lower_bound))
        )
        self.say(
            tr("Gemengd: %1, %2. Iedereen treft minstens %3 nieuwe mensen.")
            .replace("%1", plural(result.repeats, "%n herhaling", "%n herhalingen"))
            .replace("%2", quality)
            .replace("%3", str(result.new_acquaintances_min))
        )

    # --- rules ------------------------------------------------------------------------
    def add_rule(self, kind: MixingRuleKind) -> None:
        people = sorted(
            ((p, c.name) for p, c in self.plan.candidates.items()), key=lambda item: item[1].lower()
        )
        fields = [
            FieldSpec(
                "person_a_id",
                tr("Wie"),
                kind="choice",
                required=True,
                choices=lambda: people,
                optional_choice=tr("(kies)"),
            ),
            FieldSpec(
                "person_b_id",
                tr("En wie"),
                kind="choice",
                required=True,
                choices=lambda: people,
                optional_choice=tr("(kies)"),
            ),
            FieldSpec(
                "reason",
                tr("Reden"),
                required=True,
                help=tr("Waarom? Deze reden staat erbij als de regel niet klopt."),
            ),
        ]
        cohort_id = self.info.cohort_id

        def save(values: Values) -> int:
            return self.services.mixing_board.add_rule(
                cohort_id, kind, values["person_a_id"], values["person_b_id"], values["reason"]
            )

        title = (
            tr("Samen aan tafel")
            if kind == MixingRuleKind.TOGETHER
            else tr("Niet aan dezelfde tafel")
        )
        dialog = FormDialog(title, fields, save, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.reload_rules()
            self.say(tr("Regel opgeslagen voor de hele lichting."))

    def reload_rules(self) -> None:
        self.plan.rules = self.services.mixing_board.rules(self.info.cohort_id)
        self.bus.announce("mixing_rules")
        self.refresh()

    def remove_selected_rule(self) -> None:
        rows = self.rules_view.selectionModel().selectedRows()
        rule = self.rules_model.rule_at(rows[0].row()) if rows else None
        if rule is None:
            return
        if rule.kind == "guest":
            QMessageBox.information(
                self,
                tr("Automatische regel"),
                tr(
                    "Een introducee zit altijd bij wie hem of haar uitnodigde. Vink de "
                    "introducee uit als die er niet is."
                ),
            )
            return
        if rule.kind == "pinned":
            self.pin(rule.people[0], None)
            return
        answer = QMessageBox.question(
            self,
            tr("Regel verwijderen"),
            tr("Regel '%1' verwijderen? Dit geldt voor de hele lichting.").replace("%1", rule.text),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes or rule.rule_id is None:
            return
        self.services.mixing_board.remove_rule(rule.rule_id)
        self.reload_rules()

    # --- the menu on a person or table --------------------------------------------------
    def person_menu(self, person: int) -> QMenu:
        plan = self.plan
        menu = QMenu(self)
        if person in plan.seats:
            locked = person in plan.locked
            menu.addAction(
                tr("Losmaken (L)") if locked else tr("Vastzetten (L)"),
                lambda: self.toggle_lock(person),
            )
        pins = menu.addMenu(tr("Vaste tafel"))
        for index, table in enumerate(plan.tables):
            pins.addAction(table.title(index), partial(self.pin, person, index))
        if person in plan.pinned:
            pins.addSeparator()
            pins.addAction(tr("Geen vaste tafel"), partial(self.pin, person, None))
        moves = menu.addMenu(tr("Naar tafel"))
        for index, table in enumerate(plan.tables):
            moves.addAction(table.title(index), partial(self.move_person, person, index))
        moves.addSeparator()
        moves.addAction(tr("Geen tafel"), partial(self.move_person, person, None))
        menu.addSeparator()
        menu.addAction(tr("Niet aanwezig"), partial(self.set_present, person, False))
        return menu

    def table_menu(self, index: int) -> QMenu:
        menu = QMenu(self)
        locked = self.plan.tables[index].locked
        menu.addAction(
            tr("Tafel losmaken") if locked else tr("Tafel vastzetten"),
            partial(self.set_table_locked, index, not locked),
        )
        return menu

    def _show_menu(self, person: int | None, table: int | None, where: QPoint) -> None:
        if person is not None:
            self.person_menu(person).exec(where)
        elif table is not None:
            self.table_menu(table).exec(where)

    # --- saving, attendance, exports ---------------------------------------------------
    def save(self, *, confirm: bool = True) -> bool:
        broken = [p for p in self.current_problems if p.kind != "plaatsing"]
        waiting = len(self.plan.unseated())
        if confirm and (broken or waiting):
            lines = []
            if broken:
                lines.append(plural(len(broken), "%n regel klopt niet.", "%n regels kloppen niet."))
            if waiting:
                lines.append(
                    plural(
                        waiting,
                        "%n aanwezige heeft nog geen tafel.",
                        "%n aanwezigen hebben nog geen tafel.",
                    )
                )
            answer = QMessageBox.question(
                self,
                tr("Toch opslaan?"),
                " ".join(lines) + "\n" + tr("Toch opslaan?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            result = self.services.mixing_board.save(self.mixed_session_id, self.plan)
        except ServiceError as refused:
            QMessageBox.warning(self, tr("Niet opgeslagen"), str(refused))
            return False
        candidates = self.services.mixing_board.candidates(self.mixed_session_id)
        self.plan.candidates = {c.person_id: c for c in candidates}
        self.undo_stack.setClean()
        if result.before_the_day:
            attendance = tr("De aanwezigheid wordt vastgelegd vanaf de dag van het mixmoment zelf.")
        else:
            attendance = plural(
                result.attendance_written,
                "Aanwezigheid bijgewerkt voor %n persoon.",
                "Aanwezigheid bijgewerkt voor %n personen.",
            )
        self.say(
            tr("Opgeslagen: %1 mensen aan %2 tafels.")
            .replace("%1", str(result.seated))
            .replace("%2", str(len(self.plan.tables)))
            + " "
            + attendance
        )
        self.bus.announce("mixed_sessions", "seatings", "attendance")
        self.refresh()
        return True

    def take_attendance(self) -> None:
        dialog = AttendanceByTableDialog(self.plan, self)
        if dialog.exec() != AttendanceByTableDialog.DialogCode.Accepted:
            return
        self.apply_attendance(dialog.present())

    def apply_attendance(self, present: set[int]) -> bool:
        """Set who is there (from the per-table list) and save at once."""

        def mark() -> None:
            for person in self.plan.candidates:
                if (person in present) != (person in self.plan.present):
                    self.plan.set_present(person, person in present)

        self.change(tr("Aanwezigheid per tafel"), mark)
        return self.save(confirm=False)

    def _saved_for_export(self) -> bool:
        """Exports read the stored seating, so unsaved changes are saved first (or not)."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            tr("Eerst opslaan?"),
            tr(
                "De tafelindeling is gewijzigd. Het exporteren gebruikt de opgeslagen "
                "indeling: nu opslaan?"
            ),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return answer == QMessageBox.StandardButton.Save and self.save()

    def export_seating(self) -> JobRunner | None:
        if not self._saved_for_export():
            return None
        return export_seating(self, self.services, self.mixed_session_id)

    def export_namecards(self) -> JobRunner | None:
        if not self._saved_for_export():
            return None
        return export_namecards(self, self.services, mixed_session_id=self.mixed_session_id)

    # --- leaving ----------------------------------------------------------------------
    def may_close(self) -> bool:
        """Ask what to do with unsaved changes; False when the user wants to stay."""
        if self.runner is not None:
            self.runner.cancel()
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            tr("Wijzigingen opslaan?"),
            tr("De tafelindeling van '%1' is gewijzigd. Wilt u de wijzigingen opslaan?").replace(
                "%1", self.info.title
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def go_back(self) -> None:
        if self.may_close():
            self.back_requested.emit()
