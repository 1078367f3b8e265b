"""Rules of the strategy canvas: factors in the PM's order, value curves, levels 0-10, and ERRC.

The future curve follows from today's curve and each factor's ERRC action (see
:func:`derived_level`); a point of the future curve the PM sets by hand is marked ``adjusted``
and keeps its level until the PM resets it. Every edit captures a :class:`CanvasState` first,
so undo is :func:`restore` of that state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.domain.values import parse_whole_number
from pmdesk.errors import ValidationError
from pmdesk.workspaces.competition.model import SCORE_MAX, Competitor, Criterion, Rating
from pmdesk.workspaces.competition.rules import row_points
from pmdesk.workspaces.strategy.model import (
    ACTIONS,
    COMPETITOR,
    FUTURE,
    KEEP,
    LEVEL_MAX,
    LEVEL_MIN,
    NAME_MAX,
    ROLES,
    TODAY,
    CanvasCurve,
    CanvasFactor,
    CanvasLevel,
    clean_text,
)

# Colours that stay apart on screen, on a projector and in greyscale print (Okabe-Ito based).
CURVE_COLOURS = ("#0B5FA5", "#D55E00", "#8E6BB8", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F")
FUTURE_COLOUR = "#1B9E4B"


@dataclass(frozen=True)
class FactorView:
    id: str
    name: str
    action: str
    target_level: int | None
    from_matrix: bool
    criterion_id: str | None

    @property
    def detached(self) -> bool:
        """Taken from the competitive matrix, whose criterion has since been removed."""
        return self.from_matrix and self.criterion_id is None


@dataclass(frozen=True)
class CurveView:
    id: str
    name: str
    role: str
    colour: str
    shown: bool
    levels: tuple[int, ...]  # one per factor, in factor order
    adjusted: tuple[bool, ...]


@dataclass(frozen=True)
class Canvas:
    """The whole canvas as plain values, for views, charts and the briefing."""

    factors: tuple[FactorView, ...]
    curves: tuple[CurveView, ...]

    def curve(self, curve_id: str) -> CurveView:
        return next(c for c in self.curves if c.id == curve_id)

    def factor_index(self, factor_id: str) -> int:
        return next(i for i, f in enumerate(self.factors) if f.id == factor_id)

    def today(self) -> CurveView | None:
        return next((c for c in self.curves if c.role == TODAY), None)


def load_canvas(session: Session) -> Canvas:
    """Three set-based queries, whatever the size of the canvas; factors and curves are read as
    the columns their views hold (hundreds of records cost more than the read)."""
    factor_views = tuple(
        FactorView(*row)
        for row in session.execute(
            select(
                CanvasFactor.id,
                CanvasFactor.name,
                CanvasFactor.action,
                CanvasFactor.target_level,
                CanvasFactor.from_matrix,
                CanvasFactor.criterion_id,
            ).order_by(CanvasFactor.position, CanvasFactor.name)
        )
    )
    # The curves too are read as the five columns their views show, not as records.
    curves = session.execute(
        select(
            CanvasCurve.id,
            CanvasCurve.name,
            CanvasCurve.role,
            CanvasCurve.colour,
            CanvasCurve.shown,
        ).order_by(CanvasCurve.position, CanvasCurve.name)
    ).all()
    rows = session.execute(
        select(CanvasLevel.curve_id, CanvasLevel.factor_id, CanvasLevel.level, CanvasLevel.adjusted)
    ).all()
    # Every curve has a point on every factor (0 where no level was set); filled by index
    # from the rows there are, so a big canvas costs its rows, not curves x factors lookups.
    index_of = {f.id: index for index, f in enumerate(factor_views)}
    count = len(factor_views)
    points = {curve.id: ([0] * count, [False] * count) for curve in curves}
    for curve_id, factor_id, level, adjusted in rows:
        index = index_of.get(factor_id)
        if index is not None and curve_id in points:
            points[curve_id][0][index] = level
            points[curve_id][1][index] = adjusted
    curve_views = []
    for curve in curves:
        levels, adjusted = points[curve.id]
        curve_views.append(
            CurveView(
                curve.id,
                curve.name,
                curve.role,
                curve.colour,
                curve.shown,
                tuple(levels),
                tuple(adjusted),
            )
        )
    return Canvas(factor_views, tuple(curve_views))


def clean_level(label: str, value: object) -> int:
    return parse_whole_number(value, label, LEVEL_MIN, LEVEL_MAX)


def derived_level(today: int, action: str, target: int | None) -> int:
    """Where the future curve sits on a factor, from today's level and the ERRC action."""
    if action == "eliminate":
        return 0
    if action in ("reduce", "raise", "create") and target is not None:
        return target
    return today


