"""The parking lot: undated items, which a drag puts on the timeline at the day and lane where
they are dropped."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from pmdesk.workspaces.roadmap.qt.timeline import ITEM_MIME


class ParkingList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parkingLot")
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def set_draggable(self, draggable: bool) -> None:
        """A read-only project's parked items stay where they are."""
        self.setDragEnabled(draggable)

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        ids = [entry.data(Qt.ItemDataRole.UserRole) for entry in items]
        ids = [item_id for item_id in ids if item_id]
        if ids:
            data.setData(ITEM_MIME, ids[0].encode())
            data.setText(self.currentItem().text().strip() if self.currentItem() else "")
        return data
