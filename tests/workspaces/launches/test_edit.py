"""Launch and task rules: what a PM may type, and every bad input refused with a sentence
while the project stays as it was."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pmdesk.errors import ValidationError
from pmdesk.interchange.project_json import dump_project
from pmdesk.workspaces.launches import edit
from pmdesk.workspaces.launches.model import Launch, LaunchTask
from pmdesk.workspaces.launches.query import plans
from pmdesk.workspaces.roadmap.model import RoadmapItem

TODAY = date(2026, 11, 25)
SPRING = "Spring launch: offline technician app"


def _launch(session, name: str = SPRING) -> Launch:
    return session.scalars(select(Launch).where(Launch.name == name)).one()


def _task(session, title: str, launch: Launch) -> LaunchTask:
    query = select(LaunchTask).where(LaunchTask.title == title, LaunchTask.launch_id == launch.id)
    return session.scalars(query).one()


@pytest.mark.parametrize(
    ("typed", "offset"),
    [
        ("L-14", -14),
        ("L−14", -14),  # a real minus sign, as the table shows it
        ("L–14", -14),  # an en dash, pasted from a word processor
        ("l - 3", -3),
        ("-21", -21),
        ("L", 0),
        ("L-day", 0),
        ("L+0", 0),
        ("2027-04-04", -10),  # a date, read against launch day
        (-7, -7),
    ],
)
def test_due_dates_are_read_as_a_pm_writes_them(typed, offset):
    assert edit.parse_offset(typed, "The due date", date(2027, 4, 14)) == offset


@pytest.mark.parametrize("typed", ["L-", "soon", "L14x", "14 days", ""])
def test_a_due_date_that_cannot_be_read_says_how_to_write_it(typed):
    with pytest.raises(ValidationError, match="must be written like L−14"):
        edit.parse_offset(typed, "The due date", date(2027, 4, 14))


def test_a_task_due_after_launch_day_is_refused_and_nothing_changes(sample_document):
    session = sample_document.session
    launch = _launch(session)
    task = _task(session, "Pricing page live", launch)
    before = dump_project(session)
    with pytest.raises(ValidationError) as refused:
        edit.update_task(session, task.id, date(2027, 4, 14), offset_days="L+3")
    assert str(refused.value) == (
        "“Pricing page live” would be due 3 days after launch day (L+3); a readiness task must "
        "be done on or before launch day."
    )
    session.rollback()
    assert dump_project(session) == before


def test_a_date_typed_after_launch_day_is_refused_too(sample_document):
    session = sample_document.session
    task = _task(session, "Release notes", _launch(session))
    with pytest.raises(ValidationError, match="would be due 1 day after launch day"):
        edit.update_task(session, task.id, date(2027, 4, 14), offset_days="2027-04-15")


def test_a_launch_with_no_date_is_refused(sample_document):
    session = sample_document.session
    before = dump_project(session)
    values = {"id": "0c6f6f0e-6d7e-4a51-9d8e-3c2b1a000001", "name": "Winter promo", "tier": "minor"}
    with pytest.raises(ValidationError, match="The launch date is needed: a launch must have"):
        edit.create_launch(session, values, [])
    session.rollback()
    assert dump_project(session) == before


def test_a_launch_cannot_follow_a_feature_or_an_undated_item(sample_document):
    session = sample_document.session
    launch = _launch(session)
    feature = session.scalars(select(RoadmapItem).where(RoadmapItem.kind == "feature")).first()
    with pytest.raises(ValidationError, match="is not a release or a milestone"):
        edit.link_item(session, launch.id, feature.id)
    feature.kind, feature.start, feature.end = "release", None, None
    session.commit()
    with pytest.raises(ValidationError, match="has no dates on the roadmap yet"):
        edit.link_item(session, launch.id, feature.id)


def test_go_no_go_after_launch_day_is_refused(sample_document):
    session = sample_document.session
    launch = _launch(session)
    with pytest.raises(ValidationError, match="would come 2 days after launch day"):
        edit.update_launch(session, launch.id, date(2027, 4, 14), go_no_go_offset="L+2")
    previous = edit.update_launch(session, launch.id, date(2027, 4, 14), go_no_go_offset="L-10")
    assert previous == {"go_no_go_offset": -7} and _launch(session).go_no_go_offset == -10


def test_moving_the_roadmap_milestone_re_dates_every_task_and_undoing_it_puts_them_back(
    sample_document,
):
    from pmdesk.workspaces.roadmap import edit as roadmap_edit

    session = sample_document.session
    launch = _launch(session)
    before = next(p for p in plans(session, TODAY) if p.launch.id == launch.id).readiness
    assert before.launch_day == date(2027, 4, 14)
    item_id = launch.roadmap_item_id
    old = roadmap_edit.set_item_dates(session, item_id, date(2027, 5, 5), date(2027, 5, 5))
    after = next(p for p in plans(session, TODAY) if p.launch.id == launch.id).readiness
    assert after.launch_day == date(2027, 5, 5)
    assert after.go_no_go_day == date(2027, 4, 28)
    due_before = {task.id: task.due for task in before.tasks}
    assert {task.id: task.due - due_before[task.id] for task in after.tasks} == {
        task.id: timedelta(days=21) for task in before.tasks
    }
    roadmap_edit.set_item_dates(session, item_id, *old)
    again = next(p for p in plans(session, TODAY) if p.launch.id == launch.id).readiness
    assert again == before


def test_a_launch_keeps_its_day_when_its_release_is_deleted(sample_document):
    from pmdesk.domain import records

    session = sample_document.session
    launch = _launch(session, "Dispatch 3.0 with auto-dispatch")
    item_id = launch.roadmap_item_id
    removal = records.remove(session, RoadmapItem, [item_id])
    launch = _launch(session, "Dispatch 3.0 with auto-dispatch")
    assert launch.roadmap_item_id is None
    plan = next(p for p in plans(session, TODAY) if p.launch.id == launch.id)
    assert plan.readiness.launch_day == date(2027, 3, 26) and plan.follows == ""
    assert len(plan.tasks) == 13
    records.restore(session, removal)
    assert _launch(session, "Dispatch 3.0 with auto-dispatch").roadmap_item_id == item_id


def test_linking_and_unlinking_never_moves_the_launch(sample_document):
    session = sample_document.session
    launch = _launch(session)
    edit.link_item(session, launch.id, None)
    assert _launch(session).target_date == date(2027, 4, 14)
    release = session.get(RoadmapItem, "0ba70303-a7f4-571e-b500-c15adf89413a")  # Dispatch 3.0
    edit.link_item(session, launch.id, release.id)
    assert _launch(session).target_date == date(2027, 3, 26)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "  ", "A task cannot be empty."),
        ("status", "finished", "The status must be one of to do, in progress, blocked, done"),
        ("department", "HR", "The department must be one of marketing, sales"),
        ("offset_days", "L-400", "a launch plan reaches back at most 365 days"),
        ("owner_id", "5d3f4c2e-0000-4000-8000-000000000000", "That owner is no longer among"),
    ],
)
def test_bad_task_values_are_refused_with_a_sentence(sample_document, field, value, message):
    session = sample_document.session
    task = _task(session, "Order flow tested", _launch(session))
    with pytest.raises(ValidationError, match=message):
        edit.update_task(session, task.id, date(2027, 4, 14), **{field: value})


def test_statuses_and_departments_are_read_from_what_the_table_shows(sample_document):
    session = sample_document.session
    task = _task(session, "Order flow tested", _launch(session))
    edit.update_task(session, task.id, date(2027, 4, 14), status="In progress")
    edit.update_task(session, task.id, date(2027, 4, 14), department="support and service")
    assert (task.status, task.department) == ("in_progress", "support")
