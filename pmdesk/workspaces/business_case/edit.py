"""Rules for changing business cases, their costs, price tiers and scenarios.

Values may arrive as typed in a field ("$1,299", "3 %", "3 years"); each cleaner turns them
into what the record stores or raises :class:`ValidationError` with the sentence the PM sees.
The same cleaners check a file's records (``load``, ``check``, open).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.project import DEFAULT_CURRENCY, currency
from pmdesk.domain.values import parse_date
from pmdesk.errors import ValidationError
from pmdesk.workspaces.business_case.model import (
    SCENARIOS,
    SHORT_TEXT_MAX,
    TITLE_MAX,
    BusinessCase,
    OneOffCost,
    PriceTier,
    Scenario,
)
from pmdesk.workspaces.business_case.money import (
    parse_amount,
    parse_count,
    parse_horizon,
    parse_percent,
)
from pmdesk.workspaces.launches.model import Launch
from pmdesk.workspaces.roadmap.edit import fiscal_year_start
from pmdesk.workspaces.roadmap.fiscal import quarter_start
from pmdesk.workspaces.roadmap.model import RoadmapItem

Cleaner = Callable[[object, str], Any]  # (value, currency) -> stored value


def _text(label: str, limit: int | None, required: bool = False, strip: bool = True) -> Cleaner:
    def clean(value: object, _currency: str) -> str:
        text = "" if value is None else str(value)
        # Notes are saved key by key: trimming "word " would glue the next word on.
        text = text.strip() if strip else text
        if required and not text:
            raise ValidationError(f"{label} cannot be empty.")
        if limit is not None and len(text) > limit:
            raise ValidationError(f"{label} is longer than {limit} characters.")
        return text

    return clean


def _price(label: str) -> Cleaner:
    def clean(value: object, currency: str) -> float:
        amount = parse_amount(label, value, currency)
        if amount <= 0:
            raise ValidationError(
                f"{label} must be more than zero; a tier priced at {amount:g} gives the product "
                "away. Leave free use out of the tiers instead."
            )
        return amount

    return clean


def _cost(label: str) -> Cleaner:
    def clean(value: object, currency: str) -> float:
        amount = parse_amount(label, value, currency)
        if amount < 0:
            raise ValidationError(f"{label} cannot be negative.")
        return amount

    return clean


def _percent(label: str, high: float = 100.0) -> Cleaner:
    return lambda value, _currency: parse_percent(label, value, 0.0, high)


def _count(label: str, high: float = 1e9) -> Cleaner:
    return lambda value, _currency: parse_count(label, value, 0.0, high)


def _date(label: str) -> Cleaner:
    return lambda value, _currency: parse_date(value, label)


def _required_date(label: str) -> Cleaner:
    def clean(value: object, _currency: str) -> date:
        day = parse_date(value, label)
        if day is None:
            raise ValidationError(f"{label} needs a date.")
        if not 1990 <= day.year <= 2200:
            raise ValidationError(f"{label} must be a date between 1990 and 2200.")
        return day

    return clean


def _optional_id(_label: str) -> Cleaner:
    return lambda value, _currency: str(value) if value else None


CASE_FIELDS: dict[str, tuple[str, Cleaner]] = {
    "title": ("Title", _text("The title", TITLE_MAX, required=True)),
    "roadmap_item_id": ("Roadmap item", _optional_id("Roadmap item")),
    "launch_id": ("Launch", _optional_id("Launch")),
    "first_quarter": ("First quarter", _required_date("The first forecast quarter")),
    "horizon_quarters": ("Horizon", lambda value, _c: parse_horizon(value)),
    "people": ("People", _count("People", 10_000)),
    "months": ("Months", _count("Months", 600)),
    "monthly_rate": ("Monthly rate", _cost("The monthly rate per person")),
    "margin_percent": ("Gross margin", _percent("The gross margin")),
    "source": ("Source", _text("The source", SHORT_TEXT_MAX)),
    "as_of": ("As of", _date("As of")),
    "notes": ("Notes", _text("Notes", None, strip=False)),
}
COST_FIELDS: dict[str, tuple[str, Cleaner]] = {
    "name": ("Cost", _text("A one-off cost's name", SHORT_TEXT_MAX, required=True)),
    "amount": ("Amount", _cost("The amount")),
}
TIER_FIELDS: dict[str, tuple[str, Cleaner]] = {
    "name": ("Tier", _text("A tier's name", SHORT_TEXT_MAX, required=True)),
    "monthly_price": ("Price a month", _price("The price")),
    "mix_percent": ("Mix", _percent("The mix")),
    "source": ("Source", _text("The source", SHORT_TEXT_MAX)),
    "as_of": ("As of", _date("As of")),
}
SCENARIO_FIELDS: dict[str, tuple[str, Cleaner]] = {
    "customers_added": ("Customers added a quarter", _count("Customers added a quarter")),
    "churn_percent": ("Churn a quarter", _percent("Churn a quarter")),
    "price_percent": ("Price achieved", _percent("The price achieved", 1000.0)),
    "source": ("Source", _text("The source", SHORT_TEXT_MAX)),
    "as_of": ("As of", _date("As of")),
}


def clean(fields: Mapping[str, tuple[str, Cleaner]], field: str, value: object, currency: str):
    if field not in fields:
        raise ValidationError(f"There is no field called “{field}” here.")
    return fields[field][1](value, currency)


# -- cases ---------------------------------------------------------------------------------------


def snap_quarter(session: Session, day: date) -> date:
    """The first day of the project's fiscal quarter ``day`` falls in."""
    return quarter_start(day, fiscal_year_start(session))


