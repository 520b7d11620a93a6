"""A4 PDFs with the organisation's name and logo on top and 'pagina 1 van 3' below.

Every PDF embeds DejaVu Sans (resources/fonts), so the names Rotterdam's communities
bring print and extract correctly: ĳ, ş, ğ, ı, İ, ł, ż, ã, ç and the rest, which the
PDF base fonts (Latin-1) cannot show.

Exports lay their pages out first and then draw them, so the number of pages is known
before the first one is drawn; `PdfDocument` checks that the promise is kept.

    document = PdfDocument(path, title=..., subject=..., organisation=..., total_pages=3)
    for page in pages:
        with document.page() as canvas:
            canvas.drawString(...)
    document.save()
"""

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from verbindtafel_desktop.assets import resource_path
from verbindtafel_desktop.exports.wording import moment
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.organisation import Organisation, check_logo

FONT = "VerbindtafelSans"
BOLD = "VerbindtafelSans-Bold"

INK = HexColor("#1F2933")
ACCENT = HexColor("#2E5E8C")
MUTED = HexColor("#6B7280")
RULE = HexColor("#9AA5B1")
LIGHT = HexColor("#E4EAF1")

MARGIN = 16 * mm
HEADER_HEIGHT = 17 * mm
FOOTER_HEIGHT = 10 * mm
LOGO_HEIGHT = 12 * mm

_font_lock = threading.Lock()


def register_fonts() -> None:
    """Make the embedded fonts known to reportlab (once per process)."""
    with _font_lock:
        if FONT in pdfmetrics.getRegisteredFontNames():
            return
        pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
        pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))


def text_width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def fitted_size(text: str, font: str, size: float, width: float, minimum: float = 6) -> float:
    """The largest size up to `size` at which `text` fits in `width` (not below `minimum`)."""
    natural = text_width(text, font, size)
    if natural <= width:
        return size
    return max(minimum, size * width / natural)


def shortened(text: str, font: str, size: float, width: float) -> str:
    """`text` cut off with an ellipsis where it would run past `width`."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    *,
    font: str = FONT,
    size: float = 10,
    width: float | None = None,
    minimum: float | None = None,
    align: str = "left",
    color: Color | None = INK,
) -> float:
    """Draw one line; with `width` it shrinks to fit (down to `minimum`) and is then cut
    off. `color=None` keeps the canvas's fill colour. Returns the size used."""
    if width is not None:
        natural = text_width(text, font, size)
        if natural > width:
            shrunk = max(minimum or size, size * width / natural)
            if natural * shrunk / size > width:
                text = shortened(text, font, shrunk, width)
            size = shrunk
    if color is not None:
        canvas.setFillColor(color)
    canvas.setFont(font, size)
    if align == "center":
        canvas.drawCentredString(x, y, text)
    elif align == "right":
        canvas.drawRightString(x, y, text)
    else:
        canvas.drawString(x, y, text)
    return size


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(simpleSplit(paragraph, font, size, width) or [""])
    return lines


@dataclass(frozen=True)
class Box:
    """The part of the page the export draws in (points, origin bottom left)."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


def page_box(*, wide: bool = False, header: bool = True) -> Box:
    """Where an export draws on a page with (or without) the organisation header."""
    width, height = landscape(A4) if wide else A4
    top = height - MARGIN - (HEADER_HEIGHT if header else 0)
    return Box(MARGIN, MARGIN + FOOTER_HEIGHT, width - MARGIN, top)


def load_logo(organisation: Organisation) -> ImageReader | None:
    if organisation.logo is None:
        return None
    try:
        check_logo(organisation.logo)
    except ValueError as error:
        raise ServiceError(
            f"Het logo van de organisatie kan niet gebruikt worden: {error} "
            "Kies het opnieuw of haal het weg via Bestand → Organisatie."
        ) from error
    return ImageReader(str(organisation.logo))


class PdfDocument:
    def __init__(
        self,
        path: Path,
        *,
        title: str,
        subject: str,
        organisation: Organisation,
        created: dt.datetime,
        total_pages: int,
        wide: bool = False,
        header: bool = True,
        plain_footer: bool = False,
    ) -> None:
        """`header`: the organisation's logo and name on top (a certificate draws its own);
        `plain_footer`: only the page number, without a rule or the creation time."""
        register_fonts()
        self.size = landscape(A4) if wide else A4
        self.title = title
        self.organisation = organisation
        self.created = created
        self.total_pages = total_pages
        self.header = header
        self.plain_footer = plain_footer
        self.logo = load_logo(organisation)
        self.pages_drawn = 0
        self.canvas = Canvas(str(path), pagesize=self.size)
        self.canvas.setTitle(title)
        self.canvas.setSubject(subject)
        self.canvas.setAuthor(organisation.shown_name)
        self.canvas.setCreator("Verbindtafel Desktop")
        self.canvas.setKeywords(["Verbindtafel"])

    @property
    def width(self) -> float:
        return float(self.size[0])

    @property
    def height(self) -> float:
        return float(self.size[1])

    @property
    def content(self) -> Box:
        return page_box(wide=self.size != A4, header=self.header)

    @contextlib.contextmanager
    def page(self) -> Iterator[Canvas]:
        self.pages_drawn += 1
        if self.pages_drawn > self.total_pages:
            raise RuntimeError(f"page {self.pages_drawn} of a document of {self.total_pages}")
        if self.header:
            self._draw_header()
        yield self.canvas
        self._draw_footer()
        self.canvas.showPage()

    def save(self) -> None:
        if self.pages_drawn != self.total_pages:
            raise RuntimeError(f"{self.pages_drawn} pages drawn, {self.total_pages} announced")
        self.canvas.save()

    def _draw_header(self) -> None:
        canvas = self.canvas
        top = self.height - MARGIN
        x = MARGIN
        if self.logo is not None:
            logo_width, logo_height = self.logo.getSize()
            width = min(LOGO_HEIGHT * logo_width / logo_height, 45 * mm)
            height = width * logo_height / logo_width
            canvas.drawImage(
                self.logo, x, top - height, width, height, mask="auto", preserveAspectRatio=True
            )
            x += width + 4 * mm
        name_width = self.width - MARGIN - x - 70 * mm
        draw_text(
            canvas,
            x,
            top - 7 * mm,
            self.organisation.shown_name,
            font=BOLD,
            size=12,
            width=name_width,
            minimum=8,
            color=ACCENT,
        )
        draw_text(
            canvas,
            self.width - MARGIN,
            top - 7 * mm,
            self.title,
            size=9,
            width=66 * mm,
            minimum=7,
            align="right",
            color=MUTED,
        )
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        line_y = top - HEADER_HEIGHT + 3 * mm
        canvas.line(MARGIN, line_y, self.width - MARGIN, line_y)

    def _draw_footer(self) -> None:
        canvas = self.canvas
        y = MARGIN
        if not self.plain_footer:
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN, y + 4 * mm, self.width - MARGIN, y + 4 * mm)
            draw_text(
                canvas, MARGIN, y, f"gemaakt op {moment(self.created)}", size=7.5, color=MUTED
            )
        draw_text(
            canvas,
            self.width - MARGIN,
            y,
            f"pagina {self.pages_drawn} van {self.total_pages}",
            size=8,
            align="right",
            color=MUTED,
        )
