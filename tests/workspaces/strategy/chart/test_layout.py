"""The canvas and board pictures: what they show, where notes land, and that they export."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from pmdesk.workspaces.strategy.boards import BlockView, BoardView, NoteView
from pmdesk.workspaces.strategy.canvas import Canvas, CurveView, FactorView
from pmdesk.workspaces.strategy.chart.board import board_figure, board_layout
from pmdesk.workspaces.strategy.chart.canvas import (
    DETACHED_NOTE,
    canvas_figure,
    canvas_layout,
    save_figure,
)
from pmdesk.workspaces.strategy.chart.errc import errc_entries


def small_canvas(detached: bool = False) -> Canvas:
    factors = (
        FactorView("f1", "Price per technician per month", "reduce", 3, False, None),
        FactorView("f2", "Works without signal", "raise", 9, detached, None),
        FactorView("f3", "Financing", "", None, False, None),
    )
    curves = (
        CurveView("future", "Us next year", "future", "#1B9E4B", True, (3, 9, 2), (0, 0, 1)),
        CurveView("us", "Us today", "today", "#0B5FA5", True, (5, 4, 2), (0, 0, 0)),
        CurveView("rival", "Rival", "competitor", "#D55E00", True, (8, 3, 0), (0, 0, 0)),
        CurveView("hidden", "Old rival", "competitor", "#777777", False, (1, 1, 1), (0, 0, 0)),
    )
    return Canvas(factors, curves)


def test_the_layout_wraps_names_and_labels_errc_targets():
    layout = canvas_layout(small_canvas())
    assert layout.factor_labels[0] == "Price per\ntechnician per\nmonth"
    assert layout.action_labels == ("REDUCE → 3", "RAISE → 9", "")
    # Hidden curves are left out; ours are drawn over the competitors'.
    assert [c.label for c in layout.curves] == ["Rival", "Us today", "Us next year"]


def test_a_factor_that_lost_its_criterion_is_marked_and_explained():
    layout = canvas_layout(small_canvas(detached=True))
    assert layout.factor_labels[1].endswith("*")
    figure = canvas_figure(small_canvas(detached=True))
    assert DETACHED_NOTE in [text.get_text() for text in figure.texts]


def test_drag_heights_become_levels_within_0_to_10():
    layout = canvas_layout(small_canvas())
    assert [layout.level_at(y) for y in (-3.0, 4.4, 4.6, 12.0)] == [0, 4, 5, 10]


def test_the_canvas_exports_as_png_and_svg(tmp_path):
    figure = canvas_figure(small_canvas(), "Strategy canvas")
    png = save_figure(figure, tmp_path / "canvas.png")
    svg = save_figure(figure, tmp_path / "canvas.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:400]
    assert b"Us next year" in svg.read_bytes()


def board(notes_in_first: int = 2) -> BoardView:
    first = tuple(
        NoteView(f"n{i}", f"Note {i}", "yellow", None, None) for i in range(notes_in_first)
    )
    return BoardView(
        "b",
        "Lean",
        "lean_canvas",
        (
            BlockView("top", "Problem", "Top problems", 0, 0, 1, 1, first),
            BlockView("side", "Solution", "", 0, 1, 1, 1, ()),
            BlockView("bottom", "Costs", "", 1, 0, 1, 2, ()),
        ),
    )


def test_blocks_follow_the_template_grid():
    layout = board_layout(board(), width=1000)
    top, side, bottom = layout.blocks
    assert top.y == side.y < bottom.y
    assert top.x < side.x
    assert abs(bottom.width - (side.x + side.width - top.x)) < 0.01  # spans both columns


def test_a_row_grows_so_every_note_is_inside_its_block():
    layout = board_layout(board(notes_in_first=40), width=1000)
    top = layout.blocks[0]
    last = top.notes[-1]
    assert last.y + last.height <= top.y + top.height
    assert layout.blocks[2].y > last.y + last.height  # the next row starts below


def test_a_drop_lands_in_the_block_and_place_under_the_pointer():
    layout = board_layout(board(), width=1000)
    top, side, _ = layout.blocks
    first, second = top.notes
    assert layout.drop_slot(side.x + 20, side.y + 60) == ("side", 0)
    assert layout.drop_slot(first.x + 5, first.y + 2) == ("top", 0)  # left half of the first
    assert layout.drop_slot(second.x + 5, second.y + second.height + 4) == ("top", 2)
    assert layout.drop_slot(-50, -50) is None


def test_a_board_exports_with_its_notes(tmp_path):
    svg = save_figure(board_figure(board()), tmp_path / "board.svg")
    text = svg.read_text(encoding="utf-8")
    assert "Note 1" in text and "Problem" in text


def test_the_pictures_need_neither_qt_nor_matplotlib_until_drawn():
    script = textwrap.dedent(
        """
        import sys
        sys.modules["PySide6"] = None  # any import of it now raises ImportError
        import pmdesk.workspaces.strategy.chart.canvas, pmdesk.workspaces.strategy.chart.board
        import pmdesk.workspaces.strategy.chart.errc
        import pmdesk.workspaces.strategy.board_templates
        assert "matplotlib" not in sys.modules, "matplotlib loaded at import"
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_errc_grid_lists_each_move_from_today_to_the_target():
    canvas = small_canvas()
    assert errc_entries(canvas) == {
        "eliminate": [],
        "reduce": ["Price per technician per month: 5 → 3"],
        "raise": ["Works without signal: 4 → 9"],
        "create": [],
    }


def test_the_app_shows_the_factors_that_fit_and_keeps_the_level_axis():
    from pmdesk.workspaces.strategy.chart.canvas_frame import MIN_COLUMN, canvas_frame

    frame = canvas_frame(40, 1000, 500, first=38)
    assert frame.count == int((1000 - frame.left - 12) // MIN_COLUMN)
    assert frame.last == 40  # scrolled no further than the last factor
    assert frame.first == 40 - frame.count
    assert frame.index_at(frame.x(frame.first + 2)) == frame.first + 2
    assert frame.index_at(frame.left - 1) is None
    for level in (0, 5, 10):
        assert abs(frame.level_at(frame.y(level)) - level) < 1e-9
    assert frame.y(10) < frame.y(0)  # higher levels higher up
    few = canvas_frame(3, 1000, 500)
    assert (few.first, few.count) == (0, 3)


def test_legend_rows_wrap_and_name_the_curves_that_do_not_fit():
    from pmdesk.workspaces.strategy.chart.canvas_frame import (
        MAX_LEGEND_ROWS,
        legend_rows,
        more_entry_x,
        more_text,
    )

    def measure(text: str) -> float:
        return 8.0 * len(text)

    entries, hidden = legend_rows(["Us today", "Us next year"], 600, measure)
    assert [(e.row, e.x) for e in entries] == [(0, 0.0), (0, 30 + 64 + 18)]
    assert hidden == 0
    labels = [f"Competitor {n}" for n in range(40)]
    entries, hidden = legend_rows(labels, 600, measure)
    assert max(e.row for e in entries) == MAX_LEGEND_ROWS - 1
    assert len(entries) + hidden == 40
    assert all(e.x + e.width <= 600 for e in entries)
    assert more_entry_x(entries) + measure(more_text(hidden)) <= 600
