"""The strategy basics of a project: what the product is, for whom, and how it reaches them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from pmdesk.domain.base import Record
from pmdesk.errors import ValidationError

DEFAULT_CURRENCY = "USD"
# Offered first where a currency is chosen; any other three-letter code may be typed.
COMMON_CURRENCIES: tuple[str, ...] = ("USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF")


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
    # ISO 4217 code every amount of the project is in (business cases, the briefing). Format 1
    # files gain it on open with the default (``pmdesk.workspaces.overview.upgrade``).
    currency: Mapped[str] = mapped_column(
        String(3),
        default=DEFAULT_CURRENCY,
        info={"glob": "[A-Z][A-Z][A-Z]", "shape": "a three-letter currency code like USD"},
    )


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


def is_currency_code(code: object) -> bool:
    """A three-letter ISO 4217-shaped code ("USD"); the app does not convert between them."""
    return (
        isinstance(code, str)
        and len(code) == 3
        and code.isascii()
        and code.isalpha()
        and (code.isupper())
    )


def currency(session: Session) -> str:
    """The project's currency; US dollars when the stored code is unusable."""
    code = session.scalar(select(Project.currency).limit(1))
    return code if is_currency_code(code) else DEFAULT_CURRENCY


def clean_currency(code: object) -> str:
    text = str(code).strip().upper()
    if not is_currency_code(text):
        known = ", ".join(COMMON_CURRENCIES[:5])
        raise ValidationError(f"A currency is a three-letter code such as {known}, not “{text}”.")
    return text


def set_currency(session: Session, code: object) -> str:
    """Set the currency every amount is in; returns the previous one. Amounts are not
    converted: a case written in dollars reads the same numbers in euros."""
    cleaned = clean_currency(code)
    project = get_project(session)
    previous = project.currency
    project.currency = cleaned
    session.commit()
    return previous
