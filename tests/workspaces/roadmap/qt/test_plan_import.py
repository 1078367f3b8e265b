"""Roadmap › Import Plan… and Export › As MS Project XML…: the preview, one undo step, the
read-only refusal, and bad plans refused in a dialog with the project untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.interchange.project_json import dump_project
from pmdesk.store.document import Document
from pmdesk.workspaces.roadmap import io_plans
from pmdesk.workspaces.roadmap.model import RoadmapDependency, RoadmapItem, RoadmapLane
from pmdesk.workspaces.roadmap.qt.page import RoadmapPage
from pmdesk.workspaces.roadmap.qt.plan_import_dialog import PlanImportDialog
from pmdesk.workspaces.stakeholders.model import Stakeholder
from tests.support import snapshot
from tests.workspaces.roadmap.test_io_plans import GAN, _mspdi, _task

JIRA = Path(__file__).parent.parent / "files" / "jira-epics.csv"
REVIEW = "pmdesk.workspaces.roadmap.qt.dialogs.review_plan_import"


@pytest.fixture
def page(qtbot, sample_document):
    widget = RoadmapPage(DocumentController(sample_document))
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: shown.append(message))
    return shown


def _count(page, model) -> int:
    return page.controller.session.scalar(select(func.count()).select_from(model))


def test_a_gantt_plan_is_previewed_and_imported_as_one_undo_step(
    qtbot, page, tmp_path, monkeypatch
):
    path = tmp_path / "field.gan"
    path.write_text(GAN, encoding="utf-8")
    before = dump_project(page.controller.session)
    lanes, items, links = (_count(page, m) for m in (RoadmapLane, RoadmapItem, RoadmapDependency))
    seen: list[str] = []

    def review(parent, plan, file_name, lanes, outline):
        dialog = PlanImportDialog(plan, file_name, lanes, outline, parent)
        qtbot.addWidget(dialog)
        dialog.into.setCurrentIndex(dialog.into.findData(io_plans.NEW_LANES))
        seen.append(dialog.details.text())
        seen.append(dialog.ok.text())
        return dialog.choices()

    monkeypatch.setattr(REVIEW, review)
    monkeypatch.setattr("pmdesk.workspaces.roadmap.qt.plan_import.choose_plan", lambda *_a: path)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert seen[1] == "Import 3 Items"
    assert "New lanes: “Offline mode”, “Field app 2026”." in seen[0]
    assert seen[0].startswith("3 items (1 milestone) and 1 dependency.\n")
    assert "Owners already in the project: “Sam Novak”." in seen[0]
    assert "Owners added as stakeholders: “Léa Martin”." in seen[0]
    assert _count(page, RoadmapLane) == lanes + 2
    assert _count(page, RoadmapItem) == items + 3
    assert _count(page, RoadmapDependency) == links + 1
    names = set(page.controller.session.scalars(select(Stakeholder.name)))
    assert "Léa Martin" in names
    assert "Sync engine" in {item.title for item in page.roadmap.items}  # the page shows it
    assert page.controller.undo_stack.count() == 1
    page.controller.undo_stack.undo()
    assert dump_project(page.controller.session) == before


def test_a_tracker_export_goes_into_the_roadmaps_lanes_of_the_same_name(
    qtbot, page, tmp_path, monkeypatch
):
    session = page.controller.session
    session.add(RoadmapLane(name="Warranty claims", color="#2f6fb0", position=99))
    session.commit()
    page.refresh()
    texts: list[str] = []

    def review(parent, plan, file_name, lanes, outline):
        dialog = PlanImportDialog(plan, file_name, lanes, outline, parent)
        qtbot.addWidget(dialog)
        assert dialog.into.currentData() == io_plans.SAME_NAME
        dialog.add_owners.setChecked(False)
        texts.append(dialog.details.text())
        return dialog.choices()

    monkeypatch.setattr(REVIEW, review)
    lanes = _count(page, RoadmapLane)
    assert page.import_plan(JIRA)
    assert "New lanes: “jira-epics”.\n" in texts[0]
    assert "Into the roadmap's lanes: “Technician app”, “Warranty claims”." in texts[0]
    assert "Owners kept as “owner:” tags: “Ana Ruiz”, “Marc Blum”, “Lee Chen”." in texts[0]
    assert _count(page, RoadmapLane) == lanes + 1  # the file's own lane, for stories outside epics
    claim = session.scalars(select(RoadmapItem).where(RoadmapItem.title == "Claim form")).one()
    assert session.get(RoadmapLane, claim.lane_id).name == "Warranty claims"


def test_cancelling_the_preview_changes_nothing(page, tmp_path, monkeypatch):
    before = dump_project(page.controller.session)
    monkeypatch.setattr(REVIEW, lambda *_a: None)
    assert not page.import_plan(JIRA)
    assert dump_project(page.controller.session) == before
    assert page.controller.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            _mspdi(
                _task(
                    1,
                    "Design",
                    "2026-01-05",
                    "2026-01-09",
                    "<PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink>",
                )
                + _task(
                    2,
                    "Build",
                    "2026-01-12",
                    "2026-01-16",
                    "<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink>",
                )
            ),
            "“plan.xml” has dependencies that go round in a loop: “Build” → “Design” → “Build”.",
        ),
        (
            _mspdi(_task(1, "Backwards", "2026-03-10", "2026-03-02")),
            "In “plan.xml”, the task “Backwards” ends (2026-03-02) before it starts (2026-03-10).",
        ),
        (
            _mspdi("".join(_task(n, f"T{n}", "2026-01-05", "2026-01-06") for n in range(10_000))),
            "“plan.xml” has 10,000 tasks; PM Desk imports plans of up to 2,000 tasks into a "
            "roadmap. Import its summary level instead.",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            '<Project xmlns="http://schemas.microsoft.com/project"/>',
            "“plan.xml” declares XML entities, which a project plan never needs.",
        ),
    ],
    ids=["cycle", "end-before-start", "10000-tasks", "entities"],
)
def test_a_bad_plan_gets_its_sentence_in_a_dialog_and_the_project_is_untouched(
    page, tmp_path, monkeypatch, errors, content, message
):
    path = tmp_path / "plan.xml"
    path.write_text(content, encoding="utf-8")
    file_before = snapshot(path)
    before = dump_project(page.controller.session)
    monkeypatch.setattr(REVIEW, lambda *_a: pytest.fail("a bad plan shows no preview"))
    assert not page.import_plan(path)
    assert errors == [message]
    assert dump_project(page.controller.session) == before
    assert page.controller.undo_stack.count() == 0
    assert snapshot(path) == file_before


def test_a_read_only_project_offers_no_import_and_refuses_one(qtbot, sample_file, monkeypatch):
    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        page = RoadmapPage(controller)
        qtbot.addWidget(page)
        assert not page.import_button.isEnabled()
        refused: list[str] = []
        monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, m: refused.append(m))
        monkeypatch.setattr(REVIEW, lambda *_a: (io_plans.NEW_LANES, False))
        before = dump_project(document.session)
        assert not page.import_plan(JIRA)
        assert dump_project(document.session) == before
    finally:
        document.close()


def test_export_as_ms_project_xml_writes_a_plan_that_reads_back(page, tmp_path, monkeypatch):
    target = tmp_path / "for-ms-project"
    monkeypatch.setattr(dialogs, "choose_export_file", lambda *_a: target)
    menu = page.export_button.menu()
    action = next(a for a in menu.actions() if a.text() == "As MS Project XML…")
    action.trigger()
    written = tmp_path / "for-ms-project.xml"
    plan = io_plans.read_plan(written)
    dated = [item for item in page.roadmap.items if item.start is not None]
    assert len([task for task in plan.tasks if not task.summary]) == len(dated)


def test_at_laptop_width_the_export_menu_is_offered_from_more(qtbot, page, tmp_path, monkeypatch):
    page.resize(1024, 700)
    page.show()
    qtbot.waitExposed(page)
    assert page.export_button in page.actions_row.overflowing()
    target = tmp_path / "from-more.xml"
    monkeypatch.setattr(dialogs, "choose_export_file", lambda *_a: target)
    menu = page.actions_row.more.menu()
    menu.aboutToShow.emit()  # what opening "More" does (a real popup cannot open offscreen)
    submenu = next(a.menu() for a in menu.actions() if a.text() == "Export…")
    assert [a.text() for a in submenu.actions()] == [
        "Chart as PNG, SVG or PDF…",
        "As MS Project XML…",
    ]
    next(a for a in submenu.actions() if a.text() == "As MS Project XML…").trigger()
    assert io_plans.read_plan(target).tasks
