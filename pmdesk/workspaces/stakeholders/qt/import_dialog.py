"""The stakeholder import preview: the shared preview of ``pmdesk.gui.import_preview`` reading
a stakeholders review (one column per field, influence, interest and attitude value-mapped)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from PySide6.QtWidgets import QWidget

from pmdesk.gui.import_preview import ImportPreviewDialog as SharedPreview
from pmdesk.gui.import_preview import PreviewRow
from pmdesk.workspaces.stakeholders.io import FIELDS, ImportReview


class ImportPreviewDialog(SharedPreview):
    noun = "Stakeholder"
    preview_fields = ("name", "role", "department", "influence", "interest", "attitude")
    column_widths: ClassVar[Mapping[str, int]] = {"name": 170, "influence": 110, "interest": 110}

    def __init__(self, review: ImportReview, parent: QWidget | None = None) -> None:
        super().__init__(review, "Import Stakeholders", FIELDS, parent=parent)

    @property
    def mapping_boxes(self) -> dict:
        return self.single

    def columns_of(self, key: str) -> list[int]:
        column = self.review.mapping.get(key)
        return [] if column is None else [column]

    def remap(self, key: str, columns: list[int]) -> None:
        self.review.remap(key, columns[0] if columns else None)

    def rows(self) -> Sequence[PreviewRow]:
        return self.review.preview.rows

    def summary_text(self) -> str:
        return self.review.summary()
