"""A briefing's "Decisions and asks" comes from the decision log: proposed decisions are asks."""

from __future__ import annotations

from datetime import date

import docx
from sqlalchemy import select

from pmdesk.briefing.exporter import BriefingSettings, decisions_and_asks, export_briefing
from pmdesk.briefing.model import Briefing
from pmdesk.workspaces.decisions import edit
from pmdesk.workspaces.decisions.model import Decision

TODAY = date(2026, 12, 1)
PRICING = "How do we price FieldLoop from the new fiscal year?"


def _asks_in(document) -> list[str]:
    """The numbered items under the summary's "Decisions and asks" heading."""
    found = docx.Document(str(document)).paragraphs
    start = next(i for i, p in enumerate(found) if p.text == "Decisions and asks") + 1
    asks = []
    for paragraph in found[start:]:
        if paragraph.style is None or not paragraph.style.name.startswith("List"):
            break
        asks.append(paragraph.text)
    return asks


def test_the_summary_lists_the_proposed_decisions_of_the_log(tmp_path, sample_document):
    session = sample_document.session
    decision = session.scalars(select(Decision).where(Decision.question == PRICING)).one()
    edit.set_field(session, decision.id, "status", "proposed")
    briefing = session.scalars(select(Briefing)).one()
    briefing.decisions = ""  # as after the upgrade: the log alone speaks
    session.commit()

    target = tmp_path / "brief.docx"
    export_briefing(session, target, BriefingSettings.of(briefing), today=TODAY)

    asks = _asks_in(target)
    assert f"Decide: {PRICING}" in asks[0]  # raised first (September), so asked first
    assert any("Approve: two additional engineers" in ask for ask in asks)
    assert len(asks) == 5
    assert not any("Which phones" in ask for ask in asks)  # decided: not an ask


def test_text_lines_not_yet_in_the_log_are_kept_after_the_log_asks(sample_document):
    session = sample_document.session
    text = (
        "Decide: hold the spring launch date and ship financing at checkout as a fast follow\n"
        "- Ask: a second design partner\n"
    )
    asks = decisions_and_asks(session, text)
    assert asks[-1] == "Ask: a second design partner"
    assert len(asks) == 5  # the four of the log, the launch line once, and the new line


def test_a_long_log_of_open_decisions_keeps_the_summary_short(tmp_path, sample_document):
    from pmdesk.briefing.exporter import ASKS_MAX
    from pmdesk.domain.base import new_id

    session = sample_document.session
    briefing = session.scalars(select(Briefing)).one()
    before = len(decisions_and_asks(session, briefing.decisions))
    for n in range(30):
        session.add(
            Decision(
                id=new_id(),
                question=f"Which partner pilots region {n}?",
                status="proposed",
                decided_on=date(2026, 11, 1),
            )
        )
    session.commit()
    target = tmp_path / "brief.docx"
    export_briefing(session, target, BriefingSettings.of(briefing), today=TODAY)
    asks = _asks_in(target)
    assert len(asks) == ASKS_MAX
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    more = before + 30 - ASKS_MAX
    assert (
        f"{more} more are still open: the project's decision log lists every one, oldest first."
        in texts
    )