# -- undo support ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CanvasState:
    """ERRC settings and levels, as they were before an edit."""

    factors: tuple[tuple[str, str, int | None], ...]  # id, action, target
    levels: tuple[tuple[str, int, bool], ...]  # level row id, level, adjusted


def capture(session: Session) -> CanvasState:
    factors = session.execute(
        select(CanvasFactor.id, CanvasFactor.action, CanvasFactor.target_level)
    ).all()
    levels = session.execute(select(CanvasLevel.id, CanvasLevel.level, CanvasLevel.adjusted)).all()
    return CanvasState(tuple(map(tuple, factors)), tuple(map(tuple, levels)))  # type: ignore[arg-type]


def restore(session: Session, state: CanvasState) -> None:
    """Put ERRC settings and levels back as :func:`capture` saw them."""
    factors = {f.id: f for f in session.scalars(select(CanvasFactor))}
    for factor_id, action, target in state.factors:
        if factor_id in factors:
            factors[factor_id].action = action
            factors[factor_id].target_level = target
    levels = {row.id: row for row in session.scalars(select(CanvasLevel))}
    for level_id, level, adjusted in state.levels:
        if level_id in levels:
            levels[level_id].level = level
            levels[level_id].adjusted = adjusted
    session.commit()


# -- factors -----------------------------------------------------------------------------------


def add_factor(
    session: Session,
    name: object,
    index: int | None = None,
    action: str = KEEP,
    target: object = None,
    record_id: str | None = None,
) -> str:
    """Add a factor at ``index`` (the end when None), every curve at 0 on it.

    With ``action="create"`` it is a factor no competitor offers yet, and the future curve
    rises to ``target`` on it.
    """
    cleaned = clean_text("A factor's name", name, NAME_MAX, required=True)
    _check_unique_factor(session, cleaned, None)
    factor_id = record_id or new_id()
    ordered = _ordered_factors(session)
    position = len(ordered) if index is None else max(0, min(index, len(ordered)))
    factor = CanvasFactor(id=factor_id, name=cleaned, position=position)
    session.add(factor)
    ordered.insert(position, factor)
    _renumber(ordered)
    for curve in session.scalars(select(CanvasCurve)):
        session.add(CanvasLevel(curve_id=curve.id, factor_id=factor_id, level=0))
    session.flush()
    if action != KEEP:
        _apply_errc(session, factor, action, target)
    session.commit()
    return factor_id


def add_factor_from_criterion(
    session: Session, criterion_id: str, index: int | None = None, record_id: str | None = None
) -> str:
    """Add a factor taken from the competitive matrix; it keeps the criterion's name, and
    stays on the canvas (as its own factor) if the criterion is later removed.

    Each curve of a rated competitor (ours today, and the future that follows it) starts at
    the matrix's rating, scaled to the canvas's levels; an unrated player starts at 0.
    """
    criterion = records.get(session, Criterion, criterion_id)
    factor_id = add_factor(session, criterion.name, index, record_id=record_id)
    records.set_fields(
        session, CanvasFactor, factor_id, from_matrix=True, criterion_id=criterion_id
    )
    levels = matrix_levels(session, criterion_id)
    us = session.scalar(select(Competitor.id).where(Competitor.is_us))
    for curve in session.scalars(select(CanvasCurve)):
        player = us if curve.role in (TODAY, FUTURE) else curve.competitor_id
        if player in levels:
            _level_row(session, curve.id, factor_id).level = levels[player]
    session.commit()
    return factor_id


def matrix_levels(session: Session, criterion_id: str) -> dict[str, int]:
    """Each rated competitor's rating on a criterion as a canvas level: points 0–5 (yes /
    partial / no, relative prices) scaled to 0–10 and rounded."""
    criterion = records.get(session, Criterion, criterion_id)
    values = dict(
        session.execute(
            select(Rating.competitor_id, Rating.value).where(Rating.criterion_id == criterion_id)
        ).all()
    )
    points = row_points(criterion.kind, values)
    span = LEVEL_MAX - LEVEL_MIN
    return {
        competitor_id: LEVEL_MIN + round(point / SCORE_MAX * span)
        for competitor_id, point in points.items()
    }


