"""Running an export off the UI thread, with a progress dialog that can cancel it.

The worker opens its own connection to the project's working copy (every edit is already
committed there), so the UI thread's session is never shared across threads. The export only
reads; the UI stays free to paint and to take the Cancel click.
"""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from pmdesk.briefing.settings import BriefingSettings, ExportResult
from pmdesk.errors import PmdeskError
from pmdesk.export.errors import ExportCancelledError
from pmdesk.store.database import make_session, open_engine

_RUNNING: set[ExportThread] = set()


class ExportThread(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # ExportResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        working_copy: Path,
        target: Path,
        settings: BriefingSettings,
        base_folder: Path | None,
    ) -> None:
        # No parent: a page deleted mid-export must not destroy a running thread. The module
        # keeps it alive until it finishes, then lets Qt delete it.
        super().__init__()
        _RUNNING.add(self)
        self.finished.connect(self._forget)
        self.working_copy = working_copy
        self.target = target
        self.settings = settings
        self.base_folder = base_folder
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _forget(self) -> None:
        _RUNNING.discard(self)
        self.deleteLater()

    def run(self) -> None:
        # The Word writer and the charts load here, on the first export, not with the page.
        from pmdesk.briefing.exporter import export_briefing

        engine = open_engine(self.working_copy)
        session = make_session(engine)
        try:
            result: ExportResult = export_briefing(
                session,
                self.target,
                self.settings,
                base_folder=self.base_folder,
                progress=self.progressed.emit,
                cancelled=self._stop.is_set,
            )
        except ExportCancelledError:
            self.cancelled.emit()
        except PmdeskError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a bug: say so in words, keep the trace for the report
            traceback.print_exc(file=sys.stderr)
            self.failed.emit(f"The briefing could not be written because of an error ({error}).")
        else:
            self.succeeded.emit(result)
        finally:
            session.close()
            engine.dispose()


def progress_dialog(parent: QWidget) -> QProgressDialog:
    dialog = QProgressDialog("Preparing the briefing…", "Cancel", 0, 1, parent)
    dialog.setWindowTitle("Exporting the briefing")
    # Not modal: a modal dialog's setValue runs a nested event loop, in which the export's
    # end (and its "open the file?" question) would arrive. The page disables Export instead.
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(400)  # quick exports finish before it would flash up
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog
