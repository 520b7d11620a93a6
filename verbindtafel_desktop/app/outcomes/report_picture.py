"""The relay picture for the period report's PDF: the Estafette page's own picture of the
report's period and location, without names, as PNG bytes.

Needs a QApplication (the picture is a QGraphicsScene painted on a QImage, which also
works in the worker thread). The command line has no window, so it makes an offscreen
application first with `ensure_application()`.
"""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtWidgets import QApplication

from verbindtafel_desktop.app.relay.picture import relay_image, shown_people
from verbindtafel_desktop.app.relay.scene import LabelMode
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.reporting.figures import relay_scope
from verbindtafel_desktop.reporting.scope import ReportScope, resolve
from verbindtafel_desktop.services.relay import RelayService

# Big enough to print sharply on A4, small enough to keep the PDF light.
MAX_SIDE = 2400

_application: list[QApplication] = []  # the command line's, kept alive while it runs


def ensure_application() -> None:
    """A QApplication to draw with, offscreen, when the program has none (the CLI)."""
    if QApplication.instance() is None:
        _application.append(QApplication(["verbindtafel", "-platform", "offscreen"]))


def relay_picture(db: Database, scope: ReportScope) -> bytes | None:
    """PNG of the relay of the report's scope; None when nobody brought anyone in."""
    with db.engine.connect() as connection:
        resolve(connection, scope)  # refuse a wrong scope before drawing anything
        chosen = relay_scope(connection, scope)
    graph = RelayService(db).graph()
    if not shown_people(graph, graph.in_scope(chosen)):
        return None
    image = relay_image(graph, chosen, labels=LabelMode.NONE, scale=1.5, max_side=MAX_SIDE)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 wants the format as str, although its stubs say bytes.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise OSError("De estafettekaart kon niet als afbeelding worden gemaakt.")
    return bytes(data.data())
