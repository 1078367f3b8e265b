"""The start page: what the window shows with no project open (at start, after File › Close).

Recent projects first — a click or Enter opens one; a file that is no longer there is shown
greyed as "not found" and can be removed from the list (Delete, or the button) — then the three
ways to begin: a new project, one from disk, or the sample. It reads no project and imports no
database code, so it paints as soon as the window does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk import APP_NAME
from pmdesk.gui import theme
from pmdesk.store.fileformat import FILE_SUFFIX

PATH_ROLE = Qt.ItemDataRole.UserRole
NOT_FOUND = "not found"


@dataclass(frozen=True)
class RecentProject:
    path: Path
    opened: datetime | None  # None: opened by a version that did not note when

    @property
    def name(self) -> str:
        name = self.path.name
        return name[: -len(FILE_SUFFIX)] if name.lower().endswith(FILE_SUFFIX) else name

    @property
    def found(self) -> bool:
        return self.path.is_file()


def when(opened: datetime | None, now: datetime) -> str:
    """ "Today 09:41", "Yesterday", "3 Nov 2026": when a project was last opened, briefly."""
    if opened is None:
        return ""
    days = (now.date() - opened.date()).days
    if days == 0:
        return f"Today {opened:%H:%M}"
    if days == 1:
        return "Yesterday"
    return f"{opened.day} {opened:%b %Y}"


class StartPage(QWidget):
    """Signals say what the PM chose; the main window does it (and asks what it must)."""

    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_chosen = Signal(Path)
    recent_removed = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        title = QLabel(APP_NAME)
        title.setObjectName("startTitle")
        intro = QLabel("Open a recent project, or begin a new one.")
        theme.tone(intro, "muted")
        self.new_button = QPushButton("New Project")
        self.open_button = QPushButton("Open…")
        self.sample_button = QPushButton("Open Sample")
        self.sample_button.setToolTip("A worked example, FieldLoop, to try every workspace on")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.sample_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        recent_title = QLabel("Recent projects")
        recent_title.setObjectName("startSection")
        self.recent = QTreeWidget()
        self.recent.setObjectName("recentProjects")
        self.recent.setColumnCount(3)
        self.recent.setHeaderLabels(["Project", "Folder", "Last opened"])
        self.recent.setRootIsDecorated(False)
        self.recent.setUniformRowHeights(True)
        self.recent.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recent.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a folder keeps both ends
        header = self.recent.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.recent.itemClicked.connect(lambda item, _column: self._choose(item))
        self.recent.currentItemChanged.connect(lambda *_args: self._update_remove())
        self.recent.installEventFilter(self)
        self.empty = QLabel("Projects you open will be listed here.")
        theme.tone(self.empty, "muted")
        self.remove_button = QPushButton("Remove from List")
        self.remove_button.setToolTip("Forget this entry; the file itself is not touched")
        self.remove_button.clicked.connect(self._remove_current)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)

        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(18)
        column.addWidget(recent_title)
        column.addWidget(self.recent, 1)
        column.addWidget(self.empty)
        column.addLayout(remove_row)
        column.addStretch(0)
        body = QWidget()
        body.setLayout(column)
        body.setMaximumWidth(900)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 28, 32, 20)
        outer.addWidget(body, 1)
        outer.addStretch(0)
        self.setTabOrder(self.new_button, self.open_button)
        self.setTabOrder(self.open_button, self.sample_button)
        self.setTabOrder(self.sample_button, self.recent)
        self.setTabOrder(self.recent, self.remove_button)
        theme.style(self, "start_page")

    def show_recent(self, projects: list[RecentProject], now: datetime | None = None) -> None:
        now = now or datetime.now()
        self.recent.clear()
        for project in projects:
            found = project.found
            item = QTreeWidgetItem(
                [
                    project.name,
                    str(project.path.parent),
                    when(project.opened, now) if found else NOT_FOUND,
                ]
            )
            item.setData(0, PATH_ROLE, str(project.path))
            item.setToolTip(0, str(project.path))
            item.setToolTip(1, str(project.path.parent))
            if not found:
                muted = self.palette().color(
                    self.palette().ColorGroup.Disabled, self.palette().ColorRole.Text
                )
                for column in range(3):
                    item.setForeground(column, muted)
                    item.setToolTip(column, f"{project.path} is not there any more.")
            self.recent.addTopLevelItem(item)
        self.recent.setVisible(bool(projects))
        # As tall as its rows (the page does not look empty with two), at most the page allows.
        rows = max(len(projects), 1)
        row = self.recent.sizeHintForRow(0) if projects else 24
        frame = 2 * self.recent.frameWidth() + self.recent.header().sizeHint().height()
        self.recent.setMaximumHeight(frame + rows * row + 4)
        self.empty.setVisible(not projects)
        if projects:
            self.recent.setCurrentItem(self.recent.topLevelItem(0))
        self._update_remove()

    def focus_first(self) -> None:
        """Where the keyboard starts: the most recent project, or New Project."""
        (self.recent if self.recent.topLevelItemCount() else self.new_button).setFocus()

    def _choose(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        path = Path(item.data(0, PATH_ROLE))
        if item.text(2) == NOT_FOUND and not path.is_file():
            return  # greyed: nothing to open; Remove from List is beside it
        self.recent_chosen.emit(path)

    def _remove_current(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self.recent_removed.emit(Path(item.data(0, PATH_ROLE)))

    def _update_remove(self) -> None:
        self.remove_button.setEnabled(self.recent.currentItem() is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if watched is self.recent and pressed:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
                self._choose(self.recent.currentItem())
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):  # type: ignore[attr-defined]
                self._remove_current()
                return True
        return super().eventFilter(watched, event)
