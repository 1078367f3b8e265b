"""Rules for changing the competitive matrix: competitors, categories, criteria, ratings.

Every function validates first (raising :class:`ValidationError` with a sentence for the PM),
then writes and commits, and returns what an undo needs. Reads are set-based: the whole matrix
loads in one query per record kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmdesk import registry
from pmdesk.domain import records
from pmdesk.domain.base import Base, new_id
from pmdesk.domain.values import parse_date as parse_date
from pmdesk.errors import ValidationError
from pmdesk.workspaces.competition.model import (
    LINK_MAX,
    NAME_MAX,
    SHORT_TEXT_MAX,
    THREAT_LEVELS,
    Competitor,
    Criterion,
    CriterionCategory,
    Rating,
)
from pmdesk.workspaces.competition.ratings import RatingState as RatingState
from pmdesk.workspaces.competition.ratings import rating_rows as rating_rows
from pmdesk.workspaces.competition.ratings import rating_state as rating_state
from pmdesk.workspaces.competition.ratings import restore_rating as restore_rating
from pmdesk.workspaces.competition.ratings import restore_ratings as restore_ratings
from pmdesk.workspaces.competition.ratings import set_rating as set_rating
from pmdesk.workspaces.competition.ratings import set_ratings as set_ratings
from pmdesk.workspaces.competition.rules import (
    CriterionRow,
    Scoreboard,
    parse_kind,
    parse_value,
    parse_weight,
)

# This workspace's tables, as its spec lists its records: views refresh when one of them changed,
# and a removal asks only about the links other workspaces hold.
COMPETITION_TABLES = registry.spec("competition").kinds()


# -- reading --------------------------------------------------------------------------------


def competitors(session: Session) -> list[Competitor]:
    return list(session.scalars(select(Competitor).order_by(Competitor.position, Competitor.name)))


def categories(session: Session) -> list[CriterionCategory]:
    query = select(CriterionCategory).order_by(CriterionCategory.position, CriterionCategory.name)
    return list(session.scalars(query))


def criteria(session: Session) -> list[Criterion]:
    """Every criterion in matrix order: by category, then by its place inside the category."""
    query = (
        select(Criterion)
        .join(CriterionCategory, Criterion.category_id == CriterionCategory.id)
        .order_by(CriterionCategory.position, CriterionCategory.name, Criterion.position)
    )
    return list(session.scalars(query))


def criteria_by_id(session: Session, ids: list[str]) -> list[Criterion]:
    """The criteria of ``ids`` that still exist, read fresh (for a view's update in place)."""
    found = list(session.scalars(select(Criterion).where(Criterion.id.in_(ids))))
    for criterion in found:
        session.refresh(criterion)
    return found


def load_scoreboard(
    session: Session,
    rows: list[tuple[str, str, str, int]] | None = None,
    competitors: Sequence[tuple[str, bool]] | None = None,
    criteria: Sequence[CriterionRow] | None = None,
) -> Scoreboard:
    """The matrix's points and totals from three column queries (no ORM object per cell).

    A caller that has read them already passes the ratings' ``rows``, the ``competitors``
    (id, is us; by place then name) and every criterion, and only what is missing is read."""
    if competitors is None:
        competitors = [
            (row.id, row.is_us)
            for row in session.execute(
                select(Competitor.id, Competitor.is_us).order_by(
                    Competitor.position, Competitor.name
                )
            )
        ]
    if criteria is None:
        criteria = [
            CriterionRow(*row)
            for row in session.execute(
                select(
                    Criterion.id,
                    Criterion.name,
                    Criterion.category_id,
                    Criterion.weight,
                    Criterion.kind,
                )
            )
        ]
    if rows is None:
        rows = rating_rows(session)
    cells: dict[str, dict[str, str]] = {}
    for criterion_id, competitor_id, value, _stale in rows:
        row = cells.get(criterion_id)
        if row is None:
            row = cells[criterion_id] = {}
        row[competitor_id] = value
    return Scoreboard(
        competitor_ids=[competitor_id for competitor_id, _us in competitors],
        criteria={criterion.id: criterion for criterion in criteria},
        cells=cells,
        us_id=next((competitor_id for competitor_id, us in competitors if us), None),
    )


# -- competitors ----------------------------------------------------------------------------


def _name(value: object, what: str) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(f"The {what} needs a name.")
    if len(text) > NAME_MAX:
        raise ValidationError(f"The {what}'s name is longer than {NAME_MAX} characters.")
    return text


def add_competitor(session: Session, name: str, record_id: str | None = None) -> str:
    clean = _name(name, "competitor")
    _refuse_duplicate_competitor(session, clean, None)
    last = session.scalar(select(func.max(Competitor.position))) or 0
    competitor = Competitor(id=record_id or new_id(), name=clean, position=last + 1)
    session.add(competitor)
    session.commit()
    return competitor.id


def _refuse_duplicate_competitor(session: Session, name: str, own_id: str | None) -> None:
    query = select(Competitor.id).where(func.lower(Competitor.name) == name.lower())
    if any(found != own_id for found in session.scalars(query)):
        raise ValidationError(f"There is already a competitor called “{name}”.")


COMPETITOR_TEXT_FIELDS = {
    "website": LINK_MAX,
    "segment": SHORT_TEXT_MAX,
    "description": None,
    "pricing_model": SHORT_TEXT_MAX,
    "price_points": None,
    "strengths": None,
    "weaknesses": None,
    "positioning": None,
}


def set_competitor_fields(session: Session, competitor_id: str, **values: Any) -> dict[str, Any]:
    """Change a competitor's profile fields; returns the previous values for undo."""
    clean: dict[str, Any] = {}
    for field_name, value in values.items():
        if field_name == "name":
            clean["name"] = _name(value, "competitor")
            _refuse_duplicate_competitor(session, clean["name"], competitor_id)
        elif field_name in COMPETITOR_TEXT_FIELDS:
            limit = COMPETITOR_TEXT_FIELDS[field_name]
            text = "" if value is None else str(value)
            if limit is not None:  # one-line fields; long texts keep what the PM typed
                text = text.strip()
            if limit is not None and len(text) > limit:
                label = field_name.replace("_", " ").capitalize()
                raise ValidationError(f"{label} is longer than {limit} characters.")
            clean[field_name] = text
        elif field_name == "threat_level":
            level = "" if value is None else str(value).strip().lower()
            if level in ("not assessed", "none"):
                level = ""
            if level not in THREAT_LEVELS:
                raise ValidationError(
                    f"The threat level must be low, medium or high, not “{value}”."
                )
            clean[field_name] = level
        elif field_name == "as_of":
            clean[field_name] = parse_date(value, "The as-of date")
        elif field_name in ("is_us", "position"):
            clean[field_name] = value
        else:
            raise ValidationError(f"A competitor has no field called “{field_name}”.")
    return records.set_fields(session, Competitor, competitor_id, **clean)


def mark_us(session: Session, competitor_id: str | None) -> str | None:
    """Mark one competitor as our own product (at most one is); returns who was before."""
    before = session.scalar(select(Competitor.id).where(Competitor.is_us))
    for competitor in session.scalars(select(Competitor).where(Competitor.is_us)):
        competitor.is_us = False
    if competitor_id is not None:
        records.get(session, Competitor, competitor_id).is_us = True
    session.commit()
    return before


# -- categories and criteria ------------------------------------------------------------------


def add_category(session: Session, name: str, record_id: str | None = None) -> str:
    clean = _name(name, "category")
    query = select(CriterionCategory.id).where(func.lower(CriterionCategory.name) == clean.lower())
    if session.scalar(query) is not None:
        raise ValidationError(f"There is already a category called “{clean}”.")
    last = session.scalar(select(func.max(CriterionCategory.position))) or 0
    category = CriterionCategory(id=record_id or new_id(), name=clean, position=last + 1)
    session.add(category)
    session.commit()
    return category.id


def rename_category(session: Session, category_id: str, name: str) -> dict[str, Any]:
    return records.set_fields(session, CriterionCategory, category_id, name=_name(name, "category"))


def add_criterion(
    session: Session,
    category_id: str,
    name: str,
    kind: str = "score",
    weight: object = 1,
    record_id: str | None = None,
) -> str:
    records.get(session, CriterionCategory, category_id)
    clean = _name(name, "criterion")
    _refuse_duplicate_criterion(session, clean, None)
    last = session.scalar(
        select(func.max(Criterion.position)).where(Criterion.category_id == category_id)
    )
    criterion = Criterion(
        id=record_id or new_id(),
        category_id=category_id,
        name=clean,
        kind=parse_kind(kind),
        weight=parse_weight(weight, f"The weight of “{clean}”"),
        position=(last or 0) + 1,
    )
    session.add(criterion)
    session.commit()
    return criterion.id


def _refuse_duplicate_criterion(session: Session, name: str, own_id: str | None) -> None:
    query = select(Criterion.id).where(func.lower(Criterion.name) == name.lower())
    if any(found != own_id for found in session.scalars(query)):
        raise ValidationError(f"There is already a criterion called “{name}”.")


def set_criterion_fields(session: Session, criterion_id: str, **values: Any) -> dict[str, Any]:
    """Change a criterion's name, weight, kind, description or category; returns the previous
    values. Changing the kind is refused while ratings cannot be read as the new kind."""
    criterion = records.get(session, Criterion, criterion_id)
    clean: dict[str, Any] = {}
    for field_name, value in values.items():
        if field_name == "name":
            clean["name"] = _name(value, "criterion")
            _refuse_duplicate_criterion(session, clean["name"], criterion_id)
        elif field_name == "weight":
            clean["weight"] = parse_weight(value, f"The weight of “{criterion.name}”")
        elif field_name == "kind":
            clean["kind"] = parse_kind(value)
            _check_ratings_fit(session, criterion, clean["kind"])
        elif field_name == "description":
            clean["description"] = "" if value is None else str(value).strip()
        elif field_name in ("category_id", "position"):
            clean[field_name] = value
        else:
            raise ValidationError(f"A criterion has no field called “{field_name}”.")
    return records.set_fields(session, Criterion, criterion_id, **clean)


def _check_ratings_fit(session: Session, criterion: Criterion, kind: str) -> None:
    values = session.scalars(
        select(Rating.value).where(Rating.criterion_id == criterion.id, Rating.value != "")
    ).all()
    misfits = 0
    for value in values:
        try:
            parse_value(kind, value)
        except ValidationError:
            misfits += 1
    if misfits:
        ratings = "rating does" if misfits == 1 else "ratings do"
        raise ValidationError(
            f"{misfits} {ratings} not fit “{criterion.name}” as {kind.replace('_', '/')}; "
            "clear or change them first."
        )


@dataclass(frozen=True)
class Placement:
    category_id: str
    position: int


def place_criteria(session: Session, placements: dict[str, Placement]) -> dict[str, Placement]:
    """Put criteria into categories and positions; returns where they were, for undo."""
    rows = session.scalars(select(Criterion).where(Criterion.id.in_(placements))).all()
    before = {row.id: Placement(row.category_id, row.position) for row in rows}
    for row in rows:
        row.category_id = placements[row.id].category_id
        row.position = placements[row.id].position
    session.commit()
    return before


def move_criterion(
    session: Session, criterion_id: str, category_id: str, index: int
) -> dict[str, Placement]:
    """Move a criterion to ``index`` inside a category (renumbering it); returns the previous
    placements of everything renumbered."""
    records.get(session, Criterion, criterion_id)
    records.get(session, CriterionCategory, category_id)
    siblings = session.scalars(
        select(Criterion.id)
        .where(Criterion.category_id == category_id, Criterion.id != criterion_id)
        .order_by(Criterion.position)
    ).all()
    order = list(siblings)
    order.insert(max(0, min(index, len(order))), criterion_id)
    return place_criteria(
        session, {cid: Placement(category_id, number) for number, cid in enumerate(order, 1)}
    )


def reorder_competitors(session: Session, ordered_ids: Sequence[str]) -> list[str]:
    """Give competitors the matrix column order ``ordered_ids``; returns the previous order."""
    rows = {row.id: row for row in session.scalars(select(Competitor))}
    before = [row.id for row in sorted(rows.values(), key=lambda r: (r.position, r.name))]
    for number, competitor_id in enumerate(ordered_ids, 1):
        rows[competitor_id].position = number
    session.commit()
    return before


# -- removal --------------------------------------------------------------------------------


def usage_elsewhere(session: Session, table_name: str, record_id: str) -> list[tuple[str, int]]:
    """Rows of other workspaces that point at a record, as (label, count), found through the
    foreign keys in the schema, so a PM hears where a criterion is used before deleting it."""
    found: list[tuple[str, int]] = []
    labels = {
        mapper.local_table.name: getattr(mapper.class_, "__label__", mapper.local_table.name)
        for mapper in Base.registry.mappers
    }
    for table in Base.metadata.sorted_tables:
        if table.name in COMPETITION_TABLES:
            continue
        for key in table.foreign_keys:
            if key.column.table.name != table_name:
                continue
            query = select(func.count()).select_from(table).where(key.parent == record_id)
            count = session.scalar(query) or 0
            if count:
                found.append((str(labels.get(table.name, table.name)), count))
    return found


def tables_linking_here() -> frozenset[str]:
    """Tables of other workspaces with a link to competition records: a removal here may
    clear or take rows there, so their views must hear about it."""
    return frozenset(
        table.name
        for table in Base.metadata.sorted_tables
        if table.name not in COMPETITION_TABLES
        and any(key.column.table.name in COMPETITION_TABLES for key in table.foreign_keys)
    )


def remove(session: Session, model: type[Any], ids: Sequence[str]) -> records.Removal:
    return records.remove(session, model, ids)
