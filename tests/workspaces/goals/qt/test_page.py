"""The Goals page as a PM uses it: pick a key result, type or paste check-ins, fix one in the
table, read why it is judged so; every edit undoes, and a read-only file refuses them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QDialogButtonBox
from sqlalchemy import func, select

from pmdesk.gui import dialogs
from pmdesk.gui.document import READ_ONLY_MESSAGE, DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.goals.model import CheckIn, KeyResult, Objective
from pmdesk.workspaces.goals.qt import dialogs as ask
from pmdesk.workspaces.goals.qt.forms import ObjectiveForm
from pmdesk.workspaces.goals.qt.page import GoalsPage

TODAY = date(2026, 12, 1)
RATING = "Technician app store rating"


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


@pytest.fixture
def page(qtbot, controller):
    page = GoalsPage(controller, today=TODAY)
    page.resize(1100, 720)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def messages(controller):
    said: list[str] = []
    controller.failed.connect(said.append)
    return said


def _item(page, text):
    tree = page.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top.text(0) == text:
            return top
        for j in range(top.childCount()):
            if top.child(j).text(0) == text:
                return top.child(j)
    raise AssertionError(text)


def _click_row(qtbot, page, text):
    rect = page.tree.visualItemRect(_item(page, text))
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _check_ins(session, metric=RATING):
    query = (
        select(CheckIn.on_date, CheckIn.value)
        .join(KeyResult, CheckIn.key_result_id == KeyResult.id)
        .where(KeyResult.metric == metric)
        .order_by(CheckIn.on_date)
    )
    session.expire_all()  # read what the file holds, not what the session remembers
    return [tuple(row) for row in session.execute(query)]


def test_the_tree_shows_each_judgement_with_its_reason_and_flags_silent_key_results(page):
    item = _item(page, RATING)
    assert item.text(1) == "0%"
    assert item.text(2) == "At risk ⚑"
    tip = item.toolTip(2)
    assert tip.startswith("3.9 stars on 05 Oct 2026 is 0% of the way from 3.9 stars to 4.6 stars")
    assert "⚑ No check-in for longer than its cadence (31 days)." in tip
    assert (
        page.summary.text()
        == "4 objectives · 2 off track · 1 at risk · 2 without a recent check-in"
    )


def test_typing_a_check_in_and_pressing_enter_adds_it_and_one_undo_takes_it_back(
    qtbot, page, controller
):
    _click_row(qtbot, page, RATING)
    panel = page.panel
    assert page.detail.currentWidget() is panel
    assert not panel.stale.isHidden()
    assert panel.entry_date.text() == "2026-12-01"
    qtbot.keyClicks(panel.entry_value, "4.2")
    qtbot.keyClicks(panel.entry_note, "offline sync fixed")
    qtbot.keyClick(panel.entry_note, Qt.Key.Key_Return)
    assert _check_ins(controller.session) == [(date(2026, 10, 5), 3.9), (date(2026, 12, 1), 4.2)]
    model = page.panel.table_model
    assert [model.index(0, c).data() for c in range(3)] == [
        "2026-12-01",
        "4.2",
        "offline sync fixed",
    ]
    assert panel.stale.isHidden()  # just checked in
    assert _item(page, RATING).text(1) == "43%"
    assert panel.entry_value.text() == ""  # ready for the next one
    controller.undo_stack.undo()
    assert _check_ins(controller.session) == [(date(2026, 10, 5), 3.9)]
    assert page.panel.table_model.rowCount() == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12 %", "The value “12 %” has a percent sign"),
        ("4,5", "The value “4,5” has a comma"),
        ("good", "The value must be a plain number such as 12 or 4.5, not “good”."),
    ],
)
def test_a_bad_value_is_refused_with_a_sentence_and_what_was_typed_stays(
    qtbot, page, controller, messages, typed, message
):
    _click_row(qtbot, page, RATING)
    panel = page.panel
    qtbot.keyClicks(panel.entry_value, typed)
    qtbot.keyClick(panel.entry_value, Qt.Key.Key_Return)
    assert messages and messages[0].startswith(message)
    assert panel.entry_value.text() == typed
    assert _check_ins(controller.session) == [(date(2026, 10, 5), 3.9)]
    assert controller.undo_stack.count() == 0


def test_a_future_date_is_refused(qtbot, page, controller, messages):
    _click_row(qtbot, page, RATING)
    panel = page.panel
    panel.entry_date.clear()
    qtbot.keyClicks(panel.entry_date, "2026-12-24")
    qtbot.keyClicks(panel.entry_value, "4.4")
    qtbot.keyClick(panel.entry_value, Qt.Key.Key_Return)
    assert messages == ["A check-in records a value already measured; 2026-12-24 is in the future."]
    assert _check_ins(controller.session) == [(date(2026, 10, 5), 3.9)]


def test_pasting_a_column_of_dates_and_values_adds_them_as_one_step(qtbot, page, controller):
    _click_row(qtbot, page, RATING)
    table = page.panel.table
    table.setFocus()
    QApplication.clipboard().setText("2026-11-01\t4.0\n2026-11-15\t4.1\n2026-11-29\t4.3\n")
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(_check_ins(controller.session)) == 4
    assert controller.undo_stack.undoText() == "Add 3 check-ins"
    assert page.panel.trend.layout_shown.points == 4
    controller.undo_stack.undo()
    assert len(_check_ins(controller.session)) == 1


def test_a_pasted_block_with_one_bad_row_adds_nothing(qtbot, page, controller, messages):
    _click_row(qtbot, page, RATING)
    page.panel.table.setFocus()
    QApplication.clipboard().setText("2026-11-01\t4.0\n2026-11-15\t12 %\n")
    qtbot.keyClick(page.panel.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert messages[0].startswith("Row 2: The value “12 %” has a percent sign")
    assert len(_check_ins(controller.session)) == 1


def _edit_cell(qtbot, table, index):
    """Click the cell, then F2, as a keyboard user starts editing; the editor has the focus."""
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    return QApplication.focusWidget()


def test_editing_a_value_in_the_table_stores_it_and_tab_without_typing_changes_nothing(
    qtbot, page, controller
):
    _click_row(qtbot, page, RATING)
    table = page.panel.table
    editor = _edit_cell(qtbot, table, page.panel.table_model.index(0, 1))
    editor.selectAll()
    qtbot.keyClicks(editor, "4.05")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)  # queued
    assert _check_ins(controller.session) == [(date(2026, 10, 5), 4.05)]
    assert page.panel.table_model.index(0, 1).data() == "4.05"
    steps = controller.undo_stack.count()
    editor = _edit_cell(qtbot, table, page.panel.table_model.index(0, 3))  # Source
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.wait(10)  # the delegate commits on the next pass of the event loop
    assert controller.undo_stack.count() == steps
    controller.undo_stack.undo()
    assert _check_ins(controller.session) == [(date(2026, 10, 5), 3.9)]


def test_a_click_on_the_tree_selects_without_changing_anything(qtbot, page, controller):
    rect = page.tree.visualItemRect(_item(page, RATING))
    start = rect.center()
    qtbot.mousePress(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=start)
    nudge = QPoint(start.x() + QApplication.startDragDistance() - 1, start.y())
    qtbot.mouseMove(page.tree.viewport(), nudge)
    qtbot.mouseRelease(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=nudge)
    assert page.current_id() == _item(page, RATING).data(0, Qt.ItemDataRole.UserRole + 1)
    assert controller.undo_stack.count() == 0


def test_the_objective_form_keeps_what_was_typed_when_the_period_is_wrong(qtbot, controller):
    form = ObjectiveForm({"status": "active"}, [], lambda values: _check(controller, values))
    qtbot.addWidget(form)
    qtbot.keyClicks(form.title, "Halve the churn")
    qtbot.keyClicks(form.period, "FY27 H3")
    ok = form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert form.problem.text() == "A year has two halves, H1 and H2; “FY27 H3” names H3."
    assert form.result() == 0 and form.title.text() == "Halve the churn"


# The completion list is a popup: the offscreen platform cannot raise it or grab keys for it.
POPUP_LIMITS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "propagateSizeHints"
)


@pytest.fixture
def owned_form(qtbot):
    """An objective's form owned by Ada Brook, with Victor Hale as the other stakeholder."""
    people = [("Ada Brook", "id-ada"), ("Victor Hale", "id-victor")]
    form = ObjectiveForm({"status": "active", "owner_id": "id-ada"}, people, lambda v: v)
    qtbot.addWidget(form)
    return form


