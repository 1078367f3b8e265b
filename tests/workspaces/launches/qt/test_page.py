"""The Launches page as a PM uses it: typing in the task table and the launch's fields, the
grid as a filter, a launch made from its tier's template, undo, and read-only files."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.launches.model import (
    Launch,
    LaunchTask,
    LaunchTemplate,
    LaunchTemplateTask,
)
from pmdesk.workspaces.launches.qt import dialogs as ask
from pmdesk.workspaces.launches.qt.dialogs import NewLaunch
from pmdesk.workspaces.launches.qt.page import LaunchesPage
from pmdesk.workspaces.launches.qt.task_model import FIELD_COLUMN, TaskTableModel
from pmdesk.workspaces.launches.templates import DEFAULT_TEMPLATES, template_lines

TODAY = date(2026, 12, 20)
SPRING = "Spring launch: offline technician app"


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


@pytest.fixture
def page(qtbot, controller):
    page = LaunchesPage(controller, today=TODAY)
    page.resize(1100, 800)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    _choose(page, SPRING)
    return page


def _choose(page, name: str) -> None:
    for row in range(page.launch_list.count()):
        if page.launch_list.item(row).text().startswith(name):
            page.launch_list.setCurrentRow(row)
            return
    raise AssertionError(name)


def _cell(page, title: str, field: str):
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, FIELD_COLUMN["title"]).data() == title:
            return page.proxy.index(row, FIELD_COLUMN[field])
    raise AssertionError(title)


def _task(session, title: str) -> LaunchTask:
    launch = session.scalars(select(Launch).where(Launch.name == SPRING)).one()
    query = select(LaunchTask).where(LaunchTask.title == title, LaunchTask.launch_id == launch.id)
    return session.scalars(query).one()


def _type_into_cell(qtbot, page, index, text: str, key=Qt.Key.Key_Tab) -> None:
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not page.table
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, key)
    QApplication.processEvents()  # Qt commits on Return through a queued call


def test_the_task_model_passes_the_model_tester(qtmodeltester, controller, page):
    qtmodeltester.check(page.task_model, force_py=True)
    qtmodeltester.check(page.proxy, force_py=True)
    assert isinstance(page.task_model, TaskTableModel)


def test_the_page_shows_both_launches_soonest_first_and_the_late_tasks(page):
    texts = [page.launch_list.item(row).text() for row in range(page.launch_list.count())]
    assert texts[0].startswith("Dispatch 3.0 with auto-dispatch\nMinor · 26 Mar 2027")
    assert texts[1].startswith(f"{SPRING}\nMajor · 14 Apr 2027")
    assert page.summary.text() == "2 launches · 2 readiness tasks late"
    due = _cell(page, "Terms and privacy notice reviewed", "offset_days")
    assert due.data() == "L−130 · 5 Dec 2026"
    assert due.data(Qt.ItemDataRole.ToolTipRole) == "Overdue by 15 days"
    assert "Go/no-go on 7 Apr 2027" in page.attention.text()


def test_typing_a_task_name_and_tab_keeps_it_and_one_undo_restores_it(qtbot, page, controller):
    index = _cell(page, "Order flow tested", "title")
    _type_into_cell(qtbot, page, index, "Order flow tested with the old tier")
    assert _task(controller.session, "Order flow tested with the old tier")
    assert _cell(page, "Order flow tested with the old tier", "title").isValid()
    controller.undo_stack.undo()
    assert _cell(page, "Order flow tested", "title").data() == "Order flow tested"


def test_a_due_date_typed_as_l_minus_moves_the_task(qtbot, page, controller):
    _type_into_cell(
        qtbot, page, _cell(page, "Release notes", "offset_days"), "L-5", Qt.Key.Key_Return
    )
    assert _task(controller.session, "Release notes").offset_days == -5
    assert _cell(page, "Release notes", "offset_days").data() == "L−5 · 9 Apr 2027"


def test_a_due_date_after_launch_day_is_refused_with_a_sentence(qtbot, page, controller):
    told: list[str] = []
    controller.failed.connect(told.append)
    index = _cell(page, "Pricing page live", "offset_days")
    _type_into_cell(qtbot, page, index, "L+3", Qt.Key.Key_Return)
    assert told == [
        "“Pricing page live” would be due 3 days after launch day (L+3); a readiness task must "
        "be done on or before launch day."
    ]
    assert _task(controller.session, "Pricing page live").offset_days == -1
    assert _cell(page, "Pricing page live", "offset_days").data() == "L−1 · 13 Apr 2027"
    assert controller.undo_stack.count() == 0


def test_a_status_is_chosen_from_the_list_and_the_grid_follows(qtbot, page, controller):
    index = _cell(page, "Sales team trained", "status")
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    combo = QApplication.focusWidget()
    combo.setCurrentIndex(combo.findData("done"))
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    assert _task(controller.session, "Sales team trained").status == "done"
    sales = list(page.grid.cell_at(1, 3))
    assert sales == ["sales", "done"]
    assert page.grid.item(1, 3).text() == "1"


def _choose_status(qtbot, page, title: str, status: str) -> None:
    index = _cell(page, title, "status")
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    combo = QApplication.focusWidget()
    combo.setCurrentIndex(combo.findData(status))
    qtbot.keyClick(combo, Qt.Key.Key_Tab)


def _entry(page, name: str):
    return next(
        page.launch_list.item(row)
        for row in range(page.launch_list.count())
        if page.launch_list.item(row).text().startswith(name)
    )


def test_the_launch_list_counts_a_task_done_and_stops_showing_it_late(qtbot, page, controller):
    entry = _entry(page, SPRING)
    ready, tasks = (int(n) for n in entry.text().split(" · ")[-1].split()[0].split("/"))
    late = [task.title for task in page.current_plan().readiness.late]
    assert len(late) == 2  # the sample's two late tasks are this launch's
    assert entry.toolTip() == "2 readiness tasks are late"
    for title in late:
        _choose_status(qtbot, page, title, "done")
    entry = _entry(page, SPRING)
    assert entry.text().endswith(f"{ready + len(late)}/{tasks} ready")
    assert entry.toolTip() == ""
    assert entry.data(Qt.ItemDataRole.ForegroundRole) is None
    assert page.launch_list.currentItem() is entry  # the launch on show stays chosen
    controller.undo_stack.undo()
    entry = _entry(page, SPRING)
    assert entry.text().endswith(f"{ready + len(late) - 1}/{tasks} ready")
    assert entry.toolTip() == "1 readiness task is late"


def test_clicking_a_grid_cell_shows_its_tasks_and_a_second_click_shows_all(qtbot, page):
    everything = page.proxy.rowCount()
    assert everything == 27
    rect = page.grid.visualItemRect(page.grid.item(3, 2))  # operations · blocked
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    titles = [
        page.proxy.index(r, FIELD_COLUMN["title"]).data() for r in range(page.proxy.rowCount())
    ]
    assert titles == ["Device rollout guide for large fleets"]
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.proxy.rowCount() == everything


def test_the_table_can_show_only_what_blocks_go_no_go_or_is_late(page):
    page.show_only.setCurrentIndex(page.show_only.findData("late"))
    late = {page.proxy.index(r, FIELD_COLUMN["title"]).data() for r in range(page.proxy.rowCount())}
    assert late == {"Terms and privacy notice reviewed", "Launch plan and announcement date agreed"}
    page.show_only.setCurrentIndex(page.show_only.findData("blocks"))
    blocks = {
        page.proxy.index(r, FIELD_COLUMN["blocks"]).data() for r in range(page.proxy.rowCount())
    }
    assert blocks == {"Blocks"}
    assert page.show_only.currentText() == f"Blockers ({page.proxy.rowCount()})"


def test_a_new_launch_gets_its_tiers_checklist_and_one_undo_takes_it_all_back(
    qtbot, page, controller, monkeypatch
):
    session = controller.session
    monkeypatch.setattr(
        ask,
        "ask_new_launch",
        lambda parent, items, today: NewLaunch("Summer promo", "silent", None, date(2027, 7, 1)),
    )
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.current_plan().launch.name == "Summer promo"
    titles = [
        page.proxy.index(r, FIELD_COLUMN["title"]).data() for r in range(page.proxy.rowCount())
    ]
    assert sorted(titles) == sorted(line.title for line in DEFAULT_TEMPLATES["silent"])
    # The silent tier's template is now the project's own.
    assert session.scalar(select(func.count()).select_from(LaunchTemplate)) == 3
    controller.undo_stack.undo()
    assert page.launch_list.count() == 2
    assert session.scalar(select(func.count()).select_from(LaunchTemplate)) == 2
    controller.undo_stack.redo()
    assert page.launch_list.count() == 3


def test_a_launch_with_no_name_is_refused_and_nothing_is_added(
    qtbot, page, controller, monkeypatch
):
    told: list[str] = []
    controller.failed.connect(told.append)
    monkeypatch.setattr(
        ask, "ask_new_launch", lambda *args: NewLaunch("  ", "major", None, date(2027, 7, 1))
    )
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert told == ["A launch name cannot be empty."]
    assert page.launch_list.count() == 2


def test_typing_the_launch_name_and_tab_keeps_it(qtbot, page, controller):
    page.form.name.setFocus()
    page.form.name.selectAll()
    qtbot.keyClicks(page.form.name, "Spring launch")
    qtbot.keyClick(page.form.name, Qt.Key.Key_Tab)
    assert page.form.name.text() == "Spring launch"
    assert controller.session.scalars(select(Launch.name)).all().count("Spring launch") == 1
    assert page.launch_list.currentItem().text().startswith("Spring launch\n")


def test_the_go_no_go_typed_as_l_minus_shows_its_date(qtbot, page, controller):
    page.form.go_no_go.setFocus()
    page.form.go_no_go.selectAll()
    qtbot.keyClicks(page.form.go_no_go, "L-10")
    qtbot.keyClick(page.form.go_no_go, Qt.Key.Key_Tab)
    assert page.form.go_no_go.text() == "L−10"
    assert page.form.go_no_go_day.text() == "4 Apr 2027"
    controller.undo_stack.undo()
    assert page.form.go_no_go_day.text() == "7 Apr 2027"


def test_moving_the_milestone_on_the_roadmap_re_dates_the_tasks_in_one_undo_step(page, controller):
    from pmdesk.workspaces.roadmap import edit as roadmap_edit

    session = controller.session
    item_id = page.current_plan().launch.roadmap_item_id
    new_day = date(2027, 4, 28)
    controller.edit(
        "Move Offline app launch",
        lambda: roadmap_edit.set_item_dates(session, item_id, new_day, new_day),
        lambda: roadmap_edit.set_item_dates(session, item_id, date(2027, 4, 14), date(2027, 4, 14)),
    )
    assert _cell(page, "Release notes", "offset_days").data() == "L−3 · 25 Apr 2027"
    assert page.form.launch_day.date().toPython() == new_day
    controller.undo_stack.undo()
    assert _cell(page, "Release notes", "offset_days").data() == "L−3 · 11 Apr 2027"


def test_deleting_an_owner_clears_their_tasks_and_undo_restores_both(page, controller):
    from pmdesk.workspaces.stakeholders.model import Stakeholder
    from pmdesk.workspaces.stakeholders.qt import actions as stakeholder_actions

    session = controller.session
    elena = session.scalars(select(Stakeholder).where(Stakeholder.name == "Elena Rossi")).one()
    elena_id = elena.id
    owned = session.scalars(select(LaunchTask.id).where(LaunchTask.owner_id == elena_id)).all()
    assert len(owned) == 4
    assert stakeholder_actions.delete_stakeholders(controller, [elena_id])
    assert _cell(page, "Order flow tested", "owner_id").data() == ""
    assert session.scalar(select(func.count()).select_from(LaunchTask)) == 40  # tasks kept
    controller.undo_stack.undo()
    assert session.get(Stakeholder, elena_id) is not None
    assert sorted(
        session.scalars(select(LaunchTask.id).where(LaunchTask.owner_id == elena_id)).all()
    ) == sorted(owned)
    assert _cell(page, "Order flow tested", "owner_id").data() == "Elena Rossi"


def test_deleting_a_launch_asks_nothing_and_undo_brings_its_tasks_back(
    qtbot, page, controller, monkeypatch
):
    from pmdesk.gui import dialogs

    monkeypatch.setattr(
        dialogs, "confirm", lambda *_a, **_k: pytest.fail("Undo is there: no question")
    )
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert controller.undo_stack.undoText() == f"Delete launch {SPRING}"
    assert controller.session.scalar(select(func.count()).select_from(LaunchTask)) == 13
    controller.undo_stack.undo()
    assert controller.session.scalar(select(func.count()).select_from(LaunchTask)) == 40


def test_editing_a_template_stores_it_and_undo_returns_to_the_default(qtbot, page, controller):
    _click_tab(qtbot, page, 1)  # the PM opens the templates tab
    panel = page.templates
    panel.tier.setCurrentIndex(panel.tier.findData("silent"))
    assert "default" in panel.origin.text()
    index = panel.model.index(0, 1)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Support briefed on the change")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert panel.model.index(0, 1).data() == "Support briefed on the change"
    assert "Stored in this project" in panel.origin.text()
    stored = controller.session.scalars(select(LaunchTemplateTask.title)).all()
    assert "Support briefed on the change" in stored
    controller.undo_stack.undo()
    assert panel.model.index(0, 1).data() == "Support told what changed"
    assert "default" in panel.origin.text()


def test_a_read_only_project_cannot_be_edited(qtbot, sample_file):
    from pmdesk.store.document import Document

    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        page = LaunchesPage(controller, today=TODAY)
        qtbot.addWidget(page)
        index = page.task_model.index(0, FIELD_COLUMN["title"])
        assert not index.flags() & Qt.ItemFlag.ItemIsEditable
        assert not page.task_model.setData(index, "Renamed")
        for button in (page.new_button, page.delete_button, page.add_task_button):
            assert not button.isEnabled()
        assert page.form.name.isReadOnly() and not page.form.tier.isEnabled()
        assert not page.templates.add_button.isEnabled()
        delete = next(action for action in page.actions() if action.text() == "Delete")
        assert not delete.isEnabled()
    finally:
        document.close()


def test_add_task_opens_its_name_for_typing_and_tab_keeps_it(qtbot, page, controller):
    page.department.setCurrentIndex(page.department.findData("legal"))
    qtbot.mouseClick(page.add_task_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert editor is not None and editor.text() == "New task"
    editor.selectAll()
    qtbot.keyClicks(editor, "Export control check")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    task = _task(controller.session, "Export control check")
    assert (task.department, task.offset_days, task.status) == ("legal", 0, "to_do")
    assert _cell(page, "Export control check", "offset_days").data() == "L-day · 14 Apr 2027"
    assert page.grid.item(6, 0).text() == "3"  # legal · to do: one more
    controller.undo_stack.undo()  # the rename
    controller.undo_stack.undo()  # the task
    assert page.proxy.rowCount() == 27


def test_the_delete_key_deletes_the_selected_tasks_as_one_step(qtbot, page, controller):
    page.activateWindow()
    page.table.setFocus()
    for title in ("Release notes", "Pricing page live"):
        index = _cell(page, title, "title")
        page.table.selectionModel().select(
            index,
            page.table.selectionModel().SelectionFlag.Select
            | page.table.selectionModel().SelectionFlag.Rows,
        )
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.proxy.rowCount() == 25
    assert controller.undo_stack.undoText() == "Delete 2 readiness tasks"
    controller.undo_stack.undo()
    assert page.proxy.rowCount() == 27


# The completion list is a popup: the offscreen platform cannot raise it or grab keys for it.
@pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "propagateSizeHints"
)
def test_an_owner_is_typed_from_the_stakeholders_and_tab_keeps_it(qtbot, page, controller):
    from pmdesk.gui.owner_picker import OwnerPicker

    def type_owner(text: str) -> None:
        index = _cell(page, "Trademark and claims cleared", "owner_id")
        page.table.setCurrentIndex(index)
        page.table.edit(index)
        editor = next(e for e in page.table.viewport().findChildren(OwnerPicker) if e.isVisible())
        assert editor.itemText(0) == "Nobody"  # the shared owner box
        qtbot.keyClicks(editor.lineEdit(), text)
        qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Tab)

    type_owner("victor hale")  # any case, as the PM types it
    assert _cell(page, "Trademark and claims cleared", "owner_id").data() == "Victor Hale"
    type_owner("Nobody")
    assert _cell(page, "Trademark and claims cleared", "owner_id").data() == ""
    assert controller.undo_stack.count() == 2


# The completion list is a popup: the offscreen platform cannot raise it or grab keys for it.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_a_launch_can_stop_following_the_roadmap_and_keep_its_day(qtbot, page, controller):
    form = page.form
    assert not form.launch_day.isEnabled()  # set by the roadmap milestone
    line = form.follows.lineEdit()
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "its own")  # enough of "Its own date", the first choice
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert page.current_plan().follows == ""
    assert form.launch_day.isEnabled()
    assert form.launch_day.date().toPython() == date(2027, 4, 14)
    controller.undo_stack.undo()
    assert page.current_plan().follows == "Offline app launch"


def test_template_tasks_are_added_and_removed_with_undo(qtbot, page, controller):
    _click_tab(qtbot, page, 1)  # the PM opens the templates tab
    panel = page.templates
    panel.tier.setCurrentIndex(panel.tier.findData("minor"))
    before = panel.model.rowCount()
    panel.department.setCurrentIndex(panel.department.findData("legal"))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Privacy notice checked")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert panel.model.rowCount() == before + 1
    assert panel.model.index(before, 1).data() == "Privacy notice checked"
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == before
    controller.undo_stack.undo()
    assert panel.model.rowCount() == before + 1


def test_a_new_project_starts_empty_and_gets_its_first_launch_from_the_default_template(
    qtbot, monkeypatch
):
    from pmdesk.store.document import Document

    document = Document.new()
    try:
        controller = DocumentController(document)
        page = LaunchesPage(controller, today=TODAY)
        qtbot.addWidget(page)
        assert page.attention.text() == "No launch yet. Use Add Launch… to plan one."
        assert not page.form.isEnabled() and not page.add_task_button.isEnabled()
        monkeypatch.setattr(
            ask, "ask_new_launch", lambda *a: NewLaunch("Launch", "major", None, date(2027, 9, 1))
        )
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
        assert page.proxy.rowCount() == len(DEFAULT_TEMPLATES["major"])
        assert page.summary.text() == "1 launch"
        assert page.form.launch_day.isEnabled()
        assert page.form.launch_day.date().toPython() == date(2027, 9, 1)
    finally:
        document.close()


# The completion list is a popup: the offscreen platform cannot raise it or grab keys for it.
@pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard", "propagateSizeHints"
)
def test_the_launch_owner_is_typed_with_completion_and_enter_keeps_it(qtbot, page, controller):
    """The owner box is the shared picker: part of a name finds the stakeholder, Enter stores
    them as the launch's owner, and one undo takes it back."""
    session = controller.document.session
    launch = session.scalars(select(Launch).where(Launch.name == SPRING)).one()
    before = launch.owner_id
    owner = page.form.owner
    owner.setFocus()
    owner.lineEdit().selectAll()
    qtbot.keyClicks(owner.lineEdit(), "victor")
    popup = owner.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "Victor Hale"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    session.refresh(launch)
    victor = next(key for name, key in owner.people() if name == "Victor Hale")
    assert launch.owner_id == victor != before
    assert owner.currentText() == "Victor Hale"
    controller.undo_stack.undo()
    session.refresh(launch)
    assert launch.owner_id == before