# What a case can be for: kind -> (the case's column, the model it points at). A choice is
# written "kind:id" ("launch:3f2…"), so one chooser offers both kinds.
INITIATIVES: dict[str, tuple[str, type]] = {
    "roadmap": ("roadmap_item_id", RoadmapItem),
    "launch": ("launch_id", Launch),
}


def initiative_key(kind: str, record_id: str) -> str:
    return f"{kind}:{record_id}"


def initiative_of(case: BusinessCase) -> str | None:
    """The case's initiative as a "kind:id" key, or None when it is for none."""
    for kind, (column, _model) in INITIATIVES.items():
        if getattr(case, column):
            return initiative_key(kind, getattr(case, column))
    return None


def initiative_columns(session: Session, key: str | None) -> dict[str, str | None]:
    """The case's columns for the initiative ``key``; refuses one that is not there."""
    columns: dict[str, str | None] = {column: None for column, _model in INITIATIVES.values()}
    if not key:
        return columns
    kind, _, record_id = str(key).partition(":")
    if kind not in INITIATIVES or not record_id:
        raise ValidationError("A business case is for a roadmap item or a launch.")
    column, model = INITIATIVES[kind]
    if session.get(model, record_id) is None:
        raise ValidationError(f"That {model.__singular__} no longer exists.")
    columns[column] = record_id
    return columns


def set_initiative(session: Session, case_id: str, key: str | None) -> str | None:
    """Tie a case to a roadmap item or a launch (or to nothing); returns the previous key."""
    case = records.get(session, BusinessCase, case_id)
    before = initiative_of(case)
    records.set_fields(session, BusinessCase, case_id, **initiative_columns(session, key))
    return before


def add_case(
    session: Session,
    case_id: str,
    title: str,
    first_quarter: date,
    scenario_ids: Mapping[str, str],
    roadmap_item_id: str | None = None,
    *,
    initiative: str | None = None,
) -> str:
    """A new case with its three scenarios (their ids given, so a redo recreates the same),
    for a roadmap item (``roadmap_item_id``) or any initiative (``initiative``, "kind:id")."""
    code = currency(session)
    cleaned_title = clean(CASE_FIELDS, "title", title, code)
    if roadmap_item_id is not None:
        initiative = initiative_key("roadmap", roadmap_item_id)
    session.add(
        BusinessCase(
            id=case_id,
            title=cleaned_title,
            first_quarter=snap_quarter(session, first_quarter),
            **initiative_columns(session, initiative),
        )
    )
    session.add_all(
        Scenario(id=scenario_ids[kind], case_id=case_id, kind=kind) for kind in SCENARIOS
    )
    session.commit()
    return case_id


