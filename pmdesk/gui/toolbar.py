"""Rows of actions that never clip: buttons that do not fit go into a "More" menu, and hints
that do not fit are elided with their whole text as a tooltip.

At laptop sizes a row of buttons squeezed below its texts shows "ld competit" and "mport CSV.";
an :class:`OverflowRow` instead shows the buttons that fit, at full width, and offers the
others from a menu at its end, as toolbars in desktop apps do.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

MORE_TEXT = "More"


class OverflowRow(QWidget):
    """A row of buttons; those that do not fit move, in order, into a "More" menu."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QWidget] = []
        self._gaps: dict[int, int] = {}  # item index -> extra space before it
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        # The row decides its own minimum: the layout must not force the buttons' widths on it.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.more = QToolButton(self)
        self.more.setText(MORE_TEXT)
        self.more.setObjectName("overflowMore")
        self.more.setToolTip("The actions that do not fit in the window's width")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setMenu(QMenu(self.more))
        self.more.menu().aboutToShow.connect(self._fill_menu)
        self._layout.addWidget(self.more)
        self._layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._hidden: list[QWidget] = []
        self.more.hide()

    def add(self, widget: QWidget) -> None:
        self._layout.insertWidget(self._layout.count() - 2, widget)
        self._items.append(widget)
        self._fit(self.width())

    def add_spacing(self, width: int) -> None:
        """Extra room before the next widget added (dropped when it overflows)."""
        self._gaps[len(self._items)] = width

    def widgets(self) -> list[QWidget]:
        return list(self._items)

    def overflowing(self) -> list[QWidget]:
        """The widgets now offered from the menu rather than shown."""
        return list(self._hidden)

    # -- sizes -----------------------------------------------------------------------------------

    def _spacing(self) -> int:
        spacing = self._layout.spacing()
        return spacing if spacing >= 0 else 6

    def _width_of(self, count: int) -> int:
        spacing = self._spacing()
        width = 0
        for index, widget in enumerate(self._items[:count]):
            if index:
                width += spacing + self._gaps.get(index, 0)
            width += widget.sizeHint().width()
        return width

    def sizeHint(self) -> QSize:
        height = max([w.sizeHint().height() for w in self._items] + [self.more.sizeHint().height()])
        return QSize(self._width_of(len(self._items)), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.more.sizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        count = len(self._items)
        if self._width_of(count) > width:
            room = width - self.more.sizeHint().width() - self._spacing()
            while count and self._width_of(count) > room:
                count -= 1
        self._hidden = self._items[count:]
        for index, widget in enumerate(self._items):  # the row alone shows and hides them
            widget.setVisible(index < count)
        self.more.setVisible(bool(self._hidden))

    # -- the menu --------------------------------------------------------------------------------

    def _fill_menu(self) -> None:
        menu = self.more.menu()
        menu.clear()
        for widget in self._hidden:
            if not isinstance(widget, QAbstractButton):
                continue
            if isinstance(widget, QToolButton) and widget.menu() is not None:
                # A button that opens a menu (Export) offers that menu as a submenu.
                sub = menu.addMenu(widget.text())
                sub.setEnabled(widget.isEnabled())
                sub.addActions(widget.menu().actions())
                continue
            action = menu.addAction(widget.text())
            action.setEnabled(widget.isEnabled())
            action.setToolTip(widget.toolTip())
            action.triggered.connect(lambda _checked=False, button=widget: button.click())


class ElidedLabel(QLabel):
    """A one-line hint that elides when the window is narrow and keeps its text as a tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setToolTip(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        metrics = self.fontMetrics()
        shown = metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        alignment = int(self.alignment() | Qt.AlignmentFlag.AlignVCenter)
        self.style().drawItemText(
            painter, rect, alignment, self.palette(), self.isEnabled(), shown, self.foregroundRole()
        )
