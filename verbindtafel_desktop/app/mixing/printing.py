"""A printable overview of a mixmoment's seating: one block per mixed table, names large.

Made with QTextDocument so it prints through the system's printer dialog, previews,
and writes a PDF without extra libraries.
"""

import os
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from verbindtafel_desktop.app.mixing.texts import plural, tr
from verbindtafel_desktop.domain.dutch_formats import format_date, format_time
from verbindtafel_desktop.domain.enums import AttendanceRole
from verbindtafel_desktop.services.mixed_seating import MixedSeating
from verbindtafel_desktop.services.mixing_board import MixmomentInfo

COLUMNS = 2


def person_line(plan: MixedSeating, person_id: int) -> str:
    candidate = plan.candidates[person_id]
    name = escape(candidate.name)
    if candidate.role == AttendanceRole.FACILITATOR:
        note = tr("begeleider")
        name = f"<b>{name}</b>"
    elif candidate.host_id is not None:
        note = tr("introducee van %1").replace("%1", plan.name(candidate.host_id))
    else:
        note = candidate.home_table
    return f'<p class="name">{name} <span class="note">({escape(note)})</span></p>'


def seating_html(plan: MixedSeating, info: MixmomentInfo) -> str:
    when = format_date(info.date)
    if info.start_time is not None:
        when += " " + tr("om %1").replace("%1", format_time(info.start_time))
    blocks = []
    for index in range(len(plan.tables)):
        people = plan.at_table(index)
        lines = "".join(person_line(plan, p) for p in people) or (
            f'<p class="note">{escape(tr("(nog niemand)"))}</p>'
        )
        blocks.append(
            f'<td class="table"><h2>{escape(plan.tables[index].title(index))}</h2>'
            f'<p class="note">{escape(plural(len(people), "%n persoon", "%n personen"))}</p>'
            f"{lines}</td>"
        )
    rows = "".join(
        "<tr>" + "".join(blocks[i : i + COLUMNS]) + "</tr>" for i in range(0, len(blocks), COLUMNS)
    )
    unseated = plan.unseated()
    waiting = ""
    if unseated:
        waiting = f"<h3>{escape(tr('Nog zonder tafel'))}</h3>" + "".join(
            person_line(plan, p) for p in unseated
        )
    return f"""
<html><head><style>
h1 {{ font-size: 20pt; color: #23415a; margin-bottom: 2px; }}
h2 {{ font-size: 16pt; color: #23415a; margin: 0; }}
p.sub {{ font-size: 11pt; color: #555555; margin-top: 0; }}
p.name {{ font-size: 14pt; margin: 2px 0; }}
.note {{ font-size: 9pt; color: #555555; }}
td.table {{ padding: 10px; border: 1px solid #9aa7b4; }}
</style></head><body>
<h1>{escape(tr("Tafelindeling"))}: {escape(info.title)}</h1>
<p class="sub">{escape(when)} · {escape(info.location)} · {escape(info.cohort)}</p>
<table width="100%" cellspacing="8" cellpadding="0">{rows}</table>
{waiting}
</body></html>"""


def seating_document(plan: MixedSeating, info: MixmomentInfo) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(seating_html(plan, info))
    return document


def a4_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def write_pdf(document: QTextDocument, path: Path) -> None:
    """Write the PDF next to `path` first, so a failure never leaves half a file behind."""
    partial = path.with_name(f".{path.name}.partial")
    printer = a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(partial))
    try:
        document.print_(printer)
        if not partial.exists() or partial.stat().st_size == 0:
            raise OSError(f"De PDF kon niet geschreven worden naar {path}.")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
