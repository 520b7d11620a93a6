"""The relay's figures beside the picture, and the legend of colours and shapes.

A text browser shows them: it wraps and scrolls long explanations by itself however
narrow the side panel is made.
"""

from html import escape

from PySide6.QtCore import QCoreApplication, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from verbindtafel_desktop.app.relay.legend import cohort_colours, role_label
from verbindtafel_desktop.app.relay.scene import tint
from verbindtafel_desktop.services.relay import RelayGraph, RelayRole
from verbindtafel_desktop.services.relay_figures import FigureLine, RelayFigures

# More cohorts than this in one picture: the legend names the most recent ones.
LEGEND_COHORTS = 12

STYLE = """
p { margin-top: 0px; margin-bottom: 0px; }
h3 { color: #23415a; margin-top: 4px; margin-bottom: 2px; }
.title { font-weight: 600; margin-top: 12px; }
.value { font-size: 15pt; color: #23415a; }
.detail { color: #333333; }
.explanation { color: #666666; font-size: 8pt; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("Relay", text)


def swatch(fill: QColor, border: QColor, style: Qt.PenStyle) -> QPixmap:
    pixmap = QPixmap(34, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(border, 2, style))
    painter.setBrush(QBrush(fill))
    painter.drawRoundedRect(QRectF(1, 1, 32, 14), 4, 4)
    painter.end()
    return pixmap


class FiguresPanel(QTextBrowser):
    chain_requested = Signal(int)  # show the longest chain, ending with this person

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._link)
        self.document().setDefaultStyleSheet(STYLE)
        self.lines: list[FigureLine] = []

    def show_figures(self, figures: RelayFigures, graph: RelayGraph, cohort_ids: set[int]) -> None:
        self.lines = figures.lines()
        parts = [f"<h3>{escape(tr('Cijfers'))}</h3>"]
        for line in self.lines:
            parts.append(f"<p class='title'>{escape(line.title)}</p>")
            parts.append(f"<p class='value'>{escape(line.value)}</p>")
            if line.detail:
                parts.append(f"<p class='detail'>{escape(line.detail)}</p>")
            parts.append(f"<p class='explanation'>{escape(line.explanation)}</p>")
        chain = figures.longest_chain
        if len(chain) > 1:
            names = " → ".join(escape(graph.people[person_id].name) for person_id in chain)
            parts.append(
                "<p class='detail'>"
                + escape(tr("De langste keten:"))
                + f" {names}. <a href='chain:{chain[-1]}'>{escape(tr('Toon in het beeld'))}</a>"
                + "</p>"
            )
        parts.append(self._legend(graph, cohort_ids))
        self.setHtml("".join(parts))

    def _legend(self, graph: RelayGraph, cohort_ids: set[int]) -> str:
        document = self.document()
        rows = []
        grey = QColor("#6b7785")
        shapes = (
            (RelayRole.PARTICIPANT, tint(grey), Qt.PenStyle.SolidLine),
            (RelayRole.GUEST, QColor("#ffffff"), Qt.PenStyle.DashLine),
            (RelayRole.CANDIDATE, QColor("#ffffff"), Qt.PenStyle.DotLine),
        )
        for role, fill, style in shapes:
            name = f"swatch:{role.value}"
            document.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(name), swatch(fill, grey, style)
            )
            rows.append((name, escape(role_label(role))))
        colours = cohort_colours(graph)
        chosen = [cohort_id for cohort_id in graph.cohorts if cohort_id in cohort_ids]
        for cohort_id in chosen[-LEGEND_COHORTS:]:
            colour = colours[cohort_id]
            name = f"swatch:cohort{cohort_id}"
            document.addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(name),
                swatch(tint(colour), colour, Qt.PenStyle.SolidLine),
            )
            cohort = graph.cohorts[cohort_id]
            rows.append((name, escape(f"{cohort.name} ({cohort.location})")))
        table = "".join(
            f"<tr><td><img src='{image}'></td><td>&nbsp;{text}</td></tr>" for image, text in rows
        )
        more = ""
        if len(chosen) > LEGEND_COHORTS:
            more = "<p class='explanation'>" + escape(
                tr("en %1 eerdere lichtingen").replace("%1", str(len(chosen) - LEGEND_COHORTS))
            )
            more += "</p>"
        return f"<h3>{escape(tr('Legenda'))}</h3><table>{table}</table>{more}"

    def _link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("chain:"):
            self.chain_requested.emit(int(target.removeprefix("chain:")))
