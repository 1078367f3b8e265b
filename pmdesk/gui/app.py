"""Starting the desktop app, and the ``--self-test`` run used by benchmarks and packaging."""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from pmdesk import APP_NAME, __version__
from pmdesk.collector import collect_less, freeze_for_good
from pmdesk.errors import PmdeskError
from pmdesk.resources import resource
from pmdesk.store.copy_in import CopyIn

if TYPE_CHECKING:
    from pmdesk.gui.main_window import MainWindow

ORGANIZATION = "PM Desk"
DESKTOP_FILE = "io.github.pmdesk.PMDesk"


def create_application() -> QApplication:
    """The QApplication with PM Desk's identity, icon and style (or the existing one)."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(["pmdesk"])
    app.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(QIcon(str(resource("icons", "pmdesk.svg"))))
    from pmdesk.gui import theme

    theme.install(app)  # light or dark as the system says, and following it when it changes
    return app


def run_app(path: Path | None) -> int:
    collect_less()
    app = create_application()
    install_exception_hook()
    from pmdesk.gui import preferences

    preferences.apply(preferences.load())  # the PM's name on lock notes from the first open
    window = show_main_window(path)
    from pmdesk.gui.file_open import install_file_open_handler  # macOS Finder double-click

    install_file_open_handler(app, window)
    code = app.exec()
    freeze_for_good()  # nothing needs collecting now: the exit need not walk the heap
    return code


UNEXPECTED = (
    "Something went wrong that PM Desk did not expect. Your work is kept in the working copy; "
    "save it, and please report the problem with the details below."
)


def install_exception_hook() -> None:
    """Show any error nobody caught in a dialog, instead of a terminal nobody sees.

    Qt calls Python slots and overrides from its event loop; an exception there would otherwise
    print a traceback and carry on. The window stays usable; the details can be copied.
    """
    previous = sys.excepthook

    def show(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        from pmdesk.gui import dialogs

        message = str(error) if isinstance(error, PmdeskError) else UNEXPECTED
        details = "".join(traceback.format_exception(kind, error, trace))
        dialogs.show_unexpected_error(QApplication.activeWindow(), message, details)

    sys.excepthook = show


def show_main_window(path: Path | None) -> MainWindow:
    """Show the window at once, and open ``path`` right after it painted (without one, or
    when it cannot be opened, the start page)."""
    from pmdesk.gui.main_window import MainWindow

    window = MainWindow(start_empty=True)
    window.show()

    def open_first() -> None:
        from pmdesk.gui.sharing import offer_recovery

        if offer_recovery(window):
            return
        if path is None:
            window.show_start_page()
            return
        if not window.open_project(path, copied=copy_in_while_importing(path)):
            window.show_start_page()

    QTimer.singleShot(0, open_first)
    return window


def self_test(path: Path | None) -> int:
    """Show every workspace once until painted and print how long each took, in ms.

    Returns non-zero if a workspace failed to build or the project failed to open.
    """
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    collect_less()
    app = create_application()
    from pmdesk.gui.main_window import MainWindow
    from pmdesk.gui.workspaces import WORKSPACES

    failures: list[str] = []
    window = MainWindow(start_empty=True)
    try:
        window.show()
        _paint(app, window)
        _say(f"{'window':<14}{_ms(started):>8.0f} ms")
        opened = time.perf_counter()
        try:
            if path is None:
                import_project_code()
                window.new_project()
            else:
                window.load(path, copied=copy_in_while_importing(path))
        except PmdeskError as error:
            print(f"pmdesk: {error}", file=sys.stderr)
            return 1
        _say(f"{'open' if path else 'new':<14}{_ms(opened):>8.0f} ms")
        for workspace in WORKSPACES:
            shown = time.perf_counter()
            try:
                page = window.show_workspace(workspace.key)
                _paint(app, page)
            except Exception as error:
                failures.append(f"{workspace.title}: {error!r}")
                continue
            _say(f"{workspace.title:<14}{_ms(shown):>8.0f} ms")
    finally:
        window.close()  # whatever happened, the project's lock goes with it
    freeze_for_good()  # nothing needs collecting now: the exit need not walk the heap
    for failure in failures:
        print(f"pmdesk: self-test failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _say(line: str) -> None:
    """Print one line of the self-test's report; when the reader has gone (``| head -1``), the
    rest goes nowhere and the test runs on to its end, closing the project as usual."""
    try:
        print(line, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def import_project_code() -> None:
    """Import what every open project needs (SQLAlchemy, every model), then leave it out of
    the garbage collector's walks for good.

    Modules, classes and functions live as long as the process. With Qt, SQLAlchemy and the
    models loaded they are a few hundred thousand objects, which every full collection walked
    again (a tenth of a second each on a modest laptop) and the exit walked once more. Frozen
    before a project opens, its records stay collectable as before.
    """
    freeze_for_good()  # Qt and the window's modules: their walks would slow the imports
    from pmdesk import registry
    from pmdesk.store import document  # noqa: F401  (SQLAlchemy and the store)

    registry.metadata()
    registry.record_rules()
    freeze_for_good()


def copy_in_while_importing(path: Path) -> CopyIn:
    """Start copying ``path`` in, and checking its pages, on the other core; then import the
    project code. The copy is the caller's to open or discard."""
    copied = CopyIn.start(path)
    try:
        import_project_code()
    except BaseException:
        copied.discard()
        raise
    return copied


PAINT_TIMEOUT_S = 30


def _paint(app: QApplication, widget: QWidget) -> None:
    """Process events until ``widget`` has really been painted once, the way showing it
    paints it: laid out first, then painted (a forced repaint would paint it before its
    layout is done, and then again)."""
    watcher = _PaintWatcher()
    widget.installEventFilter(watcher)
    widget.update()
    waking = QTimer(interval=50)  # a wait for events that do not come still looks again
    waking.start()
    deadline = time.perf_counter() + PAINT_TIMEOUT_S
    try:
        while not watcher.painted:
            if not widget.isVisible() or time.perf_counter() > deadline:
                raise RuntimeError("the page was never painted")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        waking.stop()
        widget.removeEventFilter(watcher)
    # What the paint set off (views lay out their rows on a timer), before the next page.
    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()
    app.processEvents()


class _PaintWatcher(QObject):
    """Notes when the widget it filters gets its first paint event."""

    painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000
