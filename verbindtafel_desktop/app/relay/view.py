"""A zoomable, draggable view on the relay picture."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

MIN_ZOOM = 0.05
MAX_ZOOM = 4.0


class RelayView(QGraphicsView):
    """The mouse wheel zooms around the pointer, dragging the background pans."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Keeps the whole picture in view as the window changes, until the user zooms.
        self.fitted = True

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        wanted = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        factor = wanted / self.zoom()
        if abs(factor - 1.0) > 1e-6:
            self.scale(factor, factor)

    def zoom_in(self) -> None:
        self.fitted = False
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.fitted = False
        self.zoom_by(0.8)

    def fit(self) -> None:
        """The whole picture in view, but never larger than its natural size."""
        self.fitted = True
        self._fit()

    def _fit(self) -> None:
        scene = self.scene()
        if scene is None:
            return
        self.resetTransform()
        area = self.viewport().rect()
        source = scene.sceneRect()
        if source.isEmpty() or area.isEmpty():
            return
        factor = min(area.width() / source.width(), area.height() / source.height(), 1.0)
        self.zoom_by(factor)

    def actual_size(self) -> None:
        self.fitted = False
        self.resetTransform()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.fitted = False
            self.zoom_by(1.15**steps)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self._fit()
