"""The Strategy workspace: drag a point (one undo step), the table and ERRC grid, the boards
(notes added, edited, moved between blocks, all undoable), a malformed template, export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.interchange.project_json import load_project
from pmdesk.store.document import Document
from pmdesk.workspaces.strategy import boards
from pmdesk.workspaces.strategy import canvas as rules
from pmdesk.workspaces.strategy.board_templates import load_templates
from pmdesk.workspaces.strategy.chart.canvas import canvas_layout
from pmdesk.workspaces.strategy.qt.board_view import BoardsView
from pmdesk.workspaces.strategy.qt.canvas_view import CanvasView
from pmdesk.workspaces.strategy.qt.page import StrategyPage
from tests.workspaces.strategy.test_sample import sample_with_every_key


@pytest.fixture
def controller(tmp_path: Path) -> Iterator[DocumentController]:
    document = Document.new()
    load_project(document.session, sample_with_every_key(), "the sample")
    controller = DocumentController(document)
    yield controller
    controller.close()


def shown_canvas(qtbot, controller) -> CanvasView:
    view = CanvasView(controller)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def at(view: CanvasView, index: int, level: float) -> QPoint:
    """Where factor ``index`` at ``level`` is on the chart's screen."""
    frame = view.chart.frame
    return view.chart.mapFromScene(QPointF(frame.x(index), frame.y(level)))


def drag(view: CanvasView, index: int, start: float, levels: tuple[float, ...]) -> None:
    """Press on the point at ``start``, move through ``levels``, release: a person's drag."""
    viewport = view.chart.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(viewport, left, none, at(view, index, start))
    for level in levels:
        QTest.mouseMove(viewport, at(view, index, level))
    QTest.mouseRelease(viewport, left, none, at(view, index, levels[-1] if levels else start))


def curve(controller, role: str):
    return next(c for c in rules.load_canvas(controller.session).curves if c.role == role)


def drawn_levels(view: CanvasView, curve_id: str) -> tuple[int, ...]:
    """The levels the chart's line for ``curve_id`` is drawn through."""
    return view.chart.curve_items[curve_id].style.levels


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()
def test_dragging_a_point_changes_the_level_in_one_undo_step(qtbot, controller):
    view = shown_canvas(qtbot, controller)
    speed = 4  # "Speed to go live": us today at 6, the future raised to 9
    today = curve(controller, "today")
    assert today.levels[speed] == 6
    drag(view, speed, 6, (6.6, 7.4, 8.2))

    assert curve(controller, "today").levels[speed] == 8
    assert controller.undo_stack.count() == 1
    assert view.model.index(speed, 3).data() == 8  # the table beside the chart agrees
    assert drawn_levels(view, today.id)[speed] == 8
    controller.undo_stack.undo()
    assert curve(controller, "today").levels[speed] == 6
    assert view.model.index(speed, 3).data() == 6
    assert drawn_levels(view, today.id)[speed] == 6


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_click_on_a_point_is_not_a_drag(qtbot, controller):
    from pmdesk.workspaces.strategy.chart.canvas_frame import PICK_RADIUS

    view = shown_canvas(qtbot, controller)
    chart, speed = view.chart, 4
    below = QApplication.startDragDistance() - 1  # pixels: a hand that shakes, not a drag
    viewport = chart.viewport()
    # Pressed near the top of the point and moved up a little: as a drag, that would mean 7.
    start = at(view, speed, 6) - QPoint(0, int(PICK_RADIUS) - 1)
    end = start - QPoint(0, below)
    assert chart.layout_result.level_at(chart.frame.level_at(chart.mapToScene(end).y())) == 7
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(viewport, left, none, start)
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, left, none, end)
    QTest.mouseDClick(viewport, left, none, start)
    assert curve(controller, "today").levels[speed] == 6
    assert controller.undo_stack.count() == 0
    assert chart.selected == curve(controller, "today").id  # the click chose the curve


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_where_curves_overlap_the_selected_curve_is_the_one_dragged(qtbot, controller):
    view = shown_canvas(qtbot, controller)
    invoicing = 7  # "On-site invoicing": us today and TradeForce Suite both at 5
    today = curve(controller, "today")
    rival = next(c for c in view.canvas.curves if c.name == "TradeForce Suite")
    assert today.levels[invoicing] == rival.levels[invoicing] == 5
    drag(view, invoicing, 5, (6, 7))  # nothing chosen: ours, drawn on top, is grabbed
    assert curve(controller, "today").levels[invoicing] == 7
    controller.undo_stack.undo()

    entry = next(
        e
        for e in view.chart.legend
        if view.chart.layout_result.legend()[e.index].label == rival.name
    )
    legend_point = view.chart.mapFromScene(view.chart._legend_rect(entry).center())
    QTest.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton, pos=legend_point)
    assert view.chart.selected == rival.id
    drag(view, invoicing, 5, (4, 3))
    after = rules.load_canvas(controller.session)
    assert after.curve(rival.id).levels[invoicing] == 3
    assert after.curve(today.id).levels[invoicing] == 5
    assert controller.undo_stack.count() == 1


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_hovering_a_point_shows_its_value(qtbot, controller):
    view = shown_canvas(qtbot, controller)
    label = view.chart.value_label
    QTest.mouseMove(view.chart.viewport(), at(view, 4, 6))
    assert label.isVisible()
    assert label.text == "FieldLoop today · Speed to go live: 6"
    QTest.mouseMove(view.chart.viewport(), at(view, 4, 1.5))  # between the curves
    assert not label.isVisible()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_dragging_the_future_curve_marks_the_point_adjusted(qtbot, controller):
    view = shown_canvas(qtbot, controller)
    dispatch = 5  # future at 9 from "raise to 9"
    drag(view, dispatch, 9, (8, 7))
    future = curve(controller, "future")
    assert future.levels[dispatch] == 7
    assert future.adjusted[dispatch]
    assert view.chart.curve_items[future.id].style.adjusted[dispatch]  # drawn with its ring
    QTest.mouseMove(view.chart.viewport(), at(view, dispatch, 7))
    assert view.chart.value_label.text.endswith(": 7 (set by hand)")
    view.reset_button.click()
    assert curve(controller, "future").levels[dispatch] == 9
    controller.undo_stack.undo()
    assert curve(controller, "future").levels[dispatch] == 7


