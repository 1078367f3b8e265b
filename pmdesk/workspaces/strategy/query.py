"""What the strategy views offer to pick from: other workspaces' records by name.

The canvas takes factors from the competitive matrix and curves from its competitors; a board
note links to a stakeholder, a competitor or a requirement. The Qt views read these lists here,
so they never build a query themselves.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.workspaces.competition.model import Competitor, Criterion
from pmdesk.workspaces.strategy.model import CanvasCurve

NoteLink = tuple[str, str]  # (link field, record id), as boards.add_note takes it


def matrix_criteria(session: Session) -> list[tuple[str, str]]:
    """(id, name) of every criterion of the competitive matrix, by name."""
    rows = session.execute(select(Criterion.id, Criterion.name).order_by(Criterion.name))
    return [(criterion_id, name) for criterion_id, name in rows]


def competitors(session: Session) -> list[tuple[str, str]]:
    """(id, name) of every competitor, by name."""
    rows = session.execute(select(Competitor.id, Competitor.name).order_by(Competitor.name))
    return [(competitor_id, name) for competitor_id, name in rows]


def linked_competitor_ids(session: Session) -> set[str]:
    """The competitors that already have a curve on the canvas."""
    query = select(CanvasCurve.competitor_id).where(CanvasCurve.competitor_id.is_not(None))
    return {value for value in session.scalars(query) if value}


def note_link_targets(session: Session) -> list[tuple[str, NoteLink]]:
    """("Stakeholder: name", (field, id)) for everything a note can link to, kind by kind."""
    # Imported here: the canvas never needs them, and the boards open after it.
    from pmdesk.workspaces.requirements.model import Requirement
    from pmdesk.workspaces.stakeholders.model import Stakeholder

    targets: list[tuple[str, NoteLink]] = []
    for label, field, model, column in (
        ("Stakeholder", "stakeholder_id", Stakeholder, Stakeholder.name),
        ("Competitor", "competitor_id", Competitor, Competitor.name),
        ("Requirement", "requirement_id", Requirement, Requirement.title),
    ):
        for record_id, name in session.execute(select(model.id, column).order_by(column)):
            targets.append((f"{label}: {name}", (field, record_id)))
    return targets
