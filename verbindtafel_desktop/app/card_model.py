"""Cards as a list model: a picture per card, optionally with a check box to choose them."""

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QListView, QWidget

from verbindtafel_desktop.app.card_pixmaps import CARD_HEIGHT, CARD_WIDTH, CardPixmaps
from verbindtafel_desktop.domain.enums import CardKind
from verbindtafel_desktop.domain.models import Card

Index = QModelIndex | QPersistentModelIndex
CARD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CardListModel(QAbstractListModel):
    def __init__(self, pixmaps: CardPixmaps, *, checkable: bool = False, parent: Any = None):
        super().__init__(parent)
        self._pixmaps = pixmaps
        self._checkable = checkable
        self._cards: list[Card] = []
        self._checked: set[int] = set()

    def set_cards(self, cards: Iterable[Card], checked: Iterable[int] = ()) -> None:
        self.beginResetModel()
        self._cards = list(cards)
        self._checked = set(checked)
        self.endResetModel()

    def card_at(self, row: int) -> Card | None:
        return self._cards[row] if 0 <= row < len(self._cards) else None

    def checked_ids(self) -> set[int]:
        return set(self._checked)

    def card_ids(self) -> set[int]:
        """The ids of the cards shown."""
        return {card.id for card in self._cards if card.id is not None}

    def set_checked(self, card_ids: Iterable[int]) -> None:
        self._checked = set(card_ids)
        if self._cards:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._cards) - 1), [Qt.ItemDataRole.CheckStateRole]
            )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return card.title if card.kind == CardKind.IMAGE else ""
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps.pixmap(card)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(part for part in (card.title, card.text) if part)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return card.title or card.text
        if role == CARD_ID_ROLE:
            return card.id
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable:
            checked = card.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._checkable and index.isValid():
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self._checkable and index.isValid() and role == Qt.ItemDataRole.CheckStateRole):
            return False
        card_id = self._cards[index.row()].id
        assert card_id is not None
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(card_id)
        else:
            self._checked.discard(card_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


def card_view(parent: QWidget | None = None) -> QListView:
    """A wrapping grid of cards."""
    view = QListView(parent)
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setIconSize(QSize(CARD_WIDTH, CARD_HEIGHT))
    view.setGridSize(QSize(CARD_WIDTH + 16, CARD_HEIGHT + 34))
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setMovement(QListView.Movement.Static)
    view.setWordWrap(True)
    view.setUniformItemSizes(True)
    view.setSpacing(4)
    return view
