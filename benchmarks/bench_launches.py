"""Issue 17's speed claims for launches: moving a launch's roadmap item re-dates its 200
readiness tasks within 50 ms, and the page paints a 50× sample project like the others.

Re-dating costs no write of its own (due dates are worked out from launch day when read), so
the figure is the roadmap's one-row move plus reading the launch's readiness again, next to the
same move of an item no launch follows.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from benchmarks import Result, best_of, time_result

TASKS = 200
TODAY = date(2026, 11, 25)


def cases() -> Iterator[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="pmdesk-bench-launches-") as folder:
        os.environ.setdefault("PMDESK_DATA_DIR", str(Path(folder) / "data"))
        from pmdesk.store.document import Document

        document = Document.new()
        try:
            launch_id, followed, alone = _fill(document.session)
            yield from _re_date(document, launch_id, followed, alone)
        finally:
            document.close()
        yield _paint_big()


def _fill(session) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from pmdesk.domain.base import new_id
    from pmdesk.workspaces.launches.model import DEPARTMENTS, STATUSES, Launch, LaunchTask
    from pmdesk.workspaces.roadmap.model import RoadmapItem, RoadmapLane

    lane = new_id()
    session.execute(insert(RoadmapLane), [{"id": lane, "name": "Launches"}])
    followed, alone = new_id(), new_id()
    day = date(2027, 4, 14)
    session.execute(
        insert(RoadmapItem),
        [
            {
                "id": item,
                "lane_id": lane,
                "title": title,
                "kind": "milestone",
                "start": day,
                "end": day,
            }
            for item, title in ((followed, "Big launch"), (alone, "Other milestone"))
        ],
    )
    launch_id = new_id()
    session.execute(
        insert(Launch),
        [
            {
                "id": launch_id,
                "name": "Big launch",
                "tier": "major",
                "roadmap_item_id": followed,
                "target_date": day,
            }
        ],
    )
    departments, statuses = list(DEPARTMENTS), list(STATUSES)
    session.execute(
        insert(LaunchTask),
        [
            {
                "id": new_id(),
                "launch_id": launch_id,
                "title": f"Readiness task {n + 1}",
                "department": departments[n % len(departments)],
                "status": statuses[n % len(statuses)],
                "offset_days": -(n % 90),
                "position": n,
            }
            for n in range(TASKS)
        ],
    )
    session.commit()
    return launch_id, followed, alone


def _re_date(document, launch_id: str, followed: str, alone: str) -> Iterator[Result]:  # type: ignore[no-untyped-def]
    from pmdesk.workspaces.launches.query import plan
    from pmdesk.workspaces.roadmap.edit import set_item_dates

    session = document.session
    shift = iter(range(1, 10_000))

    def move(item_id: str) -> None:
        day = date(2027, 4, 14) + timedelta(days=next(shift) % 30)
        set_item_dates(session, item_id, day, day)

    def move_and_re_date() -> None:
        move(followed)
        state = plan(session, launch_id, TODAY)
        assert state is not None and len(state.readiness.tasks) == TASKS

    measured = best_of(move_and_re_date, repeat=7)
    baseline = best_of(lambda: move(alone), repeat=7)
    yield time_result(
        f"launches: item moves, {TASKS} tasks re-dated",
        measured,
        "the same move, no launch",
        baseline,
        50,
    )


def _paint_big() -> Result:
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

    from pmdesk.gui.document import DocumentController
    from pmdesk.interchange.project_json import load_project
    from pmdesk.interchange.sample import sample_data
    from pmdesk.store.document import Document
    from pmdesk.workspaces.launches.qt.page import LaunchesPage

    app = QApplication.instance() or QApplication([])
    document = Document.new()
    try:
        load_project(document.session, sample_data(50), "the sample at 50×")
        controller = DocumentController(document)

        def open_page() -> None:
            page = LaunchesPage(controller, today=TODAY)
            page.resize(1280, 800)
            page.show()
            page.repaint()
            page.close()
            page.deleteLater()
            app.processEvents()

        def plain_table() -> None:
            # As many cells as the page shows: the list of 100 launches and a task table.
            table = QTableWidget(100, 7)
            for row in range(100):
                for column in range(7):
                    table.setItem(row, column, QTableWidgetItem(f"Task {row} · {column}"))
            table.resize(1280, 800)
            table.show()
            table.repaint()
            table.close()
            table.deleteLater()
            app.processEvents()

        measured = best_of(open_page, repeat=3)
        baseline = best_of(plain_table, repeat=3)
    finally:
        document.close()
    return time_result(
        "launches: page paints, --scale 50 (100 launches)",
        measured,
        "table widget of 100×7 cells",
        baseline,
        1000,
    )
