"""Choosing cards from a deck (for the table of a session, or for a meaning)."""

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.card_model import CardListModel, card_view
from verbindtafel_desktop.app.card_pixmaps import CardPixmaps
from verbindtafel_desktop.domain.models import Card
from verbindtafel_desktop.services.registry import Services


def tr(text: str) -> str:
    return QCoreApplication.translate("CardPicker", text)


class CardPickerDialog(QDialog):
    """Tick the cards that lay on the table; the choice is kept across decks."""

    def __init__(
        self,
        services: Services,
        pixmaps: CardPixmaps,
        chosen: Iterable[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(tr("Kaarten op tafel kiezen"))
        self.resize(900, 620)
        self.chosen = set(chosen)
        self.deck_box = QComboBox()
        self.deck_box.setObjectName("deckChoice")
        for deck in services.cards.decks():
            self.deck_box.addItem(deck.name, deck.deck_id)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Zoeken in de kaarten…"))
        self.search.setClearButtonEnabled(True)
        self.model = CardListModel(pixmaps, checkable=True, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(Qt.ItemDataRole.ToolTipRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = card_view()
        self.view.setModel(self.proxy)
        self.view.activated.connect(self._toggle)
        self.count = QLabel()
        self.model.dataChanged.connect(self._remember)
        self.deck_box.currentIndexChanged.connect(self._show_deck)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Stapel")))
        top.addWidget(self.deck_box, 1)
        top.addWidget(self.search, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._show_deck()

    def cards(self) -> Sequence[Card]:
        deck_id = self.deck_box.currentData()
        return self.services.cards.cards(deck_id) if deck_id else []

    def _show_deck(self, *_args: object) -> None:
        self.model.set_cards(self.cards(), self.chosen)
        self._update_count()

    def _toggle(self, index: object) -> None:
        source = self.proxy.mapToSource(index)  # type: ignore[arg-type]
        card = self.model.card_at(source.row())
        if card is None or card.id is None:
            return
        checked = card.id in self.model.checked_ids()
        self.model.setData(
            source,
            Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def _remember(self, *_args: object) -> None:
        self.chosen = (self.chosen - self.model.card_ids()) | self.model.checked_ids()
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(tr("%1 kaart(en) gekozen").replace("%1", str(len(self.chosen))))
