"""The database check: is the file sound, are references intact, do the app's rules hold?

Read-only (it works while the app has the file open) and headless; `verbindtafel check` and
the menu item Extra → Database controleren show the report. Every rule reports a count, so
"in orde" means the rule was checked and found nothing.
"""

import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from verbindtafel_desktop.persistence.errors import DatabaseProblem, NotADatabase
from verbindtafel_desktop.persistence.file_check import check_header, has_content, schema_state
from verbindtafel_desktop.services.progress import NO_PROGRESS, Progress

# (singular, plural) Dutch nouns of the tables, for the foreign-key findings.
TABLE_NOUNS = {
    "locations": ("locatie", "locaties"),
    "institutions": ("instelling", "instellingen"),
    "cohorts": ("lichting", "lichtingen"),
    "tables": ("tafel", "tafels"),
    "people": ("persoon", "personen"),
    "referrals": ("verwijzing", "verwijzingen"),
    "memberships": ("deelname", "deelnames"),
    "session_templates": ("programmastap", "programmastappen"),
    "holidays": ("vrije dag", "vrije dagen"),
    "mixed_sessions": ("mixmoment", "mixmomenten"),
    "mixed_session_tables": ("tafel bij een mixmoment", "tafels bij mixmomenten"),
    "mixed_tables": ("mixtafel", "mixtafels"),
    "seatings": ("tafelindeling", "tafelindelingen"),
    "mixing_rules": ("mixregel", "mixregels"),
    "sessions": ("sessie", "sessies"),
    "attendance": ("aanwezigheid", "aanwezigheden"),
    "invitations": ("uitnodiging", "uitnodigingen"),
    "recruitment_leads": ("wervingscontact", "wervingscontacten"),
    "follow_ups": ("opvolging", "opvolgingen"),
    "card_decks": ("kaartenset", "kaartensets"),
    "cards": ("kaart", "kaarten"),
    "session_cards": ("kaart bij een sessie", "kaarten bij sessies"),
    "meanings": ("betekenis", "betekenissen"),
    "meaning_cards": ("kaart bij een betekenis", "kaarten bij betekenissen"),
    "activities": ("activiteit", "activiteiten"),
    "activity_participations": ("deelname aan een activiteit", "deelnames aan activiteiten"),
    "measurements": ("meting", "metingen"),
    "lasting_contacts": ("blijvend contact", "blijvende contacten"),
    "funders": ("financier", "financiers"),
    "grants": ("subsidie", "subsidies"),
    "app_settings": ("instelling", "instellingen"),
}


def _noun(table: str, plural: bool) -> str:
    singular_form, plural_form = TABLE_NOUNS.get(table, (table, table))
    return plural_form if plural else singular_form


@dataclass(frozen=True)
class Finding:
    description: str  # Dutch: what this rule looks for
    count: int  # how many were found; 0 = in orde
    examples: tuple[str, ...] = ()  # ids, never names


@dataclass
class CheckReport:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    stopped: str = ""  # why the contents could not be checked (a damaged file)

    @property
    def ok(self) -> bool:
        return not self.stopped and all(finding.count == 0 for finding in self.findings)

    @property
    def problems(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.count]

    def lines(self) -> list[str]:
        lines = [f"Controle van {self.path}"]
        for finding in self.findings:
            verdict = "in orde" if finding.count == 0 else f"{finding.count} gevonden"
            example = f" (bijv. {', '.join(finding.examples)})" if finding.examples else ""
            lines.append(f"  {finding.description}: {verdict}{example}")
        if self.stopped:
            lines.append(f"  {self.stopped}")
        if self.ok:
            lines.append("Alles in orde.")
        else:
            kinds = len(self.problems) + (1 if self.stopped else 0)
            lines.append(
                f"Er {'is 1 soort probleem' if kinds == 1 else f'zijn {kinds} soorten problemen'}"
                " gevonden. Zet zo nodig een back-up terug (pagina Back-ups) of vraag hulp; "
                "het bestand is niet aangepast."
            )
        return lines


Rule = Callable[[sqlite3.Connection], Finding]


def _count_rule(description: str, sql: str) -> Rule:
    """A rule whose SQL selects the id of each offending row."""

    def rule(connection: sqlite3.Connection) -> Finding:
        ids = [str(row[0]) for row in connection.execute(sql)]
        return Finding(description, len(ids), tuple(f"#{i}" for i in ids[:5]))

    return rule


