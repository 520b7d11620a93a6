"""The period report's files read back as a funder would open them: the figures as the
database says (with small groups hidden), charts, and not one personal detail."""

import datetime as dt
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from openpyxl.chart import BarChart
from pypdf import PdfReader

from tests.export_world import data_rows, header, pdf_pages, pdf_text, workbook
from tests.report_expectations import Expected
from verbindtafel_desktop.cli import main
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.exports.registry import export
from verbindtafel_desktop.exports.scope import ExportScope, NothingToExport, WrongFormat
from verbindtafel_desktop.persistence.database import Database, open_database
from verbindtafel_desktop.reporting.figures import compute
from verbindtafel_desktop.reporting.method import EXPLANATIONS
from verbindtafel_desktop.reporting.scope import ReportScope
from verbindtafel_desktop.services.errors import NotFound, ServiceError, ValidationFailed
from verbindtafel_desktop.services.report_settings import ReportSettings, ReportSettingsService
from verbindtafel_desktop.services.settings import SettingsService

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
YEAR = ExportScope(period_start=START, period_end=END, funder_id=1)
TOPICS = ["Bereik", "Activiteit", "Uitkomsten", "Blijvend contact", "Estafette"]


def shown_count(value: int, minimum: int = 5) -> Any:
    """The suppression rule, written out again: 1 … minimum−1 becomes '<minimum'."""
    return f"<{minimum}" if 0 < value < minimum else value


def shown_percent(part: int, whole: int, minimum: int = 5) -> Any:
    small = [0 < value < minimum for value in (part, whole, whole - part)]
    return "–" if whole == 0 or any(small) else part / whole


def expected(db: Database) -> Expected:
    with db.engine.connect() as connection:
        return Expected(connection, START, END, None).compute(db, None)


def figure_rows(sheet: Any) -> dict[str, tuple[Any, ...]]:
    """Label → (value, of, percent) of a topic sheet's figure rows (no category)."""
    return {row[0]: row[2:5] for row in data_rows(sheet) if row[1] is None and row[0]}


@pytest.fixture
def year_files(demo_db: Database, tmp_path: Path) -> tuple[Path, Path]:
    xlsx, pdf = tmp_path / "rapport.xlsx", tmp_path / "rapport.pdf"
    assert export(demo_db, "report", YEAR, xlsx).kind == "report"
    result = export(demo_db, "report", YEAR, pdf)
    assert result.unit == "pagina's" and result.count == len(pdf_pages(pdf))
    return xlsx, pdf


def test_workbook_has_a_summary_topic_sheets_and_the_method(
    demo_db: Database, year_files: tuple[Path, Path]
) -> None:
    book = workbook(year_files[0])
    assert book.sheetnames == ["Samenvatting", *TOPICS, "Verantwoording"]
    summary = book["Samenvatting"]
    assert summary["A1"].value.startswith("Perioderapportage De Verbindtafel")
    assert "1 januari 2026 t/m 31 december 2026" in summary["A2"].value
    assert "voor Gemeente Rotterdam" in summary["A2"].value
    assert header(summary) == ["Kerncijfer", "Aantal of waarde", "Van", "Percentage", "Toelichting"]
    assert summary.freeze_panes == "A5"
    assert summary["A4"].font.b
    method = dict((row[0], row[1]) for row in data_rows(book["Verantwoording"]))
    assert "Anonimiteit" in method and "<5" in method["Anonimiteit"]
    assert "€ 45.000,-" in method["Subsidie"]
    # Every figure is explained where it is shown.
    topic_notes = {row[5] for name in TOPICS for row in data_rows(book[name])}
    assert set(EXPLANATIONS.values()) <= topic_notes


def test_workbook_figures_are_the_databases_with_small_groups_hidden(
    demo_db: Database, year_files: tuple[Path, Path]
) -> None:
    truth = expected(demo_db)
    book = workbook(year_files[0])
    report = compute(demo_db, ReportScope(START, END), ReportSettings())
    labels = {figure.key: figure.label for figure in report.figures}
    checked = 0
    for name in TOPICS:
        rows = figure_rows(book[name])
        for key, label in labels.items():
            if label not in rows or not key.startswith(report.sections[TOPICS.index(name)].key):
                continue
            value, of, percent = rows[label]
            kind, *parts = truth.figures[key]
            if kind == "count":
                assert value == shown_count(parts[0]), key
            elif kind == "share":
                part, whole = parts
                assert (value, of) == (shown_count(part), shown_count(whole)), key
                expected_percent = shown_percent(part, whole)
                if expected_percent == "–":
                    assert percent == "–", key
                else:
                    assert percent == pytest.approx(expected_percent), key
            elif kind in ("mean", "change"):
                average, people = parts
                if people < 5 or average is None:
                    assert value == "–", key
                else:
                    assert value == pytest.approx(round(average, 1)), key
            else:
                assert value == pytest.approx(round(parts[0], 1)), key
            checked += 1
    assert checked == len(truth.figures)
    # The distributions: every small cell is '<5', and what is shown is the truth.
    bereik = [row for row in data_rows(book["Bereik"]) if row[0] == "Deelnemers naar gender"]
    shown = {row[1]: row[2] for row in bereik}
    genders = dict(truth.breakdowns["reach.by_gender"])
    for category, value in genders.items():
        if 0 < value < 5:
            assert shown[category] == "<5"
        elif shown[category] != "×":
            assert shown[category] == value
    assert shown["totaal"] == sum(genders.values())


