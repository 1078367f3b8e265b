"""The main window: workspace navigation, the File/Edit/Help menus, and the document lifecycle."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pmdesk import APP_NAME, __version__
from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs, theme
from pmdesk.gui.document import DocumentController
from pmdesk.gui.empty_state import EmptyStatePage
from pmdesk.gui.start_page import RecentProject, StartPage
from pmdesk.gui.text import use_project_undo_keys
from pmdesk.gui.workspaces import WORKSPACES, build_page
from pmdesk.registry import WorkspaceSpec
from pmdesk.store.fileformat import FILE_SUFFIX

if TYPE_CHECKING:
    from pmdesk.interchange.find import Hit
    from pmdesk.store.copy_in import CopyIn

MAX_RECENT = 10


class MainWindow(QMainWindow):
    """The one window of the app.

    With ``start_empty`` the window comes up without a project, so that it paints before the
    database layer has even been imported; the caller then opens or creates one.
    """

    def __init__(self, parent: QWidget | None = None, *, start_empty: bool = False) -> None:
        super().__init__(parent)
        self.settings = QSettings()
        self.setAcceptDrops(True)
        self.setMinimumSize(720, 480)
        self.controller: DocumentController | None = None
        self._pages: dict[str, QWidget] = {}
        self.start_page: StartPage | None = None  # built the first time no project is open

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        theme.style(self.navigation, "navigation")
        for workspace in WORKSPACES:
            item = QListWidgetItem(workspace.title)
            item.setToolTip(workspace.purpose)
            self.navigation.addItem(item)
        self.stack = QStackedWidget()
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        theme.style(self.banner, "banner")
        self.banner.hide()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.banner)
        right.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self._show_workspace)

        self._build_menus()
        # A new colour scheme: pages are built anew, since some colour text as they build it.
        theme.notifier().changed.connect(self._scheme_changed)
        use_project_undo_keys(QApplication.instance())  # type: ignore[arg-type]
        self._restore_geometry()
        if not start_empty:
            self._set_controller(_new_controller())

    # -- workspaces ----------------------------------------------------------------------------

    def show_workspace(self, key: str) -> QWidget:
        """Switch to a workspace by key and return its page (built on first use)."""
        row = next(index for index, ws in enumerate(WORKSPACES) if ws.key == key)
        self.navigation.setCurrentRow(row)
        return self._pages[key]

    def _show_workspace(self, row: int) -> None:
        if row < 0 or self.controller is None:
            return
        workspace = WORKSPACES[row]
        page = self._pages.get(workspace.key)
        if page is None:
            page = self._build_page(workspace)
            self._pages[workspace.key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def _build_page(self, workspace: WorkspaceSpec) -> QWidget:
        if self.controller is None:
            return EmptyStatePage(workspace.title, workspace.purpose, self.stack)
        return build_page(workspace, self.controller, self.stack)

    def _drop_pages(self) -> None:
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages.clear()

    def _rebuild_pages(self) -> None:
        """Build the pages anew, e.g. when a read-only project became editable by Save As."""
        row = max(self.navigation.currentRow(), 0)
        self._drop_pages()
        self.navigation.setCurrentRow(-1)
        self.navigation.setCurrentRow(row)

    def _scheme_changed(self) -> None:
        if self.controller is not None:
            self._rebuild_pages()
        elif self.start_page is not None:
            self.start_page.show_recent(self.recent_projects())

    def _set_controller(self, controller: DocumentController) -> None:
        """Make ``controller`` the open project; pages of the previous one are thrown away."""
        row = max(self.navigation.currentRow(), 0)
        previous = self.controller
        self.controller = controller
        self._drop_pages()
        if previous is not None:
            self.undo_group.removeStack(previous.undo_stack)
            previous.close()
            previous.deleteLater()
        controller.setParent(self)
        self._leave_start_page()
        controller.undo_stack.cleanChanged.connect(self._update_title)
        controller.failed.connect(lambda message: dialogs.show_error(self, APP_NAME, message))
        controller.crashed.connect(
            lambda message, details: dialogs.show_unexpected_error(self, message, details)
        )
        controller.open_requested.connect(lambda key, _record_id: self.show_workspace(key))
        self.undo_group.addStack(controller.undo_stack)
        self.undo_group.setActiveStack(controller.undo_stack)
        self.navigation.setCurrentRow(-1)
        self.navigation.setCurrentRow(row)
        self._update_title()
        reason = controller.document.read_only_reason
        self.banner.setText(f"Read-only — {reason}" if reason else "")
        self.banner.setVisible(reason is not None)

    # -- menus ---------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._add(file_menu, "&New", self.new_project, QKeySequence.StandardKey.New)
        self._add(file_menu, "&Open…", self.open_project, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self._add(file_menu, "Open &Sample", self.open_sample)
        file_menu.addSeparator()
        # What needs an open project is greyed on the start page.
        self._project_actions = [
            self._add(file_menu, "&Save", self.save, QKeySequence.StandardKey.Save),
            self._add(file_menu, "Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs),
            self._add(file_menu, "&Close", self.close_project, QKeySequence.StandardKey.Close),
        ]
        file_menu.addSeparator()
        compare_menu = QMenu("Compare &With", file_menu)
        self._project_actions += [
            self._add(file_menu, "&Import from Project…", self.import_from_project),
            self._add(file_menu, "&Merge with Another Copy…", lambda: self._file_tool("merge")),
            file_menu.addMenu(compare_menu),
            self._add(file_menu, "Restore from &Backup…", self.restore_from_backup),
        ]
        self._add(compare_menu, "Another &File…", lambda: self._file_tool("compare"))
        self._add(compare_menu, "A &Backup…", lambda: self._file_tool("compare_backup"))
        file_menu.addSeparator()
        quit_action = self._add(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        if quit_action.shortcut().isEmpty():  # the non-mac key themes bind nothing to Quit
            quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_group = QUndoGroup(self)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        # Every binding the platform has (Ctrl+Shift+Z and Ctrl+Y on Linux and Windows).
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        for text, method, key in (
            ("Cu&t", "cut", QKeySequence.StandardKey.Cut),
            ("&Copy", "copy", QKeySequence.StandardKey.Copy),
            ("&Paste", "paste", QKeySequence.StandardKey.Paste),
            ("Select &All", "selectAll", QKeySequence.StandardKey.SelectAll),
        ):
            # The keys stay with the focused widget, which knows them (a text field, the
            # matrix); the menu shows them and does the same to whatever has the focus.
            shown = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            action = self.edit_menu.addAction(f"{text}\t{shown}")
            action.triggered.connect(lambda _checked=False, m=method: _to_focus(m))
        self.edit_menu.addSeparator()
        self.find_action = self._add(
            self.edit_menu, "&Find…", self.find_records, QKeySequence.StandardKey.Find
        )
        self._project_actions.append(self.find_action)  # nothing to find on the start page
        self.edit_menu.addSeparator()
        # Under Edit on Linux and Windows; Qt moves it to the application menu on macOS.
        preferences = self._add(
            self.edit_menu,
            "Pre&ferences…",
            self.edit_preferences,
            QKeySequence.StandardKey.Preferences,
        )
        if preferences.shortcut().isEmpty():  # the non-mac key themes bind nothing to it
            preferences.setShortcut(QKeySequence("Ctrl+,"))
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action = preferences

        view_menu = self.menuBar().addMenu("&View")
        for row, workspace in enumerate(WORKSPACES):
            action = view_menu.addAction(workspace.title)
            if row < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.navigation.setCurrentRow(r))

        help_menu = self.menuBar().addMenu("&Help")
        self.guide_action = self._add(
            help_menu,
            "&Guide to This Workspace",
            self.show_guide,
            QKeySequence.StandardKey.HelpContents,
        )
        if self.guide_action.shortcut().isEmpty():  # a key theme without a help key
            self.guide_action.setShortcut(QKeySequence("F1"))
        self._add(help_menu, "&Keyboard Shortcuts", self.show_shortcuts)
        help_menu.addSeparator()
        about = self._add(help_menu, f"&About {APP_NAME}", self._about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        if shortcut is not None:  # every binding the platform has (Close: Ctrl+W and Ctrl+F4)
            action.setShortcuts(shortcut)
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for name in files:
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _checked=False, n=name: self.open_project(Path(n)))
        if not files:
            self.recent_menu.addAction("No recent projects").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu").triggered.connect(self._clear_recent)

    def _about(self) -> None:
        dialogs.show_about(
            self,
            f"<h3>{APP_NAME} {__version__}</h3><p>An offline workbench for product managers: "
            "strategy, stakeholders, competition, roadmap and requirements in one file, and "
            "executive briefings in Word.</p>",
        )

    # -- the document lifecycle ----------------------------------------------------------------

    def new_project(self) -> None:
        if self.maybe_keep_changes():
            self._set_controller(_new_controller())

    def open_project(self, path: Path | None = None, *, copied: CopyIn | None = None) -> bool:
        """Open ``path`` (or ask for one); on failure the current project stays as it was.

        ``copied``: the copy of ``path`` started while the project code loaded (``copy_in``).
        """
        try:
            return self._open_project(path, copied)
        finally:
            if copied is not None:
                copied.discard()  # unless the open took it

    def _open_project(self, path: Path | None, copied: CopyIn | None) -> bool:
        if not self.maybe_keep_changes():
            return False
        if path is None:
            path = dialogs.choose_file_to_open(self, self._last_folder())
            if path is None:
                return False
        from pmdesk.gui import sharing

        try:
            document = sharing.open_document(self, path, copied)
        except PmdeskError as error:
            dialogs.show_error(self, "Cannot Open Project", str(error))
            self._forget_recent(path)
            return False
        if document is None:
            return False
        self._set_controller(DocumentController(document))
        self._remember_recent(document.path)
        return True

    def load(self, path: Path, *, copied: CopyIn | None = None) -> None:
        """Open ``path`` without asking anything; raises PmdeskError if it cannot be opened."""
        from pmdesk.store.document import Document

        document = Document.open(path, copied=copied)
        self._set_controller(DocumentController(document))
        self._remember_recent(document.path)

    def use_controller(self, controller: DocumentController) -> None:
        """Show a project opened elsewhere (recovered work, a backup)."""
        self._set_controller(controller)
        self._remember_recent(controller.document.path)

    def save(self) -> bool:
        if self.controller is None:
            return False
        document = self.controller.document
        if document.path is None or document.read_only:
            return self.save_as()
        return self._save_to(document.path)

    def save_as(self) -> bool:
        return self.save_as_path() is not None

    def save_as_path(self) -> Path | None:
        """Ask where to save, and save there; the path written, or None."""
        if self.controller is None:
            return None
        document = self.controller.document
        suggestion = str(document.path or Path(self._last_folder()) / self._suggested_name())
        target = dialogs.choose_file_to_save(self, suggestion)
        if target is None or not self._save_to(target):
            return None
        return document.path

    def _suggested_name(self) -> str:
        """A new project's file is named after its product ("FieldLoop.pmdb")."""
        assert self.controller is not None
        from pmdesk.domain.project import get_project

        name = get_project(self.controller.session).name.strip()
        # Characters no file system takes, and a leading dot that would hide the file.
        name = "".join("-" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in name).lstrip(".")
        return f"{name or 'Untitled'}{FILE_SUFFIX}"

    def import_from_project(self) -> None:
        if self.controller is None or self.controller.read_only:
            return
        path = dialogs.choose_file_to_open(self, self._last_folder())
        if path is None:
            return
        from pmdesk.gui import sharing

        try:
            sharing.import_from_project(self, self.controller, path)
        except PmdeskError as error:
            dialogs.show_error(self, "Cannot Import", str(error))

    def _file_tool(self, name: str) -> None:
        """Merge or compare with another copy (``file_tools``, loaded on first use)."""
        from pmdesk.gui import file_tools

        file_tools.run(self, name, self._last_folder())

    def restore_from_backup(self) -> None:
        if self.controller is None:
            return
        from pmdesk.gui import sharing

        try:
            sharing.restore_from_backup(self, self.controller)
        except PmdeskError as error:
            dialogs.show_error(self, "Cannot Restore", str(error))

    def edit_preferences(self) -> None:
        from pmdesk.gui.preferences import edit_preferences

        edit_preferences(self)

    def tell(self, message: str) -> None:
        dialogs.show_error(self, APP_NAME, message)

    def close_project(self) -> None:
        """Close the open project (asking about unsaved changes); the start page takes its place."""
        if self.controller is None or not self.maybe_keep_changes():
            return
        controller, self.controller = self.controller, None
        self._drop_pages()
        self.undo_group.removeStack(controller.undo_stack)
        controller.close()
        controller.deleteLater()
        self.show_start_page()

    def open_sample(self) -> None:
        """The sample project, as an untitled copy: Save asks where to keep it."""
        if not self.maybe_keep_changes():
            return
        from pmdesk.interchange.project_json import load_project
        from pmdesk.interchange.sample import sample_data
        from pmdesk.store.document import Document

        document = Document.new()
        load_project(document.session, sample_data(), "the sample")
        self._set_controller(DocumentController(document))

    # -- the start page ------------------------------------------------------------------------

    def show_start_page(self) -> None:
        """Show the recent projects and the ways to begin, in place of a project."""
        if self.start_page is None:
            self.start_page = StartPage()
            self.start_page.new_requested.connect(self.new_project)
            self.start_page.open_requested.connect(lambda: self.open_project())
            self.start_page.sample_requested.connect(self.open_sample)
            self.start_page.recent_chosen.connect(self._open_recent)
            self.start_page.recent_removed.connect(self._remove_from_start_page)
            self.stack.addWidget(self.start_page)
        self.start_page.show_recent(self.recent_projects())
        self.stack.setCurrentWidget(self.start_page)
        self.navigation.hide()
        self.banner.hide()
        self.setWindowTitle(APP_NAME)
        self.setWindowModified(False)
        self._enable_project_actions(False)
        self.start_page.focus_first()

    def _leave_start_page(self) -> None:
        self.navigation.show()
        self._enable_project_actions(True)

    def _open_recent(self, path: Path) -> None:
        if not self.open_project(path) and self.controller is None and self.start_page:
            self.start_page.show_recent(self.recent_projects())  # it may have been forgotten

    def _remove_from_start_page(self, path: Path) -> None:
        self._forget_recent(path)
        if self.start_page is not None:
            self.start_page.show_recent(self.recent_projects())
            self.start_page.recent.setFocus()

    def _enable_project_actions(self, enabled: bool) -> None:
        for action in self._project_actions:
            action.setEnabled(enabled)

    def maybe_keep_changes(self) -> bool:
        """Ask about unsaved changes; False means the user wants to stay where they are."""
        self.finish_typing()
        if self.controller is None or self.controller.undo_stack.isClean():
            return True
        answer = dialogs.ask_save_changes(self, self.controller.document.display_name)
        if answer is dialogs.Answer.SAVE:
            return self.save()
        return answer is dialogs.Answer.DISCARD

    def finish_typing(self) -> QWidget | None:
        """Store what is being typed in a field before the project is saved or closed.

        A one-line field stores its text when it loses the focus; losing it only as the window
        goes away would store it into a project that is already closed.
        """
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not self:
            return None
        focus.clearFocus()
        return focus

    def _save_to(self, target: Path) -> bool:
        assert self.controller is not None
        typing_in = self.finish_typing()
        if typing_in is not None:  # back where the PM was typing once the file is written
            QTimer.singleShot(0, typing_in, lambda: typing_in.setFocus())
        from pmdesk.gui import sharing

        was_read_only = self.controller.read_only
        try:
            written = sharing.save(self, self.controller, target)
        except PmdeskError as error:
            dialogs.show_error(self, "Cannot Save Project", str(error))
            return False
        if written is None:
            return False
        self.controller.undo_stack.setClean()
        self.banner.hide()
        if was_read_only and not self.controller.read_only:
            self._rebuild_pages()  # pages show read-only from when they were built
        self._remember_recent(written)
        self._update_title()
        self.statusBar().showMessage(f"Saved to {written}", 5000)
        return True

    def _update_title(self) -> None:
        if self.controller is None:
            return
        document = self.controller.document
        suffix = " (read-only)" if document.read_only else ""
        self.setWindowTitle(f"{document.display_name}[*]{suffix} — {APP_NAME}")
        self.setWindowModified(not self.controller.undo_stack.isClean())

    # -- recent files and geometry -------------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        files = [value] if isinstance(value, str) else list(value or [])
        return [str(name) for name in files][:MAX_RECENT]

    def recent_projects(self) -> list[RecentProject]:
        """The recent files with when each was last opened, for the start page."""
        opened = self._opened_at()
        return [
            RecentProject(Path(name), _parse_time(opened.get(name))) for name in self.recent_files()
        ]

    def _opened_at(self) -> dict[str, str]:
        try:
            value = json.loads(str(self.settings.value("recentOpenedAt", "{}")))
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def _remember_recent(self, path: Path | None) -> None:
        if path is None:
            return
        name = str(path)
        files = [name, *(other for other in self.recent_files() if other != name)]
        self.settings.setValue("recentFiles", files[:MAX_RECENT])
        opened = self._opened_at()
        opened[name] = datetime.now().isoformat(timespec="minutes")
        kept = {file: opened[file] for file in files[:MAX_RECENT] if file in opened}
        self.settings.setValue("recentOpenedAt", json.dumps(kept))

    def _forget_recent(self, path: Path) -> None:
        files = [name for name in self.recent_files() if name != str(path.absolute())]
        self.settings.setValue("recentFiles", files)

    def _clear_recent(self) -> None:
        self.settings.setValue("recentFiles", [])

    def _last_folder(self) -> str:
        files = self.recent_files()
        return str(Path(files[0]).parent) if files else str(Path.home())

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 800)

    # -- find and help -------------------------------------------------------------------------

    def current_workspace(self) -> WorkspaceSpec:
        return WORKSPACES[max(self.navigation.currentRow(), 0)]

    def find_records(self) -> None:
        """Edit › Find: the find window, over this one (built on first use)."""
        from pmdesk.gui.find_dialog import FindDialog

        if getattr(self, "find_dialog", None) is None:
            self.find_dialog = FindDialog(lambda: self.controller, self)
            self.find_dialog.chosen.connect(self.jump_to)
        self.find_dialog.open_find()

    def jump_to(self, hit: Hit) -> bool:
        """Show a found record in its workspace (or the record it belongs to)."""
        from pmdesk.gui.reveal import reveal

        page = self.show_workspace(hit.workspace)
        if reveal(page, ((hit.kind, hit.record_id), *hit.owners)):
            return True
        self.statusBar().showMessage(f"“{hit.label}” is no longer in the project.", 5000)
        return False

    def show_guide(self, key: str | None = None) -> None:
        """Help › Guide: what a workspace is for and how to use it (F1: the one on show)."""
        from pmdesk.gui.help import GuideDialog

        key = key or self.current_workspace().key
        if getattr(self, "guide_dialog", None) is None:
            self.guide_dialog = GuideDialog(key, self)
        self.guide_dialog.show_guide(key)
        self.guide_dialog.show()
        self.guide_dialog.activateWindow()

    def show_shortcuts(self) -> None:
        """Help › Keyboard Shortcuts, as the actions are bound now (and the page on show)."""
        from PySide6.QtCore import Qt

        from pmdesk.gui.help import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_dialog.show()

    # -- Qt events -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_keep_changes():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        if self.controller is not None:
            self.undo_group.removeStack(self.controller.undo_stack)
            self.controller.close()
            self.controller = None
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_project(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_project(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_project(path)


def _parse_time(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _new_controller() -> DocumentController:
    from pmdesk.gui import preferences
    from pmdesk.preferences import start_new_project
    from pmdesk.store.document import Document

    document = Document.new()
    start_new_project(document.session, preferences.load())
    return DocumentController(document)


def _dropped_project(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    for url in urls:
        if url.isLocalFile() and url.toLocalFile().lower().endswith(FILE_SUFFIX):
            return Path(url.toLocalFile())
    return None


def _to_focus(method: str) -> None:
    """Cut, copy, paste or select all in the focused widget, when it can."""
    focus = QApplication.focusWidget()
    action = getattr(focus, method, None) if focus is not None else None
    if callable(action):
        action()