@POPUP_LIMITS
def test_the_objective_owner_is_typed_and_kept_as_the_stakeholder(qtbot, owned_form):
    form = owned_form
    assert form.owner.currentText() == "Ada Brook"
    line = form.owner.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "victor hale")  # any case, as the PM types it
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert form.values()["owner_id"] == "id-victor"
    line.selectAll()
    qtbot.keyClicks(line, "Nobody")
    assert form.values()["owner_id"] is None


@POPUP_LIMITS
def test_an_owner_name_that_matches_nobody_keeps_the_form_open_and_says_why(qtbot, owned_form):
    form = owned_form
    form.show()
    qtbot.keyClicks(form.title, "Halve the churn")
    line = form.owner.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "Grace")
    qtbot.keyClick(form.owner, Qt.Key.Key_Return)  # not the OK button, as the PM meant no one
    assert form.isVisible() and form.result() == 0
    assert form.problem.text() == "No stakeholder is called “Grace”."
    assert form.owner.currentText() == "Ada Brook"  # the owner chosen before
    line.selectAll()
    qtbot.keyClicks(line, "vic")
    qtbot.keyClick(form.owner, Qt.Key.Key_Return)  # a part one name holds: chosen, and OK
    assert form.problem.text() == ""
    assert form.result() == QDialog.DialogCode.Accepted
    assert form.values()["owner_id"] == "id-victor"


