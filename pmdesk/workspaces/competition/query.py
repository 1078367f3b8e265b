"""What the matrix reads of the criteria, as columns rather than records.

A matrix of five hundred criteria made as many ORM records on every reload; the view keeps
plain copies anyway (:class:`CriterionColumns`), so it reads those directly.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.workspaces.competition.model import Competitor, Criterion, CriterionCategory


class CriterionColumns(NamedTuple):
    id: str
    category_id: str
    name: str
    description: str
    weight: float
    kind: str
    position: int


def matrix_criteria(session: Session) -> list[CriterionColumns]:
    """Every criterion in matrix order (``edit.criteria``'s): by category, then by its place
    inside the category."""
    rows = session.execute(
        select(
            Criterion.id,
            Criterion.category_id,
            Criterion.name,
            Criterion.description,
            Criterion.weight,
            Criterion.kind,
            Criterion.position,
        )
        .join(CriterionCategory, Criterion.category_id == CriterionCategory.id)
        .order_by(CriterionCategory.position, CriterionCategory.name, Criterion.position)
    )
    return [CriterionColumns(*row) for row in rows]


class CompetitorColumns(NamedTuple):
    id: str
    name: str
    is_us: bool
    position: int


def matrix_competitors(session: Session) -> list[CompetitorColumns]:
    """Every competitor as the columns the matrix shows, by place then name
    (``edit.competitors``' order)."""
    rows = session.execute(
        select(Competitor.id, Competitor.name, Competitor.is_us, Competitor.position).order_by(
            Competitor.position, Competitor.name
        )
    )
    return [CompetitorColumns(*row) for row in rows]


def matrix_categories(session: Session) -> list[tuple[str, str]]:
    """Every category's id and name in matrix order (``edit.categories``')."""
    rows = session.execute(
        select(CriterionCategory.id, CriterionCategory.name).order_by(
            CriterionCategory.position, CriterionCategory.name
        )
    )
    return [(row.id, row.name) for row in rows]
