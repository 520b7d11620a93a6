"""Who brought this person in (the whole chain), and whom they brought in."""

from html import escape

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from verbindtafel_desktop.app.person.context import PersonContext, PersonTab
from verbindtafel_desktop.app.person.table_view import RowsView
from verbindtafel_desktop.app.relay.legend import role_label
from verbindtafel_desktop.app.rows_model import RowsModel, TextRow
from verbindtafel_desktop.domain.dutch_formats import format_date
from verbindtafel_desktop.domain.enums import ReferralRoute
from verbindtafel_desktop.services.person_history import PersonHistory


def link(person_id: int, name: str) -> str:
    return f"<a href='{person_id}'>{escape(name)}</a>"


class RelayTab(PersonTab):
    def __init__(self, context: PersonContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.came_in = QLabel()
        self.came_in.setObjectName("cameIn")
        self.chain = QLabel()
        self.chain.setObjectName("chain")
        self.chain.setWordWrap(True)
        self.brought_title = QLabel()
        self.brought_title.setObjectName("detailTitle")
        self.brought = RowsModel(
            [self.tr("Naam"), self.tr("Hoe"), self.tr("Sinds"), self.tr("Nu")], self
        )
        self.brought_view = RowsView(self.brought)
        self.brought_view.setObjectName("broughtIn")
        self.brought_view.row_activated.connect(context.open_person)
        self.empty = QLabel(self.tr("Heeft (nog) niemand uitgenodigd of geworven."))
        self.empty.setObjectName("fieldHelp")
        for label in (self.came_in, self.chain):
            label.linkActivated.connect(lambda target: context.open_person(int(target)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.came_in)
        layout.addWidget(self.chain)
        layout.addSpacing(8)
        layout.addWidget(self.brought_title)
        layout.addWidget(self.brought_view, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)

    def show_person(self, person_id: int) -> None:
        history = self.context.services.person_history.history(person_id)
        self.came_in.setText(self.came_in_text(history))
        if history.chain:
            steps = [link(ancestor, name) for ancestor, name in history.chain]
            steps.append(f"<b>{escape(history.name)}</b>")
            self.chain.setText(
                self.tr("Keten: %1 (generatie %2)")
                .replace("%1", " → ".join(steps))
                .replace("%2", str(history.generation))
            )
        else:
            self.chain.setText(self.tr("Begin van een keten (generatie 0)."))
        self.brought_title.setText(
            self.tr("Bracht binnen (%1)").replace("%1", str(len(history.brought_in)))
        )
        route_texts = {
            ReferralRoute.INVITED: self.tr("uitgenodigd"),
            ReferralRoute.RECRUITED: self.tr("geworven"),
        }
        self.brought.set_rows(
            [
                TextRow(
                    child.person_id,
                    (
                        child.name,
                        route_texts.get(child.route, ""),
                        format_date(child.since),
                        ", ".join(part for part in (role_label(child.role), child.tables) if part),
                    ),
                    (None, None, child.since.isoformat() if child.since else None, None),
                )
                for child in history.brought_in
            ]
        )
        self.brought_view.resizeColumnToContents(0)
        self.brought_view.setVisible(bool(history.brought_in))
        self.empty.setVisible(not history.brought_in)

    def came_in_text(self, history: PersonHistory) -> str:
        since = (
            self.tr(" op %1").replace("%1", format_date(history.referred_on))
            if history.referred_on
            else ""
        )
        referrer = history.referrer
        if history.route == ReferralRoute.INVITED and referrer:
            text = self.tr("Uitgenodigd door %1").replace("%1", link(*referrer))
        elif history.route == ReferralRoute.RECRUITED and referrer:
            text = self.tr("Geworven door %1").replace("%1", link(*referrer))
        elif history.route == ReferralRoute.INSTITUTION:
            text = self.tr("Verwezen door %1").replace(
                "%1", escape(history.institution or self.tr("een instelling"))
            )
        else:
            text = self.tr("Kwam uit zichzelf")
        return self.tr("Binnengekomen: %1").replace("%1", text + since)
