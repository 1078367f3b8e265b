"""An older briefing's "Decisions and asks" lines become proposed decisions in the log."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pmdesk.briefing.model import Briefing, create_briefing
from pmdesk.workspaces.decisions import query
from pmdesk.workspaces.decisions.model import QUESTION_MAX, Decision
from pmdesk.workspaces.decisions.upgrade import asks_from_text, convert_briefing_asks

TODAY = date(2026, 12, 1)


def test_each_line_becomes_one_proposed_decision_without_bullets_or_repeats():
    rows = asks_from_text(
        "- Approve: two engineers\n\n• Ask: a sponsor\n  approve: two engineers  \n",
        date(2026, 11, 2),
        "Exec staff",
    )
    assert [row["question"] for row in rows] == ["Approve: two engineers", "Ask: a sponsor"]
    assert {row["status"] for row in rows} == {"proposed"}
    assert {row["decided_on"] for row in rows} == {date(2026, 11, 2)}
    assert rows[0]["notes"] == "From the briefing “Exec staff”."


def test_a_line_too_long_for_a_question_is_kept_whole_in_the_notes():
    line = "Ask: " + "more budget " * 40
    (row,) = asks_from_text(line, TODAY, "Board")
    assert len(row["question"]) == QUESTION_MAX
    assert row["question"].endswith("…")
    assert line.strip() in row["notes"]


def test_an_upgrade_moves_the_text_into_the_log_and_empties_it(sample_document):
    session = sample_document.session
    create_briefing(
        session,
        "Sales kickoff",
        decisions="Decide: which partner trains the channel\nAsk: two inside-sales hires",
    )
    before = len(query.briefing_asks(session))

    added = convert_briefing_asks(session, TODAY)

    # The sample's own briefing already has its asks in the log, so only the new one adds any.
    assert added == 2
    # Asks raised on the same day read in alphabetical order.
    assert query.briefing_asks(session)[before:] == [
        "Ask: two inside-sales hires",
        "Decide: which partner trains the channel",
    ]
    assert [b.decisions for b in session.scalars(select(Briefing))] == ["", ""]
    new = session.scalars(
        select(Decision).where(Decision.question == "Ask: two inside-sales hires")
    ).one()
    assert new.decided_on == TODAY and new.notes == "From the briefing “Sales kickoff”."
    assert convert_briefing_asks(session, TODAY) == 0  # a second run finds nothing to move
