"""The relay picture with its figures, for a chosen period and location."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.person.dialog import open_person_dialog
from verbindtafel_desktop.app.relay.figures_panel import FiguresPanel
from verbindtafel_desktop.app.relay.picture import save_scene, shown_people
from verbindtafel_desktop.app.relay.scene import LabelMode, RelayScene
from verbindtafel_desktop.app.relay.view import RelayView
from verbindtafel_desktop.app.reload_when_shown import ReloadWhenShown
from verbindtafel_desktop.app.widgets.date_field import DateField
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.services.registry import Services
from verbindtafel_desktop.services.relay import RelayGraph, RelayScope
from verbindtafel_desktop.services.relay_figures import figures_of

# What the relay is made of: a change in any of these redraws it.
WATCHED = (
    "people",
    "memberships",
    "invitations",
    "attendance",
    "recruitment_leads",
    "referrals",
    "cohorts",
    "locations",
    "tables",
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Relay", text)


def period_presets(today: dt.date) -> list[tuple[str, dt.date | None, dt.date | None]]:
    year = today.year
    return [
        (tr("Alles"), None, None),
        (tr("Dit jaar (%1)").replace("%1", str(year)), dt.date(year, 1, 1), dt.date(year, 12, 31)),
        (
            tr("Vorig jaar (%1)").replace("%1", str(year - 1)),
            dt.date(year - 1, 1, 1),
            dt.date(year - 1, 12, 31),
        ),
        (tr("Laatste 12 maanden"), today - dt.timedelta(days=365), today),
        (tr("Eigen periode"), None, None),
    ]


class RelayPicturePanel(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.graph: RelayGraph | None = None
        self.scene: RelayScene | None = None
        self.scope = RelayScope()
        self.matches: list[int] = []
        self.match_index = 0

        self.presets = period_presets(dt.date.today())
        self.period = QComboBox()
        self.period.setObjectName("period")
        for text, _start, _end in self.presets:
            self.period.addItem(text)
        self.start_field = DateField()
        self.start_field.setObjectName("period_start")
        self.end_field = DateField()
        self.end_field.setObjectName("period_end")
        self.location = QComboBox()
        self.location.setObjectName("location")
        self.scope_error = QLabel()
        self.scope_error.setObjectName("fieldError")
        self.scope_error.hide()
        self.period.currentIndexChanged.connect(self._preset_chosen)
        self.start_field.editingFinished.connect(self._dates_typed)
        self.end_field.editingFinished.connect(self._dates_typed)
        self.location.currentIndexChanged.connect(lambda _index: self.reload())
        scope_row = QHBoxLayout()
        scope_row.addWidget(QLabel(tr("Periode")))
        scope_row.addWidget(self.period)
        scope_row.addWidget(QLabel(tr("van")))
        scope_row.addWidget(self.start_field)
        scope_row.addWidget(QLabel(tr("tot en met")))
        scope_row.addWidget(self.end_field)
        scope_row.addSpacing(12)
        scope_row.addWidget(QLabel(tr("Locatie")))
        scope_row.addWidget(self.location, 1)
        scope_row.addWidget(self.scope_error)

        self.search = QLineEdit()
        self.search.setObjectName("relaySearch")
        self.search.setPlaceholderText(tr("Zoek een naam om de keten te tonen… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._typing = QTimer(self, singleShot=True, interval=200)
        self._typing.timeout.connect(self.find_name)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.search.returnPressed.connect(self.next_match)
        self.match_label = QLabel()
        self.match_label.setObjectName("matchLabel")
        self.initials = QCheckBox(tr("Initialen"))
        self.initials.setToolTip(
            tr("Toon initialen in plaats van namen, bijvoorbeeld op een scherm voor publiek.")
        )
        self.initials.toggled.connect(lambda _on: self.redraw())
        zoom_in = self._tool(tr("+"), tr("Inzoomen (Ctrl++)"), QKeySequence.StandardKey.ZoomIn)
        zoom_out = self._tool(tr("−"), tr("Uitzoomen (Ctrl+-)"), QKeySequence.StandardKey.ZoomOut)
        fit = self._tool(tr("Passend"), tr("Het hele beeld tonen (Ctrl+0)"), "Ctrl+0")
        self.expand_button = QPushButton(tr("Alles uitklappen"))
        self.save_button = QPushButton(tr("Opslaan als afbeelding…"))
        self.save_button.setToolTip(tr("Als PNG (voor verslagen) of SVG (voor drukwerk)"))
        self.view = RelayView()
        self.view.setObjectName("relayView")
        zoom_in.clicked.connect(self.view.zoom_in)
        zoom_out.clicked.connect(self.view.zoom_out)
        fit.clicked.connect(self.view.fit)
        self.expand_button.clicked.connect(self.expand_all)
        self.save_button.clicked.connect(self.choose_file_and_save)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 2)
        tools.addWidget(self.match_label)
        tools.addWidget(self.initials)
        for widget in (zoom_in, zoom_out, fit, self.expand_button, self.save_button):
            tools.addWidget(widget)
        self.notice = QLabel()
        self.notice.setObjectName("countLabel")
        tools.addWidget(self.notice)

        self.empty_label = QLabel(
            tr(
                "Nog geen estafette in deze periode en op deze locatie. Zodra een tafelgenoot "
                "iemand uitnodigt of werft, verschijnt hier wie wie binnenbracht."
            )
        )
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas = QStackedWidget()
        self.canvas.addWidget(self.view)
        self.canvas.addWidget(self.empty_label)
        self.summary = QLabel()
        self.summary.setObjectName("relaySummary")
        self.summary.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.canvas, 1)
        left_layout.addWidget(self.summary)

        self.figures = FiguresPanel()
        self.figures.setObjectName("relayFigures")
        self.figures.setMinimumWidth(280)
        self.figures.chain_requested.connect(self.show_chain_of)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.figures)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 320])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(scope_row)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)

        find = QAction(self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        clear = QAction(self.search)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.clear_search)
        self.search.addAction(clear)
        bus.changed.connect(self._on_changed)
        ReloadWhenShown(self, bus, WATCHED, self.reload, stale=True)
        self._fill_locations()

    def _tool(self, text: str, tip: str, keys: QKeySequence.StandardKey | str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(button.click)
        self.addAction(action)
        return button

    # --- scope -----------------------------------------------------------------
    def _fill_locations(self) -> None:
        current = self.location.currentData()
        self.location.blockSignals(True)
        self.location.clear()
        self.location.addItem(tr("Alle locaties"), None)
        for location_id, name in self.services.locations.options():
            self.location.addItem(name, location_id)
        self.location.setCurrentIndex(max(self.location.findData(current), 0))
        self.location.blockSignals(False)

    def _preset_chosen(self, index: int) -> None:
        _text, start, end = self.presets[index]
        if index == len(self.presets) - 1:  # own period: the dates as they are typed
            self.start_field.setFocus()
            return
        self.start_field.set_value(start)
        self.end_field.set_value(end)
        self.reload()

    def _dates_typed(self) -> None:
        try:
            start, end = self.start_field.value(), self.end_field.value()
        except ValueError:
            return  # reload() shows what is wrong
        preset = next(
            (
                index
                for index, (_text, first, last) in enumerate(self.presets[:-1])
                if (first, last) == (start, end)
            ),
            len(self.presets) - 1,
        )
        self.period.blockSignals(True)
        self.period.setCurrentIndex(preset)
        self.period.blockSignals(False)
        if (start, end, self.location.currentData()) != (
            self.scope.start,
            self.scope.end,
            self.scope.location_id,
        ):
            self.reload()

    def chosen_scope(self) -> RelayScope | None:
        """The period and location as chosen; None (with the reason shown) when the dates
        cannot be read or the end lies before the start."""
        try:
            start, end = self.start_field.value(), self.end_field.value()
        except ValueError as error:
            self.scope_error.setText(str(error))
            self.scope_error.show()
            return None
        if start and end and end < start:
            self.scope_error.setText(tr("De einddatum ligt voor de begindatum."))
            self.scope_error.show()
            return None
        self.scope_error.hide()
        return RelayScope(start, end, self.location.currentData())

    # --- loading -----------------------------------------------------------------
    def _on_changed(self, entity: str) -> None:
        if entity == "locations":
            self._fill_locations()

    def reload(self) -> None:
        """Read the relay again and redraw it for the chosen scope."""
        scope = self.chosen_scope()
        if scope is None:
            return
        self.scope = scope
        self.graph = self.services.relay.graph()
        self.redraw()

    def redraw(self) -> None:
        graph = self.graph
        if graph is None:
            return
        collapsed = self.scene.collapsed if self.scene is not None else set()
        in_scope = graph.in_scope(self.scope)
        shown = shown_people(graph, in_scope)
        labels = LabelMode.INITIALS if self.initials.isChecked() else LabelMode.NAMES
        scene = RelayScene(graph, shown, in_scope=in_scope, labels=labels, parent=self)
        if collapsed & shown:
            scene.collapsed = collapsed & shown
            scene.rebuild()
        scene.person_activated.connect(self.open_person)
        old, self.scene = self.scene, scene
        self.view.setScene(scene)
        if old is not None:
            old.deleteLater()
        self.canvas.setCurrentWidget(self.view if shown else self.empty_label)
        cohorts = {graph.colour_cohort(person_id) for person_id in shown}
        self.figures.show_figures(
            figures_of(graph, self.scope), graph, {c for c in cohorts if c is not None}
        )
        alone = sum(
            1
            for person_id in in_scope
            if graph.people[person_id].parent_id is None and not graph.children.get(person_id)
        )
        self.summary.setText(
            tr(
                "%1 mensen in %2 ketens. Bleker getekend: wie buiten de gekozen periode of "
                "locatie valt. Niet getekend: %3 mensen die zelf kwamen en (nog) niemand "
                "meebrachten."
            )
            .replace("%1", str(len(shown)))
            .replace("%2", str(scene.layout.trees))
            .replace("%3", str(alone))
        )
        self.view.fit()
        if self.search.text().strip():
            self.find_name()

    # --- finding and showing a chain -----------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find_name(self) -> None:
        if self.scene is None or self.graph is None:
            return
        text = self.search.text()
        self.matches = self.graph.find(text, among=self.scene.shown) if text.strip() else []
        self.match_index = 0
        if not text.strip():
            self.match_label.clear()
            self.scene.highlight(None)
        elif not self.matches:
            self.match_label.setText(tr("Niet in dit beeld"))
            self.scene.highlight(None)
        else:
            self._show_match()

    def next_match(self) -> None:
        if self._typing.isActive():
            self._typing.stop()
            self.find_name()
            return
        if self.matches:
            self.match_index = (self.match_index + 1) % len(self.matches)
            self._show_match()

    def _show_match(self) -> None:
        self.match_label.setText(
            tr("%1 van %2")
            .replace("%1", str(self.match_index + 1))
            .replace("%2", str(len(self.matches)))
        )
        self.show_chain_of(self.matches[self.match_index])

    def show_chain_of(self, person_id: int) -> None:
        if self.scene is None or person_id not in self.scene.shown:
            return
        self.scene.highlight(person_id)
        node = self.scene.nodes[person_id]
        if self.view.zoom() < 0.6:
            self.view.resetTransform()
        self.view.centerOn(node)

    def clear_search(self) -> None:
        self.search.clear()
        if self.scene is not None:
            self.scene.highlight(None)

    def expand_all(self) -> None:
        if self.scene is not None:
            self.scene.expand_all()

    def open_person(self, person_id: int) -> None:
        open_person_dialog(self, self.services, self.bus, person_id)

    # --- saving ------------------------------------------------------------------
    def choose_file_and_save(self) -> None:
        if self.scene is None:
            return
        suggested = Path.home() / f"estafette-{dt.date.today().isoformat()}.png"
        path, chosen = QFileDialog.getSaveFileName(
            self,
            tr("Estafettebeeld opslaan"),
            str(suggested),
            tr("PNG-afbeelding (*.png);;SVG-tekening (*.svg)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".png", ".svg"):
            target = target.with_suffix(".svg" if "svg" in chosen.lower() else ".png")
        self.save_picture(target)

    def save_picture(self, path: Path) -> bool:
        assert self.scene is not None
        title = tr("Estafette-effect")
        if self.scope.start or self.scope.end:
            title += f" {format_date(self.scope.start)} – {format_date(self.scope.end)}"
        try:
            save_scene(self.scene, path, title)
        except OSError as problem:
            QMessageBox.warning(
                self,
                tr("Niet opgeslagen"),
                tr("Het beeld kon niet worden opgeslagen: %1").replace("%1", str(problem)),
            )
            return False
        self.notice.setText(tr("Opgeslagen als %1").replace("%1", path.name))
        self.notice.setToolTip(str(path))
        return True
