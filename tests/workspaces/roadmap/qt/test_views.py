"""The roadmap table (under qtmodeltester), the Now / Next / Later board, baselines and slips."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from pmdesk.domain import records
from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.roadmap.model import RoadmapBaseline, RoadmapItem
from pmdesk.workspaces.roadmap.qt.page import RoadmapPage
from pmdesk.workspaces.roadmap.qt.table_model import COLUMN_KEYS
from pmdesk.workspaces.stakeholders.model import Stakeholder

TODAY = date(2026, 11, 25)


@pytest.fixture
def page(qtbot, sample_document):
    widget = RoadmapPage(DocumentController(sample_document), today=TODAY)
    qtbot.addWidget(widget)
    for view in reversed(widget.views):  # each view fills when it is shown; the table last
        widget.tabs.setCurrentWidget(view)
    return widget


def _row(page, title: str) -> int:
    model = page.table.model
    return next(row for row, item in enumerate(model.items) if item.title == title)


def _item(page, title: str) -> RoadmapItem:
    session = page.controller.session
    return session.scalars(select(RoadmapItem).where(RoadmapItem.title == title)).one()


def test_the_table_model_passes_qtmodeltester(qtmodeltester, page):
    qtmodeltester.check(page.table.model, force_py=True)
    qtmodeltester.check(page.table.proxy, force_py=True)


def test_the_table_shows_every_item_with_its_flags(page):
    model = page.table.model
    assert model.rowCount() == 46
    flags = COLUMN_KEYS.index("flags")
    late = model.index(_row(page, "Sync conflict resolution"), flags)
    assert model.data(late) == "Late"
    broken = model.index(_row(page, "Arrival text with live ETA"), flags)
    assert model.data(broken) == "Dependency broken"
    owner = model.index(_row(page, "Route optimisation v1"), COLUMN_KEYS.index("owner"))
    assert model.data(owner) == "Priya Raman"


def test_editing_a_cell_is_one_undoable_edit(page):
    model = page.table.model
    status = model.index(_row(page, "Job checklists"), COLUMN_KEYS.index("status"))
    assert model.setData(status, "at risk")
    assert _item(page, "Job checklists").status == "at_risk"
    assert model.data(model.index(_row(page, "Job checklists"), status.column())) == "At risk"
    page.controller.undo_stack.undo()
    assert _item(page, "Job checklists").status == "planned"


def test_an_end_before_the_start_typed_in_the_table_is_refused_with_a_message(page):
    messages: list[str] = []
    page.controller.failed.connect(messages.append)
    model = page.table.model
    end = model.index(_row(page, "Job checklists"), COLUMN_KEYS.index("end"))
    assert not model.setData(end, "2027-01-01")
    assert messages == ["“Job checklists” would end (1 Jan 2027) before it starts (25 Jan 2027)."]
    assert _item(page, "Job checklists").end == date(2027, 3, 12)
    assert page.controller.undo_stack.count() == 0


def test_a_year_9999_typed_in_the_table_is_refused(page):
    messages: list[str] = []
    page.controller.failed.connect(messages.append)
    model = page.table.model
    start = model.index(_row(page, "Job checklists"), COLUMN_KEYS.index("start"))
    assert not model.setData(start, "9999-01-25")
    assert "outside the years a roadmap can show" in messages[0]
    assert _item(page, "Job checklists").start == date(2027, 1, 25)


def test_the_filter_and_date_sorting(page):
    proxy = page.table.proxy
    page.table.filter.setText("blocked")
    titles = {proxy.index(row, 0).data() for row in range(proxy.rowCount())}
    assert titles == {"Tap-to-pay on phone", "Distributor partnership pilot"}
    page.table.filter.clear()
    proxy.sort(COLUMN_KEYS.index("end"), Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "Import from the leading suites"
    assert proxy.index(41, 0).data() == "Public API v1"  # then the four undated ones


def test_the_board_puts_items_in_now_next_and_later(page):
    board = page.board
    now = [
        board.columns["now"].item(row).text().split("\n")[0]
        for row in range(board.columns["now"].count())
    ]
    assert "Sync conflict resolution" in now
    assert "Distributor partnership pilot" not in now
    assert board.titles["now"].text().startswith("Now  (")
    later = board.columns["later"]
    assert "Dark mode in the technician app" in [
        later.item(row).text().split("\n")[0] for row in range(later.count())
    ]


def test_the_slip_list_says_what_slipped_since_the_baseline(page):
    slips = page.slip_list
    assert (
        slips.summary.text() == "Since “FY27 plan as approved”: 6 items slipped, 4 other changes."
    )
    first = slips.tree.topLevelItem(0)
    assert [first.text(column) for column in range(5)] == [
        "Payments GA",
        "Slipped",
        "+28",
        "2027-05-28",
        "2027-06-25",
    ]


def test_choosing_a_baseline_draws_ghost_bars_under_moved_items(page):
    page.baseline.setCurrentIndex(1)
    item = _item(page, "Payments GA")
    bar = page.timeline.bar_items[item.id].bar
    scale = page.timeline.layout_result.scale
    assert bar.ghost == (scale.x(date(2027, 5, 17)), scale.x_after(date(2027, 5, 28)))
    page.baseline.setCurrentIndex(0)
    assert page.timeline.bar_items[item.id].bar.ghost is None


def test_saving_a_baseline_asks_a_name_and_can_be_undone(page, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_text", lambda *args: "After board meeting")
    session = page.controller.session
    page.save_baseline_button.click()
    assert session.scalar(select(func.count()).select_from(RoadmapBaseline)) == 2
    assert page.baseline.currentText() == "After board meeting"
    page.tabs.setCurrentWidget(page.slip_list)
    assert (
        page.slip_list.summary.text()
        == "Since “After board meeting”: 0 items slipped, 0 other changes."
    )
    page.controller.undo_stack.undo()
    assert session.scalar(select(func.count()).select_from(RoadmapBaseline)) == 1
    assert page.baseline.currentText() == "None"
    page.controller.undo_stack.redo()
    assert session.scalar(select(func.count()).select_from(RoadmapBaseline)) == 2


def test_a_cancelled_baseline_name_changes_nothing(page, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_text", lambda *args: None)
    page.save_baseline_button.click()
    assert page.controller.undo_stack.count() == 0
    assert records.get(page.controller.session, RoadmapItem, _item(page, "Xero sync").id)


def test_exporting_the_chart_writes_the_chosen_file(page, monkeypatch, tmp_path):
    from dataclasses import replace

    from pmdesk.workspaces.roadmap.qt.export_dialog import export_chart

    asked = []

    def choose(parent, choices):
        asked.append(choices)
        return replace(choices, chosen={choices.lanes[0][0]})

    monkeypatch.setattr("pmdesk.workspaces.roadmap.qt.export_dialog.choose_roadmap_export", choose)
    monkeypatch.setattr(dialogs, "choose_export_file", lambda *args: tmp_path / "chart.pdf")
    assert export_chart(page) == tmp_path / "chart.pdf"
    assert (tmp_path / "chart.pdf").read_bytes().startswith(b"%PDF")
    assert (asked[0].first, asked[0].last) == (date(2026, 10, 1), date(2027, 9, 30))
    assert len(asked[0].chosen) == 5


def test_a_cancelled_export_writes_nothing(page, monkeypatch, tmp_path):
    from pmdesk.workspaces.roadmap.qt.export_dialog import export_chart

    monkeypatch.setattr(
        "pmdesk.workspaces.roadmap.qt.export_dialog.choose_roadmap_export",
        lambda parent, choices: choices,
    )
    monkeypatch.setattr(dialogs, "choose_export_file", lambda *args: None)
    before = sorted(tmp_path.iterdir())
    assert export_chart(page) is None
    assert sorted(tmp_path.iterdir()) == before


def test_the_export_dialog_refuses_a_reversed_range_and_no_lanes(qtbot, page):
    from PySide6.QtCore import QDate

    from pmdesk.workspaces.roadmap.qt.export_dialog import ExportDialog, default_choices

    dialog = ExportDialog(default_choices(page))
    qtbot.addWidget(dialog)
    dialog.last.setDate(QDate(2026, 9, 1))
    dialog._accept_if_valid()
    assert dialog.problem.text() == "The range ends before it starts."
    assert dialog.result() == 0
    dialog.last.setDate(QDate(2027, 3, 31))
    for row in range(dialog.lanes.count()):
        dialog.lanes.item(row).setCheckState(Qt.CheckState.Unchecked)
    dialog._accept_if_valid()
    assert dialog.problem.text() == "Choose at least one lane."


def test_a_hidden_view_catches_up_when_it_is_shown(page):
    page.tabs.setCurrentIndex(0)  # the timeline
    item = _item(page, "Job checklists")
    page.actions.move_item(item.id, date(2027, 2, 1), date(2027, 3, 19))
    page.tabs.setCurrentWidget(page.table)
    start = page.table.model.index(_row(page, "Job checklists"), COLUMN_KEYS.index("start"))
    assert page.table.model.data(start) == "2027-02-01"


def test_double_clicking_a_bar_edits_its_details_in_one_undo_step(page, monkeypatch):
    owner = page.controller.session.scalar(
        select(Stakeholder.id).where(Stakeholder.name == "Mei Lin")
    )
    seen = []

    def edit(parent, item, lanes, owners, check, goals=()):
        seen.append((item.title, len(lanes), ("Mei Lin", owner) in owners))
        return {"owner_id": owner, "description": "Checklists per job type.", "end": "2027-03-19"}

    monkeypatch.setattr("pmdesk.workspaces.roadmap.qt.dialogs.edit_roadmap_item", edit)
    item = _item(page, "Route optimisation v1")
    page.timeline.item_activated.emit(item.id)
    assert seen == [("Route optimisation v1", 5, True)]
    assert (item.owner_id, item.end) == (owner, date(2027, 3, 19))
    assert page.controller.undo_stack.count() == 1
    page.controller.undo_stack.undo()
    assert item.end == date(2027, 4, 30)
    assert item.description.startswith("Order each day")


def test_the_item_dialog_keeps_a_refused_edit_open_with_the_reason(qtbot, page):
    from pmdesk.workspaces.roadmap.edit import check_item
    from pmdesk.workspaces.roadmap.qt.item_dialog import ItemDialog

    item = next(i for i in page.roadmap.items if i.title == "Job checklists")
    session = page.controller.session
    dialog = ItemDialog(
        item,
        [("Technician app", item.lane_id)],
        [],
        lambda values: check_item(session, item.id, **values),
    )
    qtbot.addWidget(dialog)
    dialog.end.setText("2027-01-01")
    dialog.title.setText("Job checklists v2")
    dialog._accept_if_valid()
    assert dialog.problem.text() == (
        "“Job checklists v2” would end (1 Jan 2027) before it starts (25 Jan 2027)."
    )
    assert dialog.result() == 0
    assert dialog.changes() == {"title": "Job checklists v2", "end": "2027-01-01"}
    assert _item(page, "Job checklists").title == "Job checklists"
    dialog.end.setText("9999-03-12")
    dialog._accept_if_valid()
    assert "outside the years a roadmap can show" in dialog.problem.text()


def test_markers_are_added_changed_and_deleted_undoably(page, monkeypatch):
    answers = iter(
        [
            {"name": "Analyst day", "on_date": "2027-02-09", "kind": "event"},
            {"name": "Analyst day (NYC)", "on_date": "2027-02-10", "kind": "event"},
            "delete",
        ]
    )
    asked = []

    def answer(parent, values, check, removable):
        asked.append((values, removable))
        return next(answers)

    monkeypatch.setattr("pmdesk.workspaces.roadmap.qt.dialogs.edit_roadmap_marker", answer)
    page.add_marker_button.click()
    marker = next(m for m in page.roadmap.markers if m.name == "Analyst day")
    assert marker.on_date == date(2027, 2, 9)
    assert any(m.name == "Analyst day" for m, _x in page.timeline.layout_result.markers)
    page.edit_marker(marker.id)
    assert asked[1] == ({"name": "Analyst day", "on_date": "2027-02-09", "kind": "event"}, True)
    changed = next(m for m in page.roadmap.markers if m.id == marker.id)
    assert (changed.name, changed.on_date) == ("Analyst day (NYC)", date(2027, 2, 10))
    page.edit_marker(marker.id)
    assert marker.id not in {m.id for m in page.roadmap.markers}
    stack = page.controller.undo_stack
    stack.undo()
    stack.undo()
    assert next(m for m in page.roadmap.markers if m.id == marker.id).name == "Analyst day"


def test_the_marker_dialog_refuses_a_date_in_year_1(qtbot):
    from pmdesk.workspaces.roadmap.edit import check_marker
    from pmdesk.workspaces.roadmap.qt.item_dialog import MarkerDialog

    dialog = MarkerDialog(
        {"name": "Launch", "on_date": "0001-04-13", "kind": "launch"},
        lambda values: check_marker(**values),
        removable=False,
    )
    qtbot.addWidget(dialog)
    dialog._accept_if_valid()
    assert dialog.problem.text() == (
        "The marker date (0001-04-13) is outside the years a roadmap can show (1990 to 2100)."
    )
    assert dialog.result() == 0
