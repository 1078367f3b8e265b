"""A factor taken from the competitive matrix brings the matrix's ratings as its levels."""

from __future__ import annotations

from sqlalchemy import select

from pmdesk.workspaces.competition import edit as matrix
from pmdesk.workspaces.competition.model import Competitor
from pmdesk.workspaces.strategy import canvas
from pmdesk.workspaces.strategy.model import CanvasCurve


def _levels(session, factor_id: str) -> dict[str, int]:
    """Each curve's level on a factor, by role ("today", "future") or competitor id."""
    board = canvas.load_canvas(session)
    index = board.factor_index(factor_id)
    owners = dict(session.execute(select(CanvasCurve.id, CanvasCurve.competitor_id)).all())
    return {
        c.role if c.role in ("today", "future") else owners[c.id]: c.levels[index]
        for c in board.curves
    }


def test_levels_are_the_matrix_ratings_scaled_to_the_canvas(sample_document):
    session = sample_document.session
    category = matrix.categories(session)[0].id
    criterion = matrix.add_criterion(session, category, "Offline maps", "score", 1)
    price = matrix.add_criterion(session, category, "Price per seat", "price", 1)
    us = session.scalar(select(Competitor.id).where(Competitor.is_us))
    rivals = list(
        session.scalars(
            select(CanvasCurve.competitor_id).where(CanvasCurve.competitor_id.is_not(None))
        )
    )
    matrix.set_rating(session, us, criterion, "4")
    matrix.set_rating(session, rivals[0], criterion, "2.5")
    matrix.set_rating(session, us, price, "50")
    matrix.set_rating(session, rivals[0], price, "25")
    levels = _levels(session, canvas.add_factor_from_criterion(session, criterion))
    assert levels["today"] == 8 and levels["future"] == 8  # 4 of 5 is 8 of 10, not 0
    assert levels[rivals[0]] == 5
    others = [level for key, level in levels.items() if key not in ("today", "future", rivals[0])]
    assert others and all(level == 0 for level in others)  # unrated: nothing to bring
    levels = _levels(session, canvas.add_factor_from_criterion(session, price))
    assert levels[rivals[0]] == 10 and levels["today"] == 5  # the cheapest gets the top
