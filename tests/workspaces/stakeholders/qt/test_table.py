"""The stakeholder table: a correct Qt model, inline edits that undo, deletion that asks."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.stakeholders.model import Stakeholder, StakeholderRelationship
from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage
from pmdesk.workspaces.stakeholders.qt.table_model import FIELD_COLUMN, StakeholderTableModel

TODAY = date(2026, 11, 25)


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


@pytest.fixture
def page(qtbot, controller):
    page = StakeholdersPage(controller, today=TODAY)
    qtbot.addWidget(page)
    return page


def _index(model, name: str, field: str):
    row = next(r for r in range(model.rowCount()) if model.stakeholder(r).name == name)
    return model.index(row, FIELD_COLUMN[field])


def _person(session, name: str) -> Stakeholder:
    return session.scalars(select(Stakeholder).where(Stakeholder.name == name)).one()


def _lines(session) -> int:
    return session.scalar(select(func.count()).select_from(StakeholderRelationship))


def test_the_table_model_passes_the_model_tester(qtmodeltester, controller):
    model = StakeholderTableModel(controller, today=TODAY)
    qtmodeltester.check(model, force_py=True)


def test_the_proxy_passes_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.proxy, force_py=True)


def test_an_inline_edit_is_stored_and_one_undo_restores_it(page, controller):
    model = page.table_model
    index = _index(model, "Omar Haddad", "influence")
    assert model.setData(index, 8)
    assert _person(controller.session, "Omar Haddad").influence == 8
    assert index.data() == "8"
    assert _index(model, "Omar Haddad", "strategy_override").data() == "Keep satisfied (quadrant)"
    controller.undo_stack.undo()
    assert _person(controller.session, "Omar Haddad").influence == 5
    assert _index(model, "Omar Haddad", "influence").data() == "5"


def test_a_bad_value_is_refused_with_a_sentence_and_nothing_changes(page, controller):
    messages: list[str] = []
    controller.failed.connect(messages.append)
    index = _index(page.table_model, "Omar Haddad", "name")
    assert not page.table_model.setData(index, "Dana Whitfield")
    assert messages == ["There is already a stakeholder called “Dana Whitfield”."]
    assert index.data() == "Omar Haddad"
    assert controller.undo_stack.count() == 0


def test_external_is_a_checkbox(page, controller):
    index = _index(page.table_model, "Omar Haddad", "external")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    page.table_model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert _person(controller.session, "Omar Haddad").external is True


def test_an_overdue_touchpoint_stands_out(page):
    overdue = _index(page.table_model, "Marcus Feld", "next_touchpoint")
    on_time = _index(page.table_model, "Dana Whitfield", "next_touchpoint")
    assert overdue.data(Qt.ItemDataRole.ToolTipRole) == "Overdue by 7 days"
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert on_time.data(Qt.ItemDataRole.ForegroundRole) is None
    assert "1 touchpoint" not in page.summary.text() and "overdue" in page.summary.text()


def test_deleting_asks_nothing_and_removes_the_lines_in_the_same_undo_step(page, controller):
    session = controller.session
    before = _lines(session)
    rachel = _person(session, "Rachel Osei").id
    assert page.delete_stakeholders([rachel])  # no question: Undo is there
    assert session.get(Stakeholder, rachel) is None
    assert _lines(session) == before - 4
    assert page.table_model.row_of(rachel) == -1
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert _lines(session) == before
    assert page.table_model.row_of(rachel) >= 0
    controller.undo_stack.redo()
    assert _lines(session) == before - 4


def test_add_gives_a_unique_name_and_undo_takes_it_away(page, controller):
    first = page.add_stakeholder()
    second = page.add_stakeholder()
    session = controller.session
    assert session.get(Stakeholder, first).name == "New stakeholder"
    assert session.get(Stakeholder, second).name == "New stakeholder 2"
    controller.undo_stack.undo()
    assert session.get(Stakeholder, second) is None


def test_the_department_filter_narrows_the_table(page):
    total = page.proxy.rowCount()
    page.department_filter.setCurrentIndex(page.department_filter.findData("Sales"))
    names = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert names == {"Rachel Osei", "Ben Adler"}
    page.department_filter.setCurrentIndex(0)
    assert page.proxy.rowCount() == total


def test_sorting_by_influence_is_numeric(page):
    page.table.sortByColumn(FIELD_COLUMN["influence"], Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, FIELD_COLUMN["influence"]).data() == "10"


def test_a_read_only_project_cannot_be_edited(qtbot, sample_file):
    from pmdesk.store.document import Document

    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        page = StakeholdersPage(controller, today=TODAY)
        qtbot.addWidget(page)
        index = page.table_model.index(0, FIELD_COLUMN["influence"])
        assert not index.flags() & Qt.ItemFlag.ItemIsEditable
        assert not page.table_model.setData(index, 3)
        assert not page.add_button.isEnabled()
        delete = next(action for action in page.actions() if action.text() == "Delete")
        assert not delete.isEnabled()  # the Delete key asks nothing in a read-only project
    finally:
        document.close()


def _edit_with_delegate(page, name: str, field: str, change) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    index = page.proxy.mapFromSource(_index(page.table_model, name, field))
    delegate = page.table.itemDelegate()
    editor = delegate.createEditor(page.table.viewport(), QStyleOptionViewItem(), index)
    delegate.setEditorData(editor, index)
    change(editor)
    delegate.setModelData(editor, page.proxy, index)
    editor.deleteLater()


def test_cells_have_proper_editors_that_store_real_values(page, controller):
    from PySide6.QtWidgets import QComboBox, QDateEdit, QPlainTextEdit, QSpinBox

    session = controller.session

    def spin(editor):
        assert isinstance(editor, QSpinBox)
        assert (editor.minimum(), editor.maximum(), editor.value()) == (1, 10, 5)
        editor.setValue(9)

    _edit_with_delegate(page, "Omar Haddad", "influence", spin)
    assert _person(session, "Omar Haddad").influence == 9

    def attitude(editor):
        assert isinstance(editor, QComboBox) and editor.currentData() == "neutral"
        editor.setCurrentIndex(editor.findData("blocker"))

    _edit_with_delegate(page, "Omar Haddad", "attitude", attitude)
    assert _person(session, "Omar Haddad").attitude == "blocker"

    def clear_date(editor):
        assert isinstance(editor, QDateEdit) and editor.date().year() == 2026
        editor.setDate(editor.minimumDate())  # shown as "None"

    _edit_with_delegate(page, "Omar Haddad", "next_touchpoint", clear_date)
    assert _person(session, "Omar Haddad").next_touchpoint is None

    def notes(editor):
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText("First line\nSecond line")

    _edit_with_delegate(page, "Omar Haddad", "notes", notes)
    assert _person(session, "Omar Haddad").notes == "First line\nSecond line"
    assert _index(page.table_model, "Omar Haddad", "notes").data() == "First line"
    assert controller.undo_stack.count() == 4


def test_an_edit_repaints_only_its_row_and_the_selection_stays(page, controller):
    # Typed in the table as a PM does it: select a row, edit another person's cell.
    page.tabs.setCurrentWidget(page.table)
    page.table.selectRow(0)
    chosen = page.proxy.index(0, 0).data()
    resets: list[bool] = []
    repainted: list[tuple[int, int]] = []
    page.table_model.modelReset.connect(lambda: resets.append(True))
    page.table_model.dataChanged.connect(
        lambda top, bottom, _roles=(): repainted.append((top.row(), bottom.row()))
    )
    index = _index(page.table_model, "Omar Haddad", "cadence")
    assert page.table_model.setData(index, "Weekly")
    assert not resets
    assert repainted == [(index.row(), index.row())]  # not the whole table
    selected = page.table.selectionModel().selectedRows()
    assert [row.data() for row in selected] == [chosen]


def test_an_edit_of_the_sorted_column_moves_its_row_without_a_reset(page, controller):
    page.table.sortByColumn(FIELD_COLUMN["influence"], Qt.SortOrder.DescendingOrder)
    resets: list[bool] = []
    page.table_model.modelReset.connect(lambda: resets.append(True))
    last = page.proxy.rowCount() - 1
    name = page.proxy.index(last, 0).data()
    source = page.proxy.mapToSource(page.proxy.index(last, FIELD_COLUMN["influence"]))
    assert page.table_model.setData(source, 10)
    assert not resets
    tops = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert tops.index(name) < last  # it rose with its new influence
    influence = [int(page.proxy.index(r, FIELD_COLUMN["influence"]).data()) for r in range(last)]
    assert influence == sorted(influence, reverse=True)
