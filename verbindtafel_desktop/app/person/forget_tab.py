"""Vergeten…: a person's requests to be anonymised or forgotten, each after a confirmation
that names what goes, what stays and how long backups still hold them."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.app.person.context import PersonContext, PersonTab
from verbindtafel_desktop.app.worker import JobRunner, run_with_progress
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.persistence.backup_horizon import backup_horizon
from verbindtafel_desktop.persistence.backups import BackupStore
from verbindtafel_desktop.services.anonymisation import ErasurePlan
from verbindtafel_desktop.services.progress import Progress

# Everything a person's change announces: every page that shows people refreshes.
CHANGED = (
    "people",
    "referrals",
    "memberships",
    "attendance",
    "invitations",
    "consents",
    "recruitment_leads",
    "measurements",
)


def backup_note(database: Path, parent: QWidget) -> str:
    """What the backups that exist now still hold, and until when (Dutch)."""
    horizon = backup_horizon(BackupStore.for_database(database))
    if horizon.empty:
        return parent.tr("Er zijn geen back-ups waarin deze gegevens nog staan.")
    parts = []
    if horizon.automatic_until is not None:
        parts.append(
            parent.tr(
                "De back-ups van vóór nu bevatten deze gegevens nog. De automatische back-ups "
                "zijn uiterlijk op %1 verdwenen door het uitdunnen (als Verbindtafel daarna "
                "nog gebruikt wordt)."
            ).replace("%1", format_date(horizon.automatic_until))
        )
    if horizon.kept:
        parts.append(
            parent.tr(
                "%1 back-up(s) die met de hand, vóór een update of vóór het terugzetten zijn "
                "gemaakt, worden niet uitgedund: die blijven bestaan tot u ze zelf verwijdert "
                "uit de back-upmap."
            ).replace("%1", str(len(horizon.kept)))
        )
    return " ".join(parts)


class ForgetDialog(QDialog):
    """The confirmation of "forget this person": what goes, what stays, the backups."""

    def __init__(self, plan: ErasurePlan, backups: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Persoon vergeten"))
        self.setObjectName("forgetDialog")
        self.setMinimumWidth(560)
        lines = [
            self.tr("<p><b>%1 vergeten?</b> Dit kan niet ongedaan worden gemaakt.</p>").replace(
                "%1", plan.name
            ),
            self.tr("<p>Wordt verwijderd:</p><ul>"),
            self.tr(
                "<li>de persoonsgegevens: naam, geboortedatum, gender, telefoon, e-mail, adres, "
                "postcode, wijk en opmerkingen</li>"
            ),
            *(f"<li>{count} {what}</li>" for what, count in plan.removed),
            "</ul>",
        ]
        if plan.is_link:
            brought = (
                self.tr("Via deze persoon kwam 1 persoon binnen.")
                if plan.brought_in == 1
                else self.tr("Via deze persoon kwamen %1 mensen binnen.").replace(
                    "%1", str(plan.brought_in)
                )
            )
            lines.append(
                f"<p>{brought} "
                + self.tr(
                    "Om hun keten in de estafette heel te houden, blijft een <b>anonieme</b> "
                    "plek bewaard, zonder naam of andere gegevens, met:"
                )
                + "</p><ul>"
            )
            lines += [f"<li>{count} {what}</li>" for what, count in plan.kept]
            lines.append("</ul>")
        if plan.mentions:
            lines.append(
                self.tr(
                    "<p>In %1 tekst(en) elders (notities, betekenissen) worden de naam, het "
                    "telefoonnummer of het e-mailadres vervangen door [verwijderd].</p>"
                ).replace("%1", str(plan.mentions))
            )
        lines.append(f"<p>{backups}</p>")
        text = QLabel("".join(lines))
        text.setObjectName("forgetSummary")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setMinimumWidth(540)
        self.understood = QCheckBox(self.tr("Ik begrijp dat dit niet ongedaan kan worden gemaakt"))
        self.understood.setObjectName("forgetUnderstood")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.forget_button = buttons.addButton(
            self.tr("Vergeten"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.forget_button.setObjectName("confirmForget")
        self.forget_button.setEnabled(False)
        self.understood.toggled.connect(self.forget_button.setEnabled)
        self.forget_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # The dialog grows to the wrapped text's full height (a long list must not be cut).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(text)
        layout.addWidget(self.understood)
        layout.addWidget(buttons)


class ForgetTab(PersonTab):
    def __init__(self, context: PersonContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.person_id = 0
        self.job: JobRunner | None = None
        explanation = QLabel(
            self.tr(
                "<p><b>Anonimiseren</b> wist alles waaraan iemand te herkennen is (naam, "
                "contactgegevens, opmerkingen, toestemming). Wat rapportages nodig hebben "
                "blijft, zonder naam: geboortejaar, wijk, gender, lichting, aanwezigheid en "
                "scores. Eerdere rapportages blijven zo kloppen.</p>"
                "<p><b>Vergeten</b> verwijdert de persoon helemaal. Kwamen anderen via deze "
                "persoon binnen, dan blijft alleen een anonieme plek in de estafette over.</p>"
            )
        )
        explanation.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("forgetState")
        self.state.setWordWrap(True)
        self.backups = QLabel(
            self.tr(
                "Back-ups die eerder zijn gemaakt, bevatten de gegevens nog tot ze worden "
                "uitgedund; bij het bevestigen ziet u tot wanneer."
            )
        )
        self.backups.setObjectName("fieldHelp")
        self.backups.setWordWrap(True)
        self.anonymise_button = QPushButton(self.tr("Anonimiseren…"))
        self.anonymise_button.setObjectName("anonymisePerson")
        self.forget_button = QPushButton(self.tr("Vergeten…"))
        self.forget_button.setObjectName("forgetPerson")
        self.anonymise_button.clicked.connect(self.anonymise)
        self.forget_button.clicked.connect(self.forget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.anonymise_button)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addWidget(self.backups)
        layout.addStretch(1)

    def show_person(self, person_id: int) -> None:
        self.person_id = person_id
        person = self.context.services.people.get(person_id)
        anonymised = person.anonymised_at is not None
        self.state.setText(
            self.tr("Deze persoon is op %1 geanonimiseerd.").replace(
                "%1", format_date(person.anonymised_at.astimezone().date())
            )
            if person.anonymised_at is not None
            else ""
        )
        self.state.setVisible(anonymised)
        self.anonymise_button.setEnabled(not anonymised)

    def anonymise(self) -> None:
        services = self.context.services
        name = services.people.display_name(self.person_id)
        answer = QMessageBox.question(
            self,
            self.tr("Persoon anonimiseren"),
            self.tr(
                "%1 anonimiseren? Naam, geboortedatum (alleen het jaar blijft), telefoon, "
                "e-mail, adres, postcode, opmerkingen en toestemming worden gewist; vermeldingen "
                "in notities elders worden vervangen. Dit kan niet ongedaan worden gemaakt.\n\n%2"
            )
            .replace("%1", name)
            .replace("%2", backup_note(services.db.path, self)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        person_id = self.person_id

        def work(progress: Progress) -> object:
            return services.anonymisation.anonymise([person_id], "op verzoek", progress)

        self.job = run_with_progress(
            self, self.tr("Anonimiseren"), work, lambda _done: self.context.bus.announce(*CHANGED)
        )

    def forget(self) -> None:
        services = self.context.services
        plan = services.anonymisation.erasure_plan(self.person_id)
        dialog = ForgetDialog(plan, backup_note(services.db.path, self), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        person_id = self.person_id

        def work(_progress: Progress) -> ErasurePlan:
            return services.anonymisation.forget(person_id)

        self.job = run_with_progress(
            self, self.tr("Vergeten"), work, lambda _plan: self.context.bus.announce(*CHANGED)
        )
