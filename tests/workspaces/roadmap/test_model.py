"""Roadmap editing rules: dates, words, milestones, lanes, markers, and refusals that keep data."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.workspaces.roadmap import edit
from pmdesk.workspaces.roadmap.model import RoadmapItem, RoadmapLane, RoadmapMarker, split_tags


def _item(session, title: str) -> RoadmapItem:
    return session.scalars(select(RoadmapItem).where(RoadmapItem.title == title)).one()


def _lane(session, name: str) -> RoadmapLane:
    return session.scalars(select(RoadmapLane).where(RoadmapLane.name == name)).one()


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_the_sample_plans_four_quarters_from_october_2026_with_every_kind_and_status(
    sample_document,
):
    session = sample_document.session
    items = list(session.scalars(select(RoadmapItem)))
    assert 30 <= len(items) <= 50
    assert 4 <= _count(session, RoadmapLane) <= 6
    assert {item.kind for item in items} == {
        "initiative",
        "epic",
        "feature",
        "release",
        "milestone",
    }
    assert {item.status for item in items} == {
        "planned",
        "in_progress",
        "at_risk",
        "blocked",
        "done",
    }
    dated = [item for item in items if item.start is not None]
    assert min(item.start for item in dated) == date(2026, 10, 1)
    assert max(item.end for item in dated) <= date(2027, 9, 30)
    assert any(item.start is None for item in items)  # the parking lot is not empty
    assert edit.fiscal_year_start(session) == 10


def test_an_item_ending_before_it_starts_is_refused_and_nothing_changes(sample_document):
    session = sample_document.session
    item = _item(session, "Route optimisation v1")
    with pytest.raises(ValidationError) as caught:
        edit.update_item(session, item.id, end=date(2027, 1, 15))
    assert str(caught.value) == (
        "“Route optimisation v1” would end (15 Jan 2027) before it starts (1 Feb 2027)."
    )
    session.rollback()
    assert (item.start, item.end) == (date(2027, 2, 1), date(2027, 4, 30))


@pytest.mark.parametrize("year", [1, 9999])
def test_dates_far_outside_any_sensible_range_are_refused(sample_document, year):
    session = sample_document.session
    item = _item(session, "Route optimisation v1")
    far = date(year, 6, 1)
    with pytest.raises(ValidationError) as caught:
        edit.set_item_dates(session, item.id, far, far)
    assert str(caught.value) == (
        f"The start date ({far.isoformat()}) is outside the years a roadmap can show "
        "(1990 to 2100)."
    )
    session.rollback()
    assert item.start == date(2027, 2, 1)
    with pytest.raises(ValidationError, match="outside the years"):
        edit.add_marker(session, "Far away", far)
    assert _count(session, RoadmapMarker) == 5


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "  ", "The title cannot be empty."),
        (
            "status",
            "finished",
            "The status must be one of planned, in progress, at risk, "
            "blocked, done; “finished” is not.",
        ),
        (
            "kind",
            "story",
            "The kind must be one of initiative, epic, feature, release, "
            "milestone; “story” is not.",
        ),
        ("progress", "120", "Progress must be a percentage from 0 to 100, not “120”."),
        ("start", "31/01/2027", "The start date must be a date like 2027-03-31, not “31/01/2027”."),
    ],
)
def test_bad_field_values_are_refused_with_a_sentence(sample_document, field, value, message):
    session = sample_document.session
    item = _item(session, "Job checklists")
    before = records.get(session, RoadmapItem, item.id).__dict__.copy()
    with pytest.raises(ValidationError) as caught:
        edit.update_item(session, item.id, **{field: value})
    assert str(caught.value) == message
    session.rollback()
    assert getattr(item, field) == before[field]


def test_typed_values_are_understood(sample_document):
    session = sample_document.session
    item = _item(session, "Job checklists")
    edit.update_item(session, item.id, status="At risk", progress="40%", tags="a, b, A, , c")
    assert (item.status, item.progress, item.tags) == ("at_risk", 40, "a, b, c")


def test_a_milestone_has_one_date_and_an_item_needs_both_dates_or_none(sample_document):
    session = sample_document.session
    lane = _lane(session, "Go-to-market")
    milestone = edit.add_item(session, lane.id, "Press day", kind="milestone", start="2027-05-04")
    record = records.get(session, RoadmapItem, milestone)
    assert record.start == record.end == date(2027, 5, 4)
    edit.update_item(session, milestone, start=date(2027, 5, 11))  # moving keeps it one day
    assert record.start == record.end == date(2027, 5, 11)
    with pytest.raises(ValidationError, match="needs both a start and an end date, or neither"):
        edit.add_item(session, lane.id, "Half dated", start="2027-05-04")
    parked = edit.add_item(session, lane.id, "Someday")
    assert records.get(session, RoadmapItem, parked).start is None
    # turning a bar into a milestone lands it on its end date
    feature = _item(session, "Job checklists")
    edit.update_item(session, feature.id, kind="milestone")
    assert feature.start == feature.end == date(2027, 3, 12)


def test_a_drag_writes_one_row_and_returns_what_undo_needs(sample_document):
    session = sample_document.session
    item = _item(session, "Route optimisation v1")
    other = _item(session, "Dispatch 3.0")
    other_stamp = other.updated_at
    previous = edit.set_item_dates(session, item.id, date(2027, 2, 8), date(2027, 5, 7))
    assert previous == (date(2027, 2, 1), date(2027, 4, 30))
    assert (item.start, item.end) == (date(2027, 2, 8), date(2027, 5, 7))
    assert other.updated_at == other_stamp
    edit.set_item_dates(session, item.id, *previous)
    assert (item.start, item.end) == (date(2027, 2, 1), date(2027, 4, 30))


def test_lanes_are_ordered_coloured_and_collapsible(sample_document):
    session = sample_document.session
    order = edit.lane_ids_in_order(session)
    new = edit.add_lane(session, "Data & AI")
    assert edit.lane_ids_in_order(session) == [*order, new]
    previous = edit.set_lane_order(session, [new, *order])
    assert previous == [*order, new]
    assert edit.lane_ids_in_order(session)[0] == new
    edit.update_lane(session, new, color="#AA3300", collapsed=True)
    lane = records.get(session, RoadmapLane, new)
    assert (lane.color, lane.collapsed) == ("#aa3300", True)
    with pytest.raises(ValidationError, match="A lane colour must look like #3a6ea5"):
        edit.update_lane(session, new, color="red")
    with pytest.raises(ValidationError, match="A lane name cannot be empty"):
        edit.add_lane(session, " ")


def test_removing_a_lane_takes_its_items_and_undo_brings_them_back(sample_document):
    session = sample_document.session
    lane = _lane(session, "Technician app")
    before = _count(session, RoadmapItem)
    removal = records.remove(session, RoadmapLane, [lane.id])
    assert _count(session, RoadmapItem) == before - 11
    records.restore(session, removal)
    assert _count(session, RoadmapItem) == before


def test_fiscal_year_start_is_a_month(sample_document):
    session = sample_document.session
    assert edit.set_fiscal_year_start(session, 4) == 10
    assert edit.fiscal_year_start(session) == 4
    with pytest.raises(ValidationError, match="from 1 to 12, not 13"):
        edit.set_fiscal_year_start(session, 13)
    assert edit.fiscal_year_start(session) == 4


def test_tags_split_trimmed_without_repeats():
    assert split_tags(" mobile, Offline ,, offline, beta") == ["mobile", "Offline", "beta"]


def test_the_roadmap_survives_a_dump_and_load_round_trip(sample_document):
    from pmdesk.interchange.project_json import dump_project, load_project
    from pmdesk.store.document import Document

    data = dump_project(sample_document.session)
    assert sorted(data["roadmap"]) == [
        "baseline_items",
        "baselines",
        "dependencies",
        "items",
        "lanes",
        "markers",
        "settings",
    ]
    copy = Document.new()
    try:
        load_project(copy.session, data, "the dump")
        assert dump_project(copy.session)["roadmap"] == data["roadmap"]
    finally:
        copy.close()


def test_a_dump_whose_item_points_at_a_missing_lane_is_refused_and_nothing_changes(
    sample_document,
):
    from pmdesk.errors import InterchangeError
    from pmdesk.interchange.project_json import dump_project, load_project

    session = sample_document.session
    data = dump_project(session)
    before = _count(session, RoadmapItem)
    data["roadmap"]["items"][0]["lane_id"] = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(InterchangeError, match=r"roadmap\.items\[0\]\.lane_id refers to"):
        load_project(session, data, "the dump")
    assert _count(session, RoadmapItem) == before
