"""Card sheets: a deck's theme cards and image cards, 8 per A4 with cut marks.

Theme cards are printed on their colour with their title and text; image cards show
their picture as large as fits, with the title underneath. A picture path may be
absolute, relative to the database's folder, or relative to the app's resources (the
shipped decks).

Scope: --deck.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from sqlmodel import col

from verbindtafel_desktop.assets import resource_path
from verbindtafel_desktop.domain.enums import CardKind
from verbindtafel_desktop.domain.models import Card, CardDeck
from verbindtafel_desktop.exports.pdf import (
    BOLD,
    FONT,
    INK,
    LIGHT,
    RULE,
    Box,
    PdfDocument,
    draw_text,
    page_box,
    wrap,
)
from verbindtafel_desktop.exports.scope import ExportResult, ExportScope, NothingToExport, require
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.errors import ServiceError
from verbindtafel_desktop.services.organisation import OrganisationService
from verbindtafel_desktop.services.progress import Progress

TITLE = "Kaartenvellen"
COLUMNS, ROWS = 2, 4
CARDS_PER_PAGE = COLUMNS * ROWS
CARD_WIDTH, CARD_HEIGHT = 85 * mm, 55 * mm
MARK_LENGTH, MARK_OFFSET = 4 * mm, 1.2 * mm
PADDING = 5 * mm


@dataclass(frozen=True)
class PrintCard:
    kind: CardKind
    title: str
    text: str
    colour: str
    picture: ImageReader | None


def picture_path(image_path: str, database_folder: Path) -> Path | None:
    given = Path(image_path)
    candidates = (
        [given] if given.is_absolute() else [database_folder / given, resource_path(image_path)]
    )
    return next((path for path in candidates if path.is_file()), None)


def load_cards(db: Database, deck_id: int) -> tuple[str, list[PrintCard]]:
    with db.engine.connect() as connection:
        require(connection, CardDeck, deck_id)
        deck = connection.execute(
            sa.select(col(CardDeck.name)).where(col(CardDeck.id) == deck_id)
        ).scalar_one()
        rows = connection.execute(
            sa.select(
                col(Card.kind),
                col(Card.title),
                col(Card.text),
                col(Card.colour),
                col(Card.image_path),
            )
            .where(col(Card.deck_id) == deck_id)
            .order_by(col(Card.position), col(Card.id))
        ).all()
    if not rows:
        raise NothingToExport(f"De kaartenset '{deck}' heeft nog geen kaarten.")
    cards: list[PrintCard] = []
    for kind, title, text, colour, image_path in rows:
        picture = None
        if kind == CardKind.IMAGE:
            path = picture_path(image_path, db.path.parent) if image_path else None
            if path is None:
                raise ServiceError(
                    f"De afbeelding van kaart '{title or image_path}' is niet gevonden "
                    f"({image_path or 'geen bestand gekozen'}). Zet het bestand terug of kies "
                    "een andere afbeelding voor die kaart."
                )
            try:
                picture = ImageReader(str(path))
                picture.getSize()
            except OSError as error:
                raise ServiceError(
                    f"De afbeelding van kaart '{title or image_path}' kan niet gelezen worden "
                    f"({path})."
                ) from error
        cards.append(PrintCard(CardKind(kind), title, text, colour, picture))
    return deck, cards


def card_colour(text: str) -> Color:
    cleaned = text.strip().lstrip("#")
    if len(cleaned) == 6:
        try:
            return HexColor(f"#{cleaned}")
        except ValueError:
            pass
    return LIGHT


def ink_on(background: Color) -> Color:
    """Dark text on light colours, white on dark ones."""
    luminance = 0.299 * background.red + 0.587 * background.green + 0.114 * background.blue
    return INK if luminance > 0.55 else white


def slot_origin(box: Box, slot: int) -> tuple[float, float]:
    """Bottom-left corner of card `slot` (0..7, row by row from the top)."""
    column, row = slot % COLUMNS, slot // COLUMNS
    gap_x = (box.width - COLUMNS * CARD_WIDTH) / (COLUMNS - 1)
    gap_y = (box.height - ROWS * CARD_HEIGHT) / (ROWS - 1)
    left = box.left + column * (CARD_WIDTH + gap_x)
    top = box.top - row * (CARD_HEIGHT + gap_y)
    return left, top - CARD_HEIGHT


def draw_cut_marks(canvas: Canvas, left: float, bottom: float) -> None:
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.3)
    right, top = left + CARD_WIDTH, bottom + CARD_HEIGHT
    for x, y, dx, dy in (
        (left, bottom, -1, -1),
        (right, bottom, 1, -1),
        (left, top, -1, 1),
        (right, top, 1, 1),
    ):
        canvas.line(x + dx * MARK_OFFSET, y, x + dx * (MARK_OFFSET + MARK_LENGTH), y)
        canvas.line(x, y + dy * MARK_OFFSET, x, y + dy * (MARK_OFFSET + MARK_LENGTH))


def draw_theme_card(canvas: Canvas, card: PrintCard, left: float, bottom: float) -> None:
    background = card_colour(card.colour)
    ink = ink_on(background)
    canvas.setFillColor(background)
    canvas.rect(left, bottom, CARD_WIDTH, CARD_HEIGHT, stroke=0, fill=1)
    inner = CARD_WIDTH - 2 * PADDING
    top = bottom + CARD_HEIGHT - PADDING
    if card.title:
        draw_text(
            canvas,
            left + PADDING,
            top - 12,
            card.title,
            font=BOLD,
            size=14,
            width=inner,
            minimum=9,
            color=ink,
        )
        top -= 22
    size = 12.0
    lines = wrap(card.text, FONT, size, inner)
    room = top - bottom - PADDING
    while size > 7 and len(lines) * size * 1.3 > room:
        size -= 0.5
        lines = wrap(card.text, FONT, size, inner)
    block = len(lines) * size * 1.3
    y = bottom + PADDING + (room + block) / 2 - size
    for line in lines:
        draw_text(canvas, left + CARD_WIDTH / 2, y, line, size=size, align="center", color=ink)
        y -= size * 1.3


def draw_image_card(canvas: Canvas, card: PrintCard, left: float, bottom: float) -> None:
    assert card.picture is not None
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    canvas.rect(left, bottom, CARD_WIDTH, CARD_HEIGHT, stroke=1, fill=0)
    title_room = 14 if card.title else 0
    width, height = CARD_WIDTH - 2 * PADDING, CARD_HEIGHT - 2 * PADDING - title_room
    picture_width, picture_height = card.picture.getSize()
    scale = min(width / picture_width, height / picture_height)
    shown_width, shown_height = picture_width * scale, picture_height * scale
    canvas.drawImage(
        card.picture,
        left + (CARD_WIDTH - shown_width) / 2,
        bottom + PADDING + title_room + (height - shown_height) / 2,
        shown_width,
        shown_height,
        mask="auto",
    )
    if card.title:
        draw_text(
            canvas,
            left + CARD_WIDTH / 2,
            bottom + PADDING,
            card.title,
            size=10,
            width=width,
            minimum=7,
            align="center",
        )


def write_cards(
    db: Database, scope: ExportScope, target: Path, _format: str, progress: Progress
) -> ExportResult:
    if scope.deck_id is None:
        raise NothingToExport("Kies de kaartenset die je wilt afdrukken.")
    deck, cards = load_cards(db, scope.deck_id)
    box = page_box()
    pages = -(-len(cards) // CARDS_PER_PAGE)
    document = PdfDocument(
        target,
        title=TITLE,
        subject=f"Kaartenset {deck}",
        organisation=OrganisationService(db).get(),
        created=dt.datetime.now(dt.UTC),
        total_pages=pages,
    )
    for page in range(pages):
        progress.check()
        progress.report(page, pages, f"Pagina {page + 1} van {pages}")
        with document.page() as canvas:
            for slot, card in enumerate(cards[page * CARDS_PER_PAGE : (page + 1) * CARDS_PER_PAGE]):
                left, bottom = slot_origin(box, slot)
                if card.kind == CardKind.IMAGE:
                    draw_image_card(canvas, card, left, bottom)
                else:
                    draw_theme_card(canvas, card, left, bottom)
                draw_cut_marks(canvas, left, bottom)
    document.save()
    return ExportResult(target, "cards", pages, "pagina's", {"cards": len(cards), "deck": deck})
