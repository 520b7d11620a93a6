"""What a card looks like in lists: its stored thumbnail, or a drawn theme card.

Pixmaps are made once per card and kept (the thumbnail itself was made once, at import);
the cache is cleared when cards change.
"""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

from verbindtafel_desktop.domain.enums import CardKind
from verbindtafel_desktop.domain.models import Card

CARD_WIDTH = 120
CARD_HEIGHT = 160


class CardPixmaps:
    def __init__(self) -> None:
        self._cache: dict[int, QPixmap] = {}

    def clear(self) -> None:
        self._cache.clear()

    def pixmap(self, card: Card) -> QPixmap:
        key = card.id or 0
        found = self._cache.get(key)
        if found is None:
            found = self._make(card)
            self._cache[key] = found
        return found

    def _make(self, card: Card) -> QPixmap:
        canvas = QPixmap(CARD_WIDTH, CARD_HEIGHT)
        canvas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(canvas)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(1, 1, CARD_WIDTH - 2, CARD_HEIGHT - 2)
        if card.kind == CardKind.IMAGE and card.thumbnail:
            picture = QPixmap()
            picture.loadFromData(card.thumbnail)
            painter.setBrush(QColor("#ffffff"))
            painter.setPen(QColor("#b8c2cc"))
            painter.drawRoundedRect(frame, 8, 8)
            scaled = picture.scaled(
                CARD_WIDTH - 10,
                CARD_HEIGHT - 10,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawPixmap(
                (CARD_WIDTH - scaled.width()) // 2, (CARD_HEIGHT - scaled.height()) // 2, scaled
            )
        else:
            colour = QColor(card.colour or "#f0a830")
            painter.setBrush(colour)
            painter.setPen(colour.darker(130))
            painter.drawRoundedRect(frame, 8, 8)
            text_colour = QColor("#1b1b1b") if colour.lightness() > 140 else QColor("#ffffff")
            painter.setPen(text_colour)
            title_font = QFont(painter.font())
            title_font.setBold(True)
            title_font.setPointSize(10)
            painter.setFont(title_font)
            painter.drawText(
                QRectF(8, 8, CARD_WIDTH - 16, 52),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
                | int(Qt.TextFlag.TextWordWrap),
                card.title,
            )
            text_font = QFont(painter.font())
            text_font.setBold(False)
            text_font.setPointSize(8)
            painter.setFont(text_font)
            painter.drawText(
                QRectF(8, 62, CARD_WIDTH - 16, CARD_HEIGHT - 70),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
                | int(Qt.TextFlag.TextWordWrap),
                card.text,
            )
        painter.end()
        return canvas
