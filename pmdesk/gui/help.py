"""The Help menu's windows: a short guide to each workspace, and the keyboard shortcuts.

The guides' texts live with the registry (``registry.guide``), one per workspace. The shortcuts
are read from the window's own actions as they are bound at this moment, so the list can never
disagree with what the keys do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk import APP_NAME, registry
from pmdesk.gui.workspaces import WORKSPACES

KEY_ROLE = Qt.ItemDataRole.UserRole


class GuideDialog(QDialog):
    """Every workspace's guide, the one asked for on show; the list beside it picks another."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(f"{APP_NAME} Guide")
        self.workspaces = QListWidget()
        self.workspaces.setObjectName("guideWorkspaces")
        for workspace in WORKSPACES:
            item = QListWidgetItem(workspace.title)
            item.setData(KEY_ROLE, workspace.key)
            item.setToolTip(workspace.purpose)
            self.workspaces.addItem(item)
        self.workspaces.setFixedWidth(self.workspaces.sizeHintForColumn(0) + 28)
        self.text = QTextBrowser()
        self.text.setObjectName("guideText")
        self.text.setOpenLinks(False)
        self.text.document().setDocumentMargin(12)
        self.workspaces.currentRowChanged.connect(self._show)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.workspaces)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self.show_guide(key)

    def show_guide(self, key: str) -> None:
        keys = [workspace.key for workspace in WORKSPACES]
        self.workspaces.setCurrentRow(keys.index(key) if key in keys else 0)

    def current_key(self) -> str:
        return WORKSPACES[max(self.workspaces.currentRow(), 0)].key

    def _show(self, row: int) -> None:
        if row >= 0:
            self.text.setMarkdown(registry.guide(WORKSPACES[row].key))


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every action of the window's menus that has keys, in menu order,
    then those of the page on show (its Delete, for one)."""
    rows: list[tuple[str, str, str]] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            rows.extend(_menu_rows(_plain(top.text()), menu))
    page = getattr(window, "stack", None)
    current = page.currentWidget() if page is not None else None
    if current is not None:
        title = window.current_workspace().title if hasattr(window, "current_workspace") else ""
        for action in current.findChildren(QAction):
            keys = _keys(action)
            if keys and action.isVisible():
                rows.append((title, _plain(action.text()), keys))
    return rows


def _menu_rows(where: str, menu: QMenu) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            rows.extend(_menu_rows(f"{where} › {_plain(action.text())}", submenu))
            continue
        keys = _keys(action)
        if keys:
            rows.append((where, _plain(action.text()), keys))
    return rows


_DEDICATED_KEYS = frozenset(
    {
        Qt.Key.Key_Undo,
        Qt.Key.Key_Redo,
        Qt.Key.Key_Find,
        Qt.Key.Key_Help,
        Qt.Key.Key_Copy,
        Qt.Key.Key_Cut,
        Qt.Key.Key_Paste,
        Qt.Key.Key_Open,
        Qt.Key.Key_Save,
        Qt.Key.Key_Close,
        Qt.Key.Key_New,
    }
)


def _keys(action: QAction) -> str:
    """The keys of an action as the menu shows them ("Ctrl+Shift+Z, Ctrl+Y")."""
    bound = [
        key.toString(QKeySequence.SequenceFormat.NativeText)
        for key in action.shortcuts()
        # a keyboard's own Undo, Find or Help key does what it says: listing it says nothing
        if not key.isEmpty() and key[0].key() not in _DEDICATED_KEYS
    ]
    if not bound and "\t" in action.text():  # keys a focused widget handles, shown in the menu
        bound = [action.text().split("\t", 1)[1]]
    return ", ".join(bound)


def _plain(text: str) -> str:
    """A menu text without its mnemonic marker and its shown keys."""
    return text.split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace("\0", "&")


class ShortcutsDialog(QDialog):
    """The keyboard shortcuts, grouped by menu."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.table = QTreeWidget()
        self.table.setObjectName("shortcutList")
        self.table.setHeaderLabels(["Action", "Keys"])
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        groups: dict[str, QTreeWidgetItem] = {}
        for where, what, keys in shortcut_rows(window):
            group = groups.get(where)
            if group is None:
                group = QTreeWidgetItem([where, ""])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                self.table.addTopLevelItem(group)
                group.setExpanded(True)
                groups[where] = group
            group.addChild(QTreeWidgetItem([what, keys]))
        self.table.expandAll()
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 560)

    def rows(self) -> list[tuple[str, str]]:
        """What the list shows: (action, keys), groups left out."""
        return [
            (group.child(index).text(0), group.child(index).text(1))
            for group in (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
            for index in range(group.childCount())
        ]
