"""The roadmap's own questions; generic ones are in ``pmdesk.gui.dialogs``."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget


def edit_roadmap_item(
    parent: QWidget, item: object, lanes: list, owners: list, check: object, goals: list = ()
) -> dict | None:
    """Edit every detail of a roadmap item; the changed fields, or None when cancelled.
    ``check`` validates before the dialog closes, so a refused edit loses nothing typed."""
    from pmdesk.workspaces.roadmap.qt.item_dialog import ItemDialog

    dialog = ItemDialog(item, lanes, owners, check, parent, goals)  # type: ignore[arg-type]
    if dialog.exec() != ItemDialog.DialogCode.Accepted:
        return None
    return dialog.changes()


def edit_roadmap_marker(
    parent: QWidget, values: dict, check: object, removable: bool
) -> dict | str | None:
    """Add or edit a date marker: its values, "delete", or None when cancelled."""
    from pmdesk.workspaces.roadmap.qt.item_dialog import MarkerDialog

    dialog = MarkerDialog(values, check, removable, parent)  # type: ignore[arg-type]
    result = dialog.exec()
    if result == MarkerDialog.DELETE:
        return "delete"
    return dialog.values() if result == MarkerDialog.DialogCode.Accepted else None


def review_plan_import(
    parent: QWidget, plan: object, file_name: str, lanes: list, outline: object
) -> tuple[str, bool] | None:
    """Preview a plan's import: (where it goes, whether to add its owners), or None."""
    from pmdesk.workspaces.roadmap.qt.plan_import_dialog import PlanImportDialog

    dialog = PlanImportDialog(plan, file_name, lanes, outline, parent)  # type: ignore[arg-type]
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choices()


def choose_lane_colour(parent: QWidget, current: str) -> str | None:
    """A colour for a lane, as #rrggbb; None when cancelled."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    chosen = QColorDialog.getColor(QColor(current), parent, "Lane Colour")
    return chosen.name() if chosen.isValid() else None


def where_do_items_go(
    parent: QWidget, lane: str, count: int, others: list[tuple[str, str]]
) -> str | None:
    """Deleting a lane that holds items: the id of the lane they move to, "" to delete them
    with it, or None when cancelled. Delete is the default button."""
    from pmdesk.workspaces.roadmap.qt.lane_dialog import LaneDeleteDialog

    dialog = LaneDeleteDialog(lane, count, others, parent)
    if dialog.exec() != LaneDeleteDialog.DialogCode.Accepted:
        return None
    return dialog.destination()
