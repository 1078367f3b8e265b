"""The strategy canvas drawn as a scene: a big canvas shows the factors that fit and reaches the
rest, and no workspace brings matplotlib, python-docx (or a warning) along when it opens: only
an export needs them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest

from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.strategy import canvas as rules
from pmdesk.workspaces.strategy.model import FUTURE, TODAY
from pmdesk.workspaces.strategy.qt.canvas_view import CanvasView

FACTORS = 40


@pytest.fixture
def big_canvas() -> Iterator[DocumentController]:
    document = Document.new()
    session = document.session
    rules.add_curve(session, "Us today", TODAY)
    rules.add_curve(session, "Us next year", FUTURE)
    for number in range(FACTORS):
        rules.add_factor(session, f"Factor number {number + 1}")
    controller = DocumentController(document)
    yield controller
    controller.close()


def wheel(view: CanvasView, notches: int) -> None:
    chart = view.chart
    centre = QPointF(chart.viewport().rect().center())
    event = QWheelEvent(
        centre,
        QPointF(chart.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    chart.wheelEvent(event)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()
def test_a_big_canvas_shows_the_factors_that_fit_and_scrolls_to_the_rest(qtbot, big_canvas):
    view = CanvasView(big_canvas)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    frame = view.chart.frame
    assert 1 < frame.count < FACTORS  # as many as fit side by side, each name readable
    assert frame.column >= 72
    assert view.factor_scroll.isVisible()
    assert view.factor_range.text() == f"Factors 1–{frame.count} of {FACTORS}"

    wheel(view, -3)  # the wheel turned towards the PM: on to the right
    assert view.chart.frame.first == 3
    assert view.factor_scroll.value() == 3
    view.factor_scroll.setValue(view.factor_scroll.maximum())
    assert view.chart.frame.last == FACTORS
    assert view.factor_range.text().endswith(f"–{FACTORS} of {FACTORS}")

    # Clicking a point far to the right picks its cell in the table and leaves the chart be.
    chart, last = view.chart, view.chart.frame.last - 1
    level = chart.layout_result.curves[-1].levels[last]
    point = chart.mapFromScene(QPointF(chart.frame.x(last), chart.frame.y(level)))
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert chart.frame.last == FACTORS
    current = view.table.currentIndex()
    assert current.row() == last
    assert view.model.curve_at(current.column()).id == chart.selected

    view.table.selectRow(0)  # choosing a factor in the table brings it into sight
    assert view.chart.frame.shows(0)
    # A level typed for a factor off to the side keeps the picture where it is.
    first = view.chart.frame.first
    assert view.model.setData(view.model.index(FACTORS - 1, 3), "7")
    assert view.chart.frame.first == first


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_canvas_that_fits_has_no_scroll_bar(qtbot, big_canvas):
    session = big_canvas.session
    canvas = rules.load_canvas(session)
    rules.remove_factors(session, [f.id for f in canvas.factors[3:]])
    view = CanvasView(big_canvas)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    assert view.chart.frame.count == 3
    assert not view.factor_scroll.isVisible()


OPEN_EVERY_WORKSPACE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from pmdesk.gui.app import create_application
    from pmdesk.gui.main_window import MainWindow
    from pmdesk.gui.workspaces import WORKSPACES

    app = create_application()
    window = MainWindow(start_empty=True)
    window.resize(1024, 700)
    window.show()
    window.load(Path(sys.argv[1]))
    for workspace in WORKSPACES:
        window.show_workspace(workspace.key).repaint()
        app.processEvents()
    print(sorted(m for m in sys.modules if m.split(".")[0] == "docx"))
    print(sorted(m for m in sys.modules if m.split(".")[0] in ("matplotlib", "mpl_toolkits")))
    window.controller.undo_stack.setClean()
    window.close()
    """
)


def test_opening_the_workspaces_imports_no_matplotlib_nor_docx_and_prints_nothing(tmp_path):
    from pmdesk.interchange.project_json import load_project
    from pmdesk.interchange.sample import sample_data

    document = Document.new()
    try:
        # Big enough that the old embedded figure warned about its layout on the terminal.
        load_project(document.session, sample_data(6), "the sample")
        path = document.save(tmp_path / "big.pmdb")
    finally:
        document.close()
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-c", OPEN_EVERY_WORKSPACE, str(path)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=Path(__file__).parents[4],
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    # No python-docx module and no matplotlib module, the Briefing page's included: only an
    # export writes a document and draws a figure.
    assert run.stdout.split() == ["[]", "[]"]
    assert run.stderr == ""
