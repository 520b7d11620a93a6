"""Participation certificates for people who completed the trajectory, one page each.

A landscape A4 with the centre's logo and name, the participant's name, their table,
cohort and location, the date they finished and a line for the facilitator to sign.
Only completed participations (status 'afgerond') get a certificate.

Scope: --person (their completed trajectories), --person with --table (that one),
--table (everyone who completed it) or --cohort (everyone who completed a table of it).
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlmodel import col

from verbindtafel_desktop.domain.enums import MembershipRole, MembershipStatus, SessionStatus
from verbindtafel_desktop.domain.models import (
    Cohort,
    Location,
    Membership,
    Person,
    Session,
    Table,
)
from verbindtafel_desktop.exports.pdf import (
    ACCENT,
    BOLD,
    FONT,
    INK,
    MUTED,
    RULE,
    PdfDocument,
    draw_text,
    wrap,
)
from verbindtafel_desktop.exports.scope import (
    ExportResult,
    ExportScope,
    NothingToExport,
    cohort_label,
    person_label,
    table_label,
)
from verbindtafel_desktop.exports.wording import long_date
from verbindtafel_desktop.persistence.database import Database
from verbindtafel_desktop.services.organisation import Organisation, OrganisationService
from verbindtafel_desktop.services.progress import Progress
from verbindtafel_desktop.services.sql_names import full_name_sql, sort_name_sql

TITLE = "Certificaat van deelname"


@dataclass(frozen=True)
class Certificate:
    name: str
    table: str
    cohort: str
    location: str
    completed_on: dt.date | None
    facilitators: str


def _completed(connection: Any, scope: ExportScope) -> tuple[list[Any], str]:
    conditions: list[Any] = [
        col(Membership.role) == MembershipRole.PARTICIPANT,
        col(Membership.status) == MembershipStatus.COMPLETED,
    ]
    described: list[str] = []
    if scope.person_id is not None:
        conditions.append(col(Membership.person_id) == scope.person_id)
        described.append(person_label(connection, scope.person_id))
    if scope.table_id is not None:
        conditions.append(col(Membership.table_id) == scope.table_id)
        described.append(table_label(connection, scope.table_id))
    elif scope.cohort_id is not None and scope.person_id is None:
        conditions.append(col(Table.cohort_id) == scope.cohort_id)
        described.append(cohort_label(connection, scope.cohort_id))
    if not described:
        raise NothingToExport(
            "Kies voor wie de certificaten zijn: een persoon, een tafel of een lichting."
        )
    rows = connection.execute(
        sa.select(
            col(Membership.table_id),
            full_name_sql().label("name"),
            col(Table.name).label("table"),
            col(Cohort.name).label("cohort"),
            col(Location.name).label("location"),
            col(Membership.end_date),
        )
        .join(Person, col(Person.id) == col(Membership.person_id))
        .join(Table, col(Table.id) == col(Membership.table_id))
        .join(Cohort, col(Cohort.id) == col(Table.cohort_id))
        .join(Location, col(Location.id) == col(Cohort.location_id))
        .where(*conditions)
        .order_by(col(Cohort.start_date), col(Table.name), sort_name_sql())
    ).all()
    description = ", ".join(described)
    if not rows:
        raise NothingToExport(f"Geen afgeronde trajecten gevonden bij {description}.")
    return rows, description


def load_certificates(db: Database, scope: ExportScope) -> tuple[list[Certificate], str]:
    with db.engine.connect() as connection:
        rows, description = _completed(connection, scope)
        table_ids = sorted({row.table_id for row in rows})
        last_held = dict(
            connection.execute(
                sa.select(col(Session.table_id), sa.func.max(col(Session.date)))
                .where(
                    col(Session.table_id).in_(table_ids),
                    col(Session.status) == SessionStatus.HELD,
                )
                .group_by(col(Session.table_id))
            ).all()
        )
        facilitators: dict[int, list[str]] = {}
        for table_id, name in connection.execute(
            sa.select(col(Membership.table_id), full_name_sql())
            .join(Person, col(Person.id) == col(Membership.person_id))
            .where(
                col(Membership.table_id).in_(table_ids),
                col(Membership.role) == MembershipRole.FACILITATOR,
                col(Membership.status) != MembershipStatus.DROPPED_OUT,
            )
            .order_by(sort_name_sql())
        ):
            facilitators.setdefault(table_id, []).append(name)
    certificates = [
        Certificate(
            row.name,
            row.table,
            row.cohort,
            row.location,
            row.end_date or last_held.get(row.table_id),
            ", ".join(facilitators.get(row.table_id, [])),
        )
        for row in rows
    ]
    return certificates, description


def draw_certificate(
    canvas: Canvas, document: PdfDocument, certificate: Certificate, organisation: Organisation
) -> None:
    width, height = document.width, document.height
    centre = width / 2
    inner = width - 70 * mm
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(2.2)
    canvas.rect(9 * mm, 9 * mm, width - 18 * mm, height - 18 * mm)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    y = height - 26 * mm
    if document.logo is not None:
        logo_width, logo_height = document.logo.getSize()
        shown_height = 20 * mm
        shown_width = min(shown_height * logo_width / logo_height, 70 * mm)
        shown_height = shown_width * logo_height / logo_width
        canvas.drawImage(
            document.logo,
            centre - shown_width / 2,
            y - shown_height,
            shown_width,
            shown_height,
            mask="auto",
        )
        y -= shown_height + 8 * mm
    else:
        y -= 6 * mm
    draw_text(
        canvas,
        centre,
        y,
        organisation.shown_name,
        font=BOLD,
        size=16,
        width=inner,
        minimum=10,
        align="center",
        color=ACCENT,
    )
    y -= 20 * mm
    draw_text(
        canvas,
        centre,
        y,
        TITLE,
        font=BOLD,
        size=34,
        width=inner,
        minimum=20,
        align="center",
        color=INK,
    )
    y -= 14 * mm
    draw_text(canvas, centre, y, "uitgereikt aan", size=13, align="center", color=MUTED)
    y -= 16 * mm
    draw_text(
        canvas,
        centre,
        y,
        certificate.name,
        font=BOLD,
        size=36,
        width=inner,
        minimum=18,
        align="center",
        color=ACCENT,
    )
    y -= 14 * mm
    story = (
        "voor het volgen van het traject van De Verbindtafel: vijf bijeenkomsten waarin de "
        "tafelgenoten samen contact maakten, oefenden en hun netwerk uitbreidden, aan "
        f"{certificate.table} ({certificate.cohort}) bij {certificate.location}."
    )
    for line in wrap(story, FONT, 13, inner - 40 * mm):
        draw_text(canvas, centre, y, line, size=13, align="center", color=INK)
        y -= 18
    bottom = 40 * mm
    left = 35 * mm
    right = width - 35 * mm
    place = f"{certificate.location}, {long_date(certificate.completed_on, weekday=False)}"
    draw_text(canvas, left, bottom, place, size=11, width=inner / 2 - 10 * mm, minimum=8)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    canvas.line(right - 80 * mm, bottom + 10 * mm, right, bottom + 10 * mm)
    signer = (
        f"tafelbegeleider: {certificate.facilitators}"
        if certificate.facilitators
        else f"namens {organisation.shown_name}"
    )
    draw_text(
        canvas, right, bottom, signer, size=10, width=80 * mm, minimum=7, align="right", color=MUTED
    )


def write_certificates(
    db: Database, scope: ExportScope, target: Path, _format: str, progress: Progress
) -> ExportResult:
    certificates, description = load_certificates(db, scope)
    organisation = OrganisationService(db).get()
    document = PdfDocument(
        target,
        title=TITLE,
        subject=description,
        organisation=organisation,
        created=dt.datetime.now(dt.UTC),
        total_pages=len(certificates),
        wide=True,
        header=False,
        plain_footer=True,
    )
    for number, certificate in enumerate(certificates, start=1):
        progress.check()
        progress.report(number, len(certificates), certificate.name)
        with document.page() as canvas:
            draw_certificate(canvas, document, certificate, organisation)
    document.save()
    return ExportResult(
        target, "certificate", len(certificates), "pagina's", {"people": len(certificates)}
    )
