"""Issue 5's speed claims: the strategy canvas redraws fast after an edit, big boards open fast.

Each figure comes with a baseline of similar bare work measured in the same run: for the canvas,
the same edit with no view listening plus a bare QGraphicsScene of the same lines redrawn; for
the board, a QGraphicsScene of plain items over rows read with sqlite3.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks import Result, best_of, ratio_result, time_result

FACTORS = 30
CURVES = 10
NOTES = 500


def cases() -> Iterator[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="pmdesk-bench-") as folder:
        os.environ.setdefault("PMDESK_DATA_DIR", str(Path(folder) / "data"))
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        yield from _canvas()
        yield from _board(Path(folder))
        app.processEvents()


def _canvas() -> Iterator[Result]:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    from pmdesk.gui.document import DocumentController
    from pmdesk.store.document import Document
    from pmdesk.workspaces.strategy import canvas as rules
    from pmdesk.workspaces.strategy.model import COMPETITOR, FUTURE, TODAY
    from pmdesk.workspaces.strategy.qt.canvas_view import CanvasView

    document = Document.new()
    session = document.session
    roles = [TODAY, FUTURE] + [COMPETITOR] * (CURVES - 2)
    curve_ids = [rules.add_curve(session, f"Player {n}", role) for n, role in enumerate(roles)]
    factor_ids = [rules.add_factor(session, f"Factor {n}") for n in range(FACTORS)]
    for n, curve_id in enumerate(curve_ids[2:]):
        for m, factor_id in enumerate(factor_ids):
            rules.set_level(session, curve_id, factor_id, (n + m) % 11)
    controller = DocumentController(document)
    view = CanvasView(controller)
    view.resize(1200, 800)
    view.show()
    chart = view.chart
    image = QImage(chart.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    def render(target: QGraphicsView) -> None:
        painter = QPainter(image)
        target.render(painter)
        painter.end()

    steps = iter(range(10_000))
    competitor = curve_ids[2]
    visible = chart.frame.first + 3  # a factor in sight

    def edit_and_redraw() -> None:
        level = next(steps) % 11
        view.editor.set_level(view.canvas.curve(competitor), factor_ids[visible], level)
        render(chart)

    measured = best_of(edit_and_redraw, repeat=15)

    def errc_edit_and_full_redraw() -> None:
        level = 1 + next(steps) % 10
        view.editor.set_errc(factor_ids[visible], f"Factor {visible}", "create", level)
        render(chart)  # a new ERRC label changes the picture: everything is drawn again

    full = best_of(errc_edit_and_full_redraw, repeat=5)

    # The same edit with no view listening (the undoable write itself), then the same lines as
    # plain path items in a bare scene, one set afresh and painted: what the view adds is the
    # difference.
    scene = QGraphicsScene(0, 0, chart.viewport().width(), chart.viewport().height())
    plain = QGraphicsView(scene)
    plain.resize(chart.size())
    frame = chart.frame
    shown = range(frame.first, frame.last)
    paths = []
    for n in range(CURVES):
        path = QPainterPath()
        for m in shown:
            point = QPointF(frame.x(m), frame.y((n + m) % 11))
            path.moveTo(point) if m == frame.first else path.lineTo(point)
        paths.append(scene.addPath(path, QPen(QColor("#3a6ea5"), 2)))

    def plain_redraw() -> None:
        level = next(steps) % 11
        view.editor.set_level(rules.load_canvas(session).curve(competitor), factor_ids[0], level)
        path = QPainterPath(QPointF(frame.x(frame.first), frame.y(level)))
        for m in shown[1:]:
            path.lineTo(QPointF(frame.x(m), frame.y(level)))
        paths[2].setPath(path)
        render(plain)

    controller.blockSignals(True)  # the edit alone: no view hears of it
    baseline = best_of(plain_redraw, repeat=15)
    controller.blockSignals(False)
    name = f"canvas {FACTORS} factors x {CURVES} curves: edit + redraw"
    yield time_result(name, measured, "the edit alone + bare scene, same lines", baseline, 100)
    yield ratio_result(name, measured, "the edit alone + bare scene, same lines", baseline, 3)
    yield Result(
        "canvas ERRC edit + full redraw (no target)",
        full,
        "the edit alone + bare scene, same lines",
        baseline,
        "-",
        True,
    )
    view.deleteLater()
    plain.deleteLater()
    controller.close()


def _board(folder: Path) -> Iterator[Result]:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    from pmdesk.gui.document import DocumentController
    from pmdesk.store.document import Document
    from pmdesk.workspaces.strategy import boards as rules
    from pmdesk.workspaces.strategy.board_templates import load_templates
    from pmdesk.workspaces.strategy.qt.board_view import BoardsView

    document = Document.new()
    session = document.session
    board_id = rules.create_board(session, load_templates().get("lean_canvas"))
    blocks = rules.load_board(session, board_id).blocks
    for n in range(NOTES):
        rules.add_note(session, blocks[n % len(blocks)].id, f"Note {n}: something worth saying")
    path = document.save(folder / "board.pmdb")
    document.close()

    document = Document.open(path)
    controller = DocumentController(document)
    view = BoardsView(controller)
    view.resize(1400, 900)
    view.show()

    def open_board() -> None:
        view.list.setCurrentRow(-1)
        view.select_board(board_id)
        view.view.viewport().grab()  # painted, not just built

    measured = best_of(open_board, repeat=7)

    scene = QGraphicsScene()
    plain = QGraphicsView(scene)
    plain.resize(1400, 900)
    plain.show()
    connection = sqlite3.connect(path)

    def plain_board() -> None:
        rows = connection.execute("SELECT id, text, colour, position FROM board_notes").fetchall()
        scene.clear()
        for index, (_id, text, _colour, _position) in enumerate(rows):
            x, y = (index % 20) * 70.0, (index // 20) * 40.0
            scene.addRect(x, y, 64, 34, brush=QColor("#FFE98F"))
            scene.addSimpleText(text[:12]).setPos(x + 2, y + 2)
        plain.viewport().grab()

    baseline = best_of(plain_board, repeat=7)
    connection.close()
    name = f"board with {NOTES} notes: open and paint"
    yield time_result(name, measured, "plain scene of rects+text, sqlite3 rows", baseline, 200)
    yield ratio_result(name, measured, "plain scene of rects+text, sqlite3 rows", baseline, 3)
    view.deleteLater()
    plain.deleteLater()
    controller.close()
