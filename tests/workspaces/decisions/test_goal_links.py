"""Decisions linked to goals: the link table joins files of format 2 that were saved without it."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import select

from pmdesk.cli import main
from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.store.document import Document
from pmdesk.store.fileformat import FORMAT_VERSION
from pmdesk.workspaces.decisions import edit, query
from pmdesk.workspaces.decisions.model import Decision, DecisionGoalLink, link_kind
from pmdesk.workspaces.goals.model import Objective

GOALS = link_kind("goals")


def _without_goal_links(sample_file):
    """The sample as a PM Desk of format 2 saved it before decisions could concern goals."""
    with sqlite3.connect(sample_file) as connection:
        connection.execute("DROP TABLE decision_goal_links")
    with sqlite3.connect(sample_file) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION == 2
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_schema")}
    assert "decision_goal_links" not in tables
    connection.close()


def _first(session, model, **where):
    return session.scalars(select(model).filter_by(**where).order_by(model.id)).first()


def test_a_format_2_file_without_the_table_gets_it_empty_and_can_link(sample_file):
    _without_goal_links(sample_file)
    document = Document.open(sample_file)
    try:
        session = document.session
        assert session.scalars(select(DecisionGoalLink)).all() == []
        decision = _first(session, Decision, status="decided")
        objective = _first(session, Objective)
        edit.link(session, GOALS, decision.id, objective.id)
        [entry] = query.load_log(session, only=[decision.id])
        assert ("goals", objective.title) in {(link.kind, link.title) for link in entry.links}
        document.save()
    finally:
        document.close()
    document = Document.open(sample_file, read_only=True)
    try:
        assert len(document.session.scalars(select(DecisionGoalLink)).all()) == 1
    finally:
        document.close()


def test_check_and_dump_read_such_a_file(sample_file, capsys):
    _without_goal_links(sample_file)
    assert main(["check", str(sample_file)]) == 0
    assert "decision-goal links" in capsys.readouterr().out
    assert main(["dump", str(sample_file)]) == 0
    assert json.loads(capsys.readouterr().out)["decisions"]["goal_links"] == []


def test_deleting_an_objective_takes_its_links_and_undo_brings_them_back(sample_document):
    session = sample_document.session
    objective = _first(session, Objective, title="Grow recurring revenue to $10M")
    linked = set(
        session.scalars(
            select(DecisionGoalLink.id).where(DecisionGoalLink.record_id == objective.id)
        )
    )
    assert len(linked) == 3
    removal = records.remove(session, Objective, [objective.id])
    assert (
        session.scalars(select(DecisionGoalLink).where(DecisionGoalLink.id.in_(linked))).all() == []
    )
    records.restore(session, removal)
    restored = session.scalars(select(DecisionGoalLink.id).where(DecisionGoalLink.id.in_(linked)))
    assert set(restored) == linked


def test_a_goal_that_is_gone_cannot_be_linked_and_nothing_changes(sample_document):
    session = sample_document.session
    decision = _first(session, Decision, status="decided")
    before = session.scalars(select(DecisionGoalLink.id)).all()
    with pytest.raises(ValidationError, match="That objective no longer exists"):
        edit.link(session, GOALS, decision.id, "00000000-0000-4000-8000-000000000000")
    assert session.scalars(select(DecisionGoalLink.id)).all() == before
