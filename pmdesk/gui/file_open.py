"""Opening a project the operating system hands over: a double-click on a .pmdb in macOS Finder.

macOS does not pass the file on the command line; it sends the running application a
QFileOpenEvent, also at launch, once the event loop runs. Linux and Windows start
``pmdesk FILE`` instead (desktop entry ``Exec=... %f`` / ProgID ``"...\\pmdesk.exe" "%1"``).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from pmdesk.gui.main_window import MainWindow


class FileOpenHandler(QObject):
    """Application-wide event filter that opens the file of each QFileOpenEvent in ``window``.

    It lives as long as the window (its Qt parent), and lets every other event through.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        name = event.file()
        if not name:  # a URL that is not a local file (e.g. a web link): not ours to open
            return False
        # At launch the event can arrive before the start-up step that opens a new project
        # (queued before the event loop ran); queueing the open puts it after that step, so
        # an empty new project does not replace the file the user double-clicked.
        QTimer.singleShot(0, self, partial(self._open, Path(name)))
        return True

    def _open(self, path: Path) -> None:
        # open_project asks about unsaved changes first and reports a bad file in a dialog.
        # macOS brings the app to the front itself when Finder opens a file; asking for focus
        # is enough (raise() is refused by some platforms with a warning).
        if self._window.open_project(path):
            self._window.activateWindow()


def install_file_open_handler(app: QApplication, window: MainWindow) -> FileOpenHandler:
    """Route the operating system's "open this file" requests to ``window``."""
    handler = FileOpenHandler(window)
    app.installEventFilter(handler)
    return handler