def _relay_cycles(connection: sqlite3.Connection) -> Finding:
    """People whose chain of referrers comes back to themselves (the relay must be a tree)."""
    referrer = dict(
        connection.execute(
            "SELECT person_id, referrer_id FROM referrals WHERE referrer_id IS NOT NULL"
        ).fetchall()
    )
    on_cycle: set[int] = set()
    settled: set[int] = set()
    for start in referrer:
        path: list[int] = []
        seen: set[int] = set()
        current: int | None = start
        while current is not None and current not in settled and current not in seen:
            seen.add(current)
            path.append(current)
            current = referrer.get(current)
        if current is not None and current in seen:
            on_cycle.update(path[path.index(current) :])
        settled.update(path)
    ids = sorted(on_cycle)
    return Finding(
        "Personen in een kringetje van verwijzingen (estafette zonder begin)",
        len(ids),
        tuple(f"#{i}" for i in ids[:5]),
    )


APP_RULES: list[Rule] = [
    _count_rule(
        "Aanwezigheden als tafelgenoot zonder deelname aan die tafel",
        """SELECT a.id FROM attendance a JOIN sessions s ON s.id = a.session_id
           WHERE a.role = 'member' AND NOT EXISTS (
               SELECT 1 FROM memberships m
               WHERE m.person_id = a.person_id AND m.table_id = s.table_id)
           ORDER BY a.id""",
    ),
    _count_rule(
        "Deelnames buiten de periode van hun lichting",
        """SELECT m.id FROM memberships m
           JOIN tables t ON t.id = m.table_id JOIN cohorts c ON c.id = t.cohort_id
           WHERE (m.end_date IS NOT NULL AND m.end_date < c.start_date)
              OR (m.start_date IS NOT NULL AND c.end_date IS NOT NULL
                  AND m.start_date > c.end_date)
           ORDER BY m.id""",
    ),
    _count_rule(
        "Tafelgenoten die in één lichting aan meer dan één tafel tegelijk meedoen",
        """SELECT m.id FROM memberships m JOIN tables t ON t.id = m.table_id
           WHERE m.role = 'participant' AND m.status IN ('registered', 'active')
             AND EXISTS (
               SELECT 1 FROM memberships o JOIN tables ot ON ot.id = o.table_id
               WHERE o.person_id = m.person_id AND o.id <> m.id AND ot.cohort_id = t.cohort_id
                 AND o.role = 'participant' AND o.status IN ('registered', 'active'))
           ORDER BY m.id""",
    ),
    _count_rule(
        "Tafelindelingen aan een mixtafel van een ander mixmoment",
        """SELECT st.id FROM seatings st JOIN mixed_tables mt ON mt.id = st.mixed_table_id
           WHERE mt.mixed_session_id <> st.mixed_session_id ORDER BY st.id""",
    ),
    _relay_cycles,
]


def _foreign_key_findings(connection: sqlite3.Connection) -> list[Finding]:
    rows = connection.execute("PRAGMA foreign_key_check")
    broken = Counter((table, parent) for table, _rowid, parent, _fk in rows)
    if not broken:
        return [Finding("Verwijzingen naar gegevens die niet bestaan (foreign_key_check)", 0)]
    return [
        Finding(
            f"{_noun(table, True).capitalize()} die verwijzen naar een "
            f"{_noun(parent, False)} die niet bestaat",
            count,
        )
        for (table, parent), count in sorted(broken.items())
    ]


def check_database(path: Path, progress: Progress = NO_PROGRESS) -> CheckReport:
    """Check the file at `path` without changing it. Raises DatabaseProblem when there is
    no such file or it was written by a newer version (whose rules this one does not know)."""
    path = Path(path).expanduser().resolve()
    if not has_content(path):
        raise DatabaseProblem(f"Het bestand {path} bestaat niet of is leeg.")
    report = CheckReport(path)
    try:
        check_header(path)
    except NotADatabase:
        report.stopped = "Het bestand is geen SQLite-database (of het begin is beschadigd)."
        return report
    steps = 3 + len(APP_RULES)
    progress.report(0, steps, "Bestandsstructuur controleren…")
    # Read-write open with writes forbidden: a read-only connection to a WAL database
    # leaves its -shm file behind, this one tidies up when it is the last to close.
    connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    try:
        connection.execute("PRAGMA query_only=ON")
        try:
            messages = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            report.stopped = f"Het bestand is te beschadigd om te lezen ({error})."
            return report
        damaged = [] if messages == ["ok"] else messages
        report.findings.append(
            Finding("Fouten in de bestandsstructuur (integrity_check)", len(damaged))
        )
        if damaged:
            report.stopped = "De inhoud is niet verder gecontroleerd: het bestand is beschadigd."
            return report
        try:
            schema_state(path)
        except NotADatabase as problem:
            report.stopped = str(problem)
            return report
        progress.check()
        progress.report(1, steps, "Verwijzingen controleren…")
        report.findings.extend(_foreign_key_findings(connection))
        for number, rule in enumerate(APP_RULES, start=2):
            progress.check()
            progress.report(number, steps, "Regels van de app controleren…")
            report.findings.append(rule(connection))
    finally:
        connection.close()
    progress.report(steps, steps, "Klaar")
    return report
