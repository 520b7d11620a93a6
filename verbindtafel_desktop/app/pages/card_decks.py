"""Card decks: the theme cards and image cards that lie on the tables."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.card_model import CardListModel, card_view
from verbindtafel_desktop.app.card_pixmaps import CardPixmaps
from verbindtafel_desktop.app.change_bus import ChangeBus
from verbindtafel_desktop.app.form_dialog import FieldSpec, FormDialog, Values
from verbindtafel_desktop.app.i18n import QT_TRANSLATE_NOOP
from verbindtafel_desktop.app.worker import run_with_progress
from verbindtafel_desktop.domain.enums import CardKind
from verbindtafel_desktop.domain.models import Card
from verbindtafel_desktop.services.cards import ImageCheck
from verbindtafel_desktop.services.errors import InUse, ServiceError
from verbindtafel_desktop.services.registry import Services

DECK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "CardDecks", "Afbeeldingen (*.jpg *.jpeg *.png *.gif *.bmp *.webp);;Alle bestanden (*)"
)
COLOURS = [
    ("#f0a830", QT_TRANSLATE_NOOP("CardDecks", "oranje")),
    ("#4f8fbf", QT_TRANSLATE_NOOP("CardDecks", "blauw")),
    ("#8e6bb0", QT_TRANSLATE_NOOP("CardDecks", "paars")),
    ("#d9534f", QT_TRANSLATE_NOOP("CardDecks", "rood")),
    ("#5cb85c", QT_TRANSLATE_NOOP("CardDecks", "groen")),
    ("#2a9d8f", QT_TRANSLATE_NOOP("CardDecks", "zeegroen")),
    ("#e377a9", QT_TRANSLATE_NOOP("CardDecks", "roze")),
    ("#8a8f94", QT_TRANSLATE_NOOP("CardDecks", "grijs")),
]


def tr(text: str) -> str:
    return QCoreApplication.translate("CardDecks", text)


def colour_choices(current: str = "") -> list[tuple[str, str]]:
    found = [(code, f"{tr(name)} ({code})") for code, name in COLOURS]
    if current and current not in dict(COLOURS):
        found.append((current, current))
    return found


class CardDecksPage(QWidget):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.pixmaps = CardPixmaps()
        self.import_job: Any = None

        title = QLabel(tr("Kaarten"))
        title.setObjectName("pageTitle")

        self.deck_list = QListWidget()
        self.deck_list.setObjectName("decks")
        self.deck_list.setMaximumWidth(320)
        self.deck_list.setSpacing(3)
        self.show_archived = QCheckBox(tr("Toon gearchiveerd"))
        self.show_archived.toggled.connect(lambda _checked: self.reload_decks())
        self.new_deck_button = QPushButton(tr("Nieuwe stapel…"))
        self.new_deck_button.clicked.connect(self.new_deck)
        self.edit_deck_button = QPushButton(tr("Wijzigen…"))
        self.edit_deck_button.clicked.connect(self.edit_deck)
        self.remove_deck_button = QPushButton(tr("Verwijderen…"))
        self.remove_deck_button.clicked.connect(self.remove_deck)
        deck_buttons = QHBoxLayout()
        for button in (self.new_deck_button, self.edit_deck_button, self.remove_deck_button):
            deck_buttons.addWidget(button)
        deck_side = QWidget()
        deck_layout = QVBoxLayout(deck_side)
        deck_layout.setContentsMargins(0, 0, 0, 0)
        deck_layout.addWidget(QLabel(tr("Stapels")))
        deck_layout.addWidget(self.deck_list, 1)
        deck_layout.addWidget(self.show_archived)
        deck_layout.addLayout(deck_buttons)

        self.deck_title = QLabel()
        self.deck_title.setObjectName("detailTitle")
        self.deck_description = QLabel()
        self.deck_description.setWordWrap(True)
        self.cards = CardListModel(self.pixmaps, parent=self)
        self.card_view = card_view()
        self.card_view.setObjectName("deckCards")
        self.card_view.setModel(self.cards)
        self.card_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.card_view.doubleClicked.connect(lambda _index: self.edit_card())
        self.add_card_button = QPushButton(tr("Themakaart toevoegen…"))
        self.add_card_button.clicked.connect(self.add_theme_card)
        self.import_button = QPushButton(tr("Afbeeldingen importeren…"))
        self.import_button.setToolTip(
            tr("Kies foto's of tekeningen op de computer; ze worden beeldkaarten in deze stapel.")
        )
        self.import_button.clicked.connect(self.import_images)
        self.edit_card_button = QPushButton(tr("Kaart wijzigen…"))
        self.edit_card_button.clicked.connect(self.edit_card)
        self.remove_card_button = QPushButton(tr("Kaart verwijderen…"))
        self.remove_card_button.clicked.connect(self.remove_card)
        card_buttons = QHBoxLayout()
        for button in (
            self.add_card_button,
            self.import_button,
            self.edit_card_button,
            self.remove_card_button,
        ):
            card_buttons.addWidget(button)
        card_buttons.addStretch(1)
        self.card_count = QLabel()
        self.card_count.setObjectName("countLabel")
        card_buttons.addWidget(self.card_count)
        card_side = QWidget()
        card_layout = QVBoxLayout(card_side)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addWidget(self.deck_title)
        card_layout.addWidget(self.deck_description)
        card_layout.addWidget(self.card_view, 1)
        card_layout.addLayout(card_buttons)

        splitter = QSplitter()
        splitter.addWidget(deck_side)
        splitter.addWidget(card_side)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)

        delete = QAction(self.card_view)
        delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_card)
        self.card_view.addAction(delete)
        self.deck_list.currentItemChanged.connect(lambda *_args: self.show_deck())
        bus.changed.connect(self._on_changed)
        self.reload_decks()

    # --- showing ---------------------------------------------------------------------
    def deck_id(self) -> int | None:
        item = self.deck_list.currentItem()
        return item.data(DECK_ID_ROLE) if item else None

    def reload_decks(self, select: int | None = None) -> None:
        current = select or self.deck_id()
        self.deck_list.blockSignals(True)
        self.deck_list.clear()
        for deck in self.services.cards.decks(self.show_archived.isChecked()):
            text = tr("%1\n%2 themakaarten, %3 beeldkaarten")
            text = text.replace("%1", deck.name).replace("%2", str(deck.theme_cards))
            text = text.replace("%3", str(deck.image_cards))
            if deck.archived:
                text += tr(" (gearchiveerd)")
            item = QListWidgetItem(text)
            item.setData(DECK_ID_ROLE, deck.deck_id)
            self.deck_list.addItem(item)
            if deck.deck_id == current:
                self.deck_list.setCurrentItem(item)
        if self.deck_list.currentItem() is None and self.deck_list.count():
            self.deck_list.setCurrentRow(0)
        self.deck_list.blockSignals(False)
        self.show_deck()

    def show_deck(self) -> None:
        deck_id = self.deck_id()
        for button in (
            self.edit_deck_button,
            self.remove_deck_button,
            self.add_card_button,
            self.import_button,
            self.edit_card_button,
            self.remove_card_button,
        ):
            button.setEnabled(deck_id is not None)
        if deck_id is None:
            self.deck_title.setText(tr("Nog geen stapels. Maak er een met 'Nieuwe stapel…'."))
            self.deck_description.clear()
            self.cards.set_cards([])
            self.card_count.clear()
            return
        deck = self.services.cards.deck(deck_id)
        self.deck_title.setText(deck.name)
        self.deck_description.setText(deck.description)
        self.remove_deck_button.setText(tr("Dearchiveren") if deck.archived else tr("Verwijderen…"))
        cards = self.services.cards.cards(deck_id)
        self.cards.set_cards(cards)
        self.card_count.setText(tr("%1 kaart(en)").replace("%1", str(len(cards))))

    def _on_changed(self, entity: str) -> None:
        if entity == "cards":
            self.pixmaps.clear()
            self.reload_decks()

    def selected_card(self) -> Card | None:
        index = self.card_view.currentIndex()
        return self.cards.card_at(index.row()) if index.isValid() else None

    # --- decks -----------------------------------------------------------------------
    def _deck_form(self, deck_id: int | None) -> None:
        fields = [
            FieldSpec("name", tr("Naam"), required=True),
            FieldSpec("description", tr("Omschrijving"), kind="multiline"),
        ]
        values = None
        if deck_id is not None:
            deck = self.services.cards.deck(deck_id)
            values = {"name": deck.name, "description": deck.description}

        def save(form: Values) -> int:
            return self.services.cards.save_deck(form, deck_id)

        title = tr("Nieuwe stapel") if deck_id is None else tr("Stapel wijzigen")
        dialog = FormDialog(title, fields, save, values, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.reload_decks(dialog.saved_id)
            self.bus.announce("cards")

    def new_deck(self) -> None:
        self._deck_form(None)

    def edit_deck(self) -> None:
        if (deck_id := self.deck_id()) is not None:
            self._deck_form(deck_id)

    def remove_deck(self) -> None:
        deck_id = self.deck_id()
        if deck_id is None:
            return
        deck = self.services.cards.deck(deck_id)
        if deck.archived:
            self.services.cards.set_deck_archived(deck_id, False)
            self.bus.announce("cards")
            return
        answer = QMessageBox.question(
            self,
            tr("Stapel verwijderen"),
            tr("De stapel '%1' met al haar kaarten verwijderen?").replace("%1", deck.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.cards.remove_deck(deck_id)
        except InUse as refused:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(tr("Niet verwijderd"))
            box.setText(str(refused))
            archive = box.addButton(tr("Archiveren"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(tr("Niets doen"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is archive:
                self.services.cards.set_deck_archived(deck_id, True)
        self.bus.announce("cards")

    # --- cards -----------------------------------------------------------------------
    def _card_form(self, card: Card | None) -> None:
        deck_id = self.deck_id()
        if deck_id is None:
            return
        image = card is not None and card.kind == CardKind.IMAGE
        fields = [
            FieldSpec("title", tr("Titel"), help=tr("Het woord of de korte zin op de kaart.")),
            FieldSpec(
                "text",
                tr("Tekst"),
                kind="multiline",
                help=tr("Een vraag of uitnodiging om over te praten (mag leeg)."),
            ),
        ]
        if not image:
            fields.append(
                FieldSpec(
                    "colour",
                    tr("Kleur"),
                    kind="choice",
                    choices=lambda: colour_choices(card.colour if card else ""),
                    help=tr("Kaarten van één thema krijgen dezelfde kleur."),
                )
            )
        values = None
        if card is not None:
            values = {"title": card.title, "text": card.text, "colour": card.colour}

        def save(form: Values) -> int:
            if image:
                form = {**form, "colour": card.colour if card else ""}
            return self.services.cards.save_card(deck_id, form, card.id if card else None)

        title = tr("Nieuwe themakaart") if card is None else tr("Kaart wijzigen")
        dialog = FormDialog(title, fields, save, values, parent=self)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.bus.announce("cards")

    def add_theme_card(self) -> None:
        self._card_form(None)

    def edit_card(self) -> None:
        card = self.selected_card()
        if card is not None:
            self._card_form(card)

    def remove_card(self) -> None:
        card = self.selected_card()
        if card is None or card.id is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Kaart verwijderen"),
            tr("De kaart '%1' verwijderen?").replace("%1", card.title or card.text[:40]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.cards.remove_card(card.id)
        except ServiceError as refused:
            QMessageBox.information(self, tr("Niet verwijderd"), str(refused))
            return
        self.bus.announce("cards")

    def import_images(self) -> None:
        deck_id = self.deck_id()
        if deck_id is None:
            return
        paths, _filter = QFileDialog.getOpenFileNames(
            self, tr("Afbeeldingen kiezen"), str(Path.home()), tr(IMAGE_FILTER)
        )
        if paths:
            self.import_paths(deck_id, [Path(path) for path in paths])

    def import_paths(self, deck_id: int, paths: list[Path]) -> None:
        """Read the pictures off the GUI thread, then add what can be used."""
        self.import_job = run_with_progress(
            self,
            tr("Afbeeldingen lezen…"),
            lambda progress: self.services.cards.check_images(paths, progress),
            lambda checked: self._add_checked(deck_id, checked),
        )

    def _add_checked(self, deck_id: int, checked: ImageCheck) -> None:
        if checked.refused:
            reasons = "\n".join(f"• {reason}" for _path, reason in checked.refused)
            if not checked.ready:
                QMessageBox.warning(self, tr("Niet geïmporteerd"), reasons)
                return
            answer = QMessageBox.question(
                self,
                tr("Niet alles kan gebruikt worden"),
                tr("Deze bestanden worden overgeslagen:\n%1\n\nDe andere %2 toevoegen?")
                .replace("%1", reasons)
                .replace("%2", str(len(checked.ready))),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.services.cards.add_images(deck_id, checked.ready)
        self.bus.announce("cards")