def test_choosing_an_errc_action_in_the_table_moves_the_future_and_the_grid(qtbot, controller):
    view = CanvasView(controller)
    qtbot.addWidget(view)
    accounting = 3  # no ERRC action, today at 5
    assert "Accounting sync" not in view.errc.texts()["raise"]
    assert view.model.setData(view.model.index(accounting, 1), "Raise")
    assert view.model.index(accounting, 2).data() == 7  # a first target: two above today
    assert "Accounting sync" in view.errc.texts()["raise"]
    assert view.model.setData(view.model.index(accounting, 2), "10")
    assert curve(controller, "future").levels[accounting] == 10
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert view.model.index(accounting, 1).data() == ""
    assert "Accounting sync" not in view.errc.texts()["raise"]


def test_a_level_outside_0_to_10_is_refused_with_a_message(qtbot, controller):
    view = CanvasView(controller)
    qtbot.addWidget(view)
    messages: list[str] = []
    controller.failed.connect(messages.append)
    assert not view.model.setData(view.model.index(0, 3), "11")
    assert messages == [
        "FieldLoop today on “Price per technician per month” must be from 0 to 10, not 11."
    ]
    assert view.model.index(0, 3).data() == 5
    assert controller.undo_stack.count() == 0


def test_factors_move_left_and_right_undoably(qtbot, controller):
    view = CanvasView(controller)
    qtbot.addWidget(view)
    view.table.selectRow(1)
    view.left_button.click()
    names = [f.name for f in rules.load_canvas(controller.session).factors]
    assert names[:2] == ["Enterprise customisation", "Price per technician per month"]
    controller.undo_stack.undo()
    assert view.model.index(0, 0).data() == "Price per technician per month"


