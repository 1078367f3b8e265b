"""The import preview for requirements and customer inputs: the shared preview of
``pmdesk.gui.import_preview`` reading a requirements review (tags, sprints and fix versions may
take several columns, as trackers repeat them), plus the source for inputs that name none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from pmdesk.gui.import_preview import ImportPreviewDialog, PreviewRow
from pmdesk.workspaces.requirements.io import MULTI_COLUMN_FIELDS, NUMBER_FIELDS, ImportReview
from pmdesk.workspaces.requirements.model import SOURCES

PREVIEW_FIELDS = {
    "requirements": ("reference", "title", "status", "moscow", "tags", "owner"),
    "inputs": ("received_on", "quote", "stakeholder", "customer", "source", "tags"),
}


class RequirementsImportDialog(ImportPreviewDialog):
    column_widths: ClassVar[Mapping[str, int]] = {
        "title": 220,
        "quote": 260,
        "reference": 76,
        "received_on": 90,
        "reach": 110,
        "impact": 80,
        "confidence": 90,
        "effort": 80,
    }

    def __init__(self, review: ImportReview, parent: QWidget | None = None) -> None:
        self.noun = "Requirement" if review.kind == "requirements" else "Input"
        # The numbers the file gives, as they will be stored: a wrong decimal mark shows.
        numbers = tuple(key for key in NUMBER_FIELDS if review.mapping.get(key))
        base = PREVIEW_FIELDS[review.kind]
        self.preview_fields = base[:2] + numbers + base[2:]  # beside the title they belong to
        title = "Import Requirements" if review.kind == "requirements" else "Import Customer Inputs"
        super().__init__(review, title, review.fields, MULTI_COLUMN_FIELDS, parent)
        self.default_source: QComboBox | None = None
        if review.kind == "inputs":
            self.default_source = QComboBox()
            for key, shown in SOURCES.items():
                self.default_source.addItem(shown, key)
            self.default_source.setCurrentIndex(self.default_source.findData(review.default_source))
            self.default_source.currentIndexChanged.connect(self._source_changed)
            self.extra.addWidget(QLabel("Source for rows that name none:"))
            self.extra.addWidget(self.default_source)
            self.extra.addStretch(1)

    def columns_of(self, key: str) -> list[int]:
        return list(self.review.mapping.get(key, []))

    def remap(self, key: str, columns: list[int]) -> None:
        self.review.remap(key, columns)

    def cell(self, row: PreviewRow, key: str) -> str:
        if key == "tags" and row.values.get("tags"):
            # What the tags will be, with the tracker fields kept as tags ("sprint:…").
            return str(row.values["tags"])
        return super().cell(row, key)

    def _source_changed(self) -> None:
        assert self.default_source is not None
        self.review.set_default_source(self.default_source.currentData())
        self.show_preview()
