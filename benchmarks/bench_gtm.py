"""Personas and Business case pages on the sample scaled 50 times, and a 2,000-input persona.

Baseline, measured in the same run: the Stakeholders page built and painted on the same
project, so the ratio says whether the new workspaces open within the bound of an existing one.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import date

from benchmarks import Result, best_of, ratio_result

SCALE = 50
LINKED = 2_000


def cases() -> Iterator[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from pmdesk.domain.base import new_id
    from pmdesk.gui.document import DocumentController
    from pmdesk.interchange.project_json import load_project
    from pmdesk.interchange.sample import sample_data
    from pmdesk.store.document import Document
    from pmdesk.workspaces.business_case.qt.page import BusinessCasePage
    from pmdesk.workspaces.personas import edit, query
    from pmdesk.workspaces.personas.qt.page import PersonasPage
    from pmdesk.workspaces.requirements.model import CustomerInput
    from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage

    app = QApplication.instance() or QApplication([])
    document = Document.new()
    try:
        load_project(document.session, sample_data(SCALE), "the sample")
        controller = DocumentController(document)

        def painted(page_class: Callable[[DocumentController], QWidget]) -> Callable[[], float]:
            def run() -> float:
                started = time.perf_counter()
                page = page_class(controller)
                page.resize(1024, 700)
                page.show()
                app.processEvents()
                elapsed = time.perf_counter() - started
                page.close()
                page.deleteLater()
                app.processEvents()
                return elapsed

            return run

        baseline = best_of(painted(StakeholdersPage), repeat=3)
        personas = best_of(painted(PersonasPage), repeat=3)
        yield ratio_result(
            f"personas page, sample ×{SCALE}", personas, "stakeholders page, same", baseline, 1.0
        )
        cases_page = best_of(painted(BusinessCasePage), repeat=3)
        yield ratio_result(
            f"business case page, sample ×{SCALE}",
            cases_page,
            "stakeholders page, same",
            baseline,
            1.0,
        )

        session = document.session
        persona = query.personas(session)[0]
        ids = [new_id() for _ in range(LINKED)]
        session.add_all(
            CustomerInput(id=i, quote=f"Answer {n}", received_on=date(2026, 1, 1))
            for n, i in enumerate(ids)
        )
        session.commit()
        edit.link_inputs(session, persona.id, {i: new_id() for i in ids})
        big = best_of(painted(PersonasPage), repeat=3)
        yield ratio_result(
            f"personas page, a persona with {LINKED:,} inputs",
            big,
            "stakeholders page, same",
            baseline,
            1.0,
        )
    finally:
        document.close()
