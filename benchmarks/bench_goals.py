"""The Goals workspace: adding a check-in to a key result that has 10,000 of them, and the page
of a project fifty times the sample.

Baselines, measured in the same run: a plain sqlite3 INSERT and commit of one row into a table
of 10,000 (what any edit costs at least), and a plain QTreeWidget holding as many rows as the
big project's page, rendered offscreen.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from benchmarks import Result, best_of, ratio_result, time_result

CHECK_INS = 10_000
TODAY = date(2026, 12, 1)


def cases() -> Iterator[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem, QWidget

    from pmdesk.gui.document import DocumentController
    from pmdesk.interchange.project_json import load_project
    from pmdesk.interchange.sample import sample_data
    from pmdesk.store.document import Document
    from pmdesk.workspaces.goals import edit
    from pmdesk.workspaces.goals.qt import actions
    from pmdesk.workspaces.goals.qt.page import GoalsPage

    app = QApplication.instance() or QApplication([])
    image = QImage(1180, 720, QImage.Format.Format_ARGB32_Premultiplied)

    def render(widget: QWidget) -> None:
        # The whole widget with its children, as the screen gets it (QGraphicsView's own
        # render() draws only the scene, so the QWidget one is named).
        QWidget.render(widget, image)

    with tempfile.TemporaryDirectory() as folder:
        document = Document.new()
        load_project(document.session, sample_data(), "the sample")
        session = document.session
        objective = edit.create_objective(
            session, {"title": "A long record", "period": "1999-01-01 to 2030-12-31"}
        )
        result = edit.create_key_result(
            session, objective, {"metric": "Daily value", "baseline": 0, "target": 100}
        )
        first = date(1999, 1, 1)
        rows = [
            {"on_date": first + timedelta(days=n), "value": (n * 7919) % 100}
            for n in range(CHECK_INS)
        ]
        edit.add_check_ins(session, edit.prepare_check_ins(session, result, rows, TODAY))
        controller = DocumentController(document)
        page = GoalsPage(controller, today=TODAY)
        page.resize(1180, 720)
        page.show()
        page.select(result)
        app.processEvents()
        day = iter(range(1, 1000))

        def add_one() -> None:
            when = TODAY - timedelta(days=next(day))
            actions.add_check_ins(controller, result, [{"on_date": when, "value": 50}], TODAY)
            render(page.panel.trend)

        added = best_of(add_one, repeat=7)
        assert page.panel.trend.layout_shown.points > CHECK_INS
        insert = _plain_insert(Path(folder))
        yield time_result(
            "add a check-in, 10,000 on the key result", added, "sqlite3 insert+commit", insert, 30
        )
        # 30 ms where a plain insert and commit takes 2 ms: the ratio holds on a busy machine.
        yield ratio_result(
            "add a check-in vs a plain insert", added, "sqlite3 insert+commit", insert, 15
        )
        page.close()
        document.close()

        big = Document.new()
        load_project(big.session, sample_data(scale=50), "the sample")
        big_controller = DocumentController(big)

        def build_page() -> None:
            built = GoalsPage(big_controller, today=TODAY)
            built.resize(1180, 720)
            render(built)
            built.deleteLater()

        shown = best_of(build_page, repeat=3)
        rows_count = sum(
            1 + len(o.key_results) for o in GoalsPage(big_controller, today=TODAY).goals.objectives
        )

        def plain_tree() -> None:
            tree = QTreeWidget()
            tree.setColumnCount(3)
            for n in range(rows_count):
                tree.addTopLevelItem(QTreeWidgetItem([f"row {n}", "50%", "On track"]))
            tree.resize(1180, 720)
            render(tree)

        plain = best_of(plain_tree, repeat=3)
        yield time_result(
            "Goals page, 50x sample: build and paint", shown, "plain tree, same rows", plain, 400
        )
        yield ratio_result(
            "Goals page 50x vs a plain tree", shown, "plain tree, same rows", plain, 40
        )
        big.close()


def _plain_insert(folder: Path) -> float:
    path = folder / "plain.db"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("CREATE TABLE checkin (id TEXT PRIMARY KEY, day TEXT, value REAL)")
    connection.executemany(
        "INSERT INTO checkin VALUES (?, ?, ?)",
        ((str(n), "2020-01-01", n) for n in range(CHECK_INS)),
    )
    counter = iter(range(CHECK_INS, CHECK_INS + 1000))

    def insert() -> None:
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO checkin VALUES (?, '2026-11-30', 1.0)", (str(next(counter)),)
        )
        connection.execute("COMMIT")

    try:
        return best_of(insert, repeat=7)
    finally:
        connection.close()
