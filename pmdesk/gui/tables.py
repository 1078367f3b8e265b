"""Tables keep the record under the PM's hands: after an edit refreshes (and re-sorts) a table,
the same records are selected, the same record is current, and it is in view."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from pmdesk.domain import values


@contextmanager
def keeping_place(view: QAbstractItemView, id_role: int) -> Iterator[None]:
    """Around a refresh of ``view``'s model: put the current and the selected records back.

    Records are found by the id the model gives under ``id_role``, so a re-sort or a reset
    never moves the selection, or the next edit, onto whichever record took their rows.
    """
    model = view.model()
    selection = view.selectionModel()
    current = view.currentIndex()
    current_id = current.data(id_role) if current.isValid() else None
    column = current.column()
    selected = [index.data(id_role) for index in selection.selectedRows()] if selection else []
    focus = QApplication.focusWidget()
    # An editor closed by the refresh hands the focus to the next field (a filter box, say):
    # it goes back to the table, where the PM's next key is meant for.
    had_focus = focus is not None and (focus is view or view.isAncestorOf(focus))
    yield
    if had_focus and not view.hasFocus():
        view.setFocus(Qt.FocusReason.OtherFocusReason)
    if current_id is None and not selected:
        return
    model = view.model()
    selection = view.selectionModel()
    if model is None or selection is None:
        return
    rows = _rows_of(model, id_role, {current_id, *selected} - {None})
    chosen = QItemSelection()
    for record in selected:
        row = rows.get(record)
        if row is not None:
            chosen.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    flags = QItemSelectionModel.SelectionFlag
    selection.select(chosen, flags.ClearAndSelect)
    row = rows.get(current_id)
    if row is not None:
        index = model.index(row, max(column, 0))
        selection.setCurrentIndex(index, flags.NoUpdate)
        view.scrollTo(index)


def _rows_of(model: Any, id_role: int, ids: set[Any]) -> dict[Any, int]:
    """The rows holding ``ids`` (one pass, stopping once all are found)."""
    found: dict[Any, int] = {}
    if not ids:
        return found
    for row in range(model.rowCount(QModelIndex())):
        record = model.index(row, 0).data(id_role)
        if record in ids:
            found[record] = row
            if len(found) == len(ids):
                break
    return found


def follow_current(view: QAbstractItemView) -> None:
    """Keep the current record in sight when the table re-sorts under it.

    A sorting proxy moves the selection with its record when an edit re-sorts the rows, but
    leaves the scroll where it was: the edited record could then slide out of view.
    """
    model = view.model()

    def reveal() -> None:
        current = view.currentIndex()
        if current.isValid():
            view.scrollTo(current)

    model.layoutChanged.connect(reveal)


# Lives with the values so that Qt-free layouts sort names the same way; kept importable here.
natural_key = values.natural_key
