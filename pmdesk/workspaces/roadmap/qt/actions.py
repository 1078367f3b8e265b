"""Every roadmap edit the views offer, as one undoable command each.

Views call these; each validates through the domain, goes through ``controller.edit`` and so
lands on the undo stack, and the controller's ``changed`` signal tells every view to refresh.
The controller refuses every edit of a read-only project and names what an edit touched from
what it wrote, so nothing here checks for read-only or lists kinds of record.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from pmdesk.domain import records
from pmdesk.domain.base import Record
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.roadmap import edit
from pmdesk.workspaces.roadmap.baselines import rename_baseline, save_baseline
from pmdesk.workspaces.roadmap.links import add_dependency, remove_dependency, restore_dependency
from pmdesk.workspaces.roadmap.model import (
    RoadmapBaseline,
    RoadmapDependency,
    RoadmapItem,
    RoadmapLane,
    RoadmapMarker,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pmdesk.workspaces.roadmap.io_plans import Plan, PlanImport


class RoadmapActions:
    def __init__(self, controller: DocumentController) -> None:
        self.controller = controller

    @property
    def session(self) -> Session:
        return self.controller.session

    def move_item(self, item_id: str, start: date | None, end: date | None) -> bool:
        """A drag or a resize: one undo step that writes one row."""
        session = self.session
        item = records.get(session, RoadmapItem, item_id)
        before = (item.start, item.end)
        verb = (
            "Move" if before[0] and start and (end - start) == (before[1] - before[0]) else "Resize"
        )
        if item.kind == "milestone":
            verb = "Move"
        return self.controller.edit(
            f"{verb} “{item.title}”",
            lambda: edit.set_item_dates(session, item_id, start, end),
            lambda: edit.set_item_dates(session, item_id, *before),
        )

    def set_item_fields(self, item_id: str, label: str, **values: Any) -> bool:
        session = self.session
        item = records.get(session, RoadmapItem, item_id)
        previous = {name: getattr(item, name) for name in values}
        if all(previous[name] == value for name, value in values.items()):
            return True
        return self.controller.edit(
            f"Change {label} of “{item.title}”",
            lambda: edit.update_item(session, item_id, **values),
            lambda: records.set_fields(session, RoadmapItem, item_id, **previous),
        )

    def toggle_lane(self, lane_id: str) -> bool:
        """Collapse or expand a lane (an edit of the lane, so it is saved and undoable)."""
        session = self.session
        lane = records.get(session, RoadmapLane, lane_id)
        state = lane.collapsed
        return self.controller.edit(
            f"{'Expand' if state else 'Collapse'} “{lane.name}”",
            lambda: edit.update_lane(session, lane_id, collapsed=not state),
            lambda: edit.update_lane(session, lane_id, collapsed=state),
        )

    def add_lane(self, name: str) -> bool:
        return self._add(
            f"Add lane “{name.strip()}”",
            lambda: edit.add_lane(self.session, name),
            RoadmapLane,
        )

    def add_item(self, lane_id: str, title: str, **values: Any) -> bool:
        return self._add(
            f"Add “{title.strip()}”",
            lambda: edit.add_item(self.session, lane_id, title, **values),
            RoadmapItem,
        )

    def add_dependency(self, predecessor_id: str, successor_id: str) -> bool:
        return self._add(
            "Add dependency",
            lambda: add_dependency(self.session, predecessor_id, successor_id),
            RoadmapDependency,
        )

    def add_marker(self, values: dict[str, Any]) -> bool:
        return self._add(
            f"Add marker “{str(values.get('name', '')).strip()}”",
            lambda: edit.add_marker(self.session, **values),
            RoadmapMarker,
        )

    def update_marker(self, marker_id: str, values: dict[str, Any]) -> bool:
        session = self.session
        marker = records.get(session, RoadmapMarker, marker_id)
        previous = {name: getattr(marker, name) for name in values}
        return self.controller.edit(
            f"Change marker “{marker.name}”",
            lambda: edit.update_marker(session, marker_id, **values),
            lambda: records.set_fields(session, RoadmapMarker, marker_id, **previous),
        )

    def save_baseline(self, name: str) -> bool:
        return self._add(
            f"Save baseline “{name.strip()}”",
            lambda: save_baseline(self.session, name),
            RoadmapBaseline,
        )

    def remove(self, model: type[Record], ids: list[str], text: str) -> bool:
        if not ids:
            return False
        session = self.session
        taken: list[records.Removal] = []

        def redo() -> None:
            taken[:] = [records.remove(session, model, ids)]

        return self.controller.edit(
            text,
            redo,
            lambda: records.restore(session, taken[0]),
        )

    def set_fiscal_start(self, month: int) -> bool:
        session = self.session
        before = edit.fiscal_year_start(session)
        if before == month:
            return True
        return self.controller.edit(
            "Change fiscal-year start",
            lambda: edit.set_fiscal_year_start(session, month),
            lambda: edit.set_fiscal_year_start(session, before),
        )

    # -- lanes, dependencies and baselines, one by one --------------------------------------------

    def move_item_to_lane(
        self, item_id: str, lane_id: str, start: date | None, end: date | None
    ) -> bool:
        """A bar dragged to another lane, or a parked item dropped on the timeline: the lane
        and the dates change in one undo step."""
        session = self.session
        item = records.get(session, RoadmapItem, item_id)
        previous = {"lane_id": item.lane_id, "start": item.start, "end": item.end}
        lane = records.get(session, RoadmapLane, lane_id)
        verb = "Schedule" if item.start is None else "Move"
        return self.controller.edit(
            f"{verb} “{item.title}” to “{lane.name}”",
            lambda: edit.update_item(session, item_id, lane_id=lane_id, start=start, end=end),
            lambda: records.set_fields(session, RoadmapItem, item_id, **previous),
        )

    def update_lane(self, lane_id: str, label: str, **values: Any) -> bool:
        """Rename or recolour a lane."""
        session = self.session
        lane = records.get(session, RoadmapLane, lane_id)
        previous = {name: getattr(lane, name) for name in values}
        if all(previous[name] == value for name, value in values.items()):
            return True
        return self.controller.edit(
            f"{label} lane “{lane.name}”",
            lambda: edit.update_lane(session, lane_id, **values),
            lambda: records.set_fields(session, RoadmapLane, lane_id, **previous),
        )

    def move_lane(self, lane_id: str, step: int) -> bool:
        """Move a lane ``step`` places up (negative) or down; nothing at either end."""
        session = self.session
        order = edit.lane_ids_in_order(session)
        index = order.index(lane_id)
        target = index + step
        if not 0 <= target < len(order):
            return False
        new = list(order)
        new.insert(target, new.pop(index))
        lane = records.get(session, RoadmapLane, lane_id)
        return self.controller.edit(
            f"Move lane “{lane.name}” {'up' if step < 0 else 'down'}",
            lambda: edit.set_lane_order(session, new),
            lambda: edit.set_lane_order(session, order),
        )

    def remove_lane(self, lane_id: str, move_items_to: str | None) -> bool:
        """Delete a lane; its items move to ``move_items_to`` first, or go with it (None).
        Undo brings back the lane, its items and their links as they were."""
        session = self.session
        lane = records.get(session, RoadmapLane, lane_id)
        moved: list[str] = []
        taken: list[records.Removal] = []

        def redo() -> None:
            if move_items_to is not None:
                moved[:] = edit.move_lane_items(session, lane_id, move_items_to)
            taken[:] = [records.remove(session, RoadmapLane, [lane_id])]

        def undo() -> None:
            records.restore(session, taken[0])
            edit.set_items_lane(session, moved, lane_id)

        return self.controller.edit(f"Delete lane “{lane.name}”", redo, undo)

    def remove_dependency(self, link_id: str) -> bool:
        session = self.session
        link = records.get(session, RoadmapDependency, link_id)
        pair = (link.predecessor_id, link.successor_id)
        return self.controller.edit(
            "Remove dependency",
            lambda: remove_dependency(session, link_id),
            lambda: restore_dependency(session, link_id, *pair),
        )

    def rename_baseline(self, baseline_id: str, name: str) -> bool:
        session = self.session
        before = records.get(session, RoadmapBaseline, baseline_id).name
        if before == name.strip():
            return True
        return self.controller.edit(
            f"Rename baseline “{before}”",
            lambda: rename_baseline(session, baseline_id, name),
            lambda: rename_baseline(session, baseline_id, before),
        )

    def _add(self, text: str, create: Callable[[], str], model: type[Record]) -> bool:
        """Add a record; undo removes it (with whatever it brought along), redo puts it back."""
        session = self.session
        created: list[str] = []
        taken: list[records.Removal] = []

        def redo() -> None:
            if taken:
                records.restore(session, taken.pop())
            else:
                created.append(create())

        def undo() -> None:
            taken.append(records.remove(session, model, created))

        return self.controller.edit(text, redo, undo)

    def import_plan(self, plan: Plan, into: str, add_owners: bool, file_name: str) -> bool:
        """A plan's lanes, items, dependencies (and new owners) as one undo step."""
        from pmdesk.workspaces.roadmap import io_plans  # with the first import, not the page

        session = self.session
        done: list[PlanImport] = []

        def redo() -> None:
            done[:] = [io_plans.import_plan(session, plan, into, add_owners=add_owners)]

        return self.controller.edit(
            f"Import {file_name}", redo, lambda: io_plans.undo_plan_import(session, done[0])
        )
