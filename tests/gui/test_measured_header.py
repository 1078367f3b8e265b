"""A header that measures a few sections for its size (the canvas table's, the matrix's): the
size is Qt's own."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHeaderView

from pmdesk.gui.measured_header import MeasuredHeader

SECTIONS = 260  # more than Qt measures (its first and last hundred)


class Labels(QAbstractTableModel):
    """Headers of mixed looks: short and long names, two lines, a swatch, a bigger font."""

    def __init__(self) -> None:
        super().__init__()
        self.names = [f"Curve {n}" for n in range(SECTIONS)]
        self.names[5] = "A rather long curve name"
        self.names[7] = "Two\nlines"
        self.names[SECTIONS - 3] = "The longest name of them all, near the end"

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else SECTIONS

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else SECTIONS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.names[section]
        if role == Qt.ItemDataRole.DecorationRole and section % 3 == 0:
            return QColor("#2563eb")
        if role == Qt.ItemDataRole.FontRole and section == 150:
            font = QFont()
            font.setPixelSize(22)
            return font
        return None

    def rename(self, section: int, name: str) -> None:
        self.names[section] = name
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, section, section)


@pytest.mark.parametrize("orientation", [Qt.Orientation.Horizontal, Qt.Orientation.Vertical])
def test_the_measured_size_is_the_size_qt_measures(qtbot, orientation):
    model = Labels()
    header = MeasuredHeader(orientation)
    qtbot.addWidget(header)
    header.setModel(model)
    assert header.sizeHint() == QHeaderView.sizeHint(header)
    header.hideSection(SECTIONS - 3)  # hidden sections are not measured, as in Qt
    header.hideSection(7)
    assert header.sizeHint() == QHeaderView.sizeHint(header)
    header.showSection(7)  # one shown again, another hidden: as many hidden as before
    header.hideSection(8)
    assert header.sizeHint() == QHeaderView.sizeHint(header)


def test_a_renamed_section_or_a_new_font_is_measured_again(qtbot):
    model = Labels()
    header = MeasuredHeader(Qt.Orientation.Horizontal)
    qtbot.addWidget(header)
    header.setModel(model)
    before = header.sizeHint()
    model.rename(1, "A name far longer than any other name on this header, by a long way")
    assert header.sizeHint().width() > before.width()
    assert header.sizeHint() == QHeaderView.sizeHint(header)
    font = QFont(header.font())
    font.setPixelSize(30)
    header.setFont(font)
    assert header.sizeHint().height() > before.height()
    assert header.sizeHint() == QHeaderView.sizeHint(header)