def _check(controller, values):
    from pmdesk.workspaces.goals import edit

    return edit.clean_objective(controller.session, values)


def test_adding_an_objective_and_a_key_result_through_their_forms(
    qtbot, page, controller, monkeypatch
):
    monkeypatch.setattr(
        ask,
        "objective_form",
        lambda *_a: {
            "title": "Halve the churn",
            "period": "FY27 H2",
            "owner_id": None,
            "status": "active",
            "why": "",
        },
    )
    qtbot.mouseClick(page.add_objective_button, Qt.MouseButton.LeftButton)
    objective = controller.session.scalars(
        select(Objective).where(Objective.title == "Halve the churn")
    ).one()
    assert (objective.period_start, objective.period_end) == (date(2027, 4, 1), date(2027, 9, 30))
    assert page.current_id() == objective.id
    monkeypatch.setattr(
        ask,
        "key_result_form",
        lambda *_a: {
            "metric": "Logo churn",
            "unit": "%",
            "direction": "down",
            "baseline": "1.4",
            "target": "0.7",
            "confidence": "medium",
            "cadence_days": "31",
        },
    )
    qtbot.mouseClick(page.add_result_button, Qt.MouseButton.LeftButton)
    assert _item(page, "Logo churn").text(2) == "No check-in yet"
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.session.scalar(select(func.count()).select_from(Objective)) == 4


def test_deleting_an_objective_asks_nothing_takes_its_key_results_and_undo_restores(
    qtbot, page, controller, monkeypatch
):
    monkeypatch.setattr(
        dialogs, "confirm", lambda *_a, **_k: pytest.fail("Undo is there: no question")
    )
    _click_row(qtbot, page, "Make the technician app work without signal")
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    assert controller.undo_stack.undoText() == (
        "Delete objective Make the technician app work without signal"
    )
    assert controller.session.scalar(select(func.count()).select_from(KeyResult)) == 7
    controller.undo_stack.undo()
    assert controller.session.scalar(select(func.count()).select_from(KeyResult)) == 10
    assert _item(page, RATING)