def test_no_count_from_one_to_four_appears_anywhere(
    demo_db: Database, year_files: tuple[Path, Path]
) -> None:
    report = compute(demo_db, ReportScope(START, END), ReportSettings())
    # Quantities that count no one (hours, a depth in generations) are not counts.
    not_counts = {figure.label for figure in report.figures if figure.kind == "number"}
    book = workbook(year_files[0])
    checked = 0
    for sheet in book.worksheets[:-1]:
        counts = header(sheet).index("Aantal of waarde")
        for row in data_rows(sheet):
            if row[0] in not_counts:
                continue
            for value in row[counts : counts + 2]:  # the value and 'Van'
                if isinstance(value, int):
                    assert value == 0 or value >= 5, (sheet.title, row)
                    checked += 1
                elif value == "<5":
                    checked += 1
    assert checked > 100


def shown_text(key: str, value: tuple[Any, ...]) -> str:
    """How the PDF writes a figure (value, and the percentage of a share)."""
    kind, *parts = value
    if kind == "count":
        return str(shown_count(parts[0]))
    if kind == "share":
        part, whole = parts
        percent = shown_percent(part, whole)
        shown = "–" if percent == "–" else f"{round(percent * 100)}%"
        return f"{shown_count(part)} van {shown_count(whole)}\n{shown}"
    if kind in ("mean", "change"):
        average, people = parts
        if average is None or people < 5:
            return "–"
        sign = "+" if kind == "change" and round(average, 1) > 0 else ""
        return sign + f"{average:.1f}".replace(".", ",")
    if key == "relay.generations":
        return str(round(parts[0]))
    unit = " uur" if key == "reach.facilitator_hours" else ""
    return f"{parts[0]:.1f}{unit}".replace(".", ",")


def test_pdf_shows_every_figure_as_the_database_says_with_small_groups_hidden(
    demo_db: Database, year_files: tuple[Path, Path]
) -> None:
    truth = expected(demo_db)
    report = compute(demo_db, ReportScope(START, END), ReportSettings())
    text = pdf_text(year_files[1])
    for figure in report.figures:
        line = f"{figure.label}\n{shown_text(figure.key, truth.figures[figure.key])}\n"
        wanted = 2 if figure.key in report.summary_keys else 1
        assert text.count(line) == wanted, line
    for key, rows in truth.breakdowns.items():
        title = report.breakdown(key).title
        block = text[text.rindex(f"\n{title}\n") :]  # the table, after any chart
        for category, value in rows:
            shown = block[block.index(f"\n{category}\n") :].split("\n")[2]
            if 0 < value < 5:
                assert shown == "<5", (key, category)
            else:
                assert shown in (str(value), "×"), (key, category)


def test_workbook_charts_point_at_the_figures(year_files: tuple[Path, Path]) -> None:
    summary = workbook(year_files[0])["Samenvatting"]
    charts = summary._charts
    assert len(charts) == 4 and all(isinstance(chart, BarChart) for chart in charts)
    references = [[series.val.numRef.f for series in chart.series] for chart in charts]
    assert references[0][0].startswith("'Bereik'!$C$")
    assert references[1][0].startswith("'Activiteit'!$C$")
    assert len(references[2]) == 2  # T0 and T1
    assert all(ref.startswith("'Uitkomsten'!") for ref in references[2] + references[3])
    # The areas chart covers exactly the rows of the areas distribution.
    bereik = workbook(year_files[0])["Bereik"]
    first, last = re.findall(r"\$C\$(\d+)", references[0][0])
    categories = [bereik.cell(row=r, column=2).value for r in range(int(first), int(last) + 1)]
    assert categories == ["Feijenoord", "Kralingen-Crooswijk"]