def test_the_canvas_table_passes_the_model_tester(qtbot, qtmodeltester, controller):
    view = CanvasView(controller)
    qtbot.addWidget(view)
    qtmodeltester.check(view.model)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_read_only_projects_cannot_be_dragged_or_edited(qtbot, controller, monkeypatch):
    monkeypatch.setattr(type(controller), "read_only", property(lambda self: True))
    view = shown_canvas(qtbot, controller)
    drag(view, 4, 6, (7, 8, 9))
    assert curve(controller, "today").levels[4] == 6
    assert drawn_levels(view, curve(controller, "today").id)[4] == 6
    assert controller.undo_stack.count() == 0
    assert not view.model.flags(view.model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable


# -- boards -------------------------------------------------------------------------------------


def open_board(qtbot, controller, template: str) -> BoardsView:
    view = BoardsView(controller)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    board_id = next(
        b
        for b, _ in boards.list_boards(controller.session)
        if boards.load_board(controller.session, b).template == template
    )
    view.select_board(board_id)
    return view


def titles(view: BoardsView) -> dict[str, list[str]]:
    assert view.board is not None
    return {b.title: [n.text for n in b.notes] for b in view.board.blocks}


def test_dragging_a_note_to_another_block_moves_it_and_undo_puts_it_back(qtbot, controller):
    view = open_board(qtbot, controller, "lean_canvas")
    before = titles(view)
    note = view.scene.notes[next(iter(view.scene.notes))]
    source = note.box.block_id
    target = next(b for b in view.scene.layout.blocks if b.title == "Channels")
    assert source != target.id
    view.scene.note_dropped.emit(note.box.id, target.x + 20, target.y + target.height - 5)
    after = titles(view)
    moved = before["Problem"][0]
    assert after["Channels"][-1] == moved
    assert moved not in after["Problem"]
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert titles(view) == before


def test_reordering_inside_a_block_with_move_down(qtbot, controller):
    view = open_board(qtbot, controller, "lean_canvas")
    first = view.board.blocks[0].notes[0]
    view.scene.notes[first.id].setSelected(True)
    view.down_button.click()
    assert titles(view)["Problem"][1] == first.text
    controller.undo_stack.undo()
    assert titles(view)["Problem"][0] == first.text


def test_adding_and_editing_notes_through_the_dialog(qtbot, controller, monkeypatch):
    view = open_board(qtbot, controller, "go_to_market_canvas")
    answers = iter([("Bundle with distributors", "orange", None), ("Bundles", "green", None)])
    monkeypatch.setattr(
        "pmdesk.workspaces.strategy.qt.dialogs.edit_board_note", lambda *args: next(answers)
    )
    pricing = next(b for b in view.board.blocks if b.title == "Pricing")
    view.add_note(pricing.id)
    assert titles(view)["Pricing"][-1] == "Bundle with distributors"
    new_id = next(b for b in view.board.blocks if b.title == "Pricing").notes[-1].id
    view.edit_note(new_id)
    assert titles(view)["Pricing"][-1] == "Bundles"
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert "Bundle with distributors" not in titles(view)["Pricing"]


def test_the_note_dialog_keeps_refused_text(qtbot):
    from pmdesk.workspaces.strategy.qt.note_dialog import NoteDialog

    long_text = "word " * 300
    dialog = NoteDialog(
        "Edit Note", long_text, "yellow", [("No link", None)], None, boards.clean_note
    )
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != NoteDialog.DialogCode.Accepted
    assert "the most is 1,000" in dialog.problem.text()
    assert dialog.text.toPlainText() == long_text  # nothing lost


def test_removing_notes_is_undoable(qtbot, controller):
    view = open_board(qtbot, controller, "whole_product_canvas")
    before = titles(view)
    first = next(iter(view.scene.notes.values()))
    first.setSelected(True)
    view.remove_button.click()
    assert sum(map(len, titles(view).values())) == sum(map(len, before.values())) - 1
    controller.undo_stack.undo()
    assert titles(view) == before


def test_a_malformed_template_does_not_stop_the_page_and_is_named(qtbot, controller, tmp_path):
    (tmp_path / "broken.json").write_text('{"name": "Broken", "blocks": [', encoding="utf-8")
    (tmp_path / "ok.json").write_text(
        '{"name": "Fine", "blocks": [{"title": "A", "row": 0, "column": 0}]}', encoding="utf-8"
    )
    view = BoardsView(controller, catalog=load_templates(tmp_path))
    qtbot.addWidget(view)
    assert not view.problems.isHidden()
    assert "broken.json" in view.problems.text()
    assert "not valid JSON" in view.problems.text()
    assert [a.text() for a in view.new_button.menu().actions()] == ["Fine"]


def test_a_new_board_from_a_template_can_be_undone(qtbot, controller):
    view = BoardsView(controller)
    qtbot.addWidget(view)
    count = view.list.count()
    vision = next(a for a in view.new_button.menu().actions() if a.text() == "Product Vision Board")
    vision.trigger()
    assert view.list.count() == count + 1
    assert view.board is not None and view.board.name == "Product Vision Board"
    controller.undo_stack.undo()
    assert view.list.count() == count


def test_canvas_and_board_export_as_png_and_svg(qtbot, controller, monkeypatch, tmp_path):
    page = StrategyPage(controller)
    qtbot.addWidget(page)
    targets = iter([tmp_path / "canvas.svg", tmp_path / "board.png"])
    monkeypatch.setattr(
        "pmdesk.workspaces.strategy.qt.dialogs.choose_strategy_image", lambda *args: next(targets)
    )
    page.canvas_view.export_button.click()
    page.boards_view.export_button.click()
    assert b"<svg" in (tmp_path / "canvas.svg").read_bytes()[:400]
    assert (tmp_path / "board.png").read_bytes()[:4] == b"\x89PNG"


def test_export_to_an_unwritable_place_says_so(qtbot, controller, monkeypatch, tmp_path):
    view = CanvasView(controller)
    qtbot.addWidget(view)
    errors: list[str] = []
    monkeypatch.setattr(
        "pmdesk.workspaces.strategy.qt.dialogs.choose_strategy_image",
        lambda *a: tmp_path / "no" / "x.png",
    )
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: errors.append(message))
    view.export_button.click()
    assert len(errors) == 1 and errors[0].startswith("The canvas could not be saved")


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()
def test_a_real_mouse_drag_moves_a_note_between_blocks(qtbot, controller):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    view = open_board(qtbot, controller, "lean_canvas")
    view.show()
    qtbot.waitExposed(view)
    note = view.board.blocks[0].notes[0]  # first "Problem" note
    item = view.scene.notes[note.id]
    target = next(b for b in view.scene.layout.blocks if b.title == "Unfair advantage")
    start = view.view.mapFromScene(item.sceneBoundingRect().center())
    end = view.view.mapFromScene(target.x + 30, target.y + target.height - 10)
    viewport = view.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 9):
        point = start + (end - start) * step / 8
        QTest.mouseMove(viewport, QPoint(int(point.x()), int(point.y())))
    assert view.scene.blocks[target.id].highlighted  # where it would land, shown while dragging
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert titles(view)["Unfair advantage"][-1] == note.text
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert titles(view)["Problem"][0] == note.text


