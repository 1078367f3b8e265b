"""The roadmap's context menus: a lane's (rename, colour, order, add an item, delete), a
dependency's (remove it) and the baselines' (rename, delete).

Each menu is built here and shown through :func:`popup`, so the page stays a page and a test
can choose an entry the way a person would without a nested event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from pmdesk.gui import dialogs
from pmdesk.workspaces.roadmap.model import RoadmapBaseline
from pmdesk.workspaces.roadmap.qt import dialogs as ask

if TYPE_CHECKING:
    from pmdesk.workspaces.roadmap.qt.page import RoadmapPage


def popup(menu: QMenu, where: QPoint) -> QAction | None:
    return menu.exec(where)


def lane_menu(page: RoadmapPage, lane_id: str) -> QMenu:
    lanes = page.roadmap.lanes
    lane = next(lane for lane in lanes if lane.id == lane_id)
    index = lanes.index(lane)
    menu = QMenu(page)
    menu.addAction("Add Item Here…", lambda: page.add_item_to(lane_id))
    menu.addSeparator()
    menu.addAction("Rename Lane…", lambda: rename_lane(page, lane_id))
    menu.addAction("Lane Colour…", lambda: recolour_lane(page, lane_id))
    up = menu.addAction("Move Lane Up", lambda: page.actions.move_lane(lane_id, -1))
    up.setEnabled(index > 0)
    down = menu.addAction("Move Lane Down", lambda: page.actions.move_lane(lane_id, 1))
    down.setEnabled(index < len(lanes) - 1)
    menu.addSeparator()
    menu.addAction("Delete Lane…" if _count(page, lane_id) else "Delete Lane").triggered.connect(
        lambda: delete_lane(page, lane_id)
    )
    return menu


def _count(page: RoadmapPage, lane_id: str) -> int:
    return sum(item.lane_id == lane_id for item in page.roadmap.items)


def rename_lane(page: RoadmapPage, lane_id: str) -> None:
    lane = next(lane for lane in page.roadmap.lanes if lane.id == lane_id)
    name = dialogs.ask_text(page, "Rename Lane", "New name of the lane:", lane.name)
    if name is not None:
        page.actions.update_lane(lane_id, "Rename", name=name)


def recolour_lane(page: RoadmapPage, lane_id: str) -> None:
    lane = next(lane for lane in page.roadmap.lanes if lane.id == lane_id)
    color = ask.choose_lane_colour(page, lane.color)
    if color is not None:
        page.actions.update_lane(lane_id, "Recolour", color=color)


def delete_lane(page: RoadmapPage, lane_id: str) -> None:
    """An empty lane goes at once; one with items asks where they go (Undo is there)."""
    lane = next(lane for lane in page.roadmap.lanes if lane.id == lane_id)
    count = _count(page, lane_id)
    destination: str | None = None
    if count:
        others = [(other.name, other.id) for other in page.roadmap.lanes if other.id != lane_id]
        answer = ask.where_do_items_go(page, lane.name, count, others)
        if answer is None:
            return
        destination = answer or None
    page.actions.remove_lane(lane_id, destination)


def dependency_menu(page: RoadmapPage, link_id: str) -> QMenu:
    menu = QMenu(page)
    menu.addAction("Remove Dependency", lambda: page.actions.remove_dependency(link_id))
    return menu


def baseline_menu(page: RoadmapPage, parent: QWidget) -> QMenu:
    """Rename or delete the baseline chosen in the Baseline box."""
    menu = QMenu(parent)
    chosen = page.baseline_id
    rename = menu.addAction("Rename Baseline…", lambda: rename_baseline(page))
    delete = menu.addAction("Delete Baseline", lambda: delete_baseline(page))
    read_only = page.controller.read_only
    for action in (rename, delete):
        action.setEnabled(chosen is not None and not read_only)
    return menu


def rename_baseline(page: RoadmapPage) -> None:
    baseline = next((b for b in page.roadmap.baselines if b.id == page.baseline_id), None)
    if baseline is None:
        return
    name = dialogs.ask_text(page, "Rename Baseline", "New name of the baseline:", baseline.name)
    if name is not None:
        page.actions.rename_baseline(baseline.id, name)


def delete_baseline(page: RoadmapPage) -> None:
    baseline = next((b for b in page.roadmap.baselines if b.id == page.baseline_id), None)
    if baseline is not None:
        page.actions.remove(RoadmapBaseline, [baseline.id], f"Delete baseline “{baseline.name}”")
