"""The board's view: drag a person to another table, or onto another person to swap.

The drag is hand-made inside the view (the item follows the mouse) instead of a QDrag,
so it needs no nested event loop and tests can drive it. The mouse handlers only call
`begin_drag`, `drag_to` and `finish_drag`; tests call the same methods, and also send
real mouse events.
"""

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from verbindtafel_desktop.app.mixing.scene import BoardScene, PersonItem


class BoardView(QGraphicsView):
    # (person, table index or None for "no table")
    move_requested = Signal(int, object)
    swap_requested = Signal(int, int)
    # (person or None, table index or None, global position)
    menu_requested = Signal(object, object, QPoint)
    lock_requested = Signal(int)

    def __init__(self, scene: BoardScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.board_scene = scene
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setObjectName("mixingBoardView")
        self._pressed: tuple[int, QPointF] | None = None  # person and where the press was
        self.dragging: PersonItem | None = None
        self._grab_offset = QPointF()

    # --- the drag, as used by the mouse handlers and by tests -----------------------
    def begin_drag(self, person_id: int, scene_pos: QPointF) -> bool:
        item = self.board_scene.people.get(person_id)
        if item is None:
            return False
        self.dragging = item
        self._grab_offset = scene_pos - item.pos()
        item.setZValue(10)
        item.setOpacity(0.85)
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        return True

    def drag_to(self, scene_pos: QPointF) -> None:
        if self.dragging is None:
            return
        self.dragging.setPos(scene_pos - self._grab_offset)
        self.board_scene.highlight(self.board_scene.target_at(scene_pos, self.dragging.person_id))

    def finish_drag(self, scene_pos: QPointF) -> tuple[str, int | None] | None:
        """Drop the dragged person; asks for a swap or a move and returns what it hit."""
        item = self.dragging
        if item is None:
            return None
        person = item.person_id
        target = self.board_scene.target_at(scene_pos, person)
        self.cancel_drag()
        if target is None:
            return None
        kind, key = target
        if kind == "person" and key is not None:
            self.swap_requested.emit(person, key)
        elif kind == "table" and key != item.table_index:
            self.move_requested.emit(person, key)
        return target

    def cancel_drag(self) -> None:
        item = self.dragging
        self.dragging = None
        self._pressed = None
        self.board_scene.clear_highlights()
        self.viewport().unsetCursor()
        if item is not None and item.scene() is not None:
            item.setOpacity(1.0)
            self.board_scene.place(item)

    # --- mouse and keyboard -----------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.itemAt(event.position().toPoint())
            if isinstance(item, PersonItem):
                self._pressed = (item.person_id, self.mapToScene(event.position().toPoint()))
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        scene_pos = self.mapToScene(event.position().toPoint())
        if self.dragging is not None:
            self.drag_to(scene_pos)
            return
        if self._pressed is not None:
            person, start = self._pressed
            moved = self.mapFromScene(scene_pos) - self.mapFromScene(start)
            if moved.manhattanLength() >= QApplication.startDragDistance():
                self.begin_drag(person, start)
                self.drag_to(scene_pos)
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.dragging is not None:
            self.finish_drag(self.mapToScene(event.position().toPoint()))
            return
        self._pressed = None
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.dragging is not None:
            self.cancel_drag()
            return
        if event.key() == Qt.Key.Key_L:
            for item in self.board_scene.selectedItems():
                if isinstance(item, PersonItem):
                    self.lock_requested.emit(item.person_id)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        scene_pos = self.mapToScene(event.pos())
        target = self.board_scene.target_at(scene_pos)
        if target is None:
            return
        kind, key = target
        if kind == "person":
            item = self.board_scene.people[key] if key is not None else None
            table = item.table_index if item is not None else None
            self.menu_requested.emit(key, table, event.globalPos())
        else:
            self.menu_requested.emit(None, key, event.globalPos())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.board_scene.relayout(self.viewport().width())

    def scene_center_of_person(self, person_id: int) -> QPointF:
        return self.board_scene.people[person_id].sceneBoundingRect().center()

    def scene_center_of_table(self, index: int | None) -> QPointF:
        """A free spot on a card (its header), for dropping a person on the table itself."""
        card = self.board_scene.cards[index]
        rect = card.sceneBoundingRect()
        return QPointF(rect.center().x(), rect.top() + 20)
