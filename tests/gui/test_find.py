"""Edit › Find (Ctrl+F): type a few letters, press Enter, land on the record in its workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pmdesk.gui import dialogs
from pmdesk.gui.main_window import MainWindow
from pmdesk.store.document import Document

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, monkeypatch, sample_file):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: dialogs.Answer.DISCARD)
    window = MainWindow(start_empty=True)
    qtbot.addWidget(window)
    window.load(sample_file)
    window.resize(1024, 700)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield window
    window.close()


def find(qtbot, window, text: str, pause: bool = True):
    """Ctrl+F, type ``text`` into the find field as a person does; the find window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    dialog = window.find_dialog
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.query)
    qtbot.keyClicks(dialog.query, text)
    if pause:
        dialog.search_now()  # the pause after typing, without waiting for it
    return dialog


def shown_hits(dialog) -> list[str]:
    return [hit.label for hit in _hits(dialog)]


def _hits(dialog):
    results = dialog.results
    return [
        results.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(results.count())
        if results.item(row).data(Qt.ItemDataRole.UserRole) is not None
    ]


def down_to(qtbot, dialog, kind: str) -> None:
    """Press Down until the chosen result is a record of ``kind``."""
    for _ in range(dialog.results.count()):
        if dialog.current_hit().kind == kind:
            return
        qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    assert dialog.current_hit().kind == kind


def enter(qtbot, dialog) -> None:
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_a_stakeholders_name_finds_the_person_and_enter_selects_them(qtbot, window):
    dialog = find(qtbot, window, "priya ram")
    assert shown_hits(dialog)[0] == "Priya Raman"
    enter(qtbot, dialog)
    page = window.stack.currentWidget()
    assert page is window.show_workspace("stakeholders")
    assert page.tabs.currentWidget() is page.table
    assert page.selected_ids() == [_hits_id(window, "stakeholders", "Priya Raman")]


def _hits_id(window, workspace: str, name: str) -> str:
    from pmdesk.interchange.find import search

    return next(
        hit.record_id
        for hit in search(window.controller.session, name).hits
        if hit.workspace == workspace and hit.label == name
    )


def test_a_roadmap_item_is_selected_on_the_timeline(qtbot, window):
    enter(qtbot, find(qtbot, window, "Xero sync"))
    page = window.stack.currentWidget()
    assert page is window.show_workspace("roadmap")
    assert page.tabs.currentIndex() == 0
    item_id = _hits_id(window, "roadmap", "Xero sync")
    assert page.selected_ids() == [item_id]


def test_a_requirement_opens_in_its_table_and_detail(qtbot, window):
    dialog = find(qtbot, window, "Arrival text with live")
    assert [hit.workspace for hit in _hits(dialog)][-1] == "requirements"  # after the roadmap's
    down_to(qtbot, dialog, "requirements")
    enter(qtbot, dialog)
    page = window.stack.currentWidget()
    assert page is window.show_workspace("requirements")
    assert page.tabs.currentWidget() is page.requirements
    requirement_id = _hits_id(window, "requirements", "Arrival text with live ETA")
    assert page.requirements.selected_ids() == [requirement_id]


def test_a_competitor_opens_its_profile_even_when_enter_comes_before_the_pause(qtbot, window):
    enter(qtbot, find(qtbot, window, "TradeForce Suite", pause=False))
    page = window.stack.currentWidget()
    assert page is window.show_workspace("competition")
    assert page.tabs.currentWidget() is page.profiles
    assert page.profiles.picker.currentItem().text().startswith("TradeForce Suite")


def test_a_decision_and_a_goal_are_selected_with_their_details(qtbot, window):
    enter(qtbot, find(qtbot, window, "which accounting system"))
    page = window.stack.currentWidget()
    assert page is window.show_workspace("decisions")
    decision = _hits_id(window, "decisions", "Which accounting system do we connect to first?")
    assert page.selected_ids() == [decision]
    assert page.detail.decision_id == decision

    enter(qtbot, find(qtbot, window, "app store rating"))
    goals = window.stack.currentWidget()
    assert goals is window.show_workspace("goals")
    assert goals.current_id() == _hits_id(window, "goals", "Technician app store rating")


def test_accents_and_case_do_not_matter(qtbot, window):
    dialog = find(qtbot, window, "TOMAS, THE FIELD")
    assert shown_hits(dialog) == ["Tomás, the field technician"]
    enter(qtbot, dialog)
    page = window.stack.currentWidget()
    assert page is window.show_workspace("personas")
    assert page.list.currentItem().text().startswith("Tomás")


def test_results_are_grouped_by_workspace_with_the_matching_words(qtbot, window):
    dialog = find(qtbot, window, "offline")
    results = dialog.results
    headings = [
        results.item(row).text()
        for row in range(results.count())
        if results.item(row).data(Qt.ItemDataRole.UserRole) is None
    ]
    assert headings[:3] == ["Overview", "Goals", "Stakeholders"]
    assert len(headings) == len(set(headings))  # each workspace once
    in_text = next(hit for hit in _hits(dialog) if hit.field)
    assert "offline" in in_text.snippet[in_text.start : in_text.end].lower()
    assert "match" in dialog.status.text()