def _click_tab(qtbot, page, index: int) -> None:
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_the_templates_tab_is_built_when_clicked_and_shows_its_lines(qtbot, page):
    from pmdesk.workspaces.launches.qt.template_panel import TemplatePanel

    assert not isinstance(page.tabs.widget(1), TemplatePanel)  # not built before it is shown
    _click_tab(qtbot, page, 1)
    panel = page.tabs.currentWidget()
    assert isinstance(panel, TemplatePanel) and panel is page.templates
    assert panel.isVisible()
    lines = template_lines(page.controller.session, panel.tier.currentData())
    assert lines and panel.model.rowCount() == len(lines)
    assert panel.model.index(0, 1).data() == lines[0].title
    assert page.tabs.tabText(1) == "Checklist templates"


def test_the_templates_tab_of_a_read_only_project_refuses_edits(qtbot, sample_file):
    from pmdesk.store.document import Document

    document = Document.open(sample_file, read_only=True)
    try:
        page = LaunchesPage(DocumentController(document), today=TODAY)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitExposed(page)
        _click_tab(qtbot, page, 1)
        panel = page.tabs.currentWidget()
        assert panel is page.templates
        assert not panel.add_button.isEnabled() and not panel.remove_button.isEnabled()
        assert not panel.model.index(0, 1).flags() & Qt.ItemFlag.ItemIsEditable
    finally:
        document.close()


