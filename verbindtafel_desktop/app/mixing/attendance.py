"""Taking the attendance of a mixmoment table by table, as the facilitators go round."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from verbindtafel_desktop.services.mixed_seating import MixedSeating

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


class AttendanceByTableDialog(QDialog):
    """Every mixed table with its people ticked as present; untick who is not there.

    People who are not at a table (not there, or not yet seated) are listed last, so a
    latecomer can be ticked too.
    """

    def __init__(self, plan: MixedSeating, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Aanwezigheid per mengtafel"))
        self.setMinimumSize(460, 560)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([self.tr("Wie is er?")])
        self.items: dict[int, QStandardItem] = {}
        groups = [
            (plan.tables[index].title(index), plan.at_table(index))
            for index in range(len(plan.tables))
        ]
        others = sorted(
            (p for p in plan.candidates if p not in plan.seats),
            key=lambda p: plan.name(p).lower(),
        )
        groups.append((self.tr("Zonder tafel"), others))
        for title, people in groups:
            group = QStandardItem(f"{title} ({len(people)})")
            group.setEditable(False)
            group.setSelectable(False)
            for person in people:
                item = QStandardItem(plan.name(person))
                item.setEditable(False)
                item.setCheckable(True)
                item.setCheckState(
                    Qt.CheckState.Checked if person in plan.present else Qt.CheckState.Unchecked
                )
                item.setData(person, PERSON_ROLE)
                group.appendRow(item)
                self.items[person] = item
            self.model.appendRow(group)
        self.tree = QTreeView()
        self.tree.setObjectName("attendanceByTable")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.expandAll()
        hint = QLabel(
            self.tr(
                "Vink uit wie er niet is: die persoon gaat van tafel en wordt afwezig gemeld. "
                "Wie later komt vinkt u aan bij 'Zonder tafel'."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def set_checked(self, person_id: int, present: bool) -> None:
        self.items[person_id].setCheckState(
            Qt.CheckState.Checked if present else Qt.CheckState.Unchecked
        )

    def present(self) -> set[int]:
        return {
            person
            for person, item in self.items.items()
            if item.checkState() == Qt.CheckState.Checked
        }
