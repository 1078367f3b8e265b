"""The CSV import preview for requirements and customer inputs: which column fills which field
(tags may take several columns, as trackers repeat "Labels"), every row with its problems, and
an import of the good rows only when the PM confirms."""

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
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.workspaces.requirements.io import MULTI_COLUMN_FIELDS, ImportPreview, ImportReview
from pmdesk.workspaces.requirements.model import MOSCOW, SOURCES, STATUSES

AnyIndex = QModelIndex | QPersistentModelIndex
NOT_IMPORTED = "— not imported —"
BAD_ROW = QColor("#fdecea")
PREVIEW_FIELDS = {
    "requirements": ("reference", "title", "status", "moscow", "tags", "owner"),
    "inputs": ("received_on", "quote", "stakeholder", "customer", "source", "tags"),
}


class PreviewModel(QAbstractTableModel):
    """Rows of the file: line, status (OK or the reasons), then the main fields as read."""

    def __init__(self, preview: ImportPreview, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preview = preview
        self._fields = PREVIEW_FIELDS[preview.kind]
        self._labels = {spec.key: spec.label for spec in preview.fields}

    def set_preview(self, preview: ImportPreview) -> None:
        self.beginResetModel()
        self._preview = preview
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._preview.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(self._fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return "Line"
        if section == 1:
            return "Result"
        if 2 <= section < 2 + len(self._fields):
            return self._labels[self._fields[section - 2]]
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
            return _cell(row.raw, row.values, self._fields[column - 2])
        if role == Qt.ItemDataRole.BackgroundRole and not row.ok:
            return QBrush(BAD_ROW)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor("#b42318" if row.problems else "#067647"))
        return None


_WORDS = {"status": STATUSES, "moscow": MOSCOW, "source": SOURCES}


def _cell(raw: dict[str, str], values: dict[str, Any], key: str) -> str:
    """The text as read, and what it becomes where PM Desk translates it ("High → Should")."""
    text = raw.get(key, "")
    if key in _WORDS and key in values:
        shown = _WORDS[key].get(values[key], values[key])
        return shown if not text or text.lower() == shown.lower() else f"{text} → {shown}"
    return text


class RequirementsImportDialog(QDialog):
    def __init__(self, review: ImportReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = review
        noun = "Requirements" if review.kind == "requirements" else "Customer Inputs"
        self.setWindowTitle(f"Import {noun}")
        self.resize(1040, 680)
        source = QLabel(f"<b>{review.source}</b> — {review.table.describe()}")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.single: dict[str, QComboBox] = {}
        self.multi: dict[str, QListWidget] = {}

        mapping = QGroupBox("Which column fills which field (* must be filled)")
        grid = QGridLayout(mapping)
        headers = review.table.headers
        for position, spec in enumerate(review.fields):
            caption = QLabel(spec.label + (" *" if spec.required else ""))
            chosen = review.mapping.get(spec.key, [])
            if spec.key in MULTI_COLUMN_FIELDS:
                columns = QListWidget()
                columns.setMaximumHeight(86)
                for index, header in enumerate(headers):
                    item = QListWidgetItem(f"{header or 'Column'} (column {index + 1})")
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    checked = index in chosen
                    item.setCheckState(
                        Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    )
                    columns.addItem(item)
                columns.itemChanged.connect(lambda _item, key=spec.key: self._remapped(key))
                if chosen:  # show the first ticked column, not the top of the list
                    columns.scrollToItem(columns.item(chosen[0]))
                columns.setToolTip("Every ticked column adds its values as tags.")
                self.multi[spec.key] = columns
                widget: QWidget = columns
            else:
                combo = QComboBox()
                combo.addItem(NOT_IMPORTED, -1)
                for index, header in enumerate(headers):
                    combo.addItem(header or f"Column {index + 1}", index)
                combo.setCurrentIndex(combo.findData(chosen[0] if chosen else -1))
                combo.currentIndexChanged.connect(lambda _i, key=spec.key: self._remapped(key))
                self.single[spec.key] = combo
                widget = combo
            caption.setBuddy(widget)
            row, pair = divmod(position, 3)
            grid.addWidget(caption, row, pair * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, pair * 2 + 1)

        self.default_source: QComboBox | None = None
        extra = QHBoxLayout()
        if review.kind == "inputs":
            self.default_source = QComboBox()
            for key, shown in SOURCES.items():
                self.default_source.addItem(shown, key)
            self.default_source.setCurrentIndex(self.default_source.findData(review.default_source))
            self.default_source.currentIndexChanged.connect(self._source_changed)
            extra.addWidget(QLabel("Source for rows that name none:"))
            extra.addWidget(self.default_source)
            extra.addStretch(1)

        self.model = PreviewModel(review.preview, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setColumnWidth(0, 44)
        self.table.setColumnWidth(1, 250)
        for column in range(2, self.model.columnCount()):
            key = PREVIEW_FIELDS[review.kind][column - 2]
            width = {"title": 220, "quote": 260, "reference": 76, "received_on": 90}.get(key, 150)
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(source)
        layout.addWidget(mapping)
        layout.addLayout(extra)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._show_preview()

    @property
    def import_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _remapped(self, key: str) -> None:
        if key in self.multi:
            view = self.multi[key]
            columns = [
                index
                for index in range(view.count())
                if view.item(index).checkState() == Qt.CheckState.Checked
            ]
        else:
            column = self.single[key].currentData()
            columns = [] if column == -1 else [column]
        self.review.remap(key, columns)
        self._show_preview()

    def _source_changed(self) -> None:
        assert self.default_source is not None
        self.review.set_default_source(self.default_source.currentData())
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.review.preview
        self.model.set_preview(preview)
        self.summary.setText(preview.summary())
        colour = "#b42318" if preview.missing else "#344054"
        self.summary.setStyleSheet(f"color: {colour}; font-weight: 600;")
        good = len(preview.good_rows)
        noun = "Requirement" if preview.kind == "requirements" else "Input"
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        button.setText(f"Import {good} {noun}{'s' if good != 1 else ''}")
        button.setEnabled(bool(good))
