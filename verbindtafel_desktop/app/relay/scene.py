"""The relay as a graphics scene: one item per person, the links as two paths.

Participants are filled boxes in their cohort's colour; guests are white boxes with a
dashed border, candidates (recruited, not yet at a table) white with a dotted border.
Clicking a person highlights their chain (who brought them in, up to the starter, and
everyone they brought in); the small button on a box folds that branch away.
"""

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from verbindtafel_desktop.app.relay.layout import LayoutStyle, NodeBox, RelayLayout, layout_relay
from verbindtafel_desktop.app.relay.legend import cohort_colours, colour_of, role_label
from verbindtafel_desktop.services.relay import RelayGraph, RelayRole

INK = QColor("#1b1b1b")
LINK = QColor("#9aa5b1")
FOCUS = QColor("#f0a830")
DIMMED = 0.18
OUT_OF_SCOPE = 0.4


def tr(text: str) -> str:
    return QCoreApplication.translate("Relay", text)


def tint(colour: QColor, strength: float = 0.3) -> QColor:
    """`colour` mixed into white: a fill that keeps black text readable."""
    red, green, blue = (
        round(255 - (255 - part) * strength)
        for part in (colour.red(), colour.green(), colour.blue())
    )
    return QColor(red, green, blue)


class LabelMode(StrEnum):
    NAMES = "names"
    INITIALS = "initials"  # for pictures that leave the building
    NONE = "none"


class NodeItem(QGraphicsItem):
    def __init__(
        self,
        relay: "RelayScene",
        box: NodeBox,
        colour: QColor,
        text: str,
        has_children: bool,
    ) -> None:
        super().__init__()
        self.relay = relay
        self.person_id = box.person_id
        self.role = relay.graph.people[box.person_id].role
        self.colour = colour
        self.has_children = has_children
        self.hidden = box.hidden
        self.highlighted = False
        self.focused = False
        style = relay.layout_style
        self.size = QRectF(0, 0, style.node_width, style.node_height)
        self.toggle = QRectF(style.node_width - 19, style.node_height / 2 - 7, 14, 14)
        self.font = QFont(relay.node_font)
        self.font.setItalic(self.role == RelayRole.GUEST)
        room = style.node_width - (34 if has_children else 14)
        if self.hidden:
            room -= 34
        self.text = QFontMetricsF(self.font).elidedText(text, Qt.TextElideMode.ElideRight, room)
        self.setPos(box.x, box.y)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        # Made on first hover: thousands of people need not all get one up front.
        if not self.toolTip():
            self.setToolTip(self.relay.tooltip(self.person_id))
        super().hoverEnterEvent(event)

    def boundingRect(self) -> QRectF:
        return self.size.adjusted(-3, -3, 3 + (40 if self.hidden else 0), 3)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        pen = QPen(self.colour, 2)
        fill = QColor("#ffffff")
        if self.role == RelayRole.PARTICIPANT:
            fill = tint(self.colour)
        elif self.role == RelayRole.GUEST:
            pen.setStyle(Qt.PenStyle.DashLine)
        elif self.role == RelayRole.CANDIDATE:
            pen.setStyle(Qt.PenStyle.DotLine)
        else:
            fill, pen = QColor("#eeeeee"), QPen(QColor("#8a8a8a"), 1.5)
        if self.focused:
            pen = QPen(FOCUS, 4)
        elif self.highlighted and self.relay.focus is not None:
            pen = QPen(INK, 3, pen.style())
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(self.size, 6, 6)
        painter.fillRect(QRectF(1, 1, 6, self.size.height() - 2), self.colour)
        if detail < self.relay.detail_threshold:
            return
        painter.setFont(self.font)
        painter.setPen(INK)
        text_area = self.size.adjusted(12, 0, -4, 0)
        painter.drawText(text_area, Qt.AlignmentFlag.AlignVCenter, self.text)
        if self.has_children:
            painter.setPen(QPen(QColor("#555555"), 1))
            painter.setBrush(QBrush(QColor("#ffffff")))
            painter.drawEllipse(self.toggle)
            sign = "+" if self.hidden else "−"
            painter.drawText(self.toggle, Qt.AlignmentFlag.AlignCenter, sign)
        if self.hidden:
            badge = QRectF(self.size.width() + 4, 0, 36, self.size.height())
            painter.drawText(badge, Qt.AlignmentFlag.AlignVCenter, f"+{self.hidden}")

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        event.accept()
        person_id = self.person_id
        if self.has_children and self.toggle.adjusted(-3, -3, 3, 3).contains(event.pos()):
            # Rebuilding deletes this item: do it once its event is handled.
            QTimer.singleShot(0, lambda: self.relay.toggle_collapsed(person_id))
        else:
            self.relay.highlight(person_id)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()
        self.relay.person_activated.emit(self.person_id)