def test_the_pickers_follow_the_roadmap_and_the_stakeholders_but_not_a_tasks_edit(
    qtbot, page, controller
):
    from pmdesk.workspaces.roadmap.model import RoadmapLane
    from pmdesk.workspaces.roadmap.qt.actions import RoadmapActions
    from pmdesk.workspaces.stakeholders.model import Stakeholder
    from pmdesk.workspaces.stakeholders.qt import actions as people

    session = controller.session
    follows = page.form.follows
    chosen = follows.currentText()
    lane = session.scalars(select(RoadmapLane).order_by(RoadmapLane.position)).first()
    assert RoadmapActions(controller).add_item(
        lane.id, "Field pilot", kind="release", start=date(2027, 2, 1), end=date(2027, 2, 26)
    )
    offered = [follows.itemText(i) for i in range(follows.count())]
    assert "Field pilot (26 Feb 2027)" in offered
    owner = page.current_plan().launch.owner_id
    assert owner is not None
    person = session.get(Stakeholder, owner)
    assert people.set_stakeholder_field(controller, person, "name", "Dana Whitfield-Ng")
    assert "Dana Whitfield-Ng" in [name for name, _id in page.form.owner.people()]
    _choose_status(qtbot, page, "Sales team trained", "done")  # a task: the pickers stay
    assert [follows.itemText(i) for i in range(follows.count())] == offered
    assert follows.currentText() == chosen


def test_in_a_laptop_window_every_tasks_status_is_in_sight(window):
    page = window.show_workspace("launches")  # the shared window is 1024×700
    QApplication.processEvents()
    header = page.table.horizontalHeader()
    status = FIELD_COLUMN["status"]
    assert header.model().headerData(status, Qt.Orientation.Horizontal) == "Status"
    # Wholly inside the table's viewport, without scrolling sideways.
    end = header.sectionViewportPosition(status) + header.sectionSize(status)
    assert header.sectionViewportPosition(status) >= 0
    assert end <= page.table.viewport().width()
