"""The strategy basics of a project: what the product is, for whom, and how it reaches them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from pmdesk.domain.base import Record
from pmdesk.errors import ValidationError


class Project(Record):
    """The single row holding the project's overview."""

    __tablename__ = "project"
    __label__ = "projects"
    __singular__ = "project"

    name: Mapped[str] = mapped_column(String(200), default="Untitled product")
    vision: Mapped[str] = mapped_column(Text, default="")
    target_customers: Mapped[str] = mapped_column(Text, default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    value_proposition: Mapped[str] = mapped_column(Text, default="")
    business_goals: Mapped[str] = mapped_column(Text, default="")
    go_to_market: Mapped[str] = mapped_column(Text, default="")
    whole_product: Mapped[str] = mapped_column(Text, default="")


@dataclass(frozen=True)
class OverviewField:
    name: str
    label: str
    hint: str


# The order is the order of the Overview page and of the briefing's overview section.
OVERVIEW_FIELDS: tuple[OverviewField, ...] = (
    OverviewField("name", "Product name", "What the product is called."),
    OverviewField("vision", "Vision", "What the product should become, and why it matters."),
    OverviewField(
        "target_customers", "Target customers", "Who buys and who uses it; the segments that count."
    ),
    OverviewField("problem", "Problem", "The customer problem worth solving."),
    OverviewField(
        "value_proposition", "Value proposition", "Why customers choose it over the alternatives."
    ),
    OverviewField("business_goals", "Business goals", "Revenue, share and other measurable aims."),
    OverviewField(
        "go_to_market", "Go-to-market", "How the product is positioned, priced, marketed and sold."
    ),
    OverviewField(
        "whole_product",
        "Whole product",
        "How it is sold, supported, financed and delivered: all a customer counts as the product.",
    ),
)
FIELD_NAMES = frozenset(f.name for f in OVERVIEW_FIELDS)
NAME_MAX = 200


def get_project(session: Session) -> Project:
    """The project row; every project file has exactly one."""
    project = session.scalars(select(Project)).first()
    if project is None:
        project = Project()
        session.add(project)
        session.commit()
    return project


def set_field(session: Session, field: str, value: str) -> None:
    """Change one overview field and commit it."""
    if field not in FIELD_NAMES:
        raise ValidationError(f"The overview has no field called “{field}”.")
    if field == "name":
        value = value.strip()
        if not value:
            raise ValidationError("The product needs a name.")
        if len(value) > NAME_MAX:
            raise ValidationError(f"The product name is longer than {NAME_MAX} characters.")
    project = get_project(session)
    if getattr(project, field) == value:
        return
    setattr(project, field, value)
    session.commit()
