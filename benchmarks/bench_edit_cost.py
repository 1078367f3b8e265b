"""Issue 18's "an edit costs the same with 50 items or 5,000", on the go-to-market pages: one edit
made on the page on show, timed until the page repainted, on the sample scaled 50 times against
the same edit on the sample itself.

- Business case: a one-off cost's amount. Its "For" picker lists every launch and roadmap item
  (about 2,400 at 50x).
- Launches: a readiness task's title. Its "Follows" picker lists the roadmap's dated items.
- Stakeholders' interactions and follow-ups: logging a conversation. Its person picker lists
  every stakeholder (about 1,100 at 50x), read again after each log.

Each figure is the fastest of several edits: what the edit costs, not what the machine did
meanwhile.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from benchmarks import Result, ratio_result

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from pmdesk.gui.document import DocumentController

SCALE = 50
EDITS = 12
# An edit of the page on show, the n-th of the run: (controller, page, n) -> done.
Edit = Callable[["DocumentController", "QWidget", int], object]


def cases() -> Iterator[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from pmdesk.workspaces.business_case.qt.page import BusinessCasePage
    from pmdesk.workspaces.launches.qt.page import LaunchesPage
    from pmdesk.workspaces.stakeholders.qt.interactions import EngagementPanel

    QApplication.instance() or QApplication([])
    for name, page_class, make_edit in (
        ("business case: a cost's amount", BusinessCasePage, _cost_edit),
        ("launches: a task's title", LaunchesPage, _task_edit),
        ("stakeholders: logging a conversation", _engagement_panel(EngagementPanel), _log_edit),
    ):
        small = _fastest_edit(page_class, make_edit, 1)
        big = _fastest_edit(page_class, make_edit, SCALE)
        yield ratio_result(
            f"{name}, edit at {SCALE}x", big, "the same edit on the sample", small, 1.5
        )


# Makes the page (or tab) an edit is made on, from the controller.
MakePage = Callable[["DocumentController"], "QWidget"]


def _fastest_edit(page_class: MakePage, make_edit: Edit, scale: int) -> float:
    from PySide6.QtWidgets import QApplication

    from pmdesk.gui.document import DocumentController
    from pmdesk.interchange.project_json import load_project
    from pmdesk.interchange.sample import sample_data
    from pmdesk.store.document import Document

    app = QApplication.instance()
    assert app is not None
    document = Document.new()
    try:
        load_project(document.session, sample_data(scale), "the sample")
        controller = DocumentController(document)
        page = page_class(controller)  # type: ignore[call-arg]
        page.resize(1024, 700)
        page.show()
        app.processEvents()
        fastest = float("inf")
        for index in range(EDITS):
            started = time.perf_counter()
            make_edit(controller, page, index)
            app.processEvents()
            page.repaint()
            fastest = min(fastest, time.perf_counter() - started)
        page.close()
        page.deleteLater()
        app.processEvents()
        return fastest
    finally:
        document.close()


def _cost_edit(controller: DocumentController, page: QWidget, index: int) -> object:
    from pmdesk.workspaces.business_case.qt import actions

    cost = page.view.costs[0]  # type: ignore[attr-defined]
    return actions.set_row_field(controller, "cost", cost.id, "amount", 1000 + index)


def _task_edit(controller: DocumentController, page: QWidget, index: int) -> object:
    from pmdesk.workspaces.launches.qt import actions

    plan = page.current_plan()  # type: ignore[attr-defined]
    task = plan.tasks[0]
    day = plan.readiness.launch_day
    return actions.set_task_field(controller, task, "title", f"Brief sales {index}", day)


def _engagement_panel(panel_class: type[QWidget]) -> MakePage:
    """The interactions tab as the page builds it, for today."""
    from datetime import date

    return lambda controller: panel_class(controller, date.today())  # type: ignore[call-arg]


def _log_edit(controller: DocumentController, page: QWidget, index: int) -> object:
    from datetime import date

    from pmdesk.workspaces.stakeholders.qt import actions

    person_id = page.person.key()  # type: ignore[attr-defined]
    values = {"happened_on": date.today(), "channel": "call", "summary": f"Pricing call {index}"}
    return actions.log_interaction(controller, person_id, values)