def test_the_main_window_opens_the_strategy_workspace_on_the_sample(qtbot, sample_file):
    from pmdesk.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_project(sample_file)
    page = window.show_workspace("strategy")
    assert isinstance(page, StrategyPage)
    assert len(page.canvas_view.canvas.factors) == 10
    assert page.boards_view.list.count() == 3
    page.canvas_view.model.setData(page.canvas_view.model.index(0, 3), "6")
    assert window.undo_action.isEnabled()  # the canvas edits join the window's undo stack
    window.controller.undo_stack.undo()
    assert page.canvas_view.model.index(0, 3).data() == 5
    window.controller.undo_stack.setClean()
    window.close()


def test_a_factor_whose_criterion_is_removed_stays_and_the_canvas_says_so(qtbot, controller):
    from pmdesk.domain import records
    from pmdesk.gui.document import Change
    from pmdesk.workspaces.competition.model import Criterion

    view = CanvasView(controller)
    qtbot.addWidget(view)
    row = next(i for i, f in enumerate(view.canvas.factors) if f.name == "Automatic dispatch")
    criterion_id = view.canvas.factors[row].criterion_id
    assert criterion_id is not None
    assert view.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    session = controller.session
    holder = {}
    controller.edit(
        "Remove criterion",
        lambda: holder.update(removal=records.remove(session, Criterion, [criterion_id])),
        lambda: records.restore(session, holder["removal"]),
        Change.of("criteria"),
    )
    assert view.model.index(row, 0).data() == "Automatic dispatch"
    tip = view.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "No longer in the competitive matrix: kept as the canvas's own factor."
    assert view.chart.layout_result.any_detached  # the chart's note explains the mark
    assert view.chart.layout_result.factor_labels[row].endswith("*")
    assert curve(controller, "today").levels[row] == 4  # every level kept
    controller.undo_stack.undo()
    assert view.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) is None