def test_pdf_reads_as_a_report(demo_db: Database, year_files: tuple[Path, Path]) -> None:
    pages = pdf_pages(year_files[1])
    text = "\n".join(pages)
    assert "Perioderapportage De Verbindtafel" in pages[0]
    assert "1 januari 2026 t/m 31 december 2026 · alle locaties" in pages[0]
    assert "Voor Gemeente Rotterdam" in pages[0] and "Kerncijfers" in pages[0]
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in page
    for heading in [*TOPICS, "Hoe de cijfers zijn berekend", "Sessies in de periode"]:
        assert heading in text
    truth = expected(demo_db)
    participants = truth.figures["reach.participants"][1]
    assert re.search(rf"Unieke deelnemers \(tafelgenoten\)\s*{participants}\b", text)
    part, whole = truth.figures["activity.completed"][1:]
    assert f"{shown_count(part)} van {shown_count(whole)}" in text
    info = PdfReader(year_files[1]).metadata
    assert info is not None and info.title == "Perioderapportage De Verbindtafel"


def personal_details(path: Path) -> set[str]:
    details: set[str] = set()
    with sqlite3.connect(path) as connection:
        for row in connection.execute(
            "SELECT first_name, infix, last_name, phone, email, address, postcode,"
            " date_of_birth FROM people"
        ):
            first, infix, last, phone, email, address, postcode, born = row
            details |= {first, last, phone, email, address, postcode}
            details |= set(first.split()) | set(last.split())
            details.add(" ".join(part for part in (first, infix, last) if part))
            if phone:
                details.add(re.sub(r"\D", "", phone))
            if born:
                day = dt.date.fromisoformat(born)
                details |= {born, format_date(day), f"{day.day}-{day.month}-{day.year}"}
        for (contact,) in connection.execute("SELECT contact_name FROM institutions"):
            details.add(contact)
    return {detail for detail in details if detail and len(detail) > 1}


def found_in(detail: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(detail)}(?!\w)", text) is not None