def test_a_check_in_jumps_to_its_key_result(qtbot, window):
    dialog = find(qtbot, window, "Importers from the leading suites shipped")
    hit = _hits(dialog)[0]
    assert hit.kind == "goal_check_ins"
    assert hit.label.startswith("Check-in of ")
    enter(qtbot, dialog)
    goals = window.stack.currentWidget()
    assert goals is window.show_workspace("goals")
    assert goals.current_id() == hit.owners[0][1]  # its key result


def test_down_arrow_then_enter_jumps_to_the_second_result(qtbot, window):
    dialog = find(qtbot, window, "Sam Novak")
    hits = _hits(dialog)
    assert len(hits) >= 2
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    assert dialog.current_hit() == hits[1]


def test_nothing_found_says_so_and_enter_goes_nowhere(qtbot, window):
    before = window.stack.currentWidget()
    dialog = find(qtbot, window, "zebra crossing")
    assert shown_hits(dialog) == []
    assert dialog.status.text() == "Nothing matches “zebra crossing”."
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert window.stack.currentWidget() is before


def test_a_hostile_long_name_is_found_and_shown_on_one_elided_line(qtbot, window):
    from pmdesk.workspaces.stakeholders.qt import actions

    name = ("Zz" + "ÿ\u202e\u0301\n" * 20 + "x" * 200)[:200]
    from pmdesk.workspaces.stakeholders.model import Stakeholder

    person = actions.add_stakeholder(window.controller)
    record = window.controller.session.get(Stakeholder, person)
    assert actions.set_stakeholder_field(window.controller, record, "name", name)
    dialog = find(qtbot, window, "zz")
    hits = _hits(dialog)
    assert [hit.record_id for hit in hits] == [person]
    assert "\n" not in hits[0].label and len(hits[0].label) <= 90
    row_height = dialog.results.visualItemRect(dialog.results.item(1)).height()
    assert row_height < 3 * dialog.results.fontMetrics().lineSpacing()
    dialog.results.grab()  # paints without an error
    enter(qtbot, dialog)
    page = window.stack.currentWidget()
    assert page is window.show_workspace("stakeholders")
    assert page.selected_ids() == [person]


def test_a_new_empty_project_finds_nothing_and_says_so(qtbot, window):
    window.new_project()
    dialog = find(qtbot, window, "Priya")
    assert shown_hits(dialog) == []
    assert dialog.status.text() == "Nothing matches “Priya”."


def test_an_edit_is_found_at_the_next_search(qtbot, window):
    dialog = find(qtbot, window, "Priya")
    assert shown_hits(dialog)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Escape)
    page = window.show_workspace("overview")
    page.ui.name.setFocus()
    page.ui.name.selectAll()
    qtbot.keyClicks(page.ui.name, "Quokka Planner")
    qtbot.keyClick(page.ui.name, Qt.Key.Key_Return)
    dialog = find(qtbot, window, "quokka")
    assert shown_hits(dialog) == ["Quokka Planner"]


def test_a_read_only_project_still_finds_and_jumps(qtbot, monkeypatch, sample_file):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: dialogs.Answer.DISCARD)
    from pmdesk.gui.document import DocumentController

    window = MainWindow(start_empty=True)
    qtbot.addWidget(window)
    window.use_controller(DocumentController(Document.open(sample_file, read_only=True)))
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    assert window.controller.read_only
    before = sample_file.read_bytes()
    enter(qtbot, find(qtbot, window, "Priya Raman"))
    page = window.stack.currentWidget()
    assert page is window.show_workspace("stakeholders")
    assert len(page.selected_ids()) == 1
    assert window.controller.undo_stack.count() == 0
    assert not window.isWindowModified()
    window.close()
    assert sample_file.read_bytes() == before


def test_every_kind_of_record_in_the_sample_can_be_jumped_to(qtbot, window):
    """Each record kind with words shows itself, or the record it belongs to, in its page."""
    from pmdesk.interchange.find import FindIndex, fold

    index = FindIndex.build(window.controller.session)
    missed = []
    for kind, table in index._tables.items():
        if not table.rows or not table.searched.columns:
            continue
        row = next((r for r in range(len(table.rows)) if any(table.values(r))), None)
        if row is None:
            continue
        record_id = table.fields(row)[0]
        words = next(text for text in table.values(row) if text.strip())
        needle = " ".join(words.split())[:40]
        hit = next(
            (h for h in index.search(needle, limit=1000).hits if h.record_id == record_id), None
        )
        assert hit is not None, f"{kind}: “{fold(needle)}” does not find its own record"
        if not window.jump_to(hit):
            missed.append(kind)
    assert missed == []


def test_a_filter_that_hides_the_person_is_cleared(qtbot, window):
    page = window.show_workspace("stakeholders")
    qtbot.keyClicks(page.search, "Sam")
    enter(qtbot, find(qtbot, window, "Priya Raman"))
    assert page.search.text() == ""
    assert page.selected_ids() == [_hits_id(window, "stakeholders", "Priya Raman")]
