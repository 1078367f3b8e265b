"""Issue 6's speed claims: 5,000 items in 20 lanes open in under a second, a zoom or a scroll
repaints in under 16 ms, and a drag is one undo step that writes one row.

Each figure is printed next to a baseline of similar plain work measured in the same run: a
QGraphicsScene of as many plain rectangle items, and the same view area rendered with them.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from benchmarks import Result, best_of, time_result

ITEMS = 5000
LANES = 20
TODAY = date(2026, 11, 25)


def cases() -> Iterator[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="pmdesk-bench-roadmap-") as folder:
        os.environ.setdefault("PMDESK_DATA_DIR", str(Path(folder) / "data"))
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        from pmdesk.store.document import Document

        document = Document.new()
        try:
            _fill(document.session)
            yield from _measure(document, app, Path(folder))
        finally:
            document.close()


def _fill(session) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from pmdesk.domain.base import new_id
    from pmdesk.workspaces.roadmap.model import (
        KINDS,
        STATUSES,
        RoadmapDependency,
        RoadmapItem,
        RoadmapLane,
    )

    lanes = [
        {"id": new_id(), "name": f"Lane {n + 1}", "color": "#3a6ea5", "position": n}
        for n in range(LANES)
    ]
    session.execute(insert(RoadmapLane), lanes)
    kinds, statuses = list(KINDS), list(STATUSES)
    items = []
    for n in range(ITEMS):
        start = date(2026, 10, 1) + timedelta(days=(n * 37) % 330)
        kind = kinds[n % len(kinds)]
        length = 0 if kind == "milestone" else 7 + (n * 13) % 60
        items.append(
            {
                "id": new_id(),
                "lane_id": lanes[n % LANES]["id"],
                "title": f"Item {n + 1} of the big plan",
                "kind": kind,
                "start": start,
                "end": start + timedelta(days=length),
                "status": statuses[n % len(statuses)],
            }
        )
    session.execute(insert(RoadmapItem), items)
    links = [
        {"id": new_id(), "predecessor_id": items[n]["id"], "successor_id": items[n + 20]["id"]}
        for n in range(0, ITEMS - 20, 10)
    ]
    session.execute(insert(RoadmapDependency), links)
    session.commit()


def _measure(document, app, folder: Path) -> Iterator[Result]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    from pmdesk.gui.document import DocumentController
    from pmdesk.workspaces.roadmap.chart.layout import layout_timeline
    from pmdesk.workspaces.roadmap.plan import load_roadmap
    from pmdesk.workspaces.roadmap.qt.page import RoadmapPage
    from pmdesk.workspaces.roadmap.qt.timeline import TimelineView

    session = document.session
    view = TimelineView()
    view.resize(1200, 760)
    view.show()

    def open_timeline() -> None:
        roadmap = load_roadmap(session)
        view.show_layout(layout_timeline(roadmap, "quarter", TODAY), editable=True)

    plain = QGraphicsView()
    plain.resize(1200, 760)
    plain.setRenderHint(QPainter.RenderHint.Antialiasing)
    plain.show()

    rects = [
        QRectF(bar.x0, bar.y, bar.x1 - bar.x0, bar.height)
        for bar in layout_timeline(load_roadmap(session), "quarter", TODAY).bars
    ]

    def plain_scene() -> None:
        # The same rectangles the timeline draws, as plain C++-painted items.
        scene = QGraphicsScene()
        for rect in rects:
            scene.addRect(rect).setBrush(QColor("#888888"))
        plain.setScene(scene)
        plain.scene_keep = scene  # type: ignore[attr-defined]

    opened = best_of(open_timeline, repeat=3)
    baseline_open = best_of(plain_scene, repeat=3)
    yield time_result(
        "roadmap: timeline opens, 5,000 items/20 lanes",
        opened,
        "scene of 5,000 plain rects",
        baseline_open,
        1000,
    )

    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    def render(target: QGraphicsView) -> None:
        painter = QPainter(image)
        target.render(painter)
        painter.end()

    def scroll_and_render() -> None:
        bar = view.horizontalScrollBar()
        bar.setValue(bar.value() + 120 if bar.value() < bar.maximum() - 200 else 0)
        render(view)

    def plain_scroll_and_render() -> None:
        bar = plain.horizontalScrollBar()
        bar.setValue(bar.value() + 120 if bar.value() < bar.maximum() - 200 else 0)
        render(plain)

    for target in (view, plain):
        target.verticalScrollBar().setValue(target.verticalScrollBar().maximum() // 2)
    scrolled = best_of(scroll_and_render, repeat=20)
    baseline_render = best_of(plain_scroll_and_render, repeat=20)
    yield time_result(
        "roadmap: scroll repaint (offscreen)",
        scrolled,
        "same area of plain rects",
        baseline_render,
        16,
    )

    roadmap = load_roadmap(session)
    zooms = iter(["month", "quarter"] * 20)

    def zoom_layout_and_render() -> None:
        view.show_layout(layout_timeline(roadmap, next(zooms), TODAY), editable=True)
        render(view)

    def first_paint_after_zoom() -> float:
        """The first paint at a new zoom: every visible bar is drawn afresh, none cached."""
        view.show_layout(layout_timeline(roadmap, next(zooms), TODAY), editable=True)
        return best_of(lambda: render(view), repeat=1)

    zoom_full = best_of(zoom_layout_and_render, repeat=6)
    zoomed = min(first_paint_after_zoom() for _ in range(6))
    yield time_result(
        "roadmap: repaint after zoom (offscreen)",
        zoomed,
        "same area of plain rects",
        baseline_render,
        16,
    )
    yield Result(
        "roadmap: zoom re-layout + rebuild (no target)",
        zoom_full,
        "scene of 5,000 plain rects",
        baseline_open,
        "-",
        True,
    )

    controller = DocumentController(document)
    page_built: list[RoadmapPage] = []

    def open_page() -> None:
        page = RoadmapPage(controller, today=TODAY)
        page_built.append(page)

    whole_page = best_of(open_page, repeat=2)
    import shiboken6

    for page in page_built[:-1]:  # only one page listens to edits, as in the app
        shiboken6.delete(page)
    yield Result(
        "roadmap: whole page, all four views (no target)",
        whole_page,
        "scene of 5,000 plain rects",
        baseline_open,
        "-",
        True,
    )
    yield _drag_writes_one_row(page_built[-1], document, folder)


def _drag_writes_one_row(page, document, folder: Path) -> Result:  # type: ignore[no-untyped-def]
    """A drag is one undo step writing one row: counted with SQLite's change counter."""
    import time

    item = next(i for i in page.roadmap.items if i.kind == "feature")
    connection = document.session.connection().connection.dbapi_connection
    before = connection.total_changes
    started = time.perf_counter()
    page.actions.move_item(item.id, item.start + timedelta(days=7), item.end + timedelta(days=7))
    took = time.perf_counter() - started
    rows = connection.total_changes - before
    steps = page.controller.undo_stack.count()
    plain = sqlite3.connect(folder / "plain.db")
    plain.execute("CREATE TABLE t (id TEXT PRIMARY KEY, start TEXT)")
    plain.execute("INSERT INTO t VALUES ('a', '2026-01-01')")
    baseline = best_of(lambda: (plain.execute("UPDATE t SET start='2026-01-08'"), plain.commit()))
    plain.close()
    return Result(
        f"roadmap: drag = {steps} undo step, {rows} row written",
        took,
        "plain sqlite3 one-row update",
        baseline,
        "1 step, 1 row",
        steps == 1 and rows == 1,
    )