class RelayScene(QGraphicsScene):
    person_activated = Signal(int)  # a double click: open this person's page
    highlight_changed = Signal(object)  # the person in focus, or None
    rebuilt = Signal()

    def __init__(
        self,
        graph: RelayGraph,
        shown: Iterable[int],
        *,
        in_scope: set[int] | None = None,
        labels: LabelMode = LabelMode.NAMES,
        style: LayoutStyle | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.graph = graph
        self.shown = set(shown)
        self.in_scope = in_scope
        self.labels = labels
        self.layout_style = style or LayoutStyle()
        self.node_font = QFont()
        self.node_font.setPointSizeF(9)
        self.colours = cohort_colours(graph)
        self.collapsed: set[int] = set()
        self.focus: int | None = None
        self.highlighted: set[int] = set()
        # Below this zoom the names are unreadable anyway: boxes only, quick to paint.
        self.detail_threshold = 0.4
        self.nodes: dict[int, NodeItem] = {}
        self.layout = RelayLayout()
        self.setBackgroundBrush(QColor("#ffffff"))
        self.rebuild()

    # --- building ------------------------------------------------------------------
    def rebuild(self) -> None:
        self.clear()
        self.nodes = {}
        self.layout = layout_relay(self.graph, self.shown, self.collapsed, self.layout_style)
        header_font = QFont(self.node_font)
        header_font.setBold(True)
        for x, y, generation in self.layout.headers:
            header = QGraphicsSimpleTextItem(tr("Generatie %1").replace("%1", str(generation)))
            header.setFont(header_font)
            header.setBrush(QColor("#23415a"))
            header.setPos(x + 8, y + 6)
            self.addItem(header)
        self.links = QGraphicsPathItem()
        self.links.setPen(QPen(LINK, 1.4))
        self.links.setZValue(-2)
        self.addItem(self.links)
        self.chain_links = QGraphicsPathItem()
        self.chain_links.setPen(QPen(INK, 2.6))
        self.chain_links.setZValue(-1)
        self.addItem(self.chain_links)
        for person_id, box in self.layout.nodes.items():
            has_children = any(
                child in self.shown for child in self.graph.children.get(person_id, ())
            )
            node = NodeItem(
                self,
                box,
                colour_of(self.graph, self.colours, person_id),
                self.label(person_id),
                has_children,
            )
            self.addItem(node)
            self.nodes[person_id] = node
        margin = 24
        bounds = QRectF(0, 0, self.layout.width + 40, self.layout.height)
        self.setSceneRect(bounds.adjusted(-margin, -margin, margin, margin))
        self._apply_highlight()
        self.rebuilt.emit()

    def label(self, person_id: int) -> str:
        person = self.graph.people[person_id]
        if self.labels == LabelMode.INITIALS:
            return person.initials
        if self.labels == LabelMode.NONE:
            return ""
        return person.name

    def tooltip(self, person_id: int) -> str:
        person = self.graph.people[person_id]
        lines = [self.label(person_id) or role_label(person.role).capitalize()]
        lines.append(role_label(person.role))
        cohort_id = self.graph.colour_cohort(person_id)
        if cohort_id is not None:
            cohort = self.graph.cohorts[cohort_id]
            lines.append(f"{cohort.name} ({cohort.location})")
        lines.append(tr("Generatie %1").replace("%1", str(person.generation)))
        if person.parent_id is not None and self.labels == LabelMode.NAMES:
            parent = self.graph.people[person.parent_id].name
            lines.append(tr("Binnengebracht door %1").replace("%1", parent))
        brought = len(self.graph.children.get(person_id, ()))
        if brought == 1:
            lines.append(tr("Bracht 1 persoon binnen"))
        elif brought:
            lines.append(tr("Bracht %1 mensen binnen").replace("%1", str(brought)))
        return "\n".join(lines)

    def _link_path(self, pairs: Iterable[tuple[int, int]]) -> QPainterPath:
        path = QPainterPath()
        half = self.layout_style.column_gap / 2
        height = self.layout_style.node_height / 2
        for parent, child in pairs:
            start_box, end_box = self.layout.nodes[parent], self.layout.nodes[child]
            start = QPointF(start_box.x + self.layout_style.node_width, start_box.y + height)
            end = QPointF(end_box.x, end_box.y + height)
            path.moveTo(start)
            path.cubicTo(start + QPointF(half, 0), end - QPointF(half, 0), end)
        return path

    # --- what the user does ------------------------------------------------------
    def toggle_collapsed(self, person_id: int) -> None:
        """Fold or unfold the branch below `person_id`."""
        self.collapsed ^= {person_id}
        self.rebuild()

    def expand_all(self) -> None:
        if self.collapsed:
            self.collapsed.clear()
            self.rebuild()

    def reveal(self, person_id: int) -> None:
        """Unfold the branches that hide `person_id`."""
        folded = self.collapsed & set(self.graph.ancestors(person_id))
        if folded:
            self.collapsed -= folded
            self.rebuild()

    def highlight(self, person_id: int | None) -> None:
        """Show the chain of `person_id`: who brought them in up to the starter, and
        everyone they brought in (directly or through others). None clears it."""
        self.focus = person_id
        if person_id is None:
            self.highlighted = set()
        else:
            self.reveal(person_id)
            chain = [*self.graph.chain(person_id), *self.graph.descendants(person_id)]
            self.highlighted = {member for member in chain if member in self.shown}
        self._apply_highlight()
        self.highlight_changed.emit(person_id)

    def _apply_highlight(self) -> None:
        highlighting = self.focus is not None
        for person_id, node in self.nodes.items():
            node.highlighted = person_id in self.highlighted
            node.focused = person_id == self.focus
            if highlighting:
                node.setOpacity(1.0 if node.highlighted else DIMMED)
            elif self.in_scope is not None and person_id not in self.in_scope:
                node.setOpacity(OUT_OF_SCOPE)
            else:
                node.setOpacity(1.0)
            node.update()
        on_chain = [
            (parent, child)
            for parent, child in self.layout.edges
            if parent in self.highlighted and child in self.highlighted
        ]
        self.links.setPath(self._link_path(self.layout.edges))
        self.links.setOpacity(DIMMED if highlighting else 1.0)
        self.chain_links.setPath(self._link_path(on_chain))
