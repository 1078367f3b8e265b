"""Bringing a project plan into the roadmap, and writing the roadmap as MS Project XML.

"Import Plan…" reads a GanttProject ``.gan``, an MS Project XML file or a tracker's export of
epics and stories (CSV or a workbook), shows what will be created — lanes (new ones, or the
roadmap's own), items, milestones, dependencies, owners — and adds it all as one undo step. A
plan that cannot become a roadmap (a loop of dependencies, a task ending before it starts,
thousands of tasks, XML entities) is refused in one sentence and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs
from pmdesk.gui.import_preview import read_choosing_sheet
from pmdesk.workspaces.roadmap import io_plans, io_tracker
from pmdesk.workspaces.roadmap.io_plans import NEW_LANES, SAME_NAME, Plan, PlanOutline

if TYPE_CHECKING:
    from pmdesk.workspaces.roadmap.qt.page import RoadmapPage

PLAN_FILTERS = (
    "Project plans (*.gan *.xml *.csv *.xlsx);;GanttProject (*.gan);;MS Project XML (*.xml);;"
    "Tracker exports (*.csv *.xlsx);;All files (*)"
)


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _names(names: list[str], limit: int = 6) -> str:
    shown = ", ".join(f"“{name}”" for name in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def describe(outline: PlanOutline, add_owners: bool) -> str:
    """The preview's sentences: what the import will create and where it goes."""
    counts = f"{_plural(outline.items, 'item')}"
    if outline.milestones:
        counts += f" ({_plural(outline.milestones, 'milestone')})"
    counts += f" and {_plural(outline.dependencies, 'dependency', 'dependencies')}."
    if outline.undated:
        counts += f" {outline.undated:,} without dates will wait in the parking lot."
    lines = [counts]
    if outline.new_lanes:
        lines.append(f"New lanes: {_names(outline.new_lanes)}.")
    if outline.existing_lanes:
        lines.append(f"Into the roadmap's lanes: {_names(outline.existing_lanes)}.")
    if outline.known_owners:
        lines.append(f"Owners already in the project: {_names(outline.known_owners)}.")
    if outline.new_owners:
        if add_owners:
            lines.append(f"Owners added as stakeholders: {_names(outline.new_owners)}.")
        else:
            lines.append(f"Owners kept as “owner:” tags: {_names(outline.new_owners)}.")
    return "\n".join(lines)


class PlanImportDialog(QDialog):
    """Where the plan goes and what it will create; accepted when the PM confirms."""

    def __init__(
        self,
        plan: Plan,
        file_name: str,
        lanes: list[tuple[str, str]],
        outline: Callable[[str], PlanOutline],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Plan")
        self._outline = outline
        self.into = QComboBox()
        self.into.addItem("New lanes, one per summary task", NEW_LANES)
        if lanes:
            self.into.addItem("The roadmap's lanes of the same name", SAME_NAME)
            for lane_id, name in lanes:
                self.into.addItem(f"All into the lane “{name}”", lane_id)
        self.into.setCurrentIndex(max(0, self.into.findData(SAME_NAME)))
        self.add_owners = QCheckBox("Add the owners who are not in the project as stakeholders")
        self.add_owners.setChecked(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setMinimumWidth(460)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Plan", QLabel(f"<b>{plan.name}</b> — {file_name}"))
        form.addRow("Into", self.into)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.details)
        layout.addWidget(self.add_owners)
        layout.addWidget(buttons)
        self.into.currentIndexChanged.connect(lambda _i: self._refresh())
        self.add_owners.toggled.connect(lambda _on: self._refresh())
        self._refresh()

    def _refresh(self) -> None:
        outline = self._outline(self.into.currentData())
        self.outline = outline
        self.add_owners.setVisible(bool(outline.new_owners))
        self.details.setText(describe(outline, self.add_owners.isChecked()))
        self.ok.setText(f"Import {_plural(outline.items, 'Item')}")
        self.ok.setEnabled(outline.items > 0)

    def choices(self) -> tuple[str, bool]:
        return self.into.currentData(), self.add_owners.isChecked()


def choose_plan(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import Plan", folder, PLAN_FILTERS)
    return Path(name) if name else None


def import_plan_file(page: RoadmapPage, path: Path | None = None) -> bool:
    """Ask for a plan, preview it, and import it as one undo step; False when nothing changed."""
    from pmdesk.workspaces.roadmap.qt import dialogs as ask

    path = path or choose_plan(page, str(Path.home()))
    if path is None:
        return False
    try:
        plan = read_choosing_sheet(page, io_tracker.read_plan_file, path)
    except PmdeskError as error:
        dialogs.show_error(page, "Cannot Import Plan", str(error))
        return False
    if plan is None:
        return False
    session = page.controller.session
    lanes = [(lane.id, lane.name) for lane in page.roadmap.lanes]
    answer = ask.review_plan_import(
        page, plan, path.name, lanes, lambda into: io_plans.outline_plan(session, plan, into)
    )
    if answer is None:
        return False
    into, add_owners = answer
    return page.actions.import_plan(plan, into, add_owners, path.name)


def export_mspdi_file(page: RoadmapPage, path: Path | None = None) -> Path | None:
    """Write the roadmap as MS Project XML, for a project manager's MS Project."""
    path = path or dialogs.choose_export_file(
        page,
        "Export as MS Project XML",
        str(Path.home() / "roadmap.xml"),
        "MS Project XML (*.xml)",
    )
    if path is None:
        return None
    if path.suffix.lower() != ".xml":
        path = path.with_name(path.name + ".xml")
    try:
        count = io_plans.export_mspdi(page.controller.session, path, path.stem)
    except PmdeskError as error:
        dialogs.show_error(page, "Cannot Export the Roadmap", str(error))
        return None
    window = page.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(f"Exported {_plural(count, 'item')} to {path}", 5000)
    return path
