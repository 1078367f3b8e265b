"""Interactions and follow-ups: the overdue list, logging a conversation, ticking off promises."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.stakeholders.model import Stakeholder
from pmdesk.workspaces.stakeholders.qt.interactions import EngagementPanel

TODAY = date(2026, 11, 25)


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


@pytest.fixture
def panel(qtbot, controller):
    panel = EngagementPanel(controller, TODAY)
    qtbot.addWidget(panel)
    return panel


def _person(session, name: str) -> Stakeholder:
    return session.scalars(select(Stakeholder).where(Stakeholder.name == name)).one()


def _due_rows(panel) -> list[tuple[str, str, str]]:
    model = panel.due_model
    return [tuple(model.index(r, c).data() for c in (1, 2, 3)) for r in range(model.rowCount())]


def test_the_overdue_list_leads_with_the_most_late(qtmodeltester, panel):
    qtmodeltester.check(panel.due_model, force_py=True)
    rows = _due_rows(panel)
    assert rows[0] == ("55 days", "Anita Shah", "Follow-up")
    assert ("7 days", "Marcus Feld", "Touchpoint") in rows
    assert panel.due_summary.text() == f"{len(rows)} items"


def test_ticking_off_a_follow_up_removes_it_from_the_list_and_undo_brings_it_back(
    qtmodeltester, panel, controller
):
    panel.show_person(_person(controller.session, "Anita Shah").id)
    qtmodeltester.check(panel.log_model, force_py=True)
    done = panel.log_model.index(0, 5)
    assert done.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert panel.log_model.setData(
        done, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert ("55 days", "Anita Shah", "Follow-up") not in _due_rows(panel)
    controller.undo_stack.undo()
    assert _due_rows(panel)[0] == ("55 days", "Anita Shah", "Follow-up")


def test_logging_a_conversation_updates_last_contact_and_one_undo_reverts_both(panel, controller):
    paul = _person(controller.session, "Paul Brennan")
    panel.show_person(paul.id)
    panel.channel.setText("Call")
    panel.summary.setText("Offered the Turner story for the spring issue.")
    panel.follow_up.setText("Send numbers")
    assert panel.log_interaction()
    assert panel.log_model.rowCount() == 1
    assert panel.log_model.index(0, 3).data() == "Send numbers"
    assert paul.last_contact == TODAY
    assert panel.summary.text() == ""
    assert ("today", "Paul Brennan", "Follow-up") in _due_rows(panel)
    controller.undo_stack.undo()
    assert panel.log_model.rowCount() == 0
    assert paul.last_contact == date(2026, 10, 2)


def test_an_empty_summary_is_refused_and_the_form_keeps_what_was_typed(panel, controller):
    messages: list[str] = []
    controller.failed.connect(messages.append)
    panel.show_person(_person(controller.session, "Paul Brennan").id)
    panel.follow_up.setText("Send numbers")
    assert panel.log_interaction() is None
    assert messages == ["Say in a few words what the conversation was about."]
    assert panel.follow_up.text() == "Send numbers"
    assert panel.log_model.rowCount() == 0


def test_removing_an_interaction_is_undoable(panel, controller):
    panel.show_person(_person(controller.session, "Anita Shah").id)
    panel.log_table.selectRow(0)
    assert panel.remove_selected()
    assert panel.log_model.rowCount() == 0
    controller.undo_stack.undo()
    assert panel.log_model.rowCount() == 1


def test_a_read_only_project_shows_a_form_that_takes_no_typing(qtbot, sample_file):
    from pmdesk.gui.document import READ_ONLY_MESSAGE
    from pmdesk.store.document import Document

    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        panel = EngagementPanel(controller, TODAY)
        qtbot.addWidget(panel)
        editors = (panel.when, panel.channel, panel.summary, panel.follow_up, panel.follow_up_due)
        assert all(editor.isReadOnly() for editor in editors)
        assert not panel.log_button.isEnabled()
        messages: list[str] = []
        controller.failed.connect(messages.append)
        panel.show_person(_person(controller.session, "Paul Brennan").id)
        panel.summary.setText("Typed before the project went read-only")
        assert panel.log_interaction() is None
        assert messages == [READ_ONLY_MESSAGE]
        assert controller.undo_stack.count() == 0
    finally:
        document.close()
