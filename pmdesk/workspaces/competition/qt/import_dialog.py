"""The preview a PM sees before a matrix CSV changes anything: each row, why a bad one will be
skipped, and whether to add the competitors the file names but the project lacks."""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.values import NumberFormat
from pmdesk.gui import theme
from pmdesk.gui.import_preview import NumberFormatChoice, ValueMappingTable
from pmdesk.workspaces.competition.io import DEFAULT_CATEGORY, MatrixPreview
from pmdesk.workspaces.competition.model import RATING_KINDS


class MatrixImportDialog(QDialog):
    def __init__(self, preview: MatrixPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Import Competitive Matrix")
        self.resize(760, 460)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rows = QTableWidget(len(preview.rows), 7)
        headers = ["Line", "Category", "Criterion", "Rated as", "Weight", "Ratings", "Status"]
        self.rows.setHorizontalHeaderLabels(headers)
        self.rows.verticalHeader().hide()
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.rows.setColumnWidth(0, 44)
        self.rows.setColumnWidth(1, 120)
        self.rows.setColumnWidth(2, 220)
        self.rows.setColumnWidth(3, 110)
        self.rows.setColumnWidth(4, 60)
        self.rows.setColumnWidth(5, 60)
        # How the file writes its numbers (weights, scores, prices), changeable.
        self.numbers = NumberFormatChoice(preview.numbers)
        self.numbers.chosen.connect(self._numbers_chosen)
        # Yes/no words of the file ("✓", "Y", "partly") and what each becomes, changeable.
        self.values = ValueMappingTable()
        self.values.set_maps(list(preview.value_maps.values()))
        self.values.value_chosen.connect(self._value_chosen)
        self.values.setVisible(bool(self.values.boxes))
        self.values.setMaximumHeight(180)
        self.add_competitors = QCheckBox()
        if preview.new_competitors:
            names = ", ".join(preview.new_competitors)
            self.add_competitors.setText(f"Add the competitors not in the project yet: {names}")
            self.add_competitors.setChecked(preview.add_new_competitors)
        else:
            self.add_competitors.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.numbers)
        layout.addWidget(self.values)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.add_competitors)
        layout.addWidget(buttons)
        self._show_rows()

    def _show_rows(self) -> None:
        preview = self.preview
        self.summary.setText(f"{preview.table.describe()}. {preview.summary()}")
        for number, row in enumerate(preview.rows):
            status = "Will be imported" if row.ok else "Skipped: " + "; ".join(row.problems)
            kind = RATING_KINDS.get(row.kind, row.kind)
            category = row.category or DEFAULT_CATEGORY
            weight = "" if row.weight is None else f"{row.weight:g}"
            cells = [
                str(row.line),
                category,
                row.criterion,
                kind,
                weight,
                str(len(row.values)),
                status,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not row.ok:
                    item.setForeground(QBrush(theme.ink("#b91c1c")))
                self.rows.setItem(number, column, item)
        self.ok.setEnabled(bool(preview.good_rows))

    def _value_chosen(self, key: str, text: str, value: str) -> None:
        self.preview.choose_value(key, text, value or None)
        self._show_rows()

    def _numbers_chosen(self, number_format: NumberFormat) -> None:
        self.preview.set_number_format(number_format)
        self._show_rows()

    def accept(self) -> None:
        self.preview.add_new_competitors = self.add_competitors.isChecked()
        self.preview.remember()  # the yes/no choices, for the next matrix of this kind
        super().accept()
