"""The preview a PM sees before a matrix CSV changes anything: each row, why a bad one will be
skipped, and whether to add the competitors the file names but the project lacks."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
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

from pmdesk.workspaces.competition.io import MatrixPreview


class MatrixImportDialog(QDialog):
    def __init__(self, preview: MatrixPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Import Competitive Matrix")
        self.resize(760, 460)
        summary = QLabel(f"{preview.table.describe()}. {preview.summary()}")
        summary.setWordWrap(True)
        self.rows = QTableWidget(len(preview.rows), 4)
        self.rows.setHorizontalHeaderLabels(["Line", "Criterion", "Ratings", "Status"])
        self.rows.verticalHeader().hide()
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.rows.setColumnWidth(1, 220)
        for number, row in enumerate(preview.rows):
            status = "Will be imported" if row.ok else "Skipped: " + "; ".join(row.problems)
            cells = [str(row.line), row.criterion, str(len(row.values)), status]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not row.ok:
                    item.setForeground(QBrush(QColor("#b91c1c")))
                self.rows.setItem(number, column, item)
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
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Import")
        ok.setEnabled(bool(preview.good_rows))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.add_competitors)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.preview.add_new_competitors = self.add_competitors.isChecked()
        super().accept()
