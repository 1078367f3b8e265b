"""Turning a briefing's free-text "Decisions and asks" into proposed decisions in the log.

Older files keep a briefing's asks as lines of text; the log now holds them, and a briefing
picks its asks from the log. The upgrade of a file runs :func:`convert_briefing_asks` once the
decision tables exist: each line becomes a proposed decision (a repeated line, or one the log
already asks, becomes none), and the briefing's text is emptied, so no ask appears twice and
none is lost.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmdesk.briefing.model import Briefing
from pmdesk.workspaces.decisions import edit
from pmdesk.workspaces.decisions.model import QUESTION_MAX, Decision

BULLETS = "-•*"


def asks_from_text(text: str, raised_on: date, briefing_name: str) -> list[dict[str, Any]]:
    """The proposed decisions one briefing's text lines stand for, in their order.

    Bullets and blank lines go; a line longer than a question may be is shortened there and
    kept whole in the notes.
    """
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line in text.splitlines():
        ask = " ".join(line.strip().lstrip(BULLETS).split())
        if not ask or ask.casefold() in seen:
            continue
        seen.add(ask.casefold())
        notes = f"From the briefing “{briefing_name}”."
        question = ask
        if len(ask) > QUESTION_MAX:
            question = ask[: QUESTION_MAX - 1].rstrip() + "…"
            notes += f"\n{ask}"
        rows.append(
            {"question": question, "decided_on": raised_on, "status": "proposed", "notes": notes}
        )
    return rows


def convert_briefing_asks(session: Session, today: date) -> int:
    """Move every briefing's text asks into the log; returns how many decisions it added.

    A line is dated by its briefing's date, else ``today``. The additions and the emptied
    texts are committed together, or nothing is.
    """
    asked = {
        question.casefold()
        for question in session.scalars(
            select(Decision.question).where(Decision.status == "proposed")
        )
    }
    rows: list[dict[str, Any]] = []
    briefings = list(
        session.scalars(
            select(Briefing).where(func.trim(Briefing.decisions) != "").order_by(Briefing.name)
        )
    )
    for briefing in briefings:
        for row in asks_from_text(
            briefing.decisions, briefing.briefing_date or today, briefing.name
        ):
            if row["question"].casefold() not in asked:
                asked.add(row["question"].casefold())
                rows.append(row)
        briefing.decisions = ""
    if not briefings:
        return 0
    try:
        edit.create_many(session, rows)  # commits the emptied texts with the new decisions
    except Exception:
        session.rollback()
        raise
    return len(rows)
