"""Bringing a project plan into the roadmap, and writing the roadmap as MS Project XML.

"Import Plan…" reads a GanttProject ``.gan``, an MS Project XML file or a tracker's export of
epics and stories (CSV or a workbook), shows what will be created — lanes (new ones, or the
roadmap's own), items, milestones, dependencies, owners — and adds it all as one undo step. A
plan that cannot become a roadmap (a loop of dependencies, a task ending before it starts,
thousands of tasks, XML entities) is refused in one sentence and nothing changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs
from pmdesk.gui.import_preview import read_choosing_sheet
from pmdesk.workspaces.roadmap import io_plans, io_tracker
from pmdesk.workspaces.roadmap.qt import dialogs as ask
from pmdesk.workspaces.roadmap.qt.plan_import_dialog import plural

if TYPE_CHECKING:
    from pmdesk.workspaces.roadmap.qt.page import RoadmapPage

PLAN_FILTERS = (
    "Project plans (*.gan *.xml *.csv *.xlsx);;GanttProject (*.gan);;MS Project XML (*.xml);;"
    "Tracker exports (*.csv *.xlsx);;All files (*)"
)


def choose_plan(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import Plan", folder, PLAN_FILTERS)
    return Path(name) if name else None


def import_plan_file(page: RoadmapPage, path: Path | None = None) -> bool:
    """Ask for a plan, preview it, and import it as one undo step; False when nothing changed."""
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
        window.statusBar().showMessage(f"Exported {plural(count, 'item')} to {path}", 5000)
    return path
