"""The relay picture without a window: as an image (for a report's PDF) or a file.

    image = relay_image(services.relay.graph(), scope=RelayScope(start, end, location_id),
                        labels=LabelMode.INITIALS)
    image.save("estafette.png")

Needs a running QApplication (the offscreen platform is fine), as QGraphicsScene does.
The picture is the one the Estafette page shows: the same layout, colours and shapes.
"""

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from verbindtafel_desktop.app.relay.scene import LabelMode, RelayScene
from verbindtafel_desktop.services.relay import RelayGraph, RelayScope

# Larger pictures are scaled down to this many pixels on their longest side.
MAX_SIDE = 8000


def shown_people(graph: RelayGraph, in_scope: Iterable[int]) -> set[int]:
    """The whole trees of the people in scope that are chains (somebody brought somebody
    in): who started them stays visible even when that lies outside the period."""
    shown: set[int] = set()
    for person_id in in_scope:
        if person_id in shown:
            continue
        tree = graph.tree_of(person_id)
        if len(tree) > 1:
            shown.update(tree)
    return shown


def relay_scene(
    graph: RelayGraph,
    scope: RelayScope | None = None,
    *,
    labels: LabelMode = LabelMode.NAMES,
    collapsed: Iterable[int] = (),
) -> RelayScene:
    """The relay of `scope` as a scene, every label drawn (for printing and saving)."""
    in_scope = graph.in_scope(scope or RelayScope())
    scene = RelayScene(graph, shown_people(graph, in_scope), in_scope=in_scope, labels=labels)
    scene.detail_threshold = 0.0
    if collapsed:
        scene.collapsed = set(collapsed)
        scene.rebuild()
    return scene


def scene_image(scene: QGraphicsScene, scale: float = 1.0, max_side: int = MAX_SIDE) -> QImage:
    """The whole scene as an image at `scale` (less when it would exceed `max_side`)."""
    source = scene.sceneRect()
    longest = max(source.width(), source.height(), 1.0)
    scale = min(scale, max_side / longest)
    size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()
    return image


def relay_image(
    graph: RelayGraph,
    scope: RelayScope | None = None,
    *,
    labels: LabelMode = LabelMode.NAMES,
    scale: float = 2.0,
    max_side: int = MAX_SIDE,
) -> QImage:
    """The relay picture of `scope` as an image, sharp enough to print at `scale` 2."""
    return scene_image(relay_scene(graph, scope, labels=labels), scale, max_side)


def save_scene_svg(scene: QGraphicsScene, path: Path, title: str) -> None:
    source = scene.sceneRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    generator.setDescription("Verbindtafel Desktop")
    painter = QPainter(generator)
    scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()


def save_scene(scene: RelayScene, path: Path, title: str) -> None:
    """Save as SVG when `path` ends in .svg, else as PNG; raises OSError when it fails."""
    path = Path(path)
    threshold, scene.detail_threshold = scene.detail_threshold, 0.0
    try:
        _save(scene, path, title)
    finally:
        scene.detail_threshold = threshold


def _save(scene: RelayScene, path: Path, title: str) -> None:
    if path.suffix.lower() == ".svg":
        save_scene_svg(scene, path, title)
        if not path.exists() or path.stat().st_size == 0:
            raise OSError(f"Kon {path} niet schrijven.")
        return
    # PySide6 wants the format as str, although its stubs say bytes.
    if not scene_image(scene, scale=2.0).save(str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"Kon {path} niet schrijven.")
