"""Requirements at scale: 10,000 customer inputs, 2,000 requirements, their links.

Targets from the issue: the requirements table opens in under 300 ms; the gap views compute in
under 200 ms. The inputs table and the traceability tab are measured too. Baselines are
measured in the same run on the same file:

- tables: the same rows and link counts read with plain ``sqlite3``, already sorted by SQL, in a
  minimal QAbstractTableModel shown by a plain QTableView (the least any table of them costs);
- gap views: the same NOT EXISTS queries, and the same link counts, with plain ``sqlite3``.

The ratio is what PM Desk adds (SQLAlchemy, row objects, filters, the detail panel).
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from benchmarks import Result, best_of, ratio_result, time_result

INPUTS = 10_000
REQUIREMENTS = 2_000
ITEMS = 300
TABLE_MS = 300
GAP_MS = 200
# The measured side builds the whole tab: filter bar, tag list, detail panel, filtering proxy.
TABLE_RATIO = 5.0
GAP_RATIO = 4.0
TRACE_MS = 1000  # not in the issue: opening the tab should feel immediate
TRACE_RATIO = 6.0


def cases() -> Iterator[Result]:
    from PySide6.QtWidgets import QApplication

    from pmdesk.gui.document import DocumentController
    from pmdesk.store.document import Document
    from pmdesk.workspaces.requirements import query
    from pmdesk.workspaces.requirements.qt.gap_view import GapsTab
    from pmdesk.workspaces.requirements.qt.input_view import InputsTab
    from pmdesk.workspaces.requirements.qt.requirement_view import RequirementsTab
    from pmdesk.workspaces.requirements.qt.trace_view import TraceTab

    app = QApplication.instance() or QApplication([])
    document = Document.new()
    try:
        _fill(document.session)
        controller = DocumentController(document)
        raw = sqlite3.connect(str(document.working_path))
        session = document.session

        def open_table() -> None:
            tab = RequirementsTab(controller)
            tab.resize(1200, 700)
            app.processEvents()
            tab.deleteLater()

        def open_plain_table() -> None:
            _plain_table(raw, app)

        yield from _pair(
            "requirements: open the table (2,000 rows)",
            open_table,
            "sorted sqlite3 rows in a plain model and view",
            open_plain_table,
            TABLE_RATIO,
            TABLE_MS,
        )

        def open_inputs() -> None:
            tab = InputsTab(controller)
            tab.resize(1200, 700)
            app.processEvents()
            tab.deleteLater()

        yield from _pair(
            "requirements: open the inputs (10,000 rows)",
            open_inputs,
            "sorted sqlite3 rows in a plain model and view",
            lambda: _plain_inputs(raw, app),
            TABLE_RATIO,
            TABLE_MS,
        )

        gaps: list[tuple[str, Callable[[], object], str]] = [
            (
                "inbox (unanswered inputs)",
                lambda: query.inputs_without_requirements(session),
                _INBOX,
            ),
            (
                "without evidence",
                lambda: query.requirements_without_evidence(session),
                _UNSUPPORTED,
            ),
            ("not on the roadmap", lambda: query.requirements_not_on_roadmap(session), _UNPLANNED),
        ]
        for name, run, sql in gaps:
            yield from _pair(
                f"requirements: gap view, {name}",
                run,
                "the same query in plain sqlite3",
                lambda sql=sql: _plain_gap(raw, sql),
                GAP_RATIO,
                GAP_MS,
            )

        def all_gaps() -> None:
            tab = GapsTab(controller)
            tab.set_active(True)
            tab.deleteLater()

        def all_plain() -> None:
            for sql in (_INBOX, _UNSUPPORTED, _UNPLANNED):
                _plain_gap(raw, sql)

        yield from _pair(
            "requirements: Gaps tab, all three lists shown",
            all_gaps,
            "the three queries in plain sqlite3",
            all_plain,
            GAP_RATIO * 2,
            GAP_MS,
        )

        def open_trace() -> None:
            tab = TraceTab(controller)
            tab.resize(1200, 700)
            tab.set_active(True)
            app.processEvents()
            tab.deleteLater()

        yield from _pair(
            "requirements: traceability from 10,000 inputs",
            open_trace,
            "the same records and links in plain sqlite3",
            lambda: _plain_trace(raw),
            TRACE_RATIO,
            TRACE_MS,
        )
        raw.close()
        app.processEvents()
    finally:
        document.close()


def _pair(
    name: str,
    run: Callable[[], object],
    baseline_name: str,
    baseline: Callable[[], object],
    max_ratio: float,
    max_ms: float,
) -> Iterator[Result]:
    run()  # warm up: imports, caches
    measured = best_of(run, 5)
    plain = best_of(baseline, 5)
    yield ratio_result(name, measured, baseline_name, plain, max_ratio)
    yield time_result(f"{name} (absolute)", measured, baseline_name, plain, max_ms)


# -- the data ------------------------------------------------------------------------------------


def _fill(session: Any) -> None:
    from sqlalchemy import insert

    from pmdesk.domain.base import new_id
    from pmdesk.workspaces.requirements.links import RequirementRoadmapLink
    from pmdesk.workspaces.requirements.model import (
        MOSCOW,
        SOURCES,
        STATUSES,
        CustomerInput,
        Requirement,
        RequirementEvidence,
    )
    from pmdesk.workspaces.roadmap.model import RoadmapItem, RoadmapLane

    rng = random.Random(7)
    tags = ["offline", "payments", "dispatch", "mobile", "reporting", "integrations", "security"]
    lane = new_id()
    session.execute(insert(RoadmapLane), [{"id": lane, "name": "Everything"}])
    items = [new_id() for _ in range(ITEMS)]
    session.execute(
        insert(RoadmapItem),
        [
            {"id": item, "lane_id": lane, "title": f"Roadmap item {n}",
             "start": date(2026, 1, 1) + timedelta(days=n)}
            for n, item in enumerate(items)
        ],
    )  # fmt: skip
    requirements = [new_id() for _ in range(REQUIREMENTS)]
    session.execute(
        insert(Requirement),
        [
            {
                "id": rid,
                "title": f"Requirement {n}: the product does something useful",
                "reference": f"FL-{n}",
                "status": rng.choice(list(STATUSES)),
                "moscow": rng.choice(list(MOSCOW)),
                "reach": float(rng.randint(10, 5000)),
                "impact": rng.choice([0.25, 0.5, 1.0, 2.0, 3.0]),
                "confidence": float(rng.choice([50, 80, 100])),
                "effort": float(rng.randint(1, 12)),
                "owner": f"Owner {n % 17}",
                "tags": ", ".join(rng.sample(tags, 2)),
            }
            for n, rid in enumerate(requirements)
        ],
    )
    inputs = [new_id() for _ in range(INPUTS)]
    session.execute(
        insert(CustomerInput),
        [
            {
                "id": iid,
                "quote": f"Customer {n} said something about what they need from the product.",
                "customer": f"Customer {n % 900}",
                "segment": rng.choice(["Small", "Mid-size", "Large"]),
                "source": rng.choice(list(SOURCES)),
                "received_on": date(2026, 1, 1) + timedelta(days=n % 300),
                "tags": rng.choice(tags),
            }
            for n, iid in enumerate(inputs)
        ],
    )
    # Four inputs in five back a requirement; most requirements are backed; half are planned.
    evidence = {(iid, rng.choice(requirements)) for iid in inputs if rng.random() < 0.8}
    session.execute(
        insert(RequirementEvidence),
        [{"id": new_id(), "input_id": i, "requirement_id": r} for i, r in evidence],
    )
    planned = {(rid, rng.choice(items)) for rid in requirements if rng.random() < 0.5}
    session.execute(
        insert(RequirementRoadmapLink),
        [{"id": new_id(), "requirement_id": r, "item_id": i} for r, i in planned],
    )
    session.commit()


# -- baselines -----------------------------------------------------------------------------------

_INBOX = """
SELECT i.id, i.quote, s.name, i.customer, i.stakeholder_id, i.segment, i.source, i.received_on,
       i.tags
