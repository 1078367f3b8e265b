"""The three gap views side by side: unanswered inputs, unsupported requirements, unplanned ones.

Each list is a light list model over rows the domain computes in a few queries; double-click
opens the record where it can be fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QVBoxLayout, QWidget

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.workspaces.requirements import query
from pmdesk.workspaces.requirements.model import STATUSES
from pmdesk.workspaces.requirements.qt.actions import touches_requirements
from pmdesk.workspaces.requirements.qt.table_models import format_score
from pmdesk.workspaces.requirements.qt.widgets import hint_label

AnyIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class GapLine:
    id: str
    text: str
    tip: str = ""


class GapListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[GapLine] = []

    def set_lines(self, lines: list[GapLine]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tip or line.text
        if role == ID_ROLE:
            return line.id
        return None


def input_lines(rows: list[query.InputRow]) -> list[GapLine]:
    lines = []
    for row in rows:
        quote = " ".join(row.quote.split())
        short = quote if len(quote) <= 110 else quote[:107].rstrip() + "…"
        who = row.who or "someone unnamed"
        lines.append(GapLine(row.id, f"“{short}”\n{who} · {row.received_on:%d %b %Y}", quote))
    return lines


def requirement_lines(rows: list[query.RequirementRow]) -> list[GapLine]:
    ordered = sorted(rows, key=lambda r: -(r.score if r.score is not None else -1))
    return [
        GapLine(
            row.id,
            f"{row.title}\n{STATUSES.get(row.status, row.status)} · RICE {format_score(row.score)}"
            + (f" · {row.evidence_count} input(s)" if row.evidence_count else ""),
        )
        for row in ordered
    ]


class GapPanel(QWidget):
    opened = Signal(str)

    def __init__(self, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.heading = QLabel()
        self.heading.setStyleSheet(theme.css("font-size: 15px; font-weight: 600; color: #1f2733;"))
        self.heading.setWordWrap(True)  # three columns side by side: a long one takes two lines
        self.model = GapListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformItemSizes(True)  # thousands of lines stay quick to lay out
        self.view.setSpacing(1)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.doubleClicked.connect(lambda index: self.opened.emit(index.data(ID_ROLE)))
        self.done = QLabel()
        self.done.setStyleSheet(theme.css("color: #067647; padding: 12px 2px;"))
        self.done.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(hint_label(explanation))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.done)

    def set_lines(self, lines: list[GapLine], done_text: str) -> None:
        self.model.set_lines(lines)
        count = len(lines)
        colour = "#b42318" if count else "#067647"
        self.heading.setText(
            theme.rich(f"{self.title} <span style='color:{colour}'>({count})</span>")
        )
        self.view.setVisible(bool(count))
        self.done.setText(done_text)
        self.done.setVisible(not count)


class GapsTab(QWidget):
    open_input = Signal(str)
    open_requirement = Signal(str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.inbox = GapPanel(
            "Unanswered customer inputs",
            "What customers said that no requirement answers yet. Double-click to triage.",
        )
        self.unsupported = GapPanel(
            "Requirements without evidence",
            "No customer input supports these (declined ones are left out). Find evidence, "
            "or question why they exist.",
        )
        self.unplanned = GapPanel(
            "Requirements not on the roadmap",
            "Proposed, accepted or “in roadmap” requirements that no roadmap item delivers.",
        )
        self.inbox.opened.connect(self.open_input)
        self.unsupported.opened.connect(self.open_requirement)
        self.unplanned.opened.connect(self.open_requirement)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(18)
        for panel in (self.inbox, self.unsupported, self.unplanned):
            layout.addWidget(panel, 1)
        self._stale = True
        self._active = False
        on_change(controller, self, self._on_changed)

    def set_active(self, active: bool) -> None:
        """The page says whether this tab is on screen; hidden tabs refresh when next shown."""
        self._active = active
        if active and self._stale:
            self.refresh()

    def _on_changed(self, change: Change) -> None:
        if touches_requirements(change):
            self._stale = True
            if self._active:
                self.refresh()

    def refresh(self) -> None:
        session = self.controller.session
        self.inbox.set_lines(
            input_lines(query.inputs_without_requirements(session)),
            "Every customer input is answered by a requirement.",
        )
        self.unsupported.set_lines(
            requirement_lines(query.requirements_without_evidence(session)),
            "Every requirement rests on customer evidence.",
        )
        self.unplanned.set_lines(
            requirement_lines(query.requirements_not_on_roadmap(session)),
            "Every open requirement is on the roadmap.",
        )
        self._stale = False
