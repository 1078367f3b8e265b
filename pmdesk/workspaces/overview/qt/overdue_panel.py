"""The Overview's "Overdue" list: every workspace's work past its date, in one place.

The entries come Qt-free from each workspace's spec (``registry.overdue_work``); choosing one
asks the window to open its workspace. The longest overdue are listed (a big project has
thousands), under a line saying how many each workspace holds. Reading them costs what opening
those workspaces costs (a third of a second on a project fifty times the sample's), so the list
is read just after the page first paints, not before; then again after each edit of dated work
while it shows, and when it shows after such edits.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QStyle, QVBoxLayout, QWidget

from pmdesk import registry
from pmdesk.domain.overdue import Overdue
from pmdesk.gui.document import ANY_KIND, Change, DocumentController
from pmdesk.gui.hidden_changes import on_change

ENTRY_ROLE = Qt.ItemDataRole.UserRole
VISIBLE_ROWS = 6  # a glance, not a report: the list scrolls beyond
# The longest overdue listed: a big project has thousands, and each workspace lists its own.
LISTED_MAX = 200
# Pixels kept free beside the widest entry before the rows count as one line each: more than
# the item view's own text margins, so an entry near the edge still takes the wrapping path.
ONE_LINE_SLACK = 12


class OverduePanel(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._today = today
        self._stale = True
        self.entries: list[Overdue] = []
        self.heading = QLabel()
        self.heading.setProperty("formLabel", True)
        self.summary = QLabel()  # how many in each workspace, where there are many
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("overdueList")
        self.list.setWordWrap(True)
        self._texts: list[str] = []
        self._widest = 0  # the widest of the first ``_measured`` texts, in pixels
        self._measured = 0
        self.list.viewport().installEventFilter(self)
        self.list.itemActivated.connect(self._open)
        self.list.itemClicked.connect(self._open)
        self.empty = QLabel("Nothing is overdue: every task, touchpoint and check-in is on time.")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        # Only the records of workspaces with dated work can change the list (typing the
        # vision on this very page does not).
        self.kinds = frozenset().union(
            *(spec.kinds() for spec in registry.specs() if spec.overdue is not None)
        )
        on_change(controller, self, self._on_changed)
        self.heading.setText("Overdue")
        self.summary.hide()
        self.list.hide()
        self.empty.hide()

    @property
    def today(self) -> date:
        return self._today or date.today()

    def refresh(self) -> None:
        self._stale = False
        today = self.today
        self.entries = registry.overdue_work(self.controller.session, today)
        self.list.clear()
        titles = {spec.key: spec.title for spec in registry.specs()}
        listed = self.entries[:LISTED_MAX]
        self._texts = [
            f"{titles.get(entry.workspace, '')} · {entry.sentence(today)}" for entry in listed
        ]
        self._widest = self._measured = 0
        for entry, text in zip(listed, self._texts, strict=True):
            item = QListWidgetItem(text)
            item.setData(ENTRY_ROLE, entry)
            item.setToolTip(f"Open {titles.get(entry.workspace, 'the workspace')}")
            self.list.addItem(item)
        count = len(self.entries)
        if count > len(listed):
            rest = QListWidgetItem(
                f"… and {count - len(listed):,} more, each listed in its own workspace"
            )
            rest.setFlags(Qt.ItemFlag.NoItemFlags)  # a note, not an entry to open
            self.list.addItem(rest)
            self._texts.append(rest.text())
        self._fit_rows()
        self.heading.setText(f"Overdue ({count:,})" if count else "Overdue")
        self.summary.setText(_per_workspace(self.entries, titles))
        self.summary.setVisible(count > VISIBLE_ROWS)
        self.list.setVisible(bool(count))
        self.empty.setVisible(not count)
        row = self.list.sizeHintForRow(0) if count else 0
        self.list.setFixedHeight(min(count, VISIBLE_ROWS) * row + 2 * self.list.frameWidth())

    def _fit_rows(self) -> None:
        """One shared row height while every entry fits on one line, wrapped rows otherwise.

        Laying out a thousand word-wrapped entries means wrapping each to learn its height;
        when the widest fits the list's width none wraps, every row is one line of the same
        font, and the list can take the first row's height for all: the same rows, drawn
        the same, without measuring the rest. A narrower list wraps them again.

        Entries are measured only until one is too wide for the room: on a big project most
        lists wrap, and measuring thousands of texts would cost as much as wrapping them.
        """
        room = self._text_room() - ONE_LINE_SLACK
        metrics = self.list.fontMetrics()
        while self._measured < len(self._texts) and self._widest <= room:
            advance = metrics.horizontalAdvance(self._texts[self._measured])
            self._widest = max(self._widest, advance)
            self._measured += 1
        one_line = self._measured == len(self._texts) and 0 < self._widest <= room
        if self.list.uniformItemSizes() != one_line:
            self.list.setUniformItemSizes(one_line)

    def _text_room(self) -> int:
        """The width an entry's text has: the list's, less its frame and a scroll bar."""
        style = self.list.style()
        bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.list)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.list)
        width = self.list.width() if self.list.isVisible() else self.contentsRect().width()
        return width - 2 * self.list.frameWidth() - bar - 2 * (margin + 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.list.viewport():
            self._fit_rows()  # wider or narrower: the entries may wrap, or no longer
        return super().eventFilter(watched, event)

    def _open(self, item: QListWidgetItem) -> None:
        entry: Overdue | None = item.data(ENTRY_ROLE)
        if entry is not None:
            self.controller.open_requested.emit(entry.workspace, entry.record_id)

    def _on_changed(self, change: Change) -> None:
        # An edit of dated work can make something due or done (a task ticked, an item
        # moved): the list is read again now if it shows, else when it next does.
        if ANY_KIND not in change.kinds and not change.kinds & self.kinds:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            # After this paint: the page (and the window, at start-up) shows at once.
            QTimer.singleShot(0, self, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        # Hidden by now: the window may have closed this project and dropped its pages
        # before the queued read ran; the next show reads again.
        if self._stale and self.isVisible():
            self.refresh()


def _per_workspace(entries: list[Overdue], titles: dict[str, str]) -> str:
    """Where the overdue work is, the most first: "Roadmap 1,246 · Launches 12"."""
    counts = Counter(entry.workspace for entry in entries)
    return " · ".join(
        f"{titles.get(key, key)} {count:,}"
        for key, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    )
