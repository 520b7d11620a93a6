"""The period report as a readable A4 document: key figures and charts first, then a
part per topic with a short explanation under every figure, then how it was computed.

The report is made of blocks (a heading, a paragraph, a figure, a distribution with its
chart, …) that know their height; they are laid out over pages first, so the page count
is known before the first page is drawn (PdfDocument wants it for "pagina x van y").
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from verbindtafel_desktop.exports.pdf import (
    ACCENT,
    BOLD,
    FONT,
    INK,
    LIGHT,
    MUTED,
    RULE,
    PdfDocument,
    draw_text,
    page_box,
    register_fonts,
    wrap,
)
from verbindtafel_desktop.exports.report_charts import (
    bar_chart,
    column_chart,
    has_values,
    one_decimal,
)
from verbindtafel_desktop.reporting.anonymity import Anonymiser, Shown, ShownRow
from verbindtafel_desktop.reporting.method import explanation, method_paragraphs
from verbindtafel_desktop.reporting.model import Breakdown, Figure, Kind, PeriodReport, Section
from verbindtafel_desktop.services.organisation import Organisation
from verbindtafel_desktop.services.progress import Progress

VALUE_COLUMN = 0.80  # right edge of the value column, as a share of the width
PERCENT_COLUMN = 0.97
LABEL_SHARE = 0.62
BREAKDOWN_ROWS = 22  # a longer distribution continues in a next block
RELAY_CAPTION = (
    "Wie wie binnenbracht, als bomen: links wie zelf kwam (generatie 0), een kolom "
    "verder wie zij binnenbrachten, enzovoort. De kleur is de lichting; gevulde vakjes "
    "zijn tafelgenoten, witte introducees of aangedragen mensen. Zonder namen."
)
SECTION_ROOM = 260  # a topic starts on a new page when less than this is left


class Block:
    keep_with_next = False

    def height(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        raise NotImplementedError


class PageBreak(Block):
    def height(self, width: float) -> float:
        return 0.0

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        return None


@dataclass
class NeedsRoom(PageBreak):
    """A new page unless at least `room` points are left on this one."""

    room: float


@dataclass
class Spacer(Block):
    space: float

    def height(self, width: float) -> float:
        return self.space

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        return None


@dataclass
class Heading(Block):
    text: str
    size: float = 15
    keep_with_next = True

    def height(self, width: float) -> float:
        return self.size * 2.0

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        draw_text(
            canvas, x, top - self.size * 1.2, self.text, font=BOLD, size=self.size,
            width=width, minimum=9, color=ACCENT,
        )  # fmt: skip


@dataclass
class Paragraph(Block):
    text: str
    size: float = 9.5
    colour: Color = INK
    font: str = FONT
    after: float = 6

    def lines(self, width: float) -> list[str]:
        return wrap(self.text, self.font, self.size, width)

    def height(self, width: float) -> float:
        return len(self.lines(width)) * self.size * 1.35 + self.after

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        y = top - self.size
        for line in self.lines(width):
            draw_text(canvas, x, y, line, font=self.font, size=self.size, color=self.colour)
            y -= self.size * 1.35


@dataclass
class ColumnTitles(Block):
    value: str = "aantal / waarde"
    percent: str = "%"
    keep_with_next = True

    def height(self, width: float) -> float:
        return 14

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        y = top - 9
        draw_text(canvas, x + width * VALUE_COLUMN, y, self.value, size=7.5, align="right",
                  color=MUTED)  # fmt: skip
        draw_text(canvas, x + width * PERCENT_COLUMN, y, self.percent, size=7.5, align="right",
                  color=MUTED)  # fmt: skip
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(x, top - 13, x + width, top - 13)


@dataclass
class FigureRow(Block):
    """A figure: its label and value, and below the label what it means."""

    label: str
    value: str
    percent: str
    note: str

    def _parts(self, width: float) -> tuple[list[str], list[str]]:
        room = width * LABEL_SHARE
        return wrap(self.label, FONT, 9.5, room), wrap(self.note, FONT, 7.5, room)

    def height(self, width: float) -> float:
        labels, notes = self._parts(width)
        return len(labels) * 12.5 + len(notes) * 9.5 + 8

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        labels, notes = self._parts(width)
        first_line = y = top - 11
        # Label, value, percent, note: the order in which the text reads when copied.
        for line in labels:
            draw_text(canvas, x, y, line, size=9.5)
            y -= 12.5
        draw_text(canvas, x + width * VALUE_COLUMN, first_line, self.value, font=BOLD, size=10,
                  align="right")  # fmt: skip
        if self.percent:
            draw_text(canvas, x + width * PERCENT_COLUMN, first_line, self.percent, size=10,
                      align="right")  # fmt: skip
        for line in notes:
            draw_text(canvas, x, y + 2, line, size=7.5, color=MUTED)
            y -= 9.5
        canvas.setStrokeColor(LIGHT)
        canvas.setLineWidth(0.5)
        bottom = top - self.height(width) + 2
        canvas.line(x, bottom, x + width, bottom)


@dataclass
class BreakdownBlock(Block):
    """A distribution as a small table, with its bar chart beside it."""

    title: str
    rows: list[ShownRow]
    total: str | None  # the total row, on the last part of a long distribution
    note: str = ""
    row_height: float = 12

    def height(self, width: float) -> float:
        table = 18 + self.row_height * (len(self.rows) + (1 if self.total is not None else 0))
        notes = len(wrap(self.note, FONT, 7.5, width)) * 9.5 if self.note else 0
        return max(table, self._chart_height()) + notes + 12

    def _chart_height(self) -> float:
        values = [row.count.number for row in self.rows]
        return 30 + 14 * len(self.rows) if has_values([values]) else 0

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        table_width = width * 0.5
        draw_text(canvas, x, top - 10, self.title, font=BOLD, size=9.5, width=width)
        y = top - 24
        for row in self.rows:
            draw_text(canvas, x, y, row.category, size=8.5, width=table_width * 0.62, minimum=6.5)
            draw_text(canvas, x + table_width * 0.8, y, row.count.text, font=BOLD, size=8.5,
                      align="right")  # fmt: skip
            draw_text(canvas, x + table_width * 0.98, y, row.count.percent, size=8.5,
                      align="right")  # fmt: skip
            y -= self.row_height
        if self.total is not None:
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(x, y + self.row_height - 3, x + table_width, y + self.row_height - 3)
            draw_text(canvas, x, y, "totaal", font=BOLD, size=8.5)
            draw_text(canvas, x + table_width * 0.8, y, self.total, font=BOLD, size=8.5,
                      align="right")  # fmt: skip
            y -= self.row_height
        chart_height = self._chart_height()
        if chart_height:
            drawing = bar_chart(
                "",
                marked([row.category for row in self.rows], [row.count for row in self.rows]),
                [row.count.number for row in self.rows],
                width=width - table_width - 8,
                height=chart_height,
                label_width=min(150, (width - table_width) * 0.45),
            )
            renderPDF.draw(drawing, canvas, x + table_width + 8, top - chart_height)
        if self.note:
            note_y = min(y, top - chart_height) - 4
            for line in wrap(self.note, FONT, 7.5, width):
                draw_text(canvas, x, note_y, line, size=7.5, color=MUTED)
                note_y -= 9.5


@dataclass
class ChartPair(Block):
    """Two charts side by side."""

    left: Drawing
    right: Drawing | None

    def height(self, width: float) -> float:
        return float(max(self.left.height, self.right.height if self.right else 0)) + 10

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        renderPDF.draw(self.left, canvas, x, top - self.left.height)
        if self.right is not None:
            renderPDF.draw(self.right, canvas, x + width / 2 + 6, top - self.right.height)


@dataclass
class Picture(Block):
    """A titled picture (PNG) with a caption, as wide as the page allows and no taller
    than `max_height`; title, caption and picture stay on one page."""

    title: str
    caption: str
    image: ImageReader
    max_height: float

    def _caption(self, width: float) -> list[str]:
        return wrap(self.caption, FONT, 8.5, width)

    def size(self, width: float) -> tuple[float, float]:
        pixels_wide, pixels_high = self.image.getSize()
        scale = min(width / pixels_wide, self.max_height / pixels_high)
        return pixels_wide * scale, pixels_high * scale

    def _text_height(self, width: float) -> float:
        return 22 + len(self._caption(width)) * 11.5 + 6

    def height(self, width: float) -> float:
        return self._text_height(width) + self.size(width)[1] + 8

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        draw_text(canvas, x, top - 13, self.title, font=BOLD, size=11, color=ACCENT)
        y = top - 22 - 8.5
        for line in self._caption(width):
            draw_text(canvas, x, y, line, size=8.5, color=MUTED)
            y -= 11.5
        shown_width, shown_height = self.size(width)
        bottom = top - self._text_height(width) - shown_height
        canvas.drawImage(self.image, x, bottom, shown_width, shown_height)
        canvas.setStrokeColor(LIGHT)
        canvas.rect(x, bottom, shown_width, shown_height)


@dataclass
class Layout:
    """The blocks of the whole report, and how they fall over pages."""

    report: PeriodReport
    anonymiser: Anonymiser
    width: float
    height: float
    relay_picture: bytes | None = None
    blocks: list[Block] = field(default_factory=list)

    def figure_row(self, figure: Figure) -> FigureRow:
        shown = self.anonymiser.figure(figure)
        if figure.kind is not Kind.SHARE:
            return FigureRow(figure.label, shown.text, "", explanation(figure.key))
        whole = self.anonymiser.count(figure.whole).text
        value = f"{shown.text} van {whole}"
        return FigureRow(figure.label, value, shown.percent, explanation(figure.key))

    def shown(self, key: str) -> Shown:
        return self.anonymiser.figure(self.report.figure(key))

    def breakdown_blocks(self, breakdown: Breakdown) -> list[Block]:
        rows, total = self.anonymiser.breakdown(breakdown)
        if not rows:
            return [
                Paragraph(f"{breakdown.title}: niemand in deze periode.", size=8.5, colour=MUTED)
            ]
        blocks: list[Block] = []
        for start in range(0, len(rows), BREAKDOWN_ROWS):
            part = rows[start : start + BREAKDOWN_ROWS]
            last = start + BREAKDOWN_ROWS >= len(rows)
            title = breakdown.title if start == 0 else f"{breakdown.title} (vervolg)"
            blocks.append(
                BreakdownBlock(
                    title,
                    part,
                    total.text if last else None,
                    explanation(breakdown.key) if last else "",
                )
            )
        return blocks

    def key_charts(self) -> list[Block]:
        half = self.width / 2 - 6
        held, planned, cancelled = (
            self.shown(f"activity.sessions_{status}") for status in ("held", "planned", "cancelled")
        )
        sessions = column_chart(
            "Sessies in de periode",
            marked(["gehouden", "gepland", "geannuleerd"], [held, planned, cancelled]),
            [[held.number, planned.number, cancelled.number]],
            width=half,
            height=150,
        )
        before, after = self.shown("outcomes.mean_t0"), self.shown("outcomes.mean_t1")
        scores = column_chart(
            "Gemiddelde eenzaamheidsscore (0–6)",
            marked(["T0 (start)", "T1 (einde)"], [before, after]),
            [[before.number, after.number]],
            width=half,
            height=150,
            value_format=one_decimal,
        )
        t0, _total = self.anonymiser.breakdown(self.report.breakdown("outcomes.categories_t0"))
        t1, _total = self.anonymiser.breakdown(self.report.breakdown("outcomes.categories_t1"))
        series = [[row.count.number for row in t0], [row.count.number for row in t1]]
        categories = column_chart(
            "Eenzaamheid bij T0 en T1 (aantal deelnemers)",
            [row.category for row in t0],
            series,
            width=half,
            height=160,
            series_names=["T0", "T1"],
        )
        area_rows, _total = self.anonymiser.breakdown(self.report.breakdown("reach.by_area"))
        areas = bar_chart(
            "Deelnemers per gebied",
            marked([row.category for row in area_rows], [row.count for row in area_rows]),
            [row.count.number for row in area_rows],
            width=half,
            height=max(80, 30 + 16 * len(area_rows)),
            label_width=110,
        )
        pairs: list[Block] = [ChartPair(sessions, scores)]
        if has_values(series) or has_values([[row.count.number for row in area_rows]]):
            pairs.append(ChartPair(categories, areas))
        return pairs

    def section_blocks(self, section: Section) -> list[Block]:
        blocks: list[Block] = [Heading(section.title), Paragraph(section.intro), ColumnTitles()]
        blocks += [self.figure_row(figure) for figure in section.figures]
        if section.breakdowns:
            blocks.append(Spacer(8))
        for breakdown in section.breakdowns:
            blocks += self.breakdown_blocks(breakdown)
        if section.key == "relay" and self.relay_picture:
            image = ImageReader(io.BytesIO(self.relay_picture))
            blocks += [
                Spacer(6),
                Picture("De estafette in beeld", RELAY_CAPTION, image, self.height * 0.7),
            ]
        return blocks

    def build(self) -> list[Block]:
        report = self.report
        blocks: list[Block] = [
            Heading(report.title, size=20),
            Paragraph(f"{report.period} · {report.scope}", size=11, colour=MUTED, after=4),
        ]
        if report.funder:
            blocks.append(Paragraph(f"Voor {report.funder}", size=11, colour=MUTED, after=2))
        for grant in report.grants:
            blocks.append(Paragraph(f"Subsidie: {grant}", size=9, colour=MUTED, after=2))
        blocks += [
            Spacer(8),
            Paragraph(
                "Dit rapport bevat geen namen of andere persoonsgegevens. Aantallen van 1 tot "
                f"en met {report.minimum_count - 1} staan er als '<{report.minimum_count}'; "
                "de laatste pagina zegt hoe elk cijfer is berekend.",
                size=8.5,
                colour=MUTED,
            ),
            Heading("Kerncijfers", size=13),
            ColumnTitles(),
            *(self.figure_row(report.figure(key)) for key in report.summary_keys),
            Spacer(6),
            *self.key_charts(),
        ]
        for section in report.sections:
            blocks += [NeedsRoom(SECTION_ROOM), *self.section_blocks(section)]
        blocks += [PageBreak(), Heading("Hoe de cijfers zijn berekend")]
        for heading, text in method_paragraphs(report):
            blocks += [Paragraph(heading, font=BOLD, after=2), Paragraph(text, size=9)]
        self.blocks = blocks
        return blocks


def marked(categories: Sequence[str], shown: Sequence[Shown]) -> list[str]:
    """Category names of a chart, with why a bar is missing: 'anders (<5)'."""
    return [
        name if value.number is not None else f"{name} ({value.text})"
        for name, value in zip(categories, shown, strict=True)
    ]


def paginate(blocks: Sequence[Block], width: float, room: float) -> list[list[Block]]:
    pages: list[list[Block]] = [[]]
    used = 0.0
    for index, block in enumerate(blocks):
        if isinstance(block, NeedsRoom):
            if pages[-1] and used + block.room > room:
                pages.append([])
                used = 0.0
            elif pages[-1]:
                used += 24  # space above the next topic
                pages[-1].append(Spacer(24))
            continue
        if isinstance(block, PageBreak):
            if pages[-1]:
                pages.append([])
                used = 0.0
            continue
        height = block.height(width)
        needed = height
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.keep_with_next and following is not None:
            needed += following.height(width)
        if used + needed > room and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append(block)
        used += height
    return pages


def write_report_pdf(
    report: PeriodReport,
    anonymiser: Anonymiser,
    organisation: Organisation,
    target: Path,
    progress: Progress,
    relay_picture: bytes | None = None,
) -> int:
    """Write the document; returns the number of pages. `relay_picture`: a PNG of the
    relay without names, drawn by whoever can (the picture needs Qt; this module does not)."""
    register_fonts()  # the layout measures text before the document exists
    box = page_box()
    layout = Layout(report, anonymiser, box.width, box.height, relay_picture)
    pages = paginate(layout.build(), box.width, box.height)
    document = PdfDocument(
        target,
        title=report.title,
        subject=f"{report.period}, {report.scope}",
        organisation=organisation,
        created=report.created,
        total_pages=len(pages),
    )
    for number, blocks in enumerate(pages, start=1):
        progress.check()
        progress.report(number, len(pages), f"Pagina {number} van {len(pages)}…")
        with document.page() as canvas:
            top = box.top
            for block in blocks:
                block.draw(canvas, box.left, top, box.width)
                top -= block.height(box.width)
    document.save()
    return len(pages)
