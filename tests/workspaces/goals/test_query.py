"""The Goals tree reads each key result's latest check-in only: what it shows must be what the
whole record would show, whatever a file edited elsewhere holds."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, text

from pmdesk.workspaces.goals.model import CheckIn, KeyResult
from pmdesk.workspaces.goals.query import (
    load_goals,
    with_all_check_ins,
    with_check_ins_refreshed,
)
from pmdesk.workspaces.goals.values import latest_check_ins

TODAY = date(2026, 12, 1)
ARR = "Annual recurring revenue"


def _results(goals):
    return [result for objective in goals.objectives for result in objective.key_results]


def _same_as_the_whole_record(session) -> None:
    full, latest = load_goals(session, TODAY), load_goals(session, TODAY, all_check_ins=False)
    for whole, light in zip(_results(full), _results(latest), strict=True):
        assert light.judgement == whole.judgement, whole.metric
        assert light.check_ins == whole.check_ins[-1:] and not light.all_check_ins
        loaded = with_all_check_ins(session, latest, light.id).key_result(light.id)
        assert loaded is not None and loaded.check_ins == whole.check_ins and loaded.all_check_ins
        assert loaded.judgement == whole.judgement
    assert latest_check_ins(session) == {
        result.id: result.check_ins[-1].on_date for result in _results(full) if result.check_ins
    }


def test_the_latest_check_in_and_judgement_match_the_whole_record(sample_document):
    _same_as_the_whole_record(sample_document.session)


def test_ties_on_a_day_and_values_that_are_not_numbers_are_judged_as_the_whole_record_would(
    sample_document,
):
    session = sample_document.session
    arr = session.scalars(select(KeyResult).where(KeyResult.metric == ARR)).one()
    rows = session.scalars(
        select(CheckIn).where(CheckIn.key_result_id == arr.id).order_by(CheckIn.on_date.desc())
    ).all()
    latest, before, earlier = rows[0], rows[1], rows[2]
    # A file edited elsewhere: text and infinities where numbers belong, two check-ins on one
    # day that only the order they were added in tells apart.
    for statement, values in (
        ("UPDATE goal_check_ins SET value = 'lots' WHERE id = :id", {"id": latest.id}),
        ("UPDATE goal_check_ins SET value = 9e999 WHERE id = :id", {"id": before.id}),
        (
            "UPDATE goal_check_ins SET on_date = :day, created_at = '2030-01-01 00:00:00.000000'"
            " WHERE id = :id",
            {"id": rows[3].id, "day": earlier.on_date.isoformat()},
        ),
    ):
        session.execute(text(statement), values)
    session.expire_all()
    _same_as_the_whole_record(session)
    light = load_goals(session, TODAY, all_check_ins=False)
    shown = next(r for r in _results(light) if r.id == arr.id)
    assert shown.check_ins[0].id == rows[3].id  # the one added last on that day


def test_a_check_in_added_to_a_key_result_read_for_the_tree_reads_its_whole_record(
    sample_document,
):
    session = sample_document.session
    light = load_goals(session, TODAY, all_check_ins=False)
    arr = next(r for r in _results(light) if r.metric == ARR)
    refreshed = with_check_ins_refreshed(session, light, arr.id, set())
    whole = next(r for r in _results(load_goals(session, TODAY)) if r.id == arr.id)
    assert refreshed.key_result(arr.id).check_ins == whole.check_ins
