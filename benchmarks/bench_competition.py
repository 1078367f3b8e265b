"""The competitive matrix with 100 competitors x 300 criteria (30,000 ratings).

Baselines, measured in the same run: reading the same 30,000 rating rows with plain sqlite3
(opening the matrix), and recounting every total from scratch (one edit's update), so the
ratios say how much the model adds to the unavoidable read and what updating one row saves.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from benchmarks import Result, best_of, ratio_result, time_result

COMPETITORS = 100
CRITERIA = 300
CATEGORIES = 10


def cases() -> Iterator[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from pmdesk.gui.document import DocumentController
    from pmdesk.store.document import Document
    from pmdesk.workspaces.competition.qt.matrix_model import MatrixModel
    from pmdesk.workspaces.competition.rules import Scoreboard

    app = QApplication.instance() or QApplication([])
    document = Document.new()
    try:
        _fill(document.session)
        controller = DocumentController(document)
        models: list[Any] = []

        def open_matrix() -> float:
            """Seconds to build the model and show it painted; the view is closed afterwards
            (outside the timing) so that earlier views do not repaint during later runs."""
            started = time.perf_counter()
            model = MatrixModel(controller)
            view = QTableView()
            view.resize(1100, 700)
            view.setModel(model)
            view.show()
            app.processEvents()  # lays out and paints the visible cells only
            elapsed = time.perf_counter() - started
            view.close()
            view.deleteLater()
            models.append(model)
            return elapsed

        def plain_read() -> None:
            connection = sqlite3.connect(document.working_path)
            connection.execute(
                "SELECT criterion_id, competitor_id, value, as_of FROM competitor_ratings"
            ).fetchall()
            connection.close()

        opened = min(open_matrix() for _ in range(5))
        baseline = best_of(plain_read, repeat=5)
        yield time_result(
            "matrix opens, 100 x 300 (model + view shown)", opened, "sqlite3 read", baseline, 200
        )
        yield ratio_result(
            "matrix open vs plain read of ratings", opened, "sqlite3 read", baseline, 8
        )
        model = models[-1]
        painted = model.rating_reads

        board = model.board
        criterion_id = next(iter(board.criteria))
        competitor_id = board.competitor_ids[3]
        values = iter(["1", "2", "3", "4", "5"] * 10)

        def one_edit() -> None:
            board.set_value(criterion_id, competitor_id, next(values))
            board.totals()
            board.ranks()

        def full_recount() -> None:
            Scoreboard(
                list(board.competitor_ids),
                board.criteria,
                {key: dict(row) for key, row in board.cells.items()},
                board.us_id,
            ).totals()

        edited = best_of(one_edit, repeat=10)
        recount = best_of(full_recount, repeat=3)
        yield time_result("totals + ranks after one edit", edited, "full recount", recount, 20)
        yield ratio_result("one-edit update vs full recount", edited, "full recount", recount, 0.5)
        print(
            f"  (rating cells read while the matrix opened and painted: {painted:,} "
            f"of {COMPETITORS * CRITERIA:,})"
        )
        controller.undo_stack.clear()
    finally:
        document.close()


def _fill(session: Any) -> None:
    from sqlalchemy import insert

    from pmdesk.domain.base import new_id
    from pmdesk.workspaces.competition.model import Competitor, Criterion, CriterionCategory, Rating

    rng = random.Random(4)
    competitors = [
        {"id": new_id(), "name": f"Competitor {n}", "is_us": n == 0, "position": n}
        for n in range(COMPETITORS)
    ]
    categories = [
        {"id": new_id(), "name": f"Category {n}", "position": n} for n in range(CATEGORIES)
    ]
    kinds = ["score", "score", "score", "yes_no", "price"]
    criteria = [
        {
            "id": new_id(),
            "category_id": categories[n % CATEGORIES]["id"],
            "name": f"Criterion {n}",
            "kind": kinds[n % len(kinds)],
            "weight": float(1 + n % 3),
            "position": n,
        }
        for n in range(CRITERIA)
    ]
    words = {"score": lambda: str(rng.randint(0, 5)), "yes_no": lambda: rng.choice(["yes", "no"])}
    words["price"] = lambda: str(rng.randint(10, 200))
    today = date(2026, 11, 25)
    ratings = [
        {
            "id": new_id(),
            "competitor_id": competitor["id"],
            "criterion_id": criterion["id"],
            "value": words[criterion["kind"]](),
            "as_of": today - timedelta(days=rng.randint(0, 400)),
        }
        for criterion in criteria
        for competitor in competitors
    ]
    session.execute(insert(Competitor), competitors)
    session.execute(insert(CriterionCategory), categories)
    session.execute(insert(Criterion), criteria)
    session.execute(insert(Rating), ratings)
    session.commit()
