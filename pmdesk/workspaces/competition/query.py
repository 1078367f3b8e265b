"""What the matrix reads of the criteria, as columns rather than records.

A matrix of five hundred criteria made as many ORM records on every reload; the view keeps
plain copies anyway (:class:`CriterionColumns`), so it reads those directly.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.workspaces.competition.model import Criterion, CriterionCategory


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
