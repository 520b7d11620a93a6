"""The board's graphics: a card per mixed table with a row per person on it.

Cards and people are separate top-level items (people lie on top of their card), so a
dragged person can follow the mouse without being reparented. The scene is rebuilt from
the seating plan after every change; with a few dozen people that is instant.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from verbindtafel_desktop.app.mixing.texts import plural, tr
from verbindtafel_desktop.domain.enums import AttendanceRole
from verbindtafel_desktop.services.mixed_seating import MixedSeating, Problem

CARD_WIDTH = 210.0
ROW_HEIGHT = 28.0
HEADER_HEIGHT = 48.0
PADDING = 8.0
GAP = 12.0

# Home-table colours: light enough for dark text, different enough to tell apart.
PALETTE = (
    "#9cc9f0", "#ffc36b", "#a8d88a", "#f4a3a3", "#cfb8e6",
    "#f7d95c", "#8fcfc4", "#f5b48a", "#b9c7d6", "#e6a8c8",
)  # fmt: skip
# The problems that are about a table as a whole (too full, a rule across it).
TABLE_PROBLEMS = ("capaciteit", "uit_elkaar", "verspreiden")
BROKEN = QColor("#c0392b")
LOCK_COLOUR = QColor("#34495e")


def home_colours(plan: MixedSeating) -> dict[int, QColor]:
    """A colour per home table, in the order of the tables' names."""
    tables = sorted({(c.home_table.lower(), c.home_table_id) for c in plan.candidates.values()})
    return {
        table_id: QColor(PALETTE[i % len(PALETTE)]) for i, (_name, table_id) in enumerate(tables)
    }


