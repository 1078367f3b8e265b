"""The Decisions page as a PM uses it: click a decision, type, Tab on, filter, link, undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import func, select

from pmdesk.domain import records
from pmdesk.gui.document import READ_ONLY_MESSAGE, DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.decisions.model import Decision, DecisionRoadmapLink
from pmdesk.workspaces.decisions.qt.page import DecisionsPage
from pmdesk.workspaces.roadmap.model import RoadmapItem
from tests.support import snapshot

TODAY = date(2026, 12, 1)
PRICING = "How do we price FieldLoop from the new fiscal year?"
ACCOUNTING = "Which accounting system do we connect to first?"


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


@pytest.fixture
def failures(controller):
    said: list[str] = []
    controller.failed.connect(said.append)
    return said


@pytest.fixture
def page(qtbot, controller):
    page = DecisionsPage(controller, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _row_of(page, question: str) -> int:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 1).data() == question:
            return row
    raise AssertionError(f"{question} is not shown")


def _click_row(qtbot, page, question: str) -> None:
    rect = page.table.visualRect(page.proxy.index(_row_of(page, question), 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _stored(controller, question: str) -> Decision:
    controller.session.expire_all()
    return controller.session.scalars(select(Decision).where(Decision.question == question)).one()


def _retype(qtbot, editor, text: str) -> None:
    """Click into a field, select what it shows, type over it and press Tab."""
    qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def test_clicking_a_decision_shows_it_in_full(qtbot, page):
    _click_row(qtbot, page, ACCOUNTING)
    detail = page.detail
    assert detail.question.text() == ACCOUNTING
    assert detail.decided_on.text() == "2026-10-13"
    assert detail.revisit_on.text() == "2026-11-25"
    assert detail.status.currentText() == "Decided"
    assert detail.decider.currentText() == "Rachel Osei"
    assert detail.texts["outcome"].toPlainText().startswith("Two-way QuickBooks sync first")
    shown = [detail.links.item(i).text() for i in range(detail.links.count())]
    assert "Roadmap · Xero sync" in shown and "Competition · Jobwise" in shown


def test_typing_a_question_and_tab_stores_it_keeps_it_and_undo_takes_it_back(
    qtbot, page, controller
):
    _click_row(qtbot, page, PRICING)
    _retype(qtbot, page.detail.question, "Which pricing model from FY27?")

    assert page.detail.question.text() == "Which pricing model from FY27?"
    assert _stored(controller, "Which pricing model from FY27?").decided_on == date(2026, 9, 22)
    assert page.proxy.index(_row_of(page, "Which pricing model from FY27?"), 1).isValid()
    assert not page.detail.question.hasFocus()  # Tab moved on
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert _stored(controller, PRICING).question == PRICING
    assert page.detail.question.text() == PRICING


def test_a_typed_revisit_date_before_the_decision_is_refused_and_nothing_changes(
    qtbot, page, controller, failures, sample_file
):
    _click_row(qtbot, page, PRICING)
    _retype(qtbot, page.detail.revisit_on, "2026-09-01")

    assert failures == [
        "The revisit date 2026-09-01 is before the decision's date 2026-09-22; "
        "a decision can only be revisited after it was taken."
    ]
    assert page.detail.revisit_on.text() == "2026-12-10"  # what is stored, shown again
    assert _stored(controller, PRICING).revisit_on == date(2026, 12, 10)
    assert controller.undo_stack.count() == 0


def test_a_date_that_is_not_a_date_is_refused_with_a_sentence(qtbot, page, controller, failures):
    _click_row(qtbot, page, PRICING)
    _retype(qtbot, page.detail.decided_on, "22.9.2026")
    assert failures == ["The date must be a date like 2026-03-31, not “22.9.2026”."]
    assert page.detail.decided_on.text() == "2026-09-22"
    assert _stored(controller, PRICING).decided_on == date(2026, 9, 22)


def test_writing_the_reasons_and_tabbing_on_stores_them_once(qtbot, page, controller):
    _click_row(qtbot, page, PRICING)
    editor = page.detail.texts["rationale"]
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
    editor.selectAll()
    qtbot.keyClicks(editor, "Tiers match how buyers compare.")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "Tiers match how buyers compare."
    assert _stored(controller, PRICING).rationale == "Tiers match how buyers compare."
    assert controller.undo_stack.count() == 1


def test_choosing_a_status_with_the_keyboard_changes_it_and_the_table(qtbot, page, controller):
    _click_row(qtbot, page, PRICING)
    page.detail.status.setFocus()
    qtbot.keyClick(page.detail.status, Qt.Key.Key_Down)  # Decided -> Revisited
    assert _stored(controller, PRICING).status == "revisited"
    assert page.proxy.index(_row_of(page, PRICING), 2).data() == "Revisited"


def test_who_decided_is_a_stakeholder_or_a_typed_name(qtbot, page, controller):
    _click_row(qtbot, page, PRICING)
    line = page.detail.decider.lineEdit()
    _retype(qtbot, line, "Pricing committee")
    stored = _stored(controller, PRICING)
    assert (stored.decided_by_id, stored.decided_by) == (None, "Pricing committee")
    assert page.detail.decider.currentText() == "Pricing committee"
    _retype(qtbot, line, "omar haddad")
    stored = _stored(controller, PRICING)
    assert stored.decided_by == "Omar Haddad" and stored.decided_by_id is not None
    assert page.proxy.index(_row_of(page, PRICING), 3).data() == "Omar Haddad"


def test_filters_by_status_and_by_linked_workspace(qtbot, page):
    assert page.proxy.rowCount() == 10
    page.status_filter.setCurrentIndex(page.status_filter.findData("proposed"))
    assert page.proxy.rowCount() == 4
    assert page.summary.text().startswith("4 of 10 decisions")
    page.status_filter.setCurrentIndex(0)
    page.workspace_filter.setCurrentIndex(page.workspace_filter.findData("competition"))
    shown = {page.proxy.index(row, 1).data() for row in range(page.proxy.rowCount())}
    assert PRICING in shown and ACCOUNTING in shown and len(shown) == 3
    page.workspace_filter.setCurrentIndex(page.workspace_filter.findText("Linked to nothing"))
    assert page.proxy.rowCount() == 0


def test_the_due_list_shows_what_to_revisit_and_a_click_opens_it(qtbot, page):
    assert page.due.count() == 2
    assert page.due.item(0).text() == (f"2026-11-25 · {ACCOUNTING} (overdue by 6 days)")
    assert page.due.item(1).text().endswith("(in 9 days)")
    rect = page.due.visualItemRect(page.due.item(1))
    qtbot.mouseClick(page.due.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.detail.question.text() == PRICING
    assert page.selected_ids() == [page.detail.decision_id]
    assert page.summary.text() == "10 decisions · 4 to decide · 1 revisit due"


def test_add_puts_the_cursor_in_a_new_question_ready_to_type(qtbot, page, controller):
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    question = page.detail.question
    assert question.hasFocus() and question.selectedText() == "New decision"
    qtbot.keyClicks(question, "Do we open a Canadian data centre?")
    qtbot.keyClick(question, Qt.Key.Key_Tab)
    stored = _stored(controller, "Do we open a Canadian data centre?")
    assert (stored.status, stored.decided_on) == ("proposed", TODAY)
    assert page.proxy.rowCount() == 11
    assert page.detail.decided_on.text() == "2026-12-01"


def test_delete_asks_nothing_and_removes_the_decision_and_its_links_in_one_undo_step(
    qtbot, page, controller, monkeypatch
):
    monkeypatch.setattr(
        "pmdesk.gui.dialogs.confirm", lambda *_a, **_k: pytest.fail("Undo is there: no question")
    )
    _click_row(qtbot, page, ACCOUNTING)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert controller.undo_stack.undoText().startswith("Delete decision “Which accounting")
    assert page.proxy.rowCount() == 9
    assert not page.detail.body.isVisible()
    controller.undo_stack.undo()
    assert page.proxy.rowCount() == 10
    assert len(_links(controller, _stored(controller, ACCOUNTING).id)) == 2


def _links(controller, decision_id: str) -> list[DecisionRoadmapLink]:
    query = select(DecisionRoadmapLink).where(DecisionRoadmapLink.decision_id == decision_id)
    return list(controller.session.scalars(query))


def test_linking_and_unlinking_a_roadmap_item(qtbot, page, controller):
    _click_row(qtbot, page, PRICING)
    detail = page.detail
    detail.link_kind.setCurrentIndex(detail.link_kind.findData("roadmap"))
    detail.link_target.setCurrentIndex(detail.link_target.findText("Xero sync"))
    qtbot.mouseClick(detail.link_button, Qt.MouseButton.LeftButton)
    shown = [detail.links.item(i).text() for i in range(detail.links.count())]
    assert "Roadmap · Xero sync" in shown
    assert detail.link_target.findText("Xero sync") < 0  # not offered twice
    assert "Roadmap 3" in page.proxy.index(_row_of(page, PRICING), 5).data()

    detail.links.setCurrentRow(shown.index("Roadmap · Xero sync"))
    qtbot.mouseClick(detail.unlink_button, Qt.MouseButton.LeftButton)
    shown = [detail.links.item(i).text() for i in range(detail.links.count())]
    assert "Roadmap · Xero sync" not in shown
    assert controller.undo_stack.count() == 2


def test_a_linked_item_deleted_elsewhere_leaves_no_dangling_link_and_undo_restores(
    qtbot, page, controller
):
    _click_row(qtbot, page, ACCOUNTING)
    item = controller.session.scalars(
        select(RoadmapItem).where(RoadmapItem.title == "Xero sync")
    ).one()
    item_id = item.id
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [records.remove(controller.session, RoadmapItem, [item_id])]

    # The roadmap deletes its item through the controller, as its own page does.
    controller.edit(
        "Delete Xero sync", redo, lambda: records.restore(controller.session, removed[0])
    )
    shown = [page.detail.links.item(i).text() for i in range(page.detail.links.count())]
    assert "Roadmap · Xero sync" not in shown and len(shown) == 4
    assert page.detail.question.text() == ACCOUNTING  # still the decision on show
    controller.undo_stack.undo()
    shown = [page.detail.links.item(i).text() for i in range(page.detail.links.count())]
    assert "Roadmap · Xero sync" in shown


def test_a_read_only_project_shows_everything_and_changes_nothing(qtbot, sample_file):
    before = snapshot(sample_file)
    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        said: list[str] = []
        controller.failed.connect(said.append)
        page = DecisionsPage(controller, today=TODAY)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitExposed(page)
        _click_row(qtbot, page, PRICING)
        assert page.detail.question.text() == PRICING
        assert page.detail.question.isReadOnly()
        qtbot.keyClicks(page.detail.question, "changed")
        qtbot.keyClick(page.detail.question, Qt.Key.Key_Tab)
        assert page.detail.question.text() == PRICING
        assert not page.add_button.isEnabled() and not page.delete_button.isEnabled()
        assert not page.detail.status.isEnabled() and not page.detail.link_button.isEnabled()
        delete = next(action for action in page.actions() if action.text() == "Delete")
        assert not delete.isEnabled()
        count = controller.session.scalar(select(func.count()).select_from(Decision))
        assert count == 10 and controller.undo_stack.count() == 0
        # Whatever reaches the controller anyway is refused with the read-only sentence.
        from pmdesk.workspaces.decisions.qt import actions

        assert not actions.set_decision_field(
            controller, page.detail.decision_id, "status", "reversed"
        )
        assert said == [READ_ONLY_MESSAGE]
    finally:
        document.close()
    assert snapshot(sample_file) == before


def test_edits_made_while_the_page_is_hidden_show_when_it_comes_back(qtbot, page, controller):
    from pmdesk.workspaces.decisions.qt import actions

    _click_row(qtbot, page, PRICING)
    page.hide()
    decision_id = page.detail.decision_id
    assert actions.set_decision_field(controller, decision_id, "question", "Pricing from FY27?")
    assert actions.add_decision(controller, TODAY) is not None
    page.show()
    qtbot.waitExposed(page)
    assert page.proxy.rowCount() == 11
    assert page.summary.text().startswith("11 decisions · 5 to decide")
    assert page.detail.question.text() == "Pricing from FY27?"


def test_adding_while_filtered_by_a_status_logs_one_of_that_status(qtbot, page, controller):
    page.status_filter.setCurrentIndex(page.status_filter.findData("decided"))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.detail.status.currentText() == "Decided"
    assert page.selected_ids() == [page.detail.decision_id]


def test_clicking_another_decision_while_typing_stores_the_text_on_the_first(
    qtbot, page, controller
):
    _click_row(qtbot, page, PRICING)
    editor = page.detail.texts["notes"]
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
    editor.selectAll()
    qtbot.keyClicks(editor, "Renewals look fine.")
    _click_row(qtbot, page, ACCOUNTING)  # no Tab: the click itself takes the focus away
    assert _stored(controller, PRICING).notes == "Renewals look fine."
    assert _stored(controller, ACCOUNTING).notes.startswith("The QuickBooks sync is at risk")
    assert page.detail.question.text() == ACCOUNTING
    assert page.detail.texts["notes"].toPlainText().startswith("The QuickBooks sync is at risk")


def test_a_goal_linked_in_the_log_shows_on_the_goals_page_and_undo_takes_it_away(
    qtbot, page, controller
):
    from pmdesk.workspaces.goals.qt.page import GoalsPage

    goals = GoalsPage(controller, today=TODAY)
    qtbot.addWidget(goals)
    goals.resize(1024, 700)
    goals.show()
    objective = "Win against the two leading suites"
    [top] = [
        goals.tree.topLevelItem(i)
        for i in range(goals.tree.topLevelItemCount())
        if goals.tree.topLevelItem(i).text(0) == objective
    ]
    rect = goals.tree.visualItemRect(top)
    qtbot.mouseClick(goals.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "No decision is linked to it." in goals.objective_view.text()

    _click_row(qtbot, page, ACCOUNTING)
    detail = page.detail
    detail.link_kind.setCurrentIndex(detail.link_kind.findData("goals"))
    detail.link_target.setCurrentIndex(detail.link_target.findText(objective))
    qtbot.mouseClick(detail.link_button, Qt.MouseButton.LeftButton)
    shown = [detail.links.item(i).text() for i in range(detail.links.count())]
    assert f"Goals · {objective}" in shown
    assert "Goals 1" in page.proxy.index(_row_of(page, ACCOUNTING), 5).data()
    text = goals.objective_view.text()
    assert f"Decisions about this goal:\n• 2026-10-13 · Decided · {ACCOUNTING}" in text

    controller.undo_stack.undo()
    assert "No decision is linked to it." in goals.objective_view.text()


def test_the_goals_filter_lists_the_decisions_that_concern_a_goal(qtbot, page):
    page.workspace_filter.setCurrentIndex(page.workspace_filter.findData("goals"))
    shown = {page.proxy.index(row, 1).data() for row in range(page.proxy.rowCount())}
    assert PRICING in shown and ACCOUNTING not in shown and len(shown) == 5


def test_a_table_sorted_by_status_sorts_again_after_a_status_change(qtbot, page, controller):
    from pmdesk.workspaces.decisions.model import STATUSES

    header = page.table.horizontalHeader()
    middle = QPoint(header.sectionViewportPosition(2) + header.sectionSize(2) // 2, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert header.sortIndicatorSection() == 2
    order = list(STATUSES.values())

    def shown_statuses() -> list[str]:
        return [page.proxy.index(row, 2).data() for row in range(page.proxy.rowCount())]

    before = shown_statuses()
    assert sorted(before, key=order.index) in (before, before[::-1])
    _click_row(qtbot, page, PRICING)
    old_row = _row_of(page, PRICING)
    page.detail.status.setFocus()
    qtbot.keyClick(page.detail.status, Qt.Key.Key_Down)  # Decided -> Revisited
    after = shown_statuses()
    assert sorted(after, key=order.index) in (after, after[::-1])
    assert after.count("Revisited") == before.count("Revisited") + 1
    assert _row_of(page, PRICING) != old_row
