"""A tracker's epics and stories as a plan, the preview's outline, where the plan goes (new
lanes, lanes of the same name, one chosen lane), owners added as stakeholders, and undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pmdesk.errors import InterchangeError
from pmdesk.interchange.project_json import dump_project
from pmdesk.store.document import Document
from pmdesk.workspaces.roadmap import io_plans
from pmdesk.workspaces.roadmap.io_tracker import read_plan_file
from pmdesk.workspaces.roadmap.model import RoadmapDependency, RoadmapItem, RoadmapLane
from pmdesk.workspaces.stakeholders.model import Stakeholder

JIRA = Path(__file__).parent / "files" / "jira-epics.csv"


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_epics_become_lanes_and_stories_keep_dates_links_sprints_and_releases(session):
    session.add(Stakeholder(name="Ana Ruiz"))
    session.commit()
    plan = read_plan_file(JIRA)
    done = io_plans.import_plan(session, plan)
    lanes = {lane.id: lane.name for lane in session.scalars(select(RoadmapLane))}
    assert sorted(lanes[i] for i in done.lanes) == [
        "Technician app",
        "Warranty claims",
        "jira-epics",
    ]
    items = {item.title: item for item in session.scalars(select(RoadmapItem))}
    offline = items["Offline job list"]
    assert lanes[offline.lane_id] == "Technician app"
    assert (offline.start, offline.end) == (date(2026, 1, 5), date(2026, 1, 30))
    assert offline.status == "done" and offline.progress == 100
    assert offline.owner_id is not None  # Ana Ruiz is a stakeholder
    assert offline.tags == "sprint:Sprint 1, release:2.0"
    assert items["Photo upload"].tags == "sprint:Sprint 3, release:2.0, owner:Marc Blum"
    claim = items["Claim form"]  # only a due date: a one-day item on it
    assert (claim.start, claim.end) == (date(2026, 5, 15), date(2026, 5, 15))
    assert items["Public launch"].kind == "milestone"
    assert items["Pricing research"].start is None  # no dates: the parking lot
    (link,) = session.scalars(select(RoadmapDependency))
    assert (link.predecessor_id, link.successor_id) == (offline.id, items["Photo upload"].id)


def test_the_outline_says_what_each_choice_of_lanes_creates(session):
    session.add(RoadmapLane(name="Warranty claims", color="#2f6fb0", position=1))
    session.commit()
    plan = read_plan_file(JIRA)
    same = io_plans.outline_plan(session, plan, io_plans.SAME_NAME)
    assert same.new_lanes == ["Technician app", "jira-epics"]
    assert same.existing_lanes == ["Warranty claims"]
    assert (same.items, same.milestones, same.undated, same.dependencies) == (5, 1, 1, 1)
    assert same.new_owners == ["Ana Ruiz", "Marc Blum", "Lee Chen"]
    fresh = io_plans.outline_plan(session, plan, io_plans.NEW_LANES)
    assert fresh.new_lanes == ["Technician app", "Warranty claims", "jira-epics"]
    lane_id = session.scalar(select(RoadmapLane.id))
    one = io_plans.outline_plan(session, plan, lane_id)
    assert one.new_lanes == [] and one.existing_lanes == ["Warranty claims"]
    assert one.items == 7  # the epics are items too when everything goes into one lane


def test_all_into_one_lane_with_owners_added_and_undone_exactly(session):
    session.add(RoadmapLane(name="Platform", color="#2f6fb0", position=1))
    session.commit()
    before = dump_project(session)
    lane_id = session.scalar(select(RoadmapLane.id))
    done = io_plans.import_plan(session, read_plan_file(JIRA), lane_id, add_owners=True)
    assert _count(session, RoadmapLane) == 1
    assert {item.lane_id for item in session.scalars(select(RoadmapItem))} == {lane_id}
    names = set(session.scalars(select(Stakeholder.name)))
    assert names == {"Ana Ruiz", "Marc Blum", "Lee Chen"}
    photo = session.scalars(select(RoadmapItem).where(RoadmapItem.title == "Photo upload")).one()
    assert photo.owner_id is not None and "owner:" not in photo.tags
    io_plans.undo_plan_import(session, done)
    assert dump_project(session) == before


def test_a_table_without_titles_is_not_a_plan(session, tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text("Cost centre;Amount\nR&D;1.000\n", encoding="utf-8")
    with pytest.raises(InterchangeError) as error:
        read_plan_file(path)
    assert str(error.value) == (
        "“budget.csv” has no column for the title (Summary, Title or Name), so it is not a "
        "list of epics and stories."
    )


def test_a_tracker_plan_whose_story_ends_before_it_starts_is_refused(session, tmp_path):
    path = tmp_path / "stories.csv"
    path.write_text("Summary,Start date,Due date\nBackwards,2026-03-10,2026-03-02\n", "utf-8")
    with pytest.raises(InterchangeError) as error:
        read_plan_file(path)
    assert str(error.value) == (
        "In “stories.csv”, the task “Backwards” ends (2026-03-02) before it starts (2026-03-10)."
    )


def test_a_jira_cloud_export_names_parents_by_issue_id(session, tmp_path):
    path = tmp_path / "jira-cloud.csv"
    path.write_text(
        "Summary,Issue key,Issue id,Parent,Issue Type,Due date\n"
        "Route planning,RP-1,10001,,Initiative,\n"
        "Map view,RP-2,10002,10001,Story,03/Mar/26 5:00 PM\n",
        encoding="utf-8",
    )
    io_plans.import_plan(session, read_plan_file(path))
    item = session.scalars(select(RoadmapItem)).one()
    assert item.title == "Map view" and item.end == date(2026, 3, 3)
    assert session.get(RoadmapLane, item.lane_id).name == "Route planning"
