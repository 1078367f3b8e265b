"""The Personas page as a PM uses it: positioning, personas, messages, proof and its evidence."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.workspaces.personas import query
from pmdesk.workspaces.personas.model import Persona, ProofPoint
from pmdesk.workspaces.personas.qt import dialogs
from pmdesk.workspaces.requirements import edit as requirements
from pmdesk.workspaces.requirements.model import CustomerInput
from tests.workspaces.keyboard import type_text

MID_SIZE = "Mid-size (25–75 technicians)"


def _select(qtbot, page, name: str) -> None:
    for row in range(page.list.count()):
        item = page.list.item(row)
        if item.text().startswith(name):
            rect = page.list.visualItemRect(item)
            qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert page.name.text() == name
            return
    raise AssertionError(name)


def _tree_items(page):
    for index in range(page.messages.topLevelItemCount()):
        top = page.messages.topLevelItem(index)
        yield top
        for child in range(top.childCount()):
            yield top.child(child)


def _tree_item(page, start: str):
    return next(item for item in _tree_items(page) if item.text(0).startswith(start))


def _click_tree_item(qtbot, page, item) -> None:
    rect = page.messages.visualItemRect(item)
    qtbot.mouseClick(page.messages.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.messages.currentItem() is item


def test_the_sample_shows_positioning_personas_and_their_messages(qtbot, page):
    assert page.list.count() == 3
    assert page.positioning["target"].text().startswith("owner-operated HVAC")
    _select(qtbot, page, "Owen, the owner-operator")
    assert page.buying_role.currentText() == "Buyer"
    tops = [page.messages.topLevelItem(i).text(0) for i in range(page.messages.topLevelItemCount())]
    assert tops[0] == "Get paid in the driveway, not thirty days later."
    assert len(tops) == 3
    assert page.tabs.tabText(1) == "Customer inputs (5)"


def test_adding_a_persona_and_typing_its_name_then_undoing_both(qtbot, page, controller):
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.name.text() == "New persona" and page.name.hasFocus()
    qtbot.keyClicks(page.name, "Priya, the office manager")
    qtbot.keyClick(page.name, Qt.Key.Key_Tab)
    assert page.name.text() == "Priya, the office manager"  # Tab kept what was typed
    assert page.list.currentItem().text().startswith("Priya, the office manager")
    controller.undo_stack.undo()
    assert page.name.text() == "New persona"
    controller.undo_stack.undo()
    assert page.list.count() == 3


def test_a_typing_burst_in_the_positioning_statement_is_one_undo_step(qtbot, page, controller):
    field = page.positioning["difference"]
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, " or a consultant")
    assert query.positioning(controller.session)["difference"].endswith("or a consultant")
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert field.text() == "go live in a week, without an IT department"


def test_a_refused_name_springs_back_with_a_sentence(qtbot, page, controller):
    _select(qtbot, page, "Dana, the dispatcher")
    page.name.setFocus()
    page.name.selectAll()
    qtbot.keyClicks(page.name, "Owen, the owner-operator")
    qtbot.keyClick(page.name, Qt.Key.Key_Tab)
    assert controller.messages == ["There is already a persona called “Owen, the owner-operator”."]
    assert page.name.text() == "Dana, the dispatcher"


def test_linking_the_inputs_its_segment_suggests_is_one_step(qtbot, page, controller):
    _select(qtbot, page, "Dana, the dispatcher")
    tab = page.inputs_tab
    waiting = len(query.suggested_inputs(controller.session, page.persona_id))
    assert tab.suggestion.text() == (
        f"{waiting} more customer inputs from this persona's segment could be linked."
    )
    qtbot.mouseClick(tab.buttons[0], Qt.MouseButton.LeftButton)
    assert page.tabs.tabText(1) == f"Customer inputs ({3 + waiting})"
    assert tab.suggestion.text() == "" and not tab.buttons[0].isEnabled()
    controller.undo_stack.undo()
    assert page.tabs.tabText(1) == "Customer inputs (3)"


def test_choosing_requirements_by_hand_and_unlinking_one(qtbot, page, controller, monkeypatch):
    _select(qtbot, page, "Dana, the dispatcher")
    rows = query.unlinked_requirements(controller.session, page.persona_id)
    offline = next(row for row in rows if row.label == "Offline job sheets")
    monkeypatch.setattr(dialogs, "choose_links", lambda *args: [offline.target_id])
    tab = page.requirements_tab
    qtbot.mouseClick(tab.buttons[1], Qt.MouseButton.LeftButton)
    assert page.tabs.tabText(2) == "Requirements (3)"
    item = next(
        tab.linked.item(i)
        for i in range(tab.linked.count())
        if tab.linked.item(i).text().startswith("Offline job sheets")
    )
    item.setSelected(True)
    qtbot.mouseClick(tab.buttons[2], Qt.MouseButton.LeftButton)
    assert page.tabs.tabText(2) == "Requirements (2)"


def test_a_proof_point_whose_evidence_is_deleted_says_so_and_undo_brings_it_back(
    qtbot, page, controller
):
    _select(qtbot, page, "Dana, the dispatcher")
    proof = _tree_item(page, "Dispatchers tell us")
    assert proof.text(1).startswith("“My dispatcher spends")
    session = controller.session
    evidence = session.scalars(
        select(ProofPoint.input_id).where(ProofPoint.text.startswith("Dispatchers tell us"))
    ).one()
    removed: list[records.Removal] = []
    controller.edit(
        "Delete customer input",
        lambda: removed.append(requirements.remove_inputs(session, [evidence])),
        lambda: records.restore(session, removed[-1]),
    )
    proof = _tree_item(page, "Dispatchers tell us")  # the words stay
    assert proof.text(1) == "Its evidence, a customer input, has been deleted: link new evidence."
    assert proof.font(1).italic()
    assert page.tabs.tabText(1) == "Customer inputs (2)"
    controller.undo_stack.undo()
    assert _tree_item(page, "Dispatchers tell us").text(1).startswith("“My dispatcher spends")
    assert page.tabs.tabText(1) == "Customer inputs (3)"


def test_linking_evidence_to_a_proof_point_through_its_dialog(qtbot, page, controller, monkeypatch):
    _select(qtbot, page, "Owen, the owner-operator")
    item = _tree_item(page, "Our services team migrates")
    assert item.text(1) == "No evidence linked yet."
    _click_tree_item(qtbot, page, item)
    quote = next(
        i.id
        for i in controller.session.scalars(select(CustomerInput))
        if i.quote.startswith("Getting our 4,000 customers")
    )
    monkeypatch.setattr(dialogs, "choose_evidence", lambda *args: ("input", quote))
    qtbot.mouseClick(page.evidence_button, Qt.MouseButton.LeftButton)
    assert _tree_item(page, "Our services team migrates").text(1).startswith("“Getting our 4,000")
    controller.undo_stack.undo()
    assert _tree_item(page, "Our services team migrates").text(1) == "No evidence linked yet."


def test_a_goal_check_in_is_offered_and_linked_as_evidence(qtbot, page, controller, monkeypatch):
    _select(qtbot, page, "Owen, the owner-operator")
    _click_tree_item(qtbot, page, _tree_item(page, "Our services team migrates"))
    offered: list[dict[str, dict[str, str]]] = []

    def choose(_parent, choices):
        offered.append(choices)
        check_in = next(
            key
            for key, label in choices["check_in"].items()
            if label.startswith("Median days") and "2026-08-01" in label
        )
        return "check_in", check_in

    monkeypatch.setattr(dialogs, "choose_evidence", choose)
    qtbot.mouseClick(page.evidence_button, Qt.MouseButton.LeftButton)
    assert set(offered[0]) == {"input", "rating", "check_in"}
    assert _tree_item(page, "Our services team migrates").text(1) == (
        "Median days from signup to first dispatched job: 8 days on 2026-08-01 (Onboarding tracker)"
    )
    controller.undo_stack.undo()
    assert _tree_item(page, "Our services team migrates").text(1) == "No evidence linked yet."


def test_adding_a_message_and_a_proof_point(qtbot, page, controller, monkeypatch):
    _select(qtbot, page, "Tomás, the field technician")
    answers = iter(["Your battery lasts the whole shift.", "Tested on five-year-old phones."])
    monkeypatch.setattr(dialogs, "ask_line", lambda *args: next(answers))
    qtbot.mouseClick(page.add_message_button, Qt.MouseButton.LeftButton)
    message = _tree_item(page, "Your battery lasts")
    _click_tree_item(qtbot, page, message)
    qtbot.mouseClick(page.add_proof_button, Qt.MouseButton.LeftButton)
    assert (
        _tree_item(page, "Your battery lasts").child(0).text(0) == "Tested on five-year-old phones."
    )
    assert controller.undo_stack.count() == 2


def test_deleting_a_persona_asks_nothing_and_undo_restores_its_messages(
    qtbot, page, controller, monkeypatch
):
    from pmdesk.gui import dialogs as common

    _select(qtbot, page, "Owen, the owner-operator")
    monkeypatch.setattr(
        common, "confirm", lambda *_a, **_k: pytest.fail("Undo is there: no question")
    )
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.list.count() == 2
    assert controller.undo_stack.undoText() == "Delete Owen, the owner-operator"
    controller.undo_stack.undo()
    _select(qtbot, page, "Owen, the owner-operator")
    assert page.messages.topLevelItemCount() == 3


def test_a_persona_with_two_thousand_inputs_shows_them_all(qtbot, page, controller):
    session = controller.session
    dana = session.scalars(select(Persona).where(Persona.name.startswith("Dana"))).one()
    session.add_all(
        CustomerInput(
            id=new_id(),
            quote=f"Survey answer {n}",
            segment=MID_SIZE,
            source="survey",
            received_on=date(2026, 10, 1),
        )
        for n in range(2_000)
    )
    session.commit()
    page.refresh()
    _select(qtbot, page, "Dana, the dispatcher")
    qtbot.mouseClick(page.inputs_tab.buttons[0], Qt.MouseButton.LeftButton)
    total = query.link_counts(session)[dana.id][0]
    assert total > 2_000
    assert page.tabs.tabText(1) == f"Customer inputs ({total:,})"
    assert page.inputs_tab.linked.count() == total
    assert controller.undo_stack.count() == 1


def test_read_only_shows_everything_and_edits_nothing(qtbot, read_only_page):
    page = read_only_page
    assert page.list.count() == 3
    assert page.name.isReadOnly() and page.positioning["target"].isReadOnly()
    for button in (page.add_button, page.delete_button, page.add_message_button):
        assert not button.isEnabled()
    assert not any(button.isEnabled() for button in page.inputs_tab.buttons)
    assert not page.buying_role.isEnabled()


def test_the_first_words_of_a_positioning_statement_and_their_undo_leave_no_trace(qtbot):
    from pmdesk.gui.document import DocumentController
    from pmdesk.interchange.project_json import dump_project, to_text
    from pmdesk.store.document import Document
    from pmdesk.workspaces.personas.qt.page import PersonasPage

    document = Document.new()
    try:
        controller = DocumentController(document)
        page = PersonasPage(controller)
        qtbot.addWidget(page)
        before = to_text(dump_project(document.session))
        assert not page.add_message_button.isEnabled()  # no persona yet
        page.positioning["target"].setFocus()
        qtbot.keyClicks(page.positioning["target"], "contractors")
        assert dump_project(document.session)["personas"]["positioning"][0]["target"] == (
            "contractors"
        )
        controller.undo_stack.undo()
        assert to_text(dump_project(document.session)) == before
        assert page.positioning["target"].text() == ""
    finally:
        document.close()


def test_typing_in_the_profile_leaves_the_link_lists_alone_and_a_new_segment_suggests_others(
    qtbot, page, controller
):
    _select(qtbot, page, "Tomás, the field technician")
    first = page.inputs_tab.linked.item(0)
    assert page.inputs_tab.suggestion.text() == ""  # no segment, no suggestions
    page.texts["goals"].setFocus()
    qtbot.keyClick(page.texts["goals"], Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.texts["goals"], " Home by six.")
    assert page.inputs_tab.linked.item(0) is first  # not rebuilt for every key
    assert page.texts["goals"].toPlainText().endswith("signed job sheet. Home by six.")
    assert controller.undo_stack.count() == 1  # the burst is one step
    page.segment.setFocus()
    page.segment.selectAll()
    type_text(qtbot, page.segment, "Small (10–25 technicians)")
    qtbot.keyClick(page.segment, Qt.Key.Key_Tab)
    assert "more customer inputs from this persona's segment" in page.inputs_tab.suggestion.text()
    assert page.inputs_tab.buttons[0].isEnabled()
