"""The power/interest grid with 1,000 stakeholders and 2,000 relationships.

Baselines, measured in the same run: a QGraphicsScene holding the same number of plain rect
items (build), the same view of it rendered offscreen (repaint), and a plain sqlite3 UPDATE of
one row (a drag's edit).
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from benchmarks import Result, best_of, ratio_result, time_result

PEOPLE = 1_000
LINKS = 2_000
TODAY = date(2026, 11, 25)


def cases() -> Iterator[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

    from pmdesk.workspaces.stakeholders.chart import layout as chart
    from pmdesk.workspaces.stakeholders.qt.grid import GridScene, GridView

    app = QApplication.instance() or QApplication([])
    people, links = _people_and_links()

    def build_grid() -> GridScene:
        scene = GridScene(movable=True)
        scene.sync(people, links, lambda _person: True, TODAY)
        return scene

    def build_plain() -> QGraphicsScene:
        scene = QGraphicsScene()
        scene.setSceneRect(QRectF(-64, -16, 1360, 872))
        for index in range(PEOPLE):
            x, y = chart.cell_center(1 + index % 10, 1 + (index // 10) % 10)
            scene.addRect(QRectF(x - 61, y - 17, chart.CARD_WIDTH, chart.CARD_HEIGHT))
        return scene

    built = best_of(build_grid)
    plain = best_of(build_plain)
    yield time_result(
        "grid build, 1,000 cards + 2,000 lines", built, "plain rect scene", plain, 150
    )
    yield ratio_result("grid build vs plain rects", built, "plain rect scene", plain, 25)

    grid_scene, plain_scene = build_grid(), build_plain()
    grid_view, plain_view = GridView(grid_scene), QGraphicsView(plain_scene)
    plain_view.setRenderHints(grid_view.renderHints())
    image = QImage(1180, 720, QImage.Format.Format_ARGB32_Premultiplied)
    for view in (grid_view, plain_view):
        view.resize(image.size())
        view.show()
        view.fitInView(view.sceneRect())
    app.processEvents()

    def render(view: QGraphicsView) -> None:
        painter = QPainter(image)
        view.render(painter)
        painter.end()

    painted = best_of(lambda: render(grid_view), repeat=10)
    plain_painted = best_of(lambda: render(plain_view), repeat=10)
    yield time_result(
        "grid repaint (offscreen render of the view)", painted, "plain rect view", plain_painted, 16
    )
    yield ratio_result("grid repaint vs plain rects", painted, "plain rect view", plain_painted, 15)

    dropped, update = _drag_edit(QPointF)
    yield time_result(
        "drag drop: one undo step, one row, refresh",
        dropped,
        "sqlite3 UPDATE of one row",
        update,
        100,
    )
    for view in (grid_view, plain_view):
        view.close()


def _people_and_links() -> tuple[list, list]:
    from pmdesk.workspaces.stakeholders.model import ATTITUDES, Stakeholder, StakeholderRelationship

    rng = random.Random(7)
    attitudes = list(ATTITUDES)
    people = [
        Stakeholder(
            id=f"p{index:04d}",
            name=f"Stakeholder {index}",
            role="Director of something",
            department="Sales",
            influence=rng.randint(1, 10),
            interest=rng.randint(1, 10),
            attitude=rng.choice(attitudes),
            strategy_override="",
            tags="",
            channel="Email",
            cadence="Monthly",
            next_touchpoint=None,
        )
        for index in range(PEOPLE)
    ]
    links = [
        StakeholderRelationship(
            id=f"r{index:04d}",
            source_id=f"p{rng.randrange(PEOPLE):04d}",
            target_id=f"p{rng.randrange(PEOPLE):04d}",
            kind=rng.choice(["reports_to", "influences", "ally", "conflict"]),
        )
        for index in range(LINKS)
    ]
    return people, links


def _drag_edit(point_type: type) -> tuple[float, float]:
    """A drop on a 1,000-person project: edit, commit, and the grid tab's refresh."""
    from pmdesk.gui.document import DocumentController
    from pmdesk.store.document import Document
    from pmdesk.workspaces.stakeholders import edit
    from pmdesk.workspaces.stakeholders.chart import layout as chart
    from pmdesk.workspaces.stakeholders.qt.grid_panel import GridPanel

    people, links = _people_and_links()
    document = Document.new()
    try:
        session = document.session
        edit.create_many(
            session,
            [
                {"id": p.id, "name": p.name, "influence": p.influence, "interest": p.interest}
                for p in people
            ],
        )
        session.add_all(
            type(link)(
                id=link.id, source_id=link.source_id, target_id=link.target_id, kind=link.kind
            )
            for link in links
            if link.source_id != link.target_id
        )
        session.commit()
        controller = DocumentController(document)
        panel = GridPanel(controller, TODAY, lambda _id: None)
        cells = iter([(3, 3), (8, 8)] * 10)

        def drop() -> None:
            influence, interest = next(cells)
            panel.scene.drop(people[0].id, point_type(*chart.cell_center(influence, interest)))

        dropped = best_of(drop)
        assert controller.undo_stack.count() == 5  # each drop is exactly one step
        panel.deleteLater()
    finally:
        document.close()

    with tempfile.TemporaryDirectory() as folder:
        connection = sqlite3.connect(Path(folder) / "plain.db", isolation_level=None)
        connection.execute("CREATE TABLE t (id TEXT PRIMARY KEY, influence INT, interest INT)")
        connection.executemany("INSERT INTO t VALUES (?, 5, 5)", [(p.id,) for p in people])
        values = iter([3, 8] * 10)

        def update() -> None:
            value = next(values)
            connection.execute("BEGIN")
            connection.execute(
                "UPDATE t SET influence = ?, interest = ? WHERE id = ?",
                (value, value, people[0].id),
            )
            connection.execute("COMMIT")

        plain = best_of(update)
        connection.close()
    return dropped, plain
