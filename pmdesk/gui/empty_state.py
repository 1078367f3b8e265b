"""The page a workspace shows until it is built: what it will do, and that it is not there yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pmdesk.gui import theme


class EmptyStatePage(QWidget):
    def __init__(self, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("emptyStateTitle")
        body = QLabel(
            f"{purpose}\n\nThis workspace is not available in this version of PM Desk yet."
        )
        body.setObjectName("emptyStateBody")
        body.setWordWrap(True)
        body.setMaximumWidth(460)
        for label in (heading, body):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        theme.style(self, "empty_state")
