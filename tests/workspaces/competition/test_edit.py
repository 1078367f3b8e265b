"""Edits of the competitive matrix: validation, undo data, removal with usage, dump/load."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from pmdesk.errors import ValidationError
from pmdesk.interchange.project_json import dump_project, load_project
from pmdesk.store.document import Document
from pmdesk.workspaces.competition import cards, edit
from pmdesk.workspaces.competition.model import Competitor, Criterion, Rating


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


@pytest.fixture
def matrix(session):
    us = edit.add_competitor(session, "FieldLoop")
    rival = edit.add_competitor(session, "ServicePeak")
    edit.mark_us(session, us)
    category = edit.add_category(session, "Dispatch")
    speed = edit.add_criterion(session, category, "Auto dispatch", "score", 2)
    offline = edit.add_criterion(session, category, "Works offline", "yes_no", 1)
    edit.set_rating(session, us, speed, "5", source="Trial", as_of="2026-10-01")
    edit.set_rating(session, rival, speed, "3")
    edit.set_rating(session, rival, offline, "partial")
    return {"us": us, "rival": rival, "category": category, "speed": speed, "offline": offline}


def test_a_score_of_seven_is_refused_and_the_old_rating_stays(session, matrix):
    with pytest.raises(ValidationError, match="ServicePeak on “Auto dispatch” must be from 0 to 5"):
        edit.set_rating(session, matrix["rival"], matrix["speed"], "7")
    assert edit.rating_state(session, matrix["rival"], matrix["speed"]).value == "3"


def test_set_rating_keeps_evidence_and_returns_what_undo_needs(session, matrix):
    before = edit.set_rating(session, matrix["us"], matrix["speed"], "4")
    after = edit.rating_state(session, matrix["us"], matrix["speed"])
    assert after.value == "4" and after.source == "Trial" and after.as_of == date(2026, 10, 1)
    edit.restore_rating(session, matrix["us"], matrix["speed"], before)
    assert edit.rating_state(session, matrix["us"], matrix["speed"]) == before
    fresh = edit.set_rating(session, matrix["us"], matrix["offline"], "yes")
    assert fresh is None
    edit.restore_rating(session, matrix["us"], matrix["offline"], fresh)
    assert edit.rating_state(session, matrix["us"], matrix["offline"]) is None


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ("-1", "cannot be negative"),
        ("lots", "must be a number like 1 or 2.5, not “lots”"),
        ("1000.5", "must be at most 1000, not 1000.5"),
    ],
)
def test_bad_weights_leave_the_criterion_as_it_was(session, matrix, weight, message):
    with pytest.raises(ValidationError, match=message):
        edit.set_criterion_fields(session, matrix["speed"], weight=weight)
    assert session.get(Criterion, matrix["speed"]).weight == 2


def test_the_heaviest_weight_the_edit_accepts_is_one_the_file_rules_accept(session, matrix):
    edit.set_criterion_fields(session, matrix["speed"], weight="1000")
    data = dump_project(session)
    other = Document.new()
    try:
        load_project(other.session, data, "the dump")  # the file rules would refuse it here
        assert other.session.get(Criterion, matrix["speed"]).weight == 1000
    finally:
        other.close()


def test_changing_the_kind_is_refused_while_ratings_do_not_fit(session, matrix):
    with pytest.raises(ValidationError, match="1 rating does not fit “Works offline”"):
        edit.set_criterion_fields(session, matrix["offline"], kind="score")
    assert session.get(Criterion, matrix["offline"]).kind == "yes_no"
    edit.set_criterion_fields(session, matrix["speed"], kind="text")  # anything reads as text
    assert session.get(Criterion, matrix["speed"]).kind == "text"


def test_duplicate_names_are_refused(session, matrix):
    with pytest.raises(ValidationError, match="already a competitor called “servicepeak”"):
        edit.add_competitor(session, "servicepeak")
    with pytest.raises(ValidationError, match="already a criterion called “Works offline”"):
        edit.add_criterion(session, matrix["category"], "Works offline")


def test_only_one_competitor_is_us(session, matrix):
    before = edit.mark_us(session, matrix["rival"])
    assert before == matrix["us"]
    assert session.scalars(select(Competitor.name).where(Competitor.is_us)).all() == ["ServicePeak"]


def test_scoreboard_loads_totals_and_ranks(session, matrix):
    scores = edit.load_scoreboard(session)
    assert scores.us_id == matrix["us"]
    totals = scores.totals()
    assert totals[matrix["us"]] == pytest.approx(100 * 10 / 10)  # unrated offline left out
    assert totals[matrix["rival"]] == pytest.approx(100 * (6 + 2.5) / 15)
    assert scores.ranks()[matrix["us"]] == 1


def test_a_scoreboard_from_what_the_matrix_read_is_the_one_read_afresh(session, matrix):
    from pmdesk.workspaces.competition import query
    from pmdesk.workspaces.competition.rules import CriterionRow

    competitors = [(c.id, c.is_us) for c in query.matrix_competitors(session)]
    criteria = [
        CriterionRow(c.id, c.name, c.category_id, c.weight, c.kind)
        for c in query.matrix_criteria(session)
    ]
    given = edit.load_scoreboard(session, edit.rating_rows(session), competitors, criteria)
    read = edit.load_scoreboard(session)
    assert (given.us_id, given.competitor_ids) == (read.us_id, read.competitor_ids)
    assert given.criteria == read.criteria
    assert (given.totals(), given.ranks(), given.points) == (
        read.totals(),
        read.ranks(),
        read.points,
    )


def test_moving_a_criterion_renumbers_and_can_be_put_back(session, matrix):
    before = edit.move_criterion(session, matrix["offline"], matrix["category"], 0)
    names = [c.name for c in edit.criteria(session)]
    assert names == ["Works offline", "Auto dispatch"]
    edit.place_criteria(session, before)
    assert [c.name for c in edit.criteria(session)] == ["Auto dispatch", "Works offline"]


def test_removing_a_criterion_takes_its_ratings_and_restore_puts_them_back(session, matrix):
    removal = edit.remove(session, Criterion, [matrix["speed"]])
    assert session.scalar(select(func.count()).select_from(Rating)) == 1
    edit.records.restore(session, removal)
    assert session.scalar(select(func.count()).select_from(Rating)) == 3


def test_usage_in_other_workspaces_is_found_through_foreign_keys(session, matrix):
    from pmdesk import registry

    if "canvas_factors" not in registry.metadata().tables:
        pytest.skip("the strategy canvas is not in this build")
    from pmdesk.workspaces.strategy.model import CanvasFactor

    columns = {column.key for column in CanvasFactor.__table__.columns}
    criterion_column = next(
        c.key
        for c in CanvasFactor.__table__.columns
        if any(k.column.table.name == "criteria" for k in c.foreign_keys)
    )
    assert criterion_column in columns
    required = {
        c.key: "x"
        for c in CanvasFactor.__table__.columns
        if not c.nullable and c.default is None and not c.primary_key
    }
    session.add(CanvasFactor(**required, **{criterion_column: matrix["speed"]}))
    session.commit()
    assert edit.usage_elsewhere(session, "criteria", matrix["speed"]) == [
        (CanvasFactor.__label__, 1)
    ]
    assert edit.usage_elsewhere(session, "criteria", matrix["offline"]) == []
    assert "canvas_factors" in edit.tables_linking_here()
    assert not edit.tables_linking_here() & edit.COMPETITION_TABLES


def test_settings_and_battlecards(session, matrix):
    assert cards.settings(session).stale_after_days == 180  # default before anything is stored
    before = cards.set_settings(session, stale_after_days=30, quadrant_top_right="Winners")
    assert before == {"stale_after_days": 180, "quadrant_top_right": "Leaders"}
    with pytest.raises(ValidationError, match="whole number of days"):
        cards.set_settings(session, stale_after_days="soon")
    old = cards.set_battlecard_field(session, matrix["rival"], "why_we_win", "Offline app")
    assert old == ""
    assert cards.battlecards(session)[matrix["rival"]].why_we_win == "Offline app"
    with pytest.raises(ValidationError, match="not our own product"):
        cards.set_battlecard_field(session, matrix["us"], "why_we_win", "x")


def test_a_text_criterion_cannot_be_a_map_axis(session, matrix):
    notes = edit.add_criterion(session, matrix["category"], "Notes", "text", 0)
    with pytest.raises(ValidationError, match="free text"):
        cards.set_axis(session, "x", cards.Axis(criterion_id=notes))
    before = cards.set_axis(session, "x", cards.Axis(category_id=matrix["category"]))
    assert not before.is_set


def test_dump_and_load_round_trip(session, matrix):
    cards.set_battlecard_field(session, matrix["rival"], "landmines", "Ask about offline")
    data = dump_project(session)
    other = Document.new()
    try:
        load_project(other.session, data, "the dump")
        assert dump_project(other.session) == data
    finally:
        other.close()
    assert len(data["competition"]["ratings"]) == 3


def test_the_sample_has_what_the_issue_asks(sample_document):
    session = sample_document.session
    people = edit.competitors(session)
    assert 5 <= len(people) <= 7 and sum(c.is_us for c in people) == 1
    assert 20 <= len(edit.criteria(session)) <= 30
    assert 4 <= len(edit.categories(session)) <= 6
    rated = session.scalars(select(Rating)).all()
    assert sum(1 for r in rated if r.source) > len(rated) / 2  # most carry evidence
    age = cards.settings(session).stale_after_days
    flags = [row[3] for row in edit.rating_rows(session, date(2026, 11, 25) - timedelta(days=age))]
    assert 0 < sum(flags) < len(rated)
    scores = edit.load_scoreboard(session)
    ranks = scores.ranks()
    rivals = sorted((c for c in people if not c.is_us), key=lambda c: ranks[c.id])
    assert set(cards.battlecards(session)) == {c.id for c in rivals[:3]}


def test_the_sample_file_is_what_dump_prints(sample_document):
    from pmdesk.interchange.project_json import parse_text
    from pmdesk.resources import resource

    text = resource("sample", "competition.json").read_text(encoding="utf-8")
    assert dump_project(sample_document.session)["competition"] == parse_text(text, "sample")


def test_sample_criteria_used_by_the_canvas_are_found(sample_document):
    from pmdesk import registry

    if "canvas_factors" not in registry.metadata().tables:
        pytest.skip("the strategy canvas is not in this build")
    session = sample_document.session
    table = registry.metadata().tables["canvas_factors"]
    used = session.execute(select(table.c.criterion_id).where(table.c.criterion_id.is_not(None)))
    criterion_id = used.scalars().first()
    if criterion_id is None:
        pytest.skip("the sample canvas takes no factor from the matrix")
    assert edit.usage_elsewhere(session, "criteria", criterion_id) == [("canvas factors", 1)]