FROM customer_inputs i LEFT JOIN stakeholders s ON s.id = i.stakeholder_id
WHERE NOT EXISTS (SELECT 1 FROM requirement_evidence e WHERE e.input_id = i.id)
ORDER BY i.received_on DESC, i.id
"""
_REQUIREMENT_COLUMNS = """r.id, r.title, r.reference, r.status, r.moscow, r.reach, r.impact,
       r.confidence, r.effort, r.owner, r.tags"""
_UNSUPPORTED = f"""
SELECT {_REQUIREMENT_COLUMNS} FROM requirements r
WHERE r.status IN ('proposed', 'accepted', 'in_roadmap', 'shipped')
  AND NOT EXISTS (SELECT 1 FROM requirement_evidence e WHERE e.requirement_id = r.id)
ORDER BY r.title
"""
_UNPLANNED = f"""
SELECT {_REQUIREMENT_COLUMNS} FROM requirements r
WHERE r.status IN ('proposed', 'accepted', 'in_roadmap')
  AND NOT EXISTS (SELECT 1 FROM requirement_roadmap_links l WHERE l.requirement_id = r.id)
ORDER BY r.title
"""


def _plain_trace(raw: sqlite3.Connection) -> None:
    raw.execute(_INBOX.replace("WHERE NOT EXISTS", "WHERE 1 OR NOT EXISTS")).fetchall()
    raw.execute("SELECT id, title, status FROM requirements ORDER BY title").fetchall()
    raw.execute("SELECT id, title, start, status FROM roadmap_items ORDER BY start").fetchall()
    raw.execute("SELECT input_id, requirement_id FROM requirement_evidence").fetchall()
    raw.execute("SELECT requirement_id, item_id FROM requirement_roadmap_links").fetchall()


def _plain_gap(raw: sqlite3.Connection, sql: str) -> None:
    rows = raw.execute(sql).fetchall()
    counts = ["requirement_evidence"] if "customer_inputs" in sql else [
        "requirement_evidence",
        "requirement_roadmap_links",
    ]  # fmt: skip
    column = "input_id" if "customer_inputs" in sql else "requirement_id"
    for table in counts:
        found = dict(raw.execute(f"SELECT {column}, count(*) FROM {table} GROUP BY 1"))
        [found.get(row[0], 0) for row in rows]


def _plain_view(rows: list[tuple], columns: int, app: Any) -> None:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    class Plain(QAbstractTableModel):
        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else columns

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return rows[index.row()][index.column()]
            return None

    view = QTableView()
    view.setModel(Plain())
    view.resize(1200, 700)
    app.processEvents()
    view.deleteLater()


def _plain_table(raw: sqlite3.Connection, app: Any) -> None:
    evidence = dict(
        raw.execute("SELECT requirement_id, count(*) FROM requirement_evidence GROUP BY 1")
    )
    planned = dict(
        raw.execute("SELECT requirement_id, count(*) FROM requirement_roadmap_links GROUP BY 1")
    )
    query = f"""SELECT {_REQUIREMENT_COLUMNS} FROM requirements r
        ORDER BY r.reach * r.impact * r.confidence / r.effort DESC"""
    rows = [(*row, evidence.get(row[0], 0), planned.get(row[0], 0)) for row in raw.execute(query)]
    _plain_view(rows, 13, app)


def _plain_inputs(raw: sqlite3.Connection, app: Any) -> None:
    linked = dict(raw.execute("SELECT input_id, count(*) FROM requirement_evidence GROUP BY 1"))
    query = _INBOX.replace("WHERE NOT EXISTS", "WHERE 1 OR NOT EXISTS")
    rows = [(*row, linked.get(row[0], 0)) for row in raw.execute(query)]
    _plain_view(rows, 9, app)
