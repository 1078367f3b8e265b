"""Dependencies and their loops, late items, Now / Next / Later, baselines and slips."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.workspaces.roadmap import edit
from pmdesk.workspaces.roadmap.baselines import baseline_dates, save_baseline, slips
from pmdesk.workspaces.roadmap.links import add_dependency, remove_dependency, restore_dependency
from pmdesk.workspaces.roadmap.model import RoadmapBaselineItem, RoadmapDependency, RoadmapItem
from pmdesk.workspaces.roadmap.plan import (
    Item,
    broken_dependencies,
    horizon_of,
    is_late,
    load_roadmap,
    now_next_later,
)

TODAY = date(2026, 11, 25)


def _id(session, title: str) -> str:
    return session.scalar(select(RoadmapItem.id).where(RoadmapItem.title == title))


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_a_dependency_that_would_close_a_loop_is_refused_naming_the_loop(sample_document):
    session = sample_document.session
    before = _count(session, RoadmapDependency)
    # Job checklists -> App store submission -> Technician app 2.0 -> Offline app launch
    with pytest.raises(ValidationError) as caught:
        add_dependency(session, _id(session, "Offline app launch"), _id(session, "Job checklists"))
    assert str(caught.value) == (
        "“Job checklists” cannot depend on “Offline app launch”: that would make a loop, "
        "“Job checklists” → “App store submission” → “Technician app 2.0 (offline)” → "
        "“Offline app launch” → “Job checklists”. Remove one of those dependencies first."
    )
    assert _count(session, RoadmapDependency) == before


def test_self_and_repeated_dependencies_are_refused(sample_document):
    session = sample_document.session
    launch = _id(session, "Offline app launch")
    with pytest.raises(ValidationError, match="cannot depend on itself"):
        add_dependency(session, launch, launch)
    with pytest.raises(ValidationError, match="already depends on"):
        add_dependency(
            session, _id(session, "Job checklists"), _id(session, "App store submission")
        )


def test_a_dependency_can_be_added_removed_and_put_back(sample_document):
    session = sample_document.session
    before, after = _id(session, "Xero sync"), _id(session, "Reporting across branches")
    link = add_dependency(session, before, after)
    assert remove_dependency(session, link) == (before, after)
    restore_dependency(session, link, before, after)
    assert records.get(session, RoadmapDependency, link).successor_id == after


def test_an_item_starting_before_what_it_depends_on_ends_is_flagged(sample_document):
    session = sample_document.session
    broken = broken_dependencies(load_roadmap(session))
    assert [link.sentence() for link in broken] == [
        "“Arrival text with live ETA” starts 19 days before “Emergency call-out slotting”, "
        "which it depends on, ends."
    ]
    # dragging onto a date that breaks a dependency is allowed, and then flagged
    edit.set_item_dates(session, _id(session, "Dispatch 3.0"), date(2027, 1, 11), date(2027, 1, 22))
    flagged = {link.successor.title for link in broken_dependencies(load_roadmap(session))}
    assert flagged == {"Arrival text with live ETA", "Dispatch 3.0"}


def test_items_past_their_end_and_not_done_are_late():
    late = Item(
        "a", "l", "Late", start=date(2026, 10, 1), end=date(2026, 11, 20), status="in_progress"
    )
    finished = Item(
        "b", "l", "Done", start=date(2026, 10, 1), end=date(2026, 11, 20), status="done"
    )
    ends_today = Item("c", "l", "Today", start=date(2026, 10, 1), end=TODAY)
    undated = Item("d", "l", "Parked")
    assert [is_late(item, TODAY) for item in (late, finished, ends_today, undated)] == [
        True,
        False,
        False,
        False,
    ]


def test_the_sample_has_late_items_without_anyone_marking_them(sample_document):
    roadmap = load_roadmap(sample_document.session)
    late = sorted(item.title for item in roadmap.items if is_late(item, TODAY))
    assert late == ["Sync conflict resolution"]


def test_now_next_later_follows_fiscal_quarters():
    # FY starting October: today (25 Nov 2026) is in Q1 (Oct-Dec); Next is Jan-Mar 2027.
    def where(start: str, end: str, status: str = "planned") -> str | None:
        item = Item(
            "x",
            "l",
            "X",
            start=date.fromisoformat(start),
            end=date.fromisoformat(end),
            status=status,
        )
        return horizon_of(item, TODAY, fiscal_start=10)

    assert where("2026-12-01", "2027-02-01") == "now"
    assert where("2027-01-04", "2027-02-01") == "next"
    assert where("2027-04-01", "2027-05-01") == "later"
    assert where("2027-04-01", "2027-05-01", "in_progress") == "now"
    assert where("2026-10-01", "2026-10-20", "done") is None
    assert horizon_of(Item("y", "l", "Parked", horizon="next"), TODAY, 10) == "next"
    # with a calendar fiscal year, January 2027 is already two quarters out: Later
    item = Item("z", "l", "Z", start=date(2027, 4, 1), end=date(2027, 5, 1))
    assert horizon_of(item, TODAY, fiscal_start=1) == "later"
    assert horizon_of(item, date(2027, 2, 1), fiscal_start=1) == "next"


def test_the_board_columns_hold_every_open_item_once(sample_document):
    roadmap = load_roadmap(sample_document.session)
    columns = now_next_later(roadmap, TODAY)
    shown = [item.id for column in columns.values() for item in column]
    assert len(shown) == len(set(shown))
    hidden = {item.title for item in roadmap.items} - {
        item.title for column in columns.values() for item in column
    }
    assert hidden == {
        "Photos and signature on completion",
        "Drag-and-drop reschedule",
        "Import from the leading suites",
        "Pricing tiers refresh",
        "New pricing live",
    }
    assert "Voice notes turned into job notes" in {item.title for item in columns["next"]}


def test_the_sample_baseline_shows_what_slipped_and_by_how_much(sample_document):
    session = sample_document.session
    baseline = load_roadmap(session).baselines[0]
    assert baseline.name == "FY27 plan as approved"
    changes = slips(session, baseline.id)
    slipped = [slip.sentence() for slip in changes if slip.change == "slipped"]
    assert slipped == [
        "“Payments GA” slipped 4 weeks.",
        "“Customer financing at checkout” slipped 2 weeks.",
        "“Emergency call-out slotting” slipped 2 weeks.",
        "“Sync conflict resolution” slipped 2 weeks.",
        "“Tap-to-pay on phone” slipped 2 weeks.",
        "“Two-way QuickBooks sync” slipped 2 weeks.",
    ]
    kinds = {slip.title: slip.change for slip in changes}
    assert kinds["Pricing tiers refresh"] == "pulled_in"
    assert kinds["Xero sync"] == kinds["Distributor partnership pilot"] == "added"
    assert kinds["Customer satisfaction survey in app"] == "removed"


def test_a_new_baseline_copies_every_item_and_slips_start_at_zero(sample_document):
    session = sample_document.session
    items = _count(session, RoadmapItem)
    baseline = save_baseline(session, "  After the board meeting ")
    assert _count(session, RoadmapBaselineItem) == 45 + items
    assert all(slip.change == "unchanged" for slip in slips(session, baseline))
    moved = _id(session, "Route optimisation v1")
    edit.set_item_dates(session, moved, date(2027, 2, 1), date(2027, 5, 3))
    changed = [slip for slip in slips(session, baseline) if slip.change != "unchanged"]
    assert [(slip.title, slip.days) for slip in changed] == [("Route optimisation v1", 3)]
    assert changed[0].sentence() == "“Route optimisation v1” slipped 3 days."
    assert baseline_dates(session, baseline)[moved] == (date(2027, 2, 1), date(2027, 4, 30))
    with pytest.raises(ValidationError, match="A baseline needs a name"):
        save_baseline(session, "")


def test_reloading_the_items_an_edit_named_gives_what_a_full_load_gives(sample_document):
    from datetime import timedelta

    from pmdesk.domain import records
    from pmdesk.workspaces.roadmap.edit import set_item_dates
    from pmdesk.workspaces.roadmap.model import RoadmapItem
    from pmdesk.workspaces.roadmap.plan import load_roadmap, reload_items

    session = sample_document.session
    roadmap = load_roadmap(session)
    item = next(i for i in roadmap.items if i.dated)
    set_item_dates(session, item.id, item.start + timedelta(days=90), item.end + timedelta(days=90))
    assert reload_items(session, roadmap, {item.id}) == load_roadmap(session)
    # Rows removed without naming them: the count tells, and the whole roadmap is read.
    other = next(i for i in roadmap.items if i.id != item.id)
    records.remove(session, RoadmapItem, [other.id])
    assert reload_items(session, roadmap, {item.id}) is None


def test_reloading_edited_items_again_and_again_keeps_the_loaded_order(sample_document):
    from datetime import timedelta

    from pmdesk.workspaces.roadmap.edit import set_item_dates
    from pmdesk.workspaces.roadmap.plan import load_roadmap, reload_items

    session = sample_document.session
    roadmap = load_roadmap(session)
    dated = [i for i in roadmap.items if i.dated]
    first, last = dated[0], dated[-1]
    # The first item moves to the end and the last to the front, then both move again: each
    # reload starts from the one before, as the page's do.
    for days in (400, -400, 30):
        shift = timedelta(days=days)
        set_item_dates(session, first.id, first.start + shift, first.end + shift)
        set_item_dates(session, last.id, last.start - shift, last.end - shift)
        roadmap = reload_items(session, roadmap, {first.id, last.id})
        assert roadmap == load_roadmap(session)
        assert [i.id for i in roadmap.items_of({last.id, first.id, "no such id"})] == [
            i.id for i in roadmap.items if i.id in {first.id, last.id}
        ]
