"""The CSV import preview: choose which column feeds which field, see every row with its
problems, and import the good rows only when the PM says so."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.interchange.csv_table import Preview
from pmdesk.workspaces.stakeholders.io import FIELDS, ImportReview

AnyIndex = QModelIndex | QPersistentModelIndex
NOT_IMPORTED = "— not imported —"
BAD_ROW = QColor("#fdecea")
PREVIEW_FIELDS = ("name", "role", "department", "influence", "interest", "attitude")


class PreviewModel(QAbstractTableModel):
    """Rows of the file: line, status (OK or the reasons), then the main fields as read."""

    def __init__(self, preview: Preview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preview = preview
        self._labels = {spec.key: spec.label for spec in FIELDS}

    def set_preview(self, preview: Preview) -> None:
        self.beginResetModel()
        self._preview = preview
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._preview.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(PREVIEW_FIELDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return "Line"
        if section == 1:
            return "Status"
        if 2 <= section < 2 + len(PREVIEW_FIELDS):
            return self._labels[PREVIEW_FIELDS[section - 2]]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._preview.rows):
            return None
        row = self._preview.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(row.line)
            if column == 1:
                return "; ".join(row.problems) if row.problems else "OK"
            return row.raw.get(PREVIEW_FIELDS[column - 2], "")
        if role == Qt.ItemDataRole.BackgroundRole and not row.ok:
            return QBrush(BAD_ROW)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor("#b42318" if row.problems else "#1b7f4c"))
        return None


class ImportPreviewDialog(QDialog):
    def __init__(self, review: ImportReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.setWindowTitle("Import Stakeholders")
        self.resize(980, 640)
        source = QLabel(f"<b>{review.source}</b> — {review.table.describe()}")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.mapping_boxes: dict[str, QComboBox] = {}
        mapping = QGroupBox("Columns")
        grid = QGridLayout(mapping)
        for position, spec in enumerate(FIELDS):
            combo = QComboBox()
            combo.addItem(NOT_IMPORTED, -1)
            for column, header in enumerate(review.table.headers):
                combo.addItem(header or f"Column {column + 1}", column)
            chosen = review.mapping.get(spec.key)
            combo.setCurrentIndex(combo.findData(-1 if chosen is None else chosen))
            combo.currentIndexChanged.connect(lambda _i, key=spec.key: self._remapped(key))
            caption = QLabel(spec.label + (" *" if spec.required else ""))
            caption.setBuddy(combo)
            row, pair = divmod(position, 3)
            grid.addWidget(caption, row, pair * 2)
            grid.addWidget(combo, row, pair * 2 + 1)
            self.mapping_boxes[spec.key] = combo
        self.model = PreviewModel(review.preview, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setColumnWidth(0, 48)
        self.table.setColumnWidth(1, 380)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(source)
        layout.addWidget(mapping)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._show_preview()

    @property
    def import_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _remapped(self, key: str) -> None:
        column = self.mapping_boxes[key].currentData()
        self.review.remap(key, None if column == -1 else column)
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.review.preview
        self.model.set_preview(preview)
        self.table.resizeRowsToContents()  # every reason readable in full, not just a tooltip
        self.summary.setText(preview.summary())
        good = len(preview.good_rows)
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        button.setText(f"Import {good} Stakeholder{'s' if good != 1 else ''}")
        button.setEnabled(preview.can_import)
