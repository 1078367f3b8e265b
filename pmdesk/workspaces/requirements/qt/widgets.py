"""Small widgets the Requirements views share."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme


def section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    label.setStyleSheet(theme.css("font-weight: 600; color: #344054; padding-top: 6px;"))
    return label


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(theme.css("color: #667085;"))
    return label


@dataclass(frozen=True)
class LinkEntry:
    record_id: str
    html: str  # the entry itself, already escaped
    actions: tuple[tuple[str, str], ...] = ()  # (action key, link text)


class LinkList(QWidget):
    """A short list of linked records, each with its own action links ("Show", "Unlink").

    Labels wrap long quotes to the panel's width, which a list widget does not do well.
    """

    activated = Signal(str, str)  # action key, record id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.entries: list[LinkEntry] = []

    def set_entries(self, entries: list[LinkEntry]) -> None:
        while self._layout.count():
            widget = self._layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.entries = entries
        for entry in entries:
            links = " · ".join(
                f"<a href='{key}:{entry.record_id}'>{text}</a>" for key, text in entry.actions
            )
            label = QLabel(theme.rich(f"{entry.html}<br>{links}" if links else entry.html))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            label.setStyleSheet(
                theme.css(
                    "background: white; border: 1px solid #e4e7ec; border-radius: 4px;"
                    " padding: 6px;"
                )
            )
            label.linkActivated.connect(self._activated)
            self._layout.addWidget(label)
        self.setVisible(bool(entries))

    def _activated(self, target: str) -> None:
        key, _, record_id = target.partition(":")
        self.activated.emit(key, record_id)


def add_column_menu(table: QTableView) -> None:
    """Right-click on the header shows or hides columns; a PM picks what fits the screen."""
    header = table.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for action in header.actions():
        header.removeAction(action)
    model = table.model()
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        action = QAction(str(title), header)
        action.setCheckable(True)
        action.setChecked(not table.isColumnHidden(column))
        action.toggled.connect(lambda on, c=column: table.setColumnHidden(c, not on))
        header.addAction(action)


def sync_column_menu(table: QTableView) -> None:
    """Tick the header menu's entries after columns were shown or hidden in code."""
    for column, action in enumerate(table.horizontalHeader().actions()):
        action.blockSignals(True)
        action.setChecked(not table.isColumnHidden(column))
        action.blockSignals(False)


def narrow_combo(combo: QComboBox, characters: int = 12) -> None:
    """Let a list of long names shrink with its panel; the open list still shows them whole."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)


def table_beside_detail(table: QWidget, detail: QWidget) -> QSplitter:
    """A list on the left and the selected record's detail panel, scrolling, on the right."""
    scroll = QScrollArea()
    scroll.setWidget(detail)
    scroll.setWidgetResizable(True)
    scroll.setMinimumWidth(310)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    splitter = QSplitter()
    splitter.addWidget(table)
    splitter.addWidget(scroll)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([1040, 320])
    return splitter
