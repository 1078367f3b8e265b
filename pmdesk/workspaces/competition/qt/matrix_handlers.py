"""What the matrix's buttons, context menu and column header do: ask the user what is needed
(a name, a confirmation that says what goes with a removal and where else it is used, a CSV
file and its preview), then make the edit through :mod:`.actions`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QTableView, QWidget

from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.competition import edit
from pmdesk.workspaces.competition.model import Competitor, Criterion, CriterionCategory
from pmdesk.workspaces.competition.qt import actions
from pmdesk.workspaces.competition.qt import dialogs as ask
from pmdesk.workspaces.competition.qt.matrix_model import CRITERIA, FIXED_COLUMNS, MatrixModel

EXPORT_NAME = "competitive-matrix.csv"


class MatrixHandlers:
    """Mixed into the matrix panel, which provides the widgets named below."""

    controller: DocumentController
    model: MatrixModel
    table: QTableView
    proxy: QSortFilterProxyModel

    def _parent(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    # -- adding ---------------------------------------------------------------------------------

    def add_competitor(self) -> None:
        ours_marked = any(competitor[2] for competitor in self.model.competitors)
        answer = ask.ask_new_competitor(self._parent(), ours_marked)
        if answer is not None:
            actions.add_competitor(self.controller, *answer)

    def add_category(self) -> None:
        name = dialogs.ask_text(self._parent(), "Add Category", "Category name:")
        if name:
            actions.add_category(self.controller, name)

    def add_criterion(self) -> None:
        """Add a criterion to the selected row's category (or the last one) and edit its name."""
        category_id = self._selected_category()
        if category_id is None:
            self.controller.failed.emit("Add a category first: every criterion belongs to one.")
            return
        existing = {c.name.lower() for c in self.model.criteria.values()}
        name, number = "New criterion", 2
        while name.lower() in existing:
            name, number = f"New criterion {number}", number + 1
        self.model.set_collapsed(category_id, False)
        new_id = actions.add_criterion(self.controller, category_id, name)
        if new_id is not None:
            row = next(r for r, entry in enumerate(self.model.rows) if entry.id == new_id)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def _selected_category(self) -> str | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        if index.isValid():
            entry = self.model.rows[index.row()]
            if entry.kind == "category":
                return entry.id
            if entry.kind == "criterion":
                return self.model.criteria[entry.id].category_id
        categories = [e.id for e in self.model.rows if e.kind == "category"]
        return categories[-1] if categories else None

    # -- removing -------------------------------------------------------------------------------

    def remove_selected(self) -> None:
        """Remove the selected criterion or category (row) or competitor (column)."""
        index = self.proxy.mapToSource(self.table.currentIndex())
        if not index.isValid():
            self.controller.failed.emit("Select a criterion, a category or a competitor first.")
            return
        entry = self.model.rows[index.row()]
        competitor = self.model.competitor_at(index.column())
        if entry.kind == "criterion" and index.column() < FIXED_COLUMNS:
            self.remove_criterion(entry.id)
        elif entry.kind == "category" and index.column() < FIXED_COLUMNS:
            self.remove_category(entry.id)
        elif competitor is not None:
            self.remove_competitor(competitor[0])
        else:
            self.controller.failed.emit("Select a criterion, a category or a competitor first.")

    # Deleting asks nothing: it is one undo step, and Edit › Undo names what went, with the
    # other workspaces' records that lose their link to it (they stay).

    def _used_elsewhere(self, table_name: str, record_id: str) -> str:
        uses = edit.usage_elsewhere(self.controller.session, table_name, record_id)
        return "".join(f"; used by {count} {label}" for label, count in uses)

    def remove_criterion(self, criterion_id: str) -> bool:
        name = self.model.criteria[criterion_id].name
        text = f"Delete the criterion “{name}”" + self._used_elsewhere(CRITERIA, criterion_id)
        return actions.remove(self.controller, Criterion, criterion_id, text)

    def remove_category(self, category_id: str) -> bool:
        name = next(e.name for e in self.model.rows if e.id == category_id)
        text = f"Delete the category “{name}”"
        return actions.remove(self.controller, CriterionCategory, category_id, text)

    def remove_competitor(self, competitor_id: str) -> bool:
        name = next(c[1] for c in self.model.competitors if c[0] == competitor_id)
        text = f"Delete “{name}”" + self._used_elsewhere(Competitor.__tablename__, competitor_id)
        return actions.remove(self.controller, Competitor, competitor_id, text)

    # -- CSV ------------------------------------------------------------------------------------

    def import_csv(self) -> bool:
        """Ask for a wide matrix CSV, preview it, and import the good rows as one undo step."""
        path = dialogs.choose_csv(self._parent(), "Import Competitive Matrix", str(Path.home()))
        if path is None:
            return False

        def make(session: Any, path: Path, sheet: str | None, progress: Any) -> Any:
            # The CSV code loads with the first import or export, not with the page.
            from pmdesk.workspaces.competition import io as matrix_csv

            table = matrix_csv.read_matrix_csv(path, sheet)
            return matrix_csv.preview_matrix(session, table, progress)

        from pmdesk.gui.import_preview import read_in_background

        try:
            # Off the UI thread, with progress and Cancel: a feature matrix can be big.
            preview = read_in_background(
                self._parent(),
                self.controller.document.working_path,
                "Import Competitive Matrix",
                path,
                make,
            )
            if preview is None:
                return False
        except PmdeskError as error:
            dialogs.show_error(self._parent(), "Cannot Import Matrix", str(error))
            return False
        if not ask.review_competition_import(self._parent(), preview) or not preview.good_rows:
            return False
        return actions.import_matrix(self.controller, preview, path.name)

    def export_csv(self) -> Path | None:
        target = dialogs.choose_export_file(
            self._parent(), "Export Competitive Matrix", EXPORT_NAME, "CSV files (*.csv)"
        )
        if target is None:
            return None
        if target.suffix.lower() != ".csv":
            target = target.with_name(target.name + ".csv")
        from pmdesk.workspaces.competition import io as matrix_csv

        try:
            matrix_csv.export_matrix(self.controller.session, target)
        except PmdeskError as error:
            dialogs.show_error(self._parent(), "Cannot Export Matrix", str(error))
            return None
        return target

    # -- categories and criteria ------------------------------------------------------------------

    def rename_category(self, category_id: str) -> bool:
        old = next(e.name for e in self.model.rows if e.id == category_id)
        name = dialogs.ask_text(self._parent(), "Rename Category", "Category name:", old)
        if name is None or name.strip() == old:
            return False
        return actions.rename_category(self.controller, category_id, old, name)

    def edit_description(self, criterion_id: str) -> bool:
        criterion = self.model.criteria[criterion_id]
        old = criterion.description
        text = dialogs.ask_text(
            self._parent(), "Describe Criterion", f"What “{criterion.name}” means:", old
        )
        if text is None or text.strip() == old:
            return False
        return actions.describe_criterion(self.controller, criterion_id, criterion.name, old, text)

    def set_kind(self, criterion_id: str, kind: str) -> bool:
        criterion = self.model.criteria[criterion_id]
        return actions.set_criterion_kind(
            self.controller, criterion_id, criterion.name, criterion.kind, kind
        )

    def move_criterion(self, criterion_id: str, step: int) -> bool:
        """Move a criterion up or down inside its category (one undo step)."""
        category_id = self.model.criteria[criterion_id].category_id
        members = self.model.category_members[category_id]
        target = members.index(criterion_id) + step
        if not 0 <= target < len(members):
            return False
        return self.model.move_criterion(criterion_id, category_id, target)

    # -- competitors' order -------------------------------------------------------------------

    def _column_moved(self, _logical: int, _old_visual: int, _new_visual: int) -> None:
        """A competitor's column was dragged: store the new order (ours stays first), then put
        the header back in model order, since the model now shows the stored order."""
        header = self.table.horizontalHeader()
        visual_order = sorted(range(header.count()), key=header.visualIndex)
        ids = [
            competitor[0]
            for column in visual_order
            if (competitor := self.model.competitor_at(column)) is not None
        ]
        header.blockSignals(True)
        for logical in range(header.count()):
            header.moveSection(header.visualIndex(logical), logical)
        header.blockSignals(False)
        current = [competitor[0] for competitor in self.model.competitors]
        if ids != current:
            self.reorder_competitors(ids)

    def reorder_competitors(self, ordered_ids: list[str]) -> bool:
        return actions.reorder_competitors(self.controller, ordered_ids)