def test_a_read_only_project_refuses_every_edit(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        said: list[str] = []
        controller.failed.connect(said.append)
        page = GoalsPage(controller, today=TODAY)
        qtbot.addWidget(page)
        for button in (
            page.add_objective_button,
            page.add_result_button,
            page.delete_button,
            page.import_button,
            page.panel.add_button,
            page.panel.link_button,
        ):
            assert not button.isEnabled()
        assert not page.panel.entry_value.isEnabled()
        page.select(_item(page, RATING).data(0, Qt.ItemDataRole.UserRole + 1))
        assert (
            not page.panel.table_model.flags(page.panel.table_model.index(0, 1))
            & Qt.ItemFlag.ItemIsEditable
        )
        assert not page.panel.paste("2026-11-01\t4.0")
        assert said == [READ_ONLY_MESSAGE]
        assert len(_check_ins(document.session)) == 1
    finally:
        document.close()


def test_delete_in_the_check_ins_table_removes_the_chosen_rows_and_undo_puts_them_back(
    qtbot, page, controller
):
    _click_row(qtbot, page, "Annual recurring revenue")
    table = page.panel.table
    first = table.visualRect(page.panel.table_model.index(0, 0)).center()
    second = table.visualRect(page.panel.table_model.index(1, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, second
    )
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    remaining = _check_ins(controller.session, "Annual recurring revenue")
    assert len(remaining) == 10 and remaining[-1] == (date(2026, 9, 1), 6.1)
    assert page.panel.trend.layout_shown.points == 10
    assert page.panel.table_model.index(0, 0).data() == "2026-09-01"
    controller.undo_stack.undo()
    assert page.panel.table_model.index(0, 0).data() == "2026-11-01"
    # What the page shows after these quick refreshes is what a fresh read of the file shows.
    fresh = GoalsPage(controller, today=TODAY)
    qtbot.addWidget(fresh)
    assert fresh.goals == page.goals


def test_a_check_in_added_to_a_long_record_shows_in_the_chart_as_a_full_redraw_would(
    qtbot, controller
):
    from datetime import timedelta

    from pmdesk.workspaces.goals import edit
    from pmdesk.workspaces.goals.chart.layout import trend_layout

    session = controller.session
    objective = edit.create_objective(
        session, {"title": "A long record", "period": "2015-01-01 to 2030-12-31"}
    )
    result = edit.create_key_result(
        session, objective, {"metric": "Daily value", "baseline": 0, "target": 100}
    )
    start = date(2015, 1, 1)
    rows = [
        {"on_date": start + timedelta(days=n), "value": (n * 7919 % 10_007) / 100}
        for n in range(4_000)
    ]
    edit.add_check_ins(session, edit.prepare_check_ins(session, result, rows, TODAY))
    page = GoalsPage(controller, today=TODAY)
    page.resize(1100, 720)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.select(result)
    trend = page.panel.trend

    def full_redraw():
        shown = trend.layout_shown
        points = [(d, v) for d, v in _check_ins(session, "Daily value")]
        return trend_layout(
            points, 0, 100, start, date(2030, 12, 31), TODAY, "", "", shown.width, shown.height
        )

    def same(shown, expected):
        return shown.actual == expected.actual and shown.points == expected.points

    panel = page.panel
    for day, value in (("2026-11-30", "55.55"), ("2020-02-02", "0.05")):
        _retype_line(qtbot, panel.entry_date, day)
        _retype_line(qtbot, panel.entry_value, value)
        qtbot.keyClick(panel.entry_value, Qt.Key.Key_Return)
        assert same(trend.layout_shown, full_redraw())
    assert trend.layout_shown.points == 4_002
    controller.undo_stack.undo()  # a check-in taken away: the chart is drawn again, right
    assert trend.layout_shown.points == 4_001 and same(trend.layout_shown, full_redraw())


def _retype_line(qtbot, editor, text):
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def test_clicking_a_key_result_shows_its_whole_record_as_the_file_holds_it(qtbot, page, controller):
    from pmdesk.workspaces.goals.chart.layout import trend_layout

    metric = "Net revenue retention"
    _click_row(qtbot, page, metric)
    panel = page.panel
    assert page.detail.currentWidget() is panel and panel.heading.text().startswith(metric)
    session = controller.session
    query = (
        select(CheckIn.on_date, CheckIn.value, CheckIn.note, CheckIn.source)
        .join(KeyResult, CheckIn.key_result_id == KeyResult.id)
        .where(KeyResult.metric == metric)
        .order_by(CheckIn.on_date.desc())
    )
    stored = [
        (day.isoformat(), f"{value:g}", note, source)
        for day, value, note, source in session.execute(query)
    ]
    model = panel.table.model()
    shown = [
        tuple(model.index(row, column).data() for column in range(4))
        for row in range(model.rowCount())
    ]
    assert len(stored) > 1 and shown == stored  # every check-in, newest first, with its note
    result = session.scalars(select(KeyResult).where(KeyResult.metric == metric)).one()
    objective = session.get(Objective, result.objective_id)
    layout = panel.trend.layout_shown
    expected = trend_layout(
        _check_ins(session, metric),
        result.baseline,
        result.target,
        objective.period_start,
        objective.period_end,
        TODAY,
        "",
        result.unit,
        layout.width,
        layout.height,
    )
    assert layout.points == len(stored)
    assert (layout.actual, layout.plan, layout.y_ticks, layout.x_ticks) == (
        expected.actual,
        expected.plan,
        expected.y_ticks,
        expected.x_ticks,
    )


def test_the_progress_and_judgement_columns_fit_their_widest_text_after_a_check_in(qtbot, page):
    def fits():
        # What ResizeToContents would give: the header's own hint or the widest cell.
        header, tree = page.tree.header(), page.tree
        return all(
            header.sectionSize(column)
            == max(header.sectionSizeHint(column), tree.sizeHintForColumn(column))
            for column in (1, 2)
        )

    assert fits()
    _click_row(qtbot, page, RATING)
    panel = page.panel
    _retype_line(qtbot, panel.entry_date, TODAY.isoformat())
    _retype_line(qtbot, panel.entry_value, "4.6")
    qtbot.keyClick(panel.entry_value, Qt.Key.Key_Return)
    assert (_item(page, RATING).text(1), _item(page, RATING).text(2)) == ("100%", "On track")
    assert fits()