def rename_factor(session: Session, factor_id: str, name: object) -> str:
    """Rename a factor; returns the previous name."""
    cleaned = clean_text("A factor's name", name, NAME_MAX, required=True)
    _check_unique_factor(session, cleaned, factor_id)
    return str(records.set_fields(session, CanvasFactor, factor_id, name=cleaned)["name"])


def move_factor(session: Session, factor_id: str, index: int) -> int:
    """Move a factor to ``index`` along the axis; returns where it was."""
    ordered = _ordered_factors(session)
    factor = records.get(session, CanvasFactor, factor_id)
    old = ordered.index(factor)
    ordered.remove(factor)
    ordered.insert(max(0, min(index, len(ordered))), factor)
    _renumber(ordered)
    session.commit()
    return old


def remove_factors(session: Session, factor_ids: Iterable[str]) -> records.Removal:
    # Positions keep their gap, so records.restore puts a factor back exactly where it was.
    return records.remove(session, CanvasFactor, factor_ids)


def _ordered_factors(session: Session) -> list[CanvasFactor]:
    return list(
        session.scalars(select(CanvasFactor).order_by(CanvasFactor.position, CanvasFactor.name))
    )


def _renumber(items: list[CanvasFactor] | list[CanvasCurve]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position


def _check_unique_factor(session: Session, name: str, own_id: str | None) -> None:
    for other_id, other_name in session.execute(select(CanvasFactor.id, CanvasFactor.name)):
        if other_name.lower() == name.lower() and other_id != own_id:
            raise ValidationError(f"The canvas already has a factor called “{other_name}”.")


# -- curves ------------------------------------------------------------------------------------


def add_curve(
    session: Session,
    name: object,
    role: str = COMPETITOR,
    colour: str | None = None,
    competitor_id: str | None = None,
    record_id: str | None = None,
) -> str:
    """Add a value curve; our future curve starts where ERRC puts it, others at 0."""
    cleaned = clean_text("A curve's name", name, NAME_MAX, required=True)
    if role not in ROLES:
        raise ValidationError(f"A curve is one of {', '.join(ROLES.values()).lower()}.")
    if role in (TODAY, FUTURE) and session.scalar(
        select(CanvasCurve.id).where(CanvasCurve.role == role)
    ):
        raise ValidationError(f"The canvas already has a curve for {ROLES[role].lower()}.")
    curves = list(session.scalars(select(CanvasCurve).order_by(CanvasCurve.position)))
    if colour is None:
        used = {c.colour for c in curves}
        free = [c for c in CURVE_COLOURS if c not in used] or list(CURVE_COLOURS)
        colour = FUTURE_COLOUR if role == FUTURE else free[0]
    curve = CanvasCurve(
        id=record_id or new_id(),
        name=cleaned,
        role=role,
        colour=colour,
        position=len(curves),
        competitor_id=competitor_id,
    )
    session.add(curve)
    levels = _today_levels(session)
    for factor in _ordered_factors(session):
        level = 0
        if role == FUTURE:
            level = derived_level(levels.get(factor.id, 0), factor.action, factor.target_level)
        session.add(CanvasLevel(curve_id=curve.id, factor_id=factor.id, level=level))
    session.commit()
    return curve.id


def set_curve_shown(session: Session, curve_id: str, shown: bool) -> bool:
    return bool(records.set_fields(session, CanvasCurve, curve_id, shown=shown)["shown"])


def remove_curves(session: Session, curve_ids: Iterable[str]) -> records.Removal:
    return records.remove(session, CanvasCurve, curve_ids)


def _today_levels(session: Session) -> dict[str, int]:
    query = (
        select(CanvasLevel.factor_id, CanvasLevel.level)
        .join(CanvasCurve, CanvasCurve.id == CanvasLevel.curve_id)
        .where(CanvasCurve.role == TODAY)
    )
    return {factor_id: level for factor_id, level in session.execute(query)}


# -- levels and ERRC ---------------------------------------------------------------------------


def set_level(session: Session, curve_id: str, factor_id: str, value: object) -> None:
    """Set one point of one curve.

    On today's curve the future curve follows (where not adjusted by hand); on the future
    curve the point is marked adjusted, so ERRC leaves it where the PM put it.
    """
    curve = records.get(session, CanvasCurve, curve_id)
    factor = records.get(session, CanvasFactor, factor_id)
    level = clean_level(f"{curve.name} on “{factor.name}”", value)
    row = _level_row(session, curve_id, factor_id)
    row.level = level
    if curve.role == FUTURE:
        row.adjusted = True
    elif curve.role == TODAY:
        _follow_today(session, factor)
    session.commit()


def set_errc(session: Session, factor_id: str, action: str, target: object = None) -> None:
    """Give a factor its ERRC action and target level; the future curve follows."""
    factor = records.get(session, CanvasFactor, factor_id)
    _apply_errc(session, factor, action, target)
    session.commit()


def reset_future(session: Session) -> None:
    """Drop every hand adjustment: the future curve is today's curve plus ERRC again."""
    for factor in _ordered_factors(session):
        for row in _future_rows(session, factor.id):
            row.adjusted = False
        _follow_today(session, factor)
    session.commit()


def _apply_errc(session: Session, factor: CanvasFactor, action: str, target: object) -> None:
    action = (action or KEEP).strip().lower()
    if action not in ACTIONS and action != KEEP:
        words = ", ".join(ACTIONS.values()).lower()
        raise ValidationError(f"The ERRC action must be one of {words}, or none; not “{action}”.")
    today = _today_levels(session).get(factor.id, 0)
    level: int | None = None
    given = target not in (None, "")
    if action == KEEP and given:
        raise ValidationError(
            f"Choose an ERRC action for “{factor.name}” before giving it a target level."
        )
    if action == "eliminate" and given and str(target).strip() != "0":
        raise ValidationError(f"Eliminate always takes “{factor.name}” to 0.")
    if action == "eliminate":
        level = 0
    elif action in ("reduce", "raise", "create"):
        label = f"The target level of “{factor.name}”"
        if target in (None, ""):
            raise ValidationError(f"{ACTIONS[action]} needs a target level for “{factor.name}”.")
        level = clean_level(label, target)
        _check_direction(session, factor, action, today, level)
    factor.action = action
    factor.target_level = level
    for row in _future_rows(session, factor.id):
        row.adjusted = False
    _follow_today(session, factor)


def _check_direction(
    session: Session, factor: CanvasFactor, action: str, today: int, level: int
) -> None:
    name = factor.name
    if action == "reduce" and level >= today:
        raise ValidationError(
            f"Reduce means below today's level ({today}) on “{name}”; choose a lower target"
            + (", or use eliminate." if today else "; at 0 there is nothing left to reduce.")
        )
    if action == "raise" and level <= today:
        raise ValidationError(
            f"Raise means above today's level ({today}) on “{name}”; choose a higher target."
        )
    if action == "create":
        if level == LEVEL_MIN:
            raise ValidationError(f"Create needs a target above 0 on “{name}”.")
        query = (
            select(CanvasCurve.name, CanvasLevel.level)
            .join(CanvasLevel, CanvasLevel.curve_id == CanvasCurve.id)
            .where(CanvasLevel.factor_id == factor.id, CanvasCurve.role == COMPETITOR)
            .where(CanvasLevel.level > 0)
        )
        offered = session.execute(query).first()
        if offered is not None:
            raise ValidationError(
                f"“{name}” is already offered by {offered[0]} (level {offered[1]}); create is "
                "for factors no competitor offers. Use raise instead."
            )


def _follow_today(session: Session, factor: CanvasFactor) -> None:
    today = _today_levels(session).get(factor.id, 0)
    for row in _future_rows(session, factor.id):
        if not row.adjusted:
            row.level = derived_level(today, factor.action, factor.target_level)


def _future_rows(session: Session, factor_id: str) -> list[CanvasLevel]:
    query = (
        select(CanvasLevel)
        .join(CanvasCurve, CanvasCurve.id == CanvasLevel.curve_id)
        .where(CanvasLevel.factor_id == factor_id, CanvasCurve.role == FUTURE)
    )
    return list(session.scalars(query))


def _level_row(session: Session, curve_id: str, factor_id: str) -> CanvasLevel:
    query = select(CanvasLevel).where(
        CanvasLevel.curve_id == curve_id, CanvasLevel.factor_id == factor_id
    )
    row = session.scalars(query).first()
    if row is None:  # a pair can be missing in hand-made JSON; the canvas shows it as 0
        row = CanvasLevel(curve_id=curve_id, factor_id=factor_id, level=0)
        session.add(row)
    return row
