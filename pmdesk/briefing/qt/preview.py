"""The briefing's pages before exporting: export to a temporary file, convert it with
LibreOffice, draw the pages with pdftoppm, each step in the background and cancellable.

Nothing here blocks the UI thread: the export runs on its worker thread (``export_runner``),
the two tools run as ``QProcess`` es whose ``finished`` signal starts the next step. Without
LibreOffice, the panel says so and shows the outline the document will have.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QProcess, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pmdesk.briefing import preview
from pmdesk.briefing.qt.export_runner import ExportThread
from pmdesk.briefing.settings import BriefingSettings, ExportResult

# LibreOffice takes seconds to make a profile: one per run of the app, reused by each preview.
_PROFILE: list[Path] = []
CONVERT_SECONDS_MAX = 300  # a conversion still running after this is stuck: stop it


def _profile() -> Path:
    if not _PROFILE:
        _PROFILE.append(Path(tempfile.mkdtemp(prefix="pmdesk-office-")))
    return _PROFILE[0]


class PreviewPanel(QWidget):
    """Shows the pages of a briefing; ``finished`` says how it ended: "pages", "outline",
    "cancelled" or "failed"."""

    finished = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.cancel_button)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.thread: ExportThread | None = None
        self.process: QProcess | None = None
        self.folder: Path | None = None
        self.page_count = 0
        self._settings: BriefingSettings | None = None

    @property
    def running(self) -> bool:
        return self.thread is not None or self.process is not None

    def start(self, working_copy: Path, settings: BriefingSettings, changes_since: str) -> None:
        """Begin a preview of ``settings``' briefing of the project in ``working_copy``."""
        if self.running:
            return
        self._clear_pages()
        self._settings = settings
        tools = preview.find_tools()
        if tools is None:
            self._show_outline(preview.missing_tools_sentence(), changes_since)
            return
        self._tools = tools
        self._remove_folder()
        self.folder = Path(tempfile.mkdtemp(prefix="pmdesk-preview-"))
        self._say("Writing the briefing…", busy=True)
        thread = ExportThread(working_copy, self.folder / "briefing.docx", settings, None)
        self.destroyed.connect(thread.cancel)
        thread.succeeded.connect(self._exported)
        thread.failed.connect(lambda message: self._end("failed", message))
        thread.cancelled.connect(lambda: self._end("cancelled", "Preview cancelled."))
        self.thread = thread
        self._changes_since = changes_since
        thread.start()

    def cancel(self) -> None:
        if self.thread is not None:
            self.thread.cancel()
        elif self.process is not None:
            process, self.process = self.process, None
            process.kill()
            process.waitForFinished(2000)
            process.deleteLater()
            self._end("cancelled", "Preview cancelled.")

    # -- the steps -----------------------------------------------------------------------------

    def _exported(self, result: ExportResult) -> None:
        self._forget_thread()
        assert self.folder is not None
        self._say("Converting with LibreOffice…", busy=True)
        arguments = preview.convert_arguments(result.path, self.folder, _profile())
        self._run(self._tools.soffice, arguments, self._converted)

    def _converted(self) -> None:
        assert self.folder is not None
        pdf = self.folder / "briefing.pdf"
        # LibreOffice exits 0 even when it could not read the file: the PDF tells.
        if not pdf.is_file():
            self._show_outline("LibreOffice could not convert the briefing; here is the outline.")
            return
        self._say("Drawing the pages…", busy=True)
        arguments = preview.render_arguments(pdf, self.folder / "page")
        self._run(self._tools.pdftoppm, arguments, self._rendered)

    def _rendered(self) -> None:
        assert self.folder is not None
        images = preview.page_images(self.folder, "page")
        if not images:
            self._show_outline("The pages could not be drawn; here is the outline.")
            return
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap(str(image)))
            label.setToolTip(f"Page {number}")
            label.setObjectName("previewPage")
            self.pages_layout.addWidget(label)
        self.page_count = len(images)
        noun = "page" if len(images) == 1 else "pages"
        self._end("pages", f"{len(images):,} {noun}, as LibreOffice lays them out.")

    def _run(self, program: str, arguments: list[str], then: object) -> None:
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)

        def finished(_code: int, _status: QProcess.ExitStatus) -> None:
            if self.process is not process:
                return  # cancelled meanwhile
            self.process = None
            process.deleteLater()
            then()  # type: ignore[operator]

        def failed(error: QProcess.ProcessError) -> None:
            if self.process is process and error == QProcess.ProcessError.FailedToStart:
                self.process = None
                process.deleteLater()
                self._show_outline(
                    f"{Path(program).name} could not be started; here is the outline."
                )

        process.finished.connect(finished)
        process.errorOccurred.connect(failed)
        self.process = process
        process.start(program, arguments)

    # -- showing -------------------------------------------------------------------------------

    def _show_outline(self, sentence: str, changes_since: str | None = None) -> None:
        since = self._changes_since if changes_since is None else changes_since
        sections = self._settings.sections if self._settings is not None else ()
        lines = preview.outline(sections, since)
        text = QLabel("\n".join(f"{number}. {line}" for number, line in enumerate(lines, 1)))
        text.setObjectName("previewOutline")
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.pages_layout.addWidget(text)
        self._end("outline", sentence)

    def _say(self, text: str, *, busy: bool) -> None:
        self.status.setText(text)
        self.cancel_button.setEnabled(busy)

    def _end(self, how: str, sentence: str) -> None:
        self._forget_thread()
        self._say(sentence, busy=False)
        self.finished.emit(how)

    def _forget_thread(self) -> None:
        thread, self.thread = self.thread, None
        if thread is not None:
            thread.wait()

    def _clear_pages(self) -> None:
        self.page_count = 0
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _remove_folder(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def closeEvent(self, event: object) -> None:
        self.cancel()
        self._remove_folder()
        super().closeEvent(event)  # type: ignore[arg-type]


class PreviewWindow(QDialog):
    """A window beside the briefing page (never modal: the PM keeps editing meanwhile)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Briefing preview")
        self.setModal(False)
        self.panel = PreviewPanel()
        QVBoxLayout(self).addWidget(self.panel)
        self.resize(760, 760)  # a landscape page fits without scrolling sideways

    def done(self, result: int) -> None:
        self.panel.cancel()
        self.panel._remove_folder()
        super().done(result)
