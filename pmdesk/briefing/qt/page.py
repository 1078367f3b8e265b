"""The Briefing workspace: what the executive briefing says, and the one-click Word export.

A project keeps several briefings; the PM picks one at the top, edits its title page, summary
and asks on the left and its sections on the right, and exports. Every edit is one undoable
command through the controller; the export runs on a worker thread (see ``export_runner``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pmdesk import registry
from pmdesk.briefing import assets, changes
from pmdesk.briefing import model as briefings
from pmdesk.briefing.model import Briefing, SectionChoice
from pmdesk.briefing.qt import actions
from pmdesk.briefing.qt import dialogs as ask
from pmdesk.briefing.qt.audience_panel import AudiencePanel
from pmdesk.briefing.qt.export_runner import ExportThread, progress_dialog
from pmdesk.briefing.qt.sections_panel import SectionsPanel
from pmdesk.briefing.settings import BriefingSettings, ExportResult, readers_of
from pmdesk.errors import ValidationError
from pmdesk.gui import dialogs, theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.text import show_plain_text
from pmdesk.gui.toolbar import OverflowRow

if TYPE_CHECKING:
    from pmdesk.briefing.qt.preview import PreviewWindow

KINDS = registry.spec("briefing").kinds()  # the page shows every kind of briefing record

# field -> (label, placeholder) for the one-line settings
LINE_FIELDS: dict[str, tuple[str, str]] = {
    "name": ("Briefing name", "How you tell this briefing apart, e.g. “Exec staff”"),
    "title": ("Title", "Shown on the title page; empty: “<product>: executive briefing”"),
    "audience": ("Audience", "Who reads it, e.g. “Executive staff meeting”"),
    "author": ("Author", "Your name and role"),
    "company_name": ("Company", "Shown above the title and in the page footer"),
}
TEXT_FIELDS: dict[str, tuple[str, str]] = {
    "executive_summary": (
        "Executive summary",
        "Three short paragraphs: where the product stands, the main risk, what you recommend.",
    ),
    "decisions": (
        "Decisions and asks",
        "One per line, e.g. “Approve: two engineers for offline sync from January”.",
    ),
}


class BriefingPage(QWidget):
    export_finished = Signal(object)  # ExportResult, or None when it failed or was cancelled

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.briefing_id: str | None = None
        self.export_thread: ExportThread | None = None
        self.progress: QProgressDialog | None = None
        self._build()
        on_change(controller, self, self._refresh_if_touched)
        self.refresh()

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        heading = QLabel("Briefing")
        heading.setObjectName("pageTitle")
        theme.style(heading, "page_title")
        self.chooser = QComboBox()
        self.chooser.setMinimumWidth(220)
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.new_button = QPushButton("Add Briefing")
        self.new_button.clicked.connect(self.new_briefing)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_briefing)
        self.preview_button = QPushButton("Preview pages…")
        self.preview_button.setToolTip("See the pages as the readers will, before exporting")
        self.preview_button.clicked.connect(self.preview)
        self.preview_window: PreviewWindow | None = None
        self.export_button = QPushButton("Export to Word…")
        self.export_button.setObjectName("primaryButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(QLabel("Briefing:"))
        top.addWidget(self.chooser)
        # One row of actions, "Add" first; what does not fit waits in its "More" menu.
        self.actions_row = OverflowRow()
        self.actions_row.add(self.new_button)
        self.actions_row.add(self.delete_button)
        self.actions_row.add_spacing(16)
        self.actions_row.add(self.preview_button)
        self.actions_row.add(self.export_button)
        top.addWidget(self.actions_row, 1)

        self.empty_label = QLabel(
            "This project has no briefing yet. Create one to choose what executives read, "
            "then export it to Word in one click."
        )
        self.empty_label.setWordWrap(True)

        self.lines: dict[str, QLineEdit] = {}
        self.stored: dict[str, QLineEdit] = {}  # "logo"/"template" -> the stored file's name
        self.browse_buttons: list[QPushButton] = []
        form = QFormLayout()
        for field, (label, placeholder) in LINE_FIELDS.items():
            line = QLineEdit()
            line.setPlaceholderText(placeholder)
            line.editingFinished.connect(lambda field=field: self._line_edited(field))
            self.lines[field] = line
            form.addRow(label, line)
        self.use_export_date = QCheckBox("The day of each export")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.use_export_date.toggled.connect(self._date_edited)
        self.date_edit.editingFinished.connect(self._date_edited)
        date_row = QHBoxLayout()
        date_row.addWidget(self.use_export_date)
        date_row.addWidget(self.date_edit, 1)
        form.addRow("Date", date_row)
        self.logo = self._path_row(form, "logo_path", "Logo", self._choose_logo)
        self.template = self._path_row(
            form, "template_path", "Word template", self._choose_template
        )
        self.texts: dict[str, QPlainTextEdit] = {}
        for field, (label, placeholder) in TEXT_FIELDS.items():
            editor = QPlainTextEdit()
            editor.setPlaceholderText(placeholder)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(110)
            editor.textChanged.connect(lambda field=field: self._text_edited(field))
            self.texts[field] = editor
            form.addRow(label, editor)
        settings_box = QGroupBox("Title page and summary")
        settings_box.setLayout(form)
        self.audience = AudiencePanel()
        self.audience.edited.connect(
            lambda values: self._update("Change the briefing's audience", values)
        )
        audience_box = QGroupBox("Who reads it")
        QVBoxLayout(audience_box).addWidget(self.audience)
        # What the next export will open with: the changes since the last one, as it will
        # word them for this audience.
        self.changes_label = QLabel()
        self.changes_label.setWordWrap(True)
        self.changes_label.setTextFormat(Qt.TextFormat.PlainText)
        changes_box = QGroupBox("Since the last export")
        QVBoxLayout(changes_box).addWidget(self.changes_label)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(changes_box)
        column.addWidget(audience_box)
        column.addWidget(settings_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)

        self.sections = SectionsPanel()
        self.sections.names_of = lambda spec: (
            spec.names_in(self.controller.session) if spec.names_in is not None else []
        )
        self.sections.sections_changed.connect(self._sections_edited)
        sections_box = QGroupBox("Sections")
        QVBoxLayout(sections_box).addWidget(self.sections)

        self.splitter = QSplitter()
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(sections_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.splitter, 1)

    def _path_row(
        self, form: QFormLayout, field: str, label: str, choose: Callable[[], None]
    ) -> QLineEdit:
        """The stored file's name (read-only: a file is chosen, never typed), Choose… and
        Remove."""
        what = "logo" if field == "logo_path" else "template"
        line = QLineEdit()
        line.setReadOnly(True)
        line.setPlaceholderText("None" if what == "logo" else "None: PM Desk's own style")
        self.stored[what] = line
        browse = QPushButton("Choose…")
        browse.clicked.connect(choose)
        remove = QPushButton("Clear")
        remove.clicked.connect(lambda: self._remove(what))
        self.browse_buttons.extend((browse, remove))
        row = QHBoxLayout()
        row.addWidget(line, 1)
        for button in (browse, remove):
            button.setMinimumWidth(button.sizeHint().width())  # the name gives way, not these
            row.addWidget(button)
        form.addRow(label, row)
        return line

    # -- showing -------------------------------------------------------------------------------

    def current(self) -> Briefing | None:
        if self.briefing_id is None:
            return None
        return self.controller.session.get(Briefing, self.briefing_id)

    def refresh(self) -> None:
        all_briefings = briefings.list_briefings(self.controller.session)
        ids = [briefing.id for briefing in all_briefings]
        if self.briefing_id not in ids:
            self.briefing_id = ids[0] if ids else None
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for briefing in all_briefings:
            self.chooser.addItem(briefing.name, briefing.id)
        self.chooser.setCurrentIndex(ids.index(self.briefing_id) if self.briefing_id else -1)
        self.chooser.blockSignals(False)
        briefing = self.current()
        has = briefing is not None
        read_only = self.controller.read_only
        self.empty_label.setVisible(not has)
        self.splitter.setVisible(has)
        self.chooser.setEnabled(has)
        self.delete_button.setEnabled(has and not read_only)
        self.new_button.setEnabled(not read_only)
        self.export_button.setEnabled(has and self.export_thread is None)
        self.preview_button.setEnabled(has)
        if briefing is None:
            return
        for field, line in self.lines.items():
            if line.text() != getattr(briefing, field):
                line.setText(getattr(briefing, field))
            line.setReadOnly(read_only)
        for what, line in self.stored.items():
            name = getattr(briefing, f"{what}_name")
            old_path = getattr(briefing, f"{what}_path").strip()
            if name:
                line.setText(f"{name} (stored in the project)")
            elif old_path:
                # Named by an older version: shown so the PM can choose it again, never read.
                line.setText(f"Not stored: {old_path} — choose it again")
            else:
                line.setText("")
        for browse in self.browse_buttons:
            browse.setEnabled(not read_only)  # a chosen file could not be stored
        for field, editor in self.texts.items():
            show_plain_text(editor, getattr(briefing, field))
            editor.setReadOnly(read_only)
        for widget in (self.use_export_date, self.date_edit):
            widget.blockSignals(True)
        self.use_export_date.setChecked(briefing.briefing_date is None)
        day = briefing.briefing_date or date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.setEnabled(briefing.briefing_date is not None and not read_only)
        self.use_export_date.setEnabled(not read_only)
        for widget in (self.use_export_date, self.date_edit):
            widget.blockSignals(False)
        self.audience.show_briefing(briefing.profile, briefing.profile_rules, read_only)
        self.sections.show_choices(briefings.section_choices(briefing))
        self.sections.set_read_only(read_only)
        if self.isVisible():
            self.show_changes()

    def show_changes(self) -> None:
        """The changes the next export will list (read when the page is shown: edits on other
        pages happen while it is hidden, and reading them costs a pass over the project)."""
        briefing = self.current()
        if briefing is None:
            return
        settings = BriefingSettings.of(briefing)
        report = changes.changes_since_last_export(
            self.controller.session,
            briefing.id,
            [choice.key for choice in settings.sections],
            readers_of(self.controller.session, settings),
        )
        self.changes_label.setText(changes.as_text(report))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.show_changes()

    def _refresh_if_touched(self, change: Change) -> None:
        if any(change.touches(kind) for kind in KINDS):
            self.refresh()

    def _chosen(self, index: int) -> None:
        self.briefing_id = self.chooser.itemData(index) if index >= 0 else None
        self.refresh()

    # -- editing -------------------------------------------------------------------------------

    def _update(self, label: str, values: dict[str, Any], merge: str | None = None) -> None:
        briefing = self.current()
        if briefing is not None:
            actions.update_briefing(self.controller, briefing.id, label, values, merge)

    def _line_edited(self, field: str) -> None:
        label = LINE_FIELDS[field][0]
        self._update(f"Edit briefing {label.lower()}", {field: self.lines[field].text()})

    def _text_edited(self, field: str) -> None:
        label = TEXT_FIELDS[field][0]
        self._update(f"Edit {label.lower()}", {field: self.texts[field].toPlainText()}, field)

    def _date_edited(self, *_args: object) -> None:
        chosen = None if self.use_export_date.isChecked() else self.date_edit.date().toPython()
        self.date_edit.setEnabled(chosen is not None)
        self._update("Change briefing date", {"briefing_date": chosen})

    def _sections_edited(self, choices: Sequence[SectionChoice]) -> None:
        briefing = self.current()
        if briefing is not None:
            actions.set_sections(self.controller, briefing.id, choices)

    def new_briefing(self) -> None:
        base = "Exec staff" if not self.chooser.count() else "Briefing"
        briefing_id = actions.add_briefing(self.controller, base)
        if briefing_id is not None:
            self.briefing_id = briefing_id
            self.refresh()

    def delete_briefing(self) -> None:
        briefing = self.current()
        if briefing is not None:
            actions.delete_briefing(self.controller, briefing.id)

    def _choose_logo(self) -> None:
        path = ask.choose_briefing_logo(self, self._folder())
        if path is not None:
            self._store("logo", path)

    def _choose_template(self) -> None:
        path = ask.choose_briefing_template(self, self._folder())
        if path is not None:
            self._store("template", path)

    def _store(self, what: str, path: Path) -> None:
        """Read the chosen file into the briefing (checked, within its size limit), so the
        project carries it; the old path-only setting is cleared in the same step."""
        read = assets.read_logo if what == "logo" else assets.read_template
        try:
            data, name = read(path)
        except ValidationError as error:
            dialogs.show_error(self, f"Cannot use this {what}", str(error))
            return
        field = "logo_png" if what == "logo" else "template_docx"
        values = {field: data, f"{what}_name": name, f"{what}_path": ""}
        self._update(f"Choose the briefing's {what}", values)

    def _remove(self, what: str) -> None:
        field = "logo_png" if what == "logo" else "template_docx"
        self._update(
            f"Remove the briefing's {what}", {field: "", f"{what}_name": "", f"{what}_path": ""}
        )

    def _folder(self) -> str:
        path = self.controller.document.path
        return str(path.parent) if path is not None else str(Path.home())

    # -- preview -------------------------------------------------------------------------------

    def preview(self) -> None:
        """Show the briefing's pages in a window beside the page, made in the background."""
        briefing = self.current()
        if briefing is None:
            return
        if self.preview_window is None:
            # Imported on the first preview: the page opens without the page-layout code.
            from pmdesk.briefing.qt.preview import PreviewWindow

            self.preview_window = PreviewWindow(self)
        window = self.preview_window
        window.show()
        window.activateWindow()
        last = changes.last_snapshot(self.controller.session, briefing.id)
        since = f"{last[0].day} {last[0]:%b %Y}" if last else ""
        window.panel.start(
            self.controller.document.working_path, BriefingSettings.of(briefing), since
        )

    # -- export --------------------------------------------------------------------------------

    def export(self) -> None:
        briefing = self.current()
        if briefing is None or self.export_thread is not None:
            return
        product = briefings.product_name(self.controller.session)
        if product is None:
            product = "Briefing"
        suggestion = Path(self._folder()) / f"{product} - {briefing.name}.docx"
        target = ask.choose_briefing_file(self, str(suggestion))
        if target is not None:
            self.start_export(target)

    def start_export(self, target: Path) -> None:
        briefing = self.current()
        if briefing is None or self.export_thread is not None:
            return
        document = self.controller.document
        base = document.path.parent if document.path is not None else None
        thread = ExportThread(document.working_path, target, BriefingSettings.of(briefing), base)
        # Closing the project mid-export stops the export; the thread outlives the page.
        self.destroyed.connect(thread.cancel)
        self.progress = progress_dialog(self)
        thread.progressed.connect(self._progressed)
        self.progress.canceled.connect(thread.cancel)
        thread.succeeded.connect(self._exported)
        thread.failed.connect(self._export_failed)
        thread.cancelled.connect(self._export_cancelled)
        self.export_thread = thread
        self.export_button.setEnabled(False)
        thread.start()

    def cancel_export(self) -> None:
        if self.export_thread is not None:
            self.export_thread.cancel()

    def _progressed(self, done: int, total: int, what: str) -> None:
        dialog = self.progress
        if dialog is not None:
            dialog.setLabelText(what + "…" if done < total else what)
            dialog.setMaximum(total)
            dialog.setValue(done)

    def _exported(self, result: ExportResult) -> None:
        # The bookkeeping comes before the question: the question box runs a nested event
        # loop, inside which the finished thread is deleted and Export must already be ready.
        self._export_over()
        briefing = self.current()
        if briefing is not None and result.snapshot:
            day = briefing.briefing_date or date.today()
            actions.remember_export(self.controller, briefing.id, day, result.snapshot)
        if ask.ask_open_briefing(self, result.path, result.warnings):
            dialogs.open_with_default_app(result.path)
        self.export_finished.emit(result)

    def _export_failed(self, message: str) -> None:
        self._export_over()
        dialogs.show_error(self, "Export failed", message)
        self.export_finished.emit(None)

    def _export_cancelled(self) -> None:
        self._export_over()
        self.export_finished.emit(None)

    def _export_over(self) -> None:
        """Forget the finished export and make Export available again, before anything else."""
        self._close_progress()
        thread, self.export_thread = self.export_thread, None
        if thread is not None:
            thread.wait()  # it has emitted its last signal, so this returns at once
        self.export_button.setEnabled(self.current() is not None)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show a briefing (its sections are shown by it)."""
        if kind != Briefing.__tablename__:
            return False
        index = self.chooser.findData(record_id)
        self.chooser.setCurrentIndex(index)
        return index >= 0
