"""Import and export of requirements and customer inputs as CSV, from the page's buttons.

Each import is one undo step (:meth:`RequirementActions.import_rows`); a file that cannot be read,
or a write that fails, is reported in a sentence and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMainWindow, QMenu, QToolButton, QWidget

from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.requirements.model import CustomerInput, Requirement
from pmdesk.workspaces.requirements.qt import dialogs as ask
from pmdesk.workspaces.requirements.qt.actions import RequirementActions

if TYPE_CHECKING:
    from pmdesk.workspaces.requirements.io import ImportReview

KINDS: dict[str, tuple[str, type[Requirement] | type[CustomerInput]]] = {
    "requirements": ("Requirements", Requirement),
    "inputs": ("Customer Inputs", CustomerInput),
}


class RequirementFiles:
    def __init__(self, controller: DocumentController, parent: QWidget) -> None:
        self.controller = controller
        self.parent = parent
        self.actions = RequirementActions(controller, parent)
        self.folder = str(Path.home())

    def buttons(self) -> list[QToolButton]:
        import_button = QToolButton()
        import_button.setText("Import CSV")
        import_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(import_button)
        for kind, (noun, _model) in KINDS.items():
            action = menu.addAction(f"{noun}…")
            action.triggered.connect(lambda _checked=False, k=kind: self.import_csv(k))
        import_button.setMenu(menu)
        import_button.setEnabled(not self.controller.read_only)
        import_button.setToolTip(
            "Requirements from an issue tracker or spreadsheet; customer inputs from feedback."
        )
        export_button = QToolButton()
        export_button.setText("Export CSV")
        export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(export_button)
        for kind, (noun, _model) in KINDS.items():
            action = menu.addAction(f"{noun}…")
            action.triggered.connect(lambda _checked=False, k=kind: self.export_csv(k))
        export_button.setMenu(menu)
        return [import_button, export_button]

    def import_csv(self, kind: str, path: Path | None = None) -> bool:
        noun, model = KINDS[kind]
        if path is None:
            path = dialogs.choose_csv(self.parent, f"Import {noun}", self.folder)
            if path is None:
                return False
        self.folder = str(path.parent)
        # The CSV and preview code loads with the first import, not with the page.
        from pmdesk.gui.import_preview import read_in_background

        try:
            review = read_in_background(
                self.parent,
                self.controller.document.working_path,
                f"Import {noun}",
                path,
                self._reader(kind),
            )
            if review is None:
                return False  # the PM cancelled the sheet question or the reading
        except PmdeskError as error:
            dialogs.show_error(self.parent, f"Cannot Import {noun}", str(error))
            return False
        if not ask.review_requirements_import(self.parent, review):
            return False
        return self.actions.import_rows(
            kind, model, noun, review.rows_to_create(), review.rows_to_update()
        )

    def _reader(self, kind: str) -> Callable[..., ImportReview]:
        """Reading and checking a file, off the UI thread (a 50,000-row export takes seconds)."""
        from pmdesk.workspaces.requirements import io as rcsv

        def make(session: Any, path: Path, sheet: str | None, progress: Any) -> ImportReview:
            # A tracker export imported again updates the requirements it made.
            return rcsv.ImportReview(
                session,
                rcsv.read_table(path, sheet),
                path.name,
                kind,
                update_existing=kind == "requirements",
                progress=progress,
            )

        return make

    def export_csv(self, kind: str) -> bool:
        noun, _model = KINDS[kind]
        suggestion = str(Path(self.folder) / f"{noun.lower().replace(' ', '-')}.csv")
        path = dialogs.choose_export_file(
            self.parent, f"Export {noun}", suggestion, "CSV files (*.csv);;All files (*)"
        )
        if path is None:
            return False
        self.folder = str(path.parent)
        session = self.controller.session
        from pmdesk.workspaces.requirements import io as rcsv

        try:
            if kind == "requirements":
                count = rcsv.export_requirements(session, path)
            else:
                count = rcsv.export_inputs(session, path)
        except PmdeskError as error:
            dialogs.show_error(self.parent, f"Cannot Export {noun}", str(error))
            return False
        window = self.parent.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(f"Exported {count} {noun.lower()} to {path}", 5000)
        return True
