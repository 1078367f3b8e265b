"""The one question deleting a lane asks, when it holds items: where do they go?"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme


class LaneDeleteDialog(QDialog):
    def __init__(
        self, lane: str, count: int, others: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Delete Lane")
        things = f"{count} item{'s' if count != 1 else ''}"
        question = QLabel(f"“{lane}” holds {things}. Where should they go?")
        question.setWordWrap(True)
        self.move = QRadioButton("Move them to")
        self.lanes = QComboBox()
        for name, lane_id in others:
            self.lanes.addItem(name, lane_id)
        self.drop = QRadioButton(f"Delete the {things} with the lane")
        self.move.setEnabled(bool(others))
        self.lanes.setEnabled(bool(others))
        (self.move if others else self.drop).setChecked(True)
        self.lanes.currentIndexChanged.connect(lambda _i: self.move.setChecked(True))
        hint = QLabel("Undo brings back the lane and its items as they were.")
        hint.setStyleSheet(theme.css("color: #5f6b7a"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        delete = buttons.addButton("Delete Lane", QDialogButtonBox.ButtonRole.AcceptRole)
        delete.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.move)
        layout.addWidget(self.lanes)
        layout.addWidget(self.drop)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def destination(self) -> str:
        """The lane the items move to, or "" when they go with the lane."""
        if self.move.isChecked() and self.lanes.currentData():
            return str(self.lanes.currentData())
        return ""