def test_no_personal_detail_of_anyone_leaves_in_the_files(
    demo_path: Path, demo_db: Database, year_files: tuple[Path, Path]
) -> None:
    details = personal_details(demo_path)
    assert len(details) > 300
    book = workbook(year_files[0])
    cells = [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    properties = book.properties
    workbook_text = "\n".join(
        [*cells, str(properties.title), str(properties.subject), str(properties.description)]
    )
    reader = PdfReader(year_files[1])
    pdf = pdf_text(year_files[1]) + "\n" + str(reader.metadata)
    leaks = [d for d in details if found_in(d, workbook_text) or found_in(d, pdf)]
    assert leaks == []
    # The check itself finds a name when one is there.
    assert found_in("Gemeente", pdf)


def test_the_threshold_is_a_setting(demo_db: Database, tmp_path: Path) -> None:
    ReportSettingsService(SettingsService(demo_db)).save(10, 2.0)
    target = tmp_path / "tien.xlsx"
    export(demo_db, "report", YEAR, target)
    truth = expected(demo_db)
    rows = figure_rows(workbook(target)["Bereik"])
    guests = truth.figures["reach.guests"][1]
    facilitators = truth.figures["reach.facilitators"][1]
    assert 5 <= facilitators < 10  # the demo has 6: shown with 5, hidden with 10
    assert rows["Tafelbegeleiders (vrijwilligers)"][0] == "<10"
    assert rows["Introducees (gasten)"][0] == guests
    assert rows["Uren van tafelbegeleiders"][0] == pytest.approx(
        truth.figures["reach.facilitator_hours"][1] / 2.5 * 2.0
    )
    method = dict((r[0], r[1]) for r in data_rows(workbook(target)["Verantwoording"]))
    assert "'<10'" in method["Anonimiteit"]


@pytest.mark.parametrize(
    ("scope", "name", "problem", "message"),
    [
        (ExportScope(period_start=START), "r.pdf", NothingToExport, "periode"),
        (ExportScope(period_start=END, period_end=START), "r.pdf", ServiceError, "vóór"),
        (ExportScope(period_start=START, period_end=END, location_id=9), "r.xlsx", NotFound, "9"),
        (YEAR, "r.csv", WrongFormat, ".xlsx of .pdf"),
    ],
)
def test_a_refused_report_writes_nothing(
    demo_db: Database,
    tmp_path: Path,
    scope: ExportScope,
    name: str,
    problem: type[Exception],
    message: str,
) -> None:
    folder = tmp_path / "uit"
    folder.mkdir()
    with pytest.raises(problem, match=re.escape(message)):
        export(demo_db, "report", scope, folder / name)
    assert list(folder.iterdir()) == []


def test_report_from_the_command_line(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "rapportage.pdf"
    argv = ["export", "report", "--db", str(demo_path), "-o", str(target)]
    assert main([*argv, "--from", "1-1-2026", "--to", "31-12-2026", "--location", "2"]) == 0
    assert "Perioderapportage geschreven" in capsys.readouterr().out
    assert "Wijkcentrum Het Klooster" in pdf_pages(target)[0]
    sheet = tmp_path / "lichting.xlsx"
    code = main(
        [
            *argv[:-1],
            str(sheet),
            "--from",
            "2026-08-01",
            "--to",
            "30 september 2026",
            "--cohort",
            "1",
        ]
    )
    assert code == 0
    assert "Lichting augustus 2026" in workbook(sheet)["Samenvatting"]["A2"].value
    for wrong, message in (
        (["--from", "1-1-2026"], "--from DATUM en --to DATUM"),
        (["--from", "31-2-2026", "--to", "1-3-2026"], "--from 31-2-2026: Deze datum bestaat niet"),
        (["--from", "1-3-2026", "--to", "1-2-2026"], "vóór zij begint"),
        (["--from", "1-1-2026", "--to", "1-3-2026", "--cohort", "77"], "Lichting 77 bestaat niet"),
    ):
        other = tmp_path / "fout.pdf"
        assert main([*argv[:-1], str(other), *wrong]) == 1
        error = capsys.readouterr().err
        assert message in error and len(error.strip().splitlines()) == 1
        assert not other.exists()


def test_reports_also_work_on_an_empty_database(tmp_path: Path) -> None:
    db = open_database(tmp_path / "leeg.sqlite")
    try:
        export(db, "report", ExportScope(period_start=START, period_end=END), tmp_path / "l.pdf")
        export(db, "report", ExportScope(period_start=START, period_end=END), tmp_path / "l.xlsx")
    finally:
        db.close()
    text = pdf_text(tmp_path / "l.pdf")
    assert "Unieke deelnemers (tafelgenoten)" in text and "niemand in deze periode" in text
    rows = figure_rows(workbook(tmp_path / "l.xlsx")["Bereik"])
    assert rows["Unieke deelnemers (tafelgenoten)"][0] == 0


def test_the_pdf_from_the_command_line_shows_the_relay_picture(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "estafette.pdf"
    argv = ["export", "report", "--db", str(demo_path), "-o", str(target)]
    assert main([*argv, "--from", "1-1-2026", "--to", "31-12-2026"]) == 0
    capsys.readouterr()
    pages = PdfReader(target).pages
    with_picture = [page for page in pages if "De estafette in beeld" in page.extract_text()]
    assert len(with_picture) == 1
    [picture] = with_picture[0].images
    assert picture.image is not None and picture.image.width > 600
    # No relay in the period: no picture, and no heading promising one.
    empty = tmp_path / "leeg.pdf"
    assert main([*argv[:-1], str(empty), "--from", "1-1-2025", "--to", "30-6-2025"]) == 0
    assert "De estafette in beeld" not in pdf_text(empty)
    assert all(not page.images for page in PdfReader(empty).pages)


def test_the_relay_picture_carries_no_names(demo_db: Database, qapp: Any) -> None:
    from verbindtafel_desktop.app.outcomes.report_picture import relay_picture
    from verbindtafel_desktop.app.relay.picture import relay_scene
    from verbindtafel_desktop.app.relay.scene import LabelMode, NodeItem
    from verbindtafel_desktop.services.relay import RelayScope, RelayService

    png = relay_picture(demo_db, ReportScope(START, END))
    assert png is not None and png.startswith(b"\x89PNG")
    # The report draws the picture with no labels at all; with names it would differ.
    graph = RelayService(demo_db).graph()

    def node_texts(labels: LabelMode) -> list[str]:
        scene = relay_scene(graph, RelayScope(START, END), labels=labels)
        return [item.text for item in scene.items() if isinstance(item, NodeItem)]

    assert len(node_texts(LabelMode.NONE)) > 20
    assert set(node_texts(LabelMode.NONE)) == {""}
    assert "" not in node_texts(LabelMode.NAMES)


def test_report_settings_refuse_nonsense_and_ignore_a_damaged_value(demo_db: Database) -> None:
    settings = SettingsService(demo_db)
    service = ReportSettingsService(settings)
    assert service.get() == ReportSettings(5, 2.5)
    with pytest.raises(ValidationFailed) as refused:
        service.save(1, 20)
    assert set(refused.value.errors) == {"minimum_count", "session_hours"}
    settings.set_many({"report_minimum_count": "1", "report_session_hours": "veel"})
    assert service.get() == ReportSettings(5, 2.5)  # never fewer than 2 hidden
    assert service.save(7, 1.5) == ReportSettings(7, 1.5)
