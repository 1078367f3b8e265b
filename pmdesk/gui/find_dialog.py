"""Edit › Find: type a few letters, see every matching record of every workspace, jump to one.

The words come from :mod:`pmdesk.interchange.find`, folded once into an index that is built on
the first search and thrown away when the project changes; each key typed then searches
memory. Results are grouped under their workspace's title, each with the words that matched.
Enter (or a double-click) jumps: the window shows the workspace, the page reveals the record.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.workspaces import WORKSPACES
from pmdesk.interchange.find import MAX_HITS, FindIndex, Found, Hit

HIT_ROLE = Qt.ItemDataRole.UserRole
TYPING_PAUSE_MS = 90  # a search per pause in typing, not per key, when typing fast
TITLES = {workspace.key: workspace.title for workspace in WORKSPACES}


class FindDialog(QDialog):
    """The find window. ``chosen`` carries the hit the PM jumps to."""

    chosen = Signal(object)

    def __init__(
        self, controller: Callable[[], DocumentController | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find")
        self.setObjectName("findDialog")
        self._controller = controller
        self._index: FindIndex | None = None
        self._indexed: DocumentController | None = None
        self.query = QLineEdit()
        self.query.setObjectName("findQuery")
        self.query.setPlaceholderText("Find in every workspace: names, notes, quotes…")
        self.query.setClearButtonEnabled(True)
        self.status = QLabel()
        self.status.setObjectName("findStatus")
        self.status.setWordWrap(True)
        self.results = QListWidget()
        self.results.setObjectName("findResults")
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(False)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.resize(620, 460)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.search_now)
        self.query.textChanged.connect(lambda _text: self._pause.start())
        self.query.installEventFilter(self)
        self._show_status("Type to find records in every workspace.")

    # -- searching -----------------------------------------------------------------------------

    def open_find(self) -> None:
        """Show the window with the last search selected, ready to type over."""
        self.show()
        self.activateWindow()
        self.query.setFocus()
        self.query.selectAll()
        if self.query.text():
            self.search_now()

    def search_now(self) -> None:
        self._pause.stop()
        text = self.query.text()
        index = self._current_index()
        found = index.search(text) if index is not None else Found((), False)
        self._fill(found)
        if not text.strip():
            self._show_status("Type to find records in every workspace.")
        elif not found.hits:
            self._show_status(f"Nothing matches “{_shown(text)}”.")
        elif found.more:
            self._show_status(
                f"More than {MAX_HITS} records match “{_shown(text)}”: "
                "type more to narrow the list."
            )
        else:
            count = len(found.hits)
            self._show_status(f"{count} record{'s' if count != 1 else ''} match.")

    def _current_index(self) -> FindIndex | None:
        controller = self._controller()
        if controller is None:
            return None
        if controller is not self._indexed or self._index is None:
            if self._indexed is not None:
                _disconnect(self._indexed.changed, self._project_changed)
            controller.changed.connect(self._project_changed)
            self._indexed = controller
            self._index = FindIndex.build(controller.session)
        return self._index

    def _project_changed(self, _change: Change) -> None:
        self._index = None  # rebuilt at the next search, once, however many edits came
        if self.isVisible() and self.query.text().strip():
            self._pause.start()

    def _fill(self, found: Found) -> None:
        self.results.clear()
        workspace = None
        for hit in found.hits:
            if hit.workspace != workspace:
                workspace = hit.workspace
                heading = QListWidgetItem(TITLES.get(workspace, workspace))
                heading.setFlags(Qt.ItemFlag.NoItemFlags)
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                self.results.addItem(heading)
            entry = QListWidgetItem(hit.label)
            entry.setData(HIT_ROLE, hit)
            within = f" ({hit.within})" if hit.within else ""
            entry.setToolTip(f"{hit.singular.capitalize()}: {hit.label}{within}")
            self.results.addItem(entry)
        first = next(
            (
                self.results.item(row)
                for row in range(self.results.count())
                if _is_hit(self.results.item(row))
            ),
            None,
        )
        if first is not None:
            self.results.setCurrentItem(first)

    def _show_status(self, text: str) -> None:
        self.status.setText(text)

    # -- jumping -------------------------------------------------------------------------------

    def current_hit(self) -> Hit | None:
        item = self.results.currentItem()
        return item.data(HIT_ROLE) if item is not None and _is_hit(item) else None

    def jump(self) -> bool:
        """Go to the chosen record (the first one when none is chosen)."""
        if self._pause.isActive():
            self.search_now()
        hit = self.current_hit()
        if hit is None:
            return False
        self.hide()
        self.chosen.emit(hit)
        return True

    def _activated(self, item: QListWidgetItem) -> None:
        if _is_hit(item):
            self.results.setCurrentItem(item)
            self.jump()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down move through the results while the typing stays in the field."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.jump()
                return True
        return super().eventFilter(watched, event)

    def _step(self, step: int) -> None:
        rows = [row for row in range(self.results.count()) if _is_hit(self.results.item(row))]
        if not rows:
            return
        current = self.results.currentRow()
        after = [row for row in rows if (row > current if step > 0 else row < current)]
        target = (after[0] if step > 0 else after[-1]) if after else current
        self.results.setCurrentRow(target)


class HitDelegate(QStyledItemDelegate):
    """A hit on two lines: its name, then where the words matched, the match in bold."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        line = QFontMetrics(option.font).lineSpacing()  # type: ignore[attr-defined]
        hit: Hit | None = index.data(HIT_ROLE)
        if hit is None:
            return QSize(size.width(), line + 12)  # a heading, with air above it
        lines = 2 if hit.field else 1
        return QSize(size.width(), lines * line + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit: Hit | None = index.data(HIT_ROLE)
        if hit is None:
            self._paint_heading(painter, option, index)
            return
        painter.save()
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        strong = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        quiet = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        plain = QFont(option.font)  # type: ignore[attr-defined]
        bold = QFont(plain)
        bold.setBold(True)
        rect = option.rect.adjusted(16, 4, -8, -4)  # type: ignore[attr-defined]
        line = QFontMetrics(plain).lineSpacing()
        first = QRect(rect.left(), rect.top(), rect.width(), line)
        # The name, with the match in bold when the name matched; its kind quietly after it.
        if hit.field:
            pieces = [(hit.label, plain, strong)]
        else:
            pieces = [
                (hit.snippet[: hit.start], plain, strong),
                (hit.snippet[hit.start : hit.end], bold, strong),
                (hit.snippet[hit.end :], plain, strong),
            ]
        kind = f"  · {hit.singular}"
        if hit.within and not hit.label.endswith(f" of {hit.within}"):
            kind += f" · {hit.within}"  # whose interaction, which objective's key result
        _draw_line(painter, first, [*pieces, (kind, plain, quiet)])
        if hit.field:
            second = QRect(rect.left(), rect.top() + line, rect.width(), line)
            _draw_line(
                painter,
                second,
                [
                    (f"{hit.field}: ", plain, quiet),
                    (hit.snippet[: hit.start], plain, quiet),
                    (hit.snippet[hit.start : hit.end], bold, strong),
                    (hit.snippet[hit.end :], plain, quiet),
                ],
            )
        painter.restore()

    def _paint_heading(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        """A workspace's title over its results: bold, in the text colour, not greyed out."""
        painter.save()
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setBold(True)
        painter.setFont(font)
        palette = option.palette  # type: ignore[attr-defined]
        painter.setPen(palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Text))
        rect = option.rect.adjusted(4, 6, -8, 0)  # type: ignore[attr-defined]
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, align, str(index.data(Qt.ItemDataRole.DisplayRole)))
        painter.restore()


def _draw_line(painter: QPainter, rect: QRect, pieces: list[tuple[str, QFont, QColor]]) -> None:
    """Pieces of text side by side on one line; what does not fit is elided with "…"."""
    x = rect.left()
    for text, font, colour in pieces:
        room = rect.right() - x
        if not text or room <= 0:
            continue
        metrics = QFontMetrics(font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        painter.setFont(font)
        painter.setPen(colour)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRect(x, rect.top(), room, rect.height()), align, shown)
        x += metrics.horizontalAdvance(shown)


def _is_hit(item: QListWidgetItem | None) -> bool:
    return item is not None and item.data(HIT_ROLE) is not None


def _shown(text: str) -> str:
    """What was typed, on one line and short enough for a sentence."""
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:59] + "…"


def _disconnect(signal: object, slot: object) -> None:
    with contextlib.suppress(RuntimeError, TypeError):  # already gone with its controller
        signal.disconnect(slot)  # type: ignore[attr-defined]