def set_case_field(session: Session, case_id: str, field: str, value: object) -> Any:
    """Change one field of a case; returns the previous value (for undo)."""
    cleaned = clean(CASE_FIELDS, field, value, currency(session))
    if field == "first_quarter":
        cleaned = snap_quarter(session, cleaned)
    if field in ("roadmap_item_id", "launch_id"):
        kind = "roadmap" if field == "roadmap_item_id" else "launch"
        previous = getattr(records.get(session, BusinessCase, case_id), field)
        set_initiative(session, case_id, initiative_key(kind, cleaned) if cleaned else None)
        return previous
    return records.set_fields(session, BusinessCase, case_id, **{field: cleaned})[field]


def _next_position(session: Session, model: type[OneOffCost | PriceTier], case_id: str) -> int:
    last = session.scalar(select(func.max(model.position)).where(model.case_id == case_id))
    return (last or 0) + 1


def add_cost(session: Session, case_id: str, cost_id: str, name: str, amount: object) -> str:
    records.get(session, BusinessCase, case_id)
    code = currency(session)
    session.add(
        OneOffCost(
            id=cost_id,
            case_id=case_id,
            name=clean(COST_FIELDS, "name", name, code),
            amount=clean(COST_FIELDS, "amount", amount, code),
            position=_next_position(session, OneOffCost, case_id),
        )
    )
    session.commit()
    return cost_id


def add_tier(
    session: Session, case_id: str, tier_id: str, name: str, price: object, mix: object
) -> str:
    records.get(session, BusinessCase, case_id)
    code = currency(session)
    session.add(
        PriceTier(
            id=tier_id,
            case_id=case_id,
            name=clean(TIER_FIELDS, "name", name, code),
            monthly_price=clean(TIER_FIELDS, "monthly_price", price, code),
            mix_percent=clean(TIER_FIELDS, "mix_percent", mix, code),
            position=_next_position(session, PriceTier, case_id),
        )
    )
    session.commit()
    return tier_id


_ROW_FIELDS: dict[type, dict[str, tuple[str, Cleaner]]] = {
    OneOffCost: COST_FIELDS,
    PriceTier: TIER_FIELDS,
    Scenario: SCENARIO_FIELDS,
}


def set_row_field(
    session: Session,
    model: type[OneOffCost | PriceTier | Scenario],
    row_id: str,
    field: str,
    value: object,
) -> Any:
    """Change one field of a cost, tier or scenario; returns the previous value."""
    cleaned = clean(_ROW_FIELDS[model], field, value, currency(session))
    return records.set_fields(session, model, row_id, **{field: cleaned})[field]


def remove_case(session: Session, case_id: str) -> records.Removal:
    records.get(session, BusinessCase, case_id)
    return records.remove(session, BusinessCase, [case_id])


# -- rules a file's records must keep ------------------------------------------------------------


def _rule(fields: Mapping[str, tuple[str, Cleaner]], values: Mapping[str, object]) -> None:
    for field in fields:
        if field in values and field not in ("roadmap_item_id", "launch_id"):
            fields[field][1](values[field], DEFAULT_CURRENCY)


def case_rule(values: Mapping[str, object]) -> None:
    if values.get("roadmap_item_id") and values.get("launch_id"):
        raise ValidationError(
            "A business case is for one initiative, a roadmap item or a launch, not both."
        )
    _rule(CASE_FIELDS, values)


def cost_rule(values: Mapping[str, object]) -> None:
    _rule(COST_FIELDS, values)


def tier_rule(values: Mapping[str, object]) -> None:
    _rule(TIER_FIELDS, values)


def scenario_rule(values: Mapping[str, object]) -> None:
    if values.get("kind") not in SCENARIOS:
        raise ValidationError(
            f"A forecast scenario must be best, expected or worst, not “{values.get('kind')}”."
        )
    _rule(SCENARIO_FIELDS, values)
