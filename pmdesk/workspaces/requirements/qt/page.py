"""The Requirements workspace: from "the customer said" to "the product does", traced to the
roadmap. Four tabs share one controller: requirements, customer inputs, gaps, traceability.

The customer inputs tab is built the first time it is needed (shown, revealed, or asked for):
the page opens on the requirements, and a big project's inputs cost as much again to read.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.lazy_tabs import LazyTabs
from pmdesk.workspaces.requirements import query
from pmdesk.workspaces.requirements.model import CustomerInput, Requirement
from pmdesk.workspaces.requirements.qt.actions import touches_requirements
from pmdesk.workspaces.requirements.qt.files import RequirementFiles
from pmdesk.workspaces.requirements.qt.gap_view import GapsTab
from pmdesk.workspaces.requirements.qt.input_view import InputsTab
from pmdesk.workspaces.requirements.qt.requirement_view import RequirementsTab
from pmdesk.workspaces.requirements.qt.trace_view import TraceTab

INPUTS_TAB = 1


class RequirementsPage(QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        title = QLabel("Requirements")
        title.setObjectName("pageTitle")
        theme.style(title, "page_title")
        self.summary = QLabel()
        self.summary.setStyleSheet(theme.css("color: #475467; font-size: 13px;"))
        self.summary.linkActivated.connect(self._summary_link)
        self.summary.setWordWrap(True)  # every gap it names stays in sight in a narrow window

        self.requirements = RequirementsTab(controller)
        self.gaps = GapsTab(controller)
        self.trace = TraceTab(controller)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._lazy = LazyTabs(self.tabs)
        self.tabs.addTab(self.requirements, "Requirements")
        self._lazy.add("Customer inputs", self._build_inputs)
        self.tabs.addTab(self.gaps, "Gaps")
        self.tabs.addTab(self.trace, "Traceability")

        self.files = RequirementFiles(controller, self)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.summary, 1)
        corner = QWidget()
        buttons = QHBoxLayout(corner)
        buttons.setContentsMargins(0, 0, 0, 4)
        for button in self.files.buttons():
            buttons.addWidget(button)
        self.tabs.setCornerWidget(corner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

        for source in (self.requirements, self.gaps, self.trace):
            source.open_input.connect(self.show_input)
        for source in (self.gaps, self.trace):
            source.open_requirement.connect(self.show_requirement)
        on_change(controller, self, self._on_changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._update_summary()

    @property
    def inputs(self) -> InputsTab:
        """The customer inputs tab, built and put in its place on first use."""
        return self._lazy.page(INPUTS_TAB)  # type: ignore[return-value]

    def _build_inputs(self) -> InputsTab:
        inputs = InputsTab(self.controller)
        inputs.open_requirement.connect(self.show_requirement)
        return inputs

    def _tab_changed(self) -> None:
        current = self.tabs.currentWidget()
        self.gaps.set_active(current is self.gaps)
        self.trace.set_active(current is self.trace)

    def show_requirement(self, requirement_id: str) -> None:
        self.tabs.setCurrentWidget(self.requirements)
        self.requirements.select(requirement_id)

    def show_input(self, input_id: str) -> None:
        self.tabs.setCurrentWidget(self.inputs)
        self.inputs.select(input_id)

    def _on_changed(self, change: Change) -> None:
        if touches_requirements(change):
            self._update_summary()

    def _update_summary(self) -> None:
        session = self.controller.session
        counts = query.summary_counts(session)
        link = "<a href='gaps' style='color:#b42318; text-decoration:none'>{}</a>"
        parts = [
            f"{counts.requirements} requirements",
            f"{counts.inputs} customer inputs",
        ]
        gaps = [
            (counts.inbox, "unanswered input", "unanswered inputs"),
            (counts.unsupported, "requirement without evidence", "requirements without evidence"),
            (counts.unplanned, "not on the roadmap", "not on the roadmap"),
        ]
        for count, one, many in gaps:
            if count:
                parts.append(link.format(f"{count} {one if count == 1 else many}"))
        self.summary.setText(theme.rich(" · ".join(parts)))

    def _summary_link(self, _target: str) -> None:
        self.tabs.setCurrentWidget(self.gaps)

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show a requirement or a customer input selected in its table, with its details."""
        if kind == Requirement.__tablename__:
            self.tabs.setCurrentWidget(self.requirements)
            return self.requirements.select(record_id)
        if kind == CustomerInput.__tablename__:
            self.tabs.setCurrentWidget(self.inputs)
            return self.inputs.select(record_id)
        return False