def draw_lock(painter: QPainter, x: float, y: float, size: float = 12.0) -> None:
    """A small padlock; drawn rather than an emoji so it shows with any font."""
    painter.save()
    painter.setPen(QPen(LOCK_COLOUR, 1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(x + size * 0.2, y, size * 0.6, size * 0.7), 0, 180 * 16)
    painter.setBrush(LOCK_COLOUR)
    painter.drawRoundedRect(QRectF(x, y + size * 0.4, size, size * 0.6), 2, 2)
    painter.restore()


def draw_pin(painter: QPainter, x: float, y: float, size: float = 12.0) -> None:
    """A map pin: the person has a fixed table."""
    painter.save()
    painter.setPen(QPen(LOCK_COLOUR, 1.6))
    painter.setBrush(QColor("#e74c3c"))
    painter.drawEllipse(QRectF(x + size * 0.2, y, size * 0.6, size * 0.6))
    painter.drawLine(QPointF(x + size * 0.5, y + size * 0.6), QPointF(x + size * 0.5, y + size))
    painter.restore()


@dataclass(frozen=True)
class PersonLook:
    person_id: int
    name: str
    colour: QColor
    facilitator: bool
    guest: bool
    known: int
    locked: bool
    pinned: bool
    broken: bool
    tooltip: str


class PersonItem(QGraphicsObject):
    def __init__(self, look: PersonLook) -> None:
        super().__init__()
        self.look = look
        self.person_id = look.person_id
        self.table_index: int | None = None
        self.highlighted = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(look.tooltip)
        self.setZValue(1)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, CARD_WIDTH - 2 * PADDING, ROW_HEIGHT - 4)

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        look = self.look
        rect = self.boundingRect().adjusted(1, 1, -1, -1)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = look.colour.darker(150)
        width = 1.2
        if look.broken:
            border, width = BROKEN, 2.4
        if self.isSelected() or self.highlighted:
            border, width = QColor("#1f5fa8"), 2.6
        painter.setPen(
            QPen(border, width, Qt.PenStyle.DashLine if look.guest else Qt.PenStyle.SolidLine)
        )
        painter.setBrush(look.colour.lighter(115))
        painter.drawRoundedRect(rect, 6, 6)

        x = rect.left() + 6
        font = QFont(painter.font())
        font.setPointSizeF(9.5)
        if look.facilitator:
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#1b1b1b"))
            painter.drawText(
                QRectF(x, rect.top(), 14, rect.height()), Qt.AlignmentFlag.AlignVCenter, "★"
            )
            x += 15
        font.setItalic(look.guest)
        painter.setFont(font)
        right = rect.right() - 4
        if look.known:
            badge = tr("kent %1").replace("%1", str(look.known))
            small = QFont(font)
            small.setBold(True)
            small.setItalic(False)
            small.setPointSizeF(8)
            width_badge = QFontMetrics(small).horizontalAdvance(badge) + 10
            badge_rect = QRectF(right - width_badge, rect.top() + 4, width_badge, rect.height() - 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#b9770e") if look.known == 1 else BROKEN)
            painter.drawRoundedRect(badge_rect, 7, 7)
            painter.setPen(QColor("white"))
            painter.setFont(small)
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
            painter.setFont(font)
            right = badge_rect.left() - 4
        for drawn, draw in ((look.pinned, draw_pin), (look.locked, draw_lock)):
            if drawn:
                draw(painter, right - 12, rect.center().y() - 6)
                right -= 16
        painter.setPen(QColor("#1b1b1b"))
        text_rect = QRectF(x, rect.top(), right - x, rect.height())
        elided = QFontMetrics(font).elidedText(
            look.name, Qt.TextElideMode.ElideRight, int(text_rect.width())
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided
        )


@dataclass(frozen=True)
class CardLook:
    index: int | None  # None: the tray of people without a table
    title: str
    capacity: int
    count: int
    locked: bool
    repeats: int
    broken: bool
    tooltip: str


class TableCard(QGraphicsObject):
    def __init__(self, look: CardLook) -> None:
        super().__init__()
        self.look = look
        self.index = look.index
        self.highlighted = False
        self.setToolTip(look.tooltip)
        self.setZValue(0)

    @property
    def rows(self) -> int:
        if self.index is None:
            return max(1, self.look.count)
        return max(self.look.capacity, self.look.count)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, CARD_WIDTH, HEADER_HEIGHT + self.rows * ROW_HEIGHT + PADDING)

    def seat_position(self, row: int) -> QPointF:
        return self.pos() + QPointF(PADDING, HEADER_HEIGHT + row * ROW_HEIGHT)

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        look = self.look
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.boundingRect().adjusted(1, 1, -1, -1)
        border, width = QColor("#9aa7b4"), 1.2
        if look.broken:
            border, width = BROKEN, 2.4
        if self.highlighted:
            border, width = QColor("#1f5fa8"), 3.0
        painter.setPen(QPen(border, width))
        painter.setBrush(QColor("#f3f5f7") if look.index is None else QColor("white"))
        painter.drawRoundedRect(rect, 10, 10)

        title_font = QFont(painter.font())
        title_font.setPointSizeF(11)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#23415a"))
        painter.drawText(
            QRectF(rect.left() + 10, rect.top() + 4, rect.width() - 40, 22),
            Qt.AlignmentFlag.AlignVCenter,
            look.title,
        )
        if look.locked:
            draw_lock(painter, rect.right() - 22, rect.top() + 9, 13)

        info_font = QFont(painter.font())
        info_font.setPointSizeF(8.5)
        info_font.setBold(False)
        painter.setFont(info_font)
        if look.index is None:
            info = (
                plural(look.count, "%n persoon zonder tafel", "%n personen zonder tafel")
                if look.count
                else ""
            )
            colour = QColor("#555555")
            if not look.count:
                painter.setPen(colour)
                painter.drawText(
                    QRectF(PADDING, HEADER_HEIGHT, CARD_WIDTH - 2 * PADDING, ROW_HEIGHT),
                    Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                    tr("Sleep iemand hierheen om hem of haar van tafel te halen."),
                )
        else:
            full = (
                tr("%1/%2 plaatsen")
                .replace("%1", str(look.count))
                .replace("%2", str(look.capacity))
            )
            if look.repeats:
                info = full + " · " + plural(look.repeats, "%n herhaling", "%n herhalingen")
                colour = QColor("#a04000")
            else:
                info = full + " · " + tr("allemaal nieuw")
                colour = QColor("#2e7d32")
            if look.count > look.capacity:
                colour = BROKEN
        painter.setPen(colour)
        painter.drawText(
            QRectF(rect.left() + 10, rect.top() + 24, rect.width() - 20, 18),
            Qt.AlignmentFlag.AlignVCenter,
            info,
        )

        if look.index is not None:
            painter.setPen(QPen(QColor("#c8d0d8"), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for row in range(look.count, look.capacity):
                seat = QRectF(
                    PADDING + 1,
                    HEADER_HEIGHT + row * ROW_HEIGHT + 1,
                    CARD_WIDTH - 2 * PADDING - 2,
                    ROW_HEIGHT - 6,
                )
                painter.drawRoundedRect(seat, 6, 6)


class BoardScene(QGraphicsScene):
    """Builds the cards and people of a seating plan and lays the cards out in a grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[int | None, TableCard] = {}
        self.people: dict[int, PersonItem] = {}
        self.width_available = 1000.0
        self.setBackgroundBrush(QColor("#e9edf1"))

    def rebuild(
        self, plan: MixedSeating, problems: list[Problem], repeats_at: dict[int, int]
    ) -> None:
        selected = {item.person_id for item in self.people.values() if item.isSelected()}
        self.clear()
        self.cards, self.people = {}, {}
        colours = home_colours(plan)
        broken_people = {
            p for problem in problems if problem.kind != "plaatsing" for p in problem.people
        }
        table_reasons: dict[int, list[str]] = {}
        for problem in problems:
            if problem.kind in TABLE_PROBLEMS and problem.table is not None:
                table_reasons.setdefault(problem.table, []).append(problem.reason)
        reasons: dict[int, list[str]] = {}
        for problem in problems:
            for person in problem.people:
                reasons.setdefault(person, []).append(problem.reason)

        groups: list[tuple[int | None, list[int]]] = [(None, plan.unseated())]
        groups += [(index, plan.at_table(index)) for index in range(len(plan.tables))]
        for index, members in groups:
            if index is None:
                look = CardLook(
                    None,
                    tr("Nog geen tafel"),
                    0,
                    len(members),
                    False,
                    0,
                    False,
                    tr("Aanwezig, maar nog niet aan een tafel."),
                )
            else:
                table = plan.tables[index]
                look = CardLook(
                    index,
                    table.title(index),
                    table.capacity,
                    len(members),
                    table.locked,
                    repeats_at.get(index, 0),
                    index in table_reasons,
                    "\n".join(table_reasons.get(index, []))
                    or tr("Sleep mensen naar deze tafel of op elkaar om te ruilen."),
                )
            card = TableCard(look)
            self.addItem(card)
            self.cards[index] = card
            for person_id in members:
                item = PersonItem(
                    self._person_look(plan, person_id, colours, broken_people, reasons)
                )
                item.table_index = index
                self.addItem(item)
                self.people[person_id] = item
                item.setSelected(person_id in selected)
        self.relayout()

    def _person_look(
        self,
        plan: MixedSeating,
        person_id: int,
        colours: dict[int, QColor],
        broken_people: set[int],
        reasons: dict[int, list[str]],
    ) -> PersonLook:
        candidate = plan.candidates[person_id]
        known = plan.known_at_table(person_id)
        role = {
            AttendanceRole.FACILITATOR: tr("begeleider"),
            AttendanceRole.MEMBER: tr("tafelgenoot"),
            AttendanceRole.GUEST: tr("introducee"),
        }[candidate.role]
        lines = [f"{candidate.name} — {role}, {candidate.home_table}"]
        if candidate.host_id is not None:
            lines.append(tr("Introducee van %1").replace("%1", plan.name(candidate.host_id)))
        if known:
            lines.append(
                tr("Kent hier al: %1").replace("%1", ", ".join(plan.name(p) for p in known))
            )
        if person_id in plan.pinned:
            lines.append(tr("Heeft een vaste tafel."))
        if person_id in plan.locked:
            lines.append(tr("Vastgezet: blijft hier bij opnieuw mixen."))
        lines += reasons.get(person_id, [])
        return PersonLook(
            person_id=person_id,
            name=candidate.name,
            colour=colours.get(candidate.home_table_id, QColor(PALETTE[0])),
            facilitator=candidate.role == AttendanceRole.FACILITATOR,
            guest=candidate.role == AttendanceRole.GUEST,
            known=len(known),
            locked=person_id in plan.locked,
            pinned=person_id in plan.pinned,
            broken=person_id in broken_people,
            tooltip="\n".join(lines),
        )

    def relayout(self, width: float | None = None) -> None:
        """Flow the cards into rows that fit the view's width."""
        if width is not None:
            self.width_available = width
        columns = max(1, int((self.width_available - GAP) // (CARD_WIDTH + GAP)))
        x = y = GAP
        row_height = 0.0
        for number, card in enumerate(self.cards.values()):
            if number and number % columns == 0:
                x = GAP
                y += row_height + GAP
                row_height = 0.0
            card.setPos(x, y)
            row_height = max(row_height, card.boundingRect().height())
            x += CARD_WIDTH + GAP
        for item in self.people.values():
            self.place(item)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-GAP, -GAP, GAP, GAP))

    def place(self, item: PersonItem) -> None:
        """Put a person back on their row of their card."""
        card = self.cards[item.table_index]
        row = [p for p in self.people.values() if p.table_index == item.table_index].index(item)
        item.setPos(card.seat_position(row))
        item.setZValue(1)

    def target_at(
        self, position: QPointF, dragged: int | None = None
    ) -> tuple[str, int | None] | None:
        """What lies under `position`: ("person", id), ("table", index or None) or None."""
        for item in self.items(position):
            if isinstance(item, PersonItem) and item.person_id != dragged:
                return ("person", item.person_id)
        for item in self.items(position):
            if isinstance(item, TableCard):
                return ("table", item.index)
        return None

    def clear_highlights(self) -> None:
        for card in self.cards.values():
            card.set_highlighted(False)
        for person in self.people.values():
            person.set_highlighted(False)

    def highlight(self, target: tuple[str, int | None] | None) -> None:
        self.clear_highlights()
        if target is None:
            return
        kind, key = target
        if kind == "person" and key in self.people:
            self.people[key].set_highlighted(True)
        elif kind == "table" and key in self.cards:
            self.cards[key].set_highlighted(True)
