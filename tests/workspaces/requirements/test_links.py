"""Requirements on the roadmap: links, the "not on the roadmap" gap, and removal with undo."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.store.document import Document
from pmdesk.workspaces.requirements import edit, query
from pmdesk.workspaces.requirements.links import (
    RequirementRoadmapLink,
    link_roadmap_item,
    roadmap_item_titles,
    unlink_roadmap_item,
)
from pmdesk.workspaces.roadmap.model import RoadmapItem, RoadmapLane


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


@pytest.fixture
def plan(session):
    lane = RoadmapLane(name="Technician app")
    session.add(lane)
    session.flush()
    spring = RoadmapItem(lane_id=lane.id, title="Offline mode", start=date(2027, 3, 1))
    parked = RoadmapItem(lane_id=lane.id, title="Van stock")
    session.add_all([spring, parked])
    session.commit()
    offline = edit.add_requirement(session, {"title": "Offline job sheets", "status": "accepted"})
    sso = edit.add_requirement(session, {"title": "Single sign-on", "status": "accepted"})
    signal = edit.add_input(session, {"quote": "No signal.", "customer": "Turner"})
    edit.link_evidence(session, signal, offline)
    return {
        "spring": spring.id,
        "parked": parked.id,
        "offline": offline,
        "sso": sso,
        "signal": signal,
    }


def _links(session) -> int:
    return session.scalar(select(func.count()).select_from(RequirementRoadmapLink))


def test_a_linked_requirement_leaves_the_not_on_roadmap_gap(session, plan):
    assert {row.title for row in query.requirements_not_on_roadmap(session)} == {
        "Offline job sheets",
        "Single sign-on",
    }
    link_roadmap_item(session, plan["offline"], plan["spring"])
    assert [row.title for row in query.requirements_not_on_roadmap(session)] == ["Single sign-on"]
    rows = {row.title: row for row in query.requirement_rows(session)}
    assert rows["Offline job sheets"].roadmap_count == 1


def test_shipped_and_declined_requirements_are_not_unplanned(session, plan):
    edit.update_requirement(session, plan["sso"], status="shipped")
    edit.update_requirement(session, plan["offline"], status="declined")
    assert query.requirements_not_on_roadmap(session) == []


def test_the_same_item_is_linked_once(session, plan):
    link_roadmap_item(session, plan["offline"], plan["spring"])
    with pytest.raises(ValidationError, match="already delivers this requirement"):
        link_roadmap_item(session, plan["offline"], plan["spring"])
    assert _links(session) == 1


def test_linking_a_removed_roadmap_item_is_refused(session, plan):
    records.remove(session, RoadmapItem, [plan["parked"]])
    with pytest.raises(ValidationError, match="That roadmap item no longer exists"):
        link_roadmap_item(session, plan["offline"], plan["parked"])
    assert _links(session) == 0


def test_removing_a_roadmap_item_unlinks_it_and_restore_relinks(session, plan):
    link_roadmap_item(session, plan["offline"], plan["spring"])
    removal = records.remove(session, RoadmapItem, [plan["spring"]])
    assert _links(session) == 0
    assert "Offline job sheets" in {r.title for r in query.requirements_not_on_roadmap(session)}
    records.restore(session, removal)
    assert query.roadmap_items_of_requirement(session, plan["offline"]) == ["Offline mode"]


def test_removing_a_requirement_takes_evidence_and_roadmap_links_in_one_removal(session, plan):
    link_roadmap_item(session, plan["offline"], plan["spring"])
    assert _links(session) == 1
    removal = edit.remove_requirements(session, [plan["offline"]])
    assert _links(session) == 0
    assert query.inputs_without_requirements(session)[0].id == plan["signal"]
    records.restore(session, removal)
    assert _links(session) == 1
    assert query.inputs_without_requirements(session) == []


def test_unlinking_can_be_restored(session, plan):
    link_roadmap_item(session, plan["offline"], plan["spring"])
    removal = unlink_roadmap_item(session, plan["offline"], plan["spring"])
    assert _links(session) == 0
    records.restore(session, removal)
    assert _links(session) == 1


def test_traceability_reaches_the_roadmap_and_back(session, plan):
    link_roadmap_item(session, plan["offline"], plan["spring"])
    trace = query.traceability(session)
    assert trace.items_of_requirement[plan["offline"]] == [plan["spring"]]
    assert trace.requirements_of_item[plan["spring"]] == [plan["offline"]]
    assert trace.inputs_of_requirement[plan["offline"]] == [plan["signal"]]
    assert list(roadmap_item_titles(session).values()) == ["Offline mode", "Van stock"]
