"""The check-in import preview: the shared preview of ``pmdesk.gui.import_preview`` reading a
check-in review (one column per field: date, value, note, source)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from PySide6.QtWidgets import QWidget

from pmdesk.gui.import_preview import ImportPreviewDialog as SharedPreview
from pmdesk.workspaces.goals.io import CHECK_IN_FIELDS, CheckInReview


class CheckInImportDialog(SharedPreview):
    noun = "Check-in"
    preview_fields = ("on_date", "value", "note", "source")
    column_widths: ClassVar[Mapping[str, int]] = {"on_date": 110, "value": 90, "note": 260}

    def __init__(self, review: CheckInReview, title: str, parent: QWidget | None = None) -> None:
        super().__init__(review, title, CHECK_IN_FIELDS, parent=parent)

    def columns_of(self, key: str) -> list[int]:
        column = self.review.mapping.get(key)
        return [] if column is None else [column]

    def remap(self, key: str, columns: list[int]) -> None:
        self.review.remap(key, columns[0] if columns else None)