def test_adding_a_factor_and_a_created_one_are_undoable(qtbot, controller, monkeypatch):
    view = CanvasView(controller)
    qtbot.addWidget(view)
    names = iter(["Voice notes", "Live arrival texts"])
    monkeypatch.setattr(dialogs, "ask_text", lambda *args: next(names))
    view.table.selectRow(0)
    view.ask_new_factor()
    assert view.model.index(1, 0).data() == "Voice notes"  # after the selected factor
    view.ask_created()
    created = view.canvas.factors[-1]
    assert (created.name, created.action, created.target_level) == (
        "Live arrival texts",
        "create",
        5,
    )
    assert curve(controller, "future").levels[-1] == 5
    assert "Live arrival texts" in view.errc.texts()["create"]
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert len(view.canvas.factors) == 10
    assert [c.levels for c in view.canvas.curves] == [
        c.levels for c in rules.load_canvas(controller.session).curves
    ]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_curves_menu_adds_a_competitor_from_the_matrix_and_hides_curves(qtbot, controller):
    view = shown_canvas(qtbot, controller)
    view._fill_curve_menu()
    add = next(a.menu() for a in view.curve_menu.actions() if a.text() == "Add competitor")
    offered = {a.text(): a for a in add.actions()}
    assert not offered["TradeForce Suite"].isEnabled()  # already on the canvas
    offered["Jobwise"].trigger()
    assert [c.name for c in view.canvas.curves][-1] == "Jobwise"
    assert view.model.headerData(8, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == (
        "Jobwise"
    )
    view._fill_curve_menu()
    toggle = next(a for a in view.curve_menu.actions() if a.text() == "ServicePeak")
    toggle.setChecked(False)
    assert "ServicePeak" not in [c.label for c in canvas_layout(view.canvas).curves]
    assert "ServicePeak" not in legend_names(view)
    assert "Jobwise" in legend_names(view)
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert [c.name for c in view.canvas.curves][-1] != "Jobwise"
    assert "ServicePeak" in legend_names(view)
    assert "Jobwise" not in legend_names(view)


def legend_names(view: CanvasView) -> list[str]:
    """The curves the chart's legend names, in its order, and its lines drawn."""
    chart = view.chart
    drawn = {item.style.label for item in chart.curve_items.values()}
    names = [chart.layout_result.legend()[entry.index].label for entry in chart.legend]
    assert set(names) <= drawn
    return names


def test_a_read_only_board_shows_it_and_the_controller_refuses_its_edits(
    qtbot, controller, monkeypatch
):
    monkeypatch.setattr(type(controller), "read_only", property(lambda self: True))
    view = open_board(qtbot, controller, "lean_canvas")
    before = titles(view)
    buttons = (view.new_button, view.add_button, view.remove_button, view.down_button)
    assert not any(button.isEnabled() for button in buttons)
    note = next(iter(view.scene.notes.values()))
    assert not note.flags() & note.GraphicsItemFlag.ItemIsMovable
    messages: list[str] = []
    controller.failed.connect(messages.append)
    note.setSelected(True)
    view.remove_selected()  # the Delete key's slot, were its shortcut not disabled
    assert len(messages) == 1 and "read-only" in messages[0]
    assert titles(view) == before
    assert controller.undo_stack.count() == 0


def test_a_shaking_click_on_a_note_moves_nothing(qtbot, controller):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    view = open_board(qtbot, controller, "lean_canvas")
    view.show()
    qtbot.waitExposed(view)
    note = view.board.blocks[0].notes[0]
    item = view.scene.notes[note.id]
    home = item.pos()
    viewport = view.view.viewport()
    start = view.view.mapFromScene(item.sceneBoundingRect().center())
    shake = start + QPoint(QApplication.startDragDistance() - 1, 0)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, shake)
    assert view.scene.notes[note.id].pos() == home  # the note does not wobble under a click
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=shake)
    assert titles(view)["Problem"][0] == note.text
    assert controller.undo_stack.count() == 0


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()
def test_the_canvas_fits_a_resized_window_and_its_points_still_drag(qtbot, controller, tmp_path):
    page = StrategyPage(controller)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    view, chart = page.canvas_view, page.canvas_view.chart

    def right_margin() -> int:
        frame = chart.frame
        return chart.viewport().width() - round(frame.left + frame.width)

    def drawn_for_the_view() -> bool:
        """The chart fills the view and every curve is drawn where the axes now are."""
        size = chart.viewport().size()
        items = chart.curve_items.values()
        return chart.sceneRect().size().toSize() == size and all(
            item.frame == chart.frame for item in items
        )

    assert drawn_for_the_view()
    width, margin = chart.viewport().width(), right_margin()
    page.resize(1400, 900)
    qtbot.waitUntil(lambda: chart.viewport().width() > width)
    page.grab()  # painted as the PM sees it
    assert drawn_for_the_view()
    assert right_margin() == margin  # the plot grew with the window, not clipped nor short
    assert chart.frame.bottom < chart.viewport().height()

    speed = 4  # "Speed to go live": us today at 6
    drag(view, speed, 6, (6.6, 7.4, 8.2))
    assert drawn_levels(view, curve(controller, "today").id)[speed] == 8
    saved = Document.open(controller.document.save(tmp_path / "dragged.pmdb"), read_only=True)
    try:
        today = next(c for c in rules.load_canvas(saved.session).curves if c.role == "today")
        assert today.levels[speed] == 8
    finally:
        saved.close()
    controller.undo_stack.setClean()
