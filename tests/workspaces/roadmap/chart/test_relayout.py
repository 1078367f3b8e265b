"""Laying out again after an edit from the picture shown gives what a fresh layout gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pmdesk.workspaces.roadmap.chart.layout import layout_timeline
from pmdesk.workspaces.roadmap.chart.relayout import relayout
from pmdesk.workspaces.roadmap.plan import load_roadmap

TODAY = date(2026, 11, 25)


def _edited(roadmap, item_id: str, **fields):
    items = [replace(i, **fields) if i.id == item_id else i for i in roadmap.items]
    items.sort(key=lambda i: (i.start is not None, i.start or date.min, i.title))
    return replace(roadmap, items=items)


def test_moving_resizing_and_relaning_items_matches_a_fresh_layout(sample_document):
    roadmap = load_roadmap(sample_document.session)
    lanes = [lane.id for lane in roadmap.lanes]
    shown = layout_timeline(roadmap, "quarter", TODAY)
    dated = [item for item in roadmap.items if item.dated]
    for number, item in enumerate(dated[:24]):
        days = timedelta(days=7 * (number % 5 - 2))
        fields = {"start": item.start + days, "end": item.end + days * (number % 2 + 1)}
        if fields["end"] < fields["start"]:
            fields["end"] = fields["start"]
        if number % 4 == 3:
            fields["lane_id"] = lanes[(lanes.index(item.lane_id) + 1) % len(lanes)]
        roadmap = _edited(roadmap, item.id, **fields)
        again = relayout(shown, roadmap, {item.id}, TODAY)
        fresh = layout_timeline(roadmap, "quarter", TODAY)
        if again is None:  # the span changed: the page lays out afresh
            assert (fresh.first, fresh.last) != (shown.first, shown.last)
            shown = fresh
            continue
        assert again == fresh
        shown = again


def test_parking_an_item_and_a_colour_or_baseline_option_follow(sample_document):
    roadmap = load_roadmap(sample_document.session)
    shown = layout_timeline(roadmap, "month", TODAY, colour_by="confidence")
    item = next(i for i in roadmap.items if i.dated and i.kind != "milestone")
    parked = _edited(roadmap, item.id, start=None, end=None)
    again = relayout(shown, parked, {item.id}, TODAY, colour_by="confidence")
    assert again == layout_timeline(parked, "month", TODAY, colour_by="confidence")
    assert item.id in {i.id for i in again.parked}
    # Other options than the picture shown was made with: lay out afresh.
    assert relayout(shown, parked, {item.id}, TODAY, colour_by="status") is None
    assert relayout(shown, parked, {item.id}, TODAY, baseline={}) is None
    assert relayout(shown, parked, {item.id}, TODAY + timedelta(days=1)) is None


def test_a_layout_of_chosen_lanes_or_dates_is_never_followed(sample_document):
    roadmap = load_roadmap(sample_document.session)
    item = next(i for i in roadmap.items if i.dated)
    some = layout_timeline(roadmap, "quarter", TODAY, lane_ids={roadmap.lanes[0].id})
    assert relayout(some, roadmap, {item.id}, TODAY) is None
    folded = replace(roadmap, lanes=[replace(roadmap.lanes[0], collapsed=True), *roadmap.lanes[1:]])
    shown = layout_timeline(roadmap, "quarter", TODAY)
    assert relayout(shown, folded, {item.id}, TODAY) is None  # the lanes changed


def test_breaking_and_mending_a_dependency_flags_both_ends(sample_document):
    roadmap = load_roadmap(sample_document.session)
    shown = layout_timeline(roadmap, "quarter", TODAY)
    items = roadmap.item_by_id()
    link = next(
        d
        for d in roadmap.dependencies
        if d.id not in {a.dependency_id for a in shown.arrows if a.broken}
        and items[d.predecessor_id].dated
        and items[d.successor_id].dated
    )
    before, after = items[link.predecessor_id], items[link.successor_id]
    length = after.end - after.start
    broken = _edited(roadmap, after.id, start=before.end, end=before.end + length)
    again = relayout(shown, broken, {after.id}, TODAY)
    assert again == layout_timeline(broken, "quarter", TODAY)
    assert next(a for a in again.arrows if a.dependency_id == link.id).broken
    assert again.bar_of(before.id).broken  # the end that did not move is flagged too
    mended = relayout(again, roadmap, {after.id}, TODAY)
    assert mended == shown  # moved back: flags and arrow as they were


def test_parking_and_unparking_a_linked_item_drops_and_brings_back_its_arrows(sample_document):
    roadmap = load_roadmap(sample_document.session)
    shown = layout_timeline(roadmap, "quarter", TODAY)
    drawn = {arrow.dependency_id: arrow for arrow in shown.arrows}
    link = next(d for d in roadmap.dependencies if d.id in drawn)
    item = roadmap.item_by_id()[link.successor_id]
    parked = _edited(roadmap, item.id, start=None, end=None)
    again = relayout(shown, parked, {item.id}, TODAY)
    assert again == layout_timeline(parked, "quarter", TODAY)
    assert link.id not in {arrow.dependency_id for arrow in again.arrows}
    back = relayout(again, roadmap, {item.id}, TODAY)
    assert back == shown
    assert next(a for a in back.arrows if a.dependency_id == link.id) == drawn[link.id]
    # Laid out again from there, an edit of another item still finds every arrow in place.
    other = next(i for i in roadmap.items if i.dated and i.id != item.id)
    later = _edited(roadmap, other.id, start=other.start + timedelta(days=7))
    assert relayout(back, later, {other.id}, TODAY) == layout_timeline(later, "quarter", TODAY)
