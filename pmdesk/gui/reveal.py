"""Showing one record in its workspace, as Find jumps to it.

Every page has ``reveal(kind, record_id) -> bool``: given a record's table and id it brings the
record into view (switching to the tab that shows it, selecting it, scrolling to it, opening it
in a detail panel where there is one) and says whether it could. A page that has no view of a
kind says False, and the window asks it for the record that kind belongs to (a check-in's key
result). The helpers here are what pages share to do it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGraphicsItem,
    QGraphicsView,
    QListWidget,
    QWidget,
)

USER_ROLE = Qt.ItemDataRole.UserRole


class Revealing(Protocol):
    """What every workspace page offers Find (``tests/test_registry.py`` checks it has it)."""

    def reveal(self, kind: str, record_id: str) -> bool: ...


def reveal(page: QWidget, targets: tuple[tuple[str, str], ...]) -> bool:
    """Ask ``page`` to show the first of ``targets`` (kind, id) it can, nearest first."""
    method = getattr(page, "reveal", None)
    if method is None:
        return False
    return any(method(kind, record_id) for kind, record_id in targets)


def select_list_item(widget: QListWidget, value: object, role: int = USER_ROLE) -> bool:
    """Make the entry holding ``value`` current and scroll to it."""
    for row in range(widget.count()):
        item = widget.item(row)
        if item.data(role) == value:
            widget.setCurrentItem(item)
            widget.scrollToItem(item)
            return True
    return False


def select_combo_item(combo: QComboBox, value: object) -> bool:
    """Choose the entry holding ``value``, as the user's pick would (``activated`` is sent)."""
    index = combo.findData(value)
    if index < 0:
        return False
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    return True


def select_index(view: QAbstractItemView, index: QModelIndex) -> bool:
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    if view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows:
        flags |= QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(index, flags)
    view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
    return True


def select_scene_item(view: QGraphicsView, matches: Callable[[QGraphicsItem], Any]) -> bool:
    """Select the one scene item ``matches`` accepts, alone, and centre the view on it."""
    scene = view.scene()
    if scene is None:
        return False
    chosen = next((item for item in scene.items() if matches(item)), None)
    if chosen is None:
        return False
    scene.clearSelection()
    chosen.setSelected(True)
    view.centerOn(chosen)
    return True
