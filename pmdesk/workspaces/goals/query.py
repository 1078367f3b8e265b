"""What the Goals views, the briefing and other workspaces read: plain values, loaded in a few
set-based queries, with each key result's judgement already made.

The Qt layer never builds SQL (an import contract holds it to that), and other workspaces'
pages (the roadmap item's dialog) ask :func:`goals_of_item` rather than reading these tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from operator import attrgetter

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from pmdesk.workspaces.goals.model import (
    DIRECTIONS,
    CheckIn,
    GoalLink,
    KeyResult,
    Objective,
)
from pmdesk.workspaces.goals.periods import period_label
from pmdesk.workspaces.goals.progress import Judgement, judge
from pmdesk.workspaces.goals.values import NUMERIC, finite, safe_cadence
from pmdesk.workspaces.requirements.model import Requirement
from pmdesk.workspaces.roadmap.edit import fiscal_year_start
from pmdesk.workspaces.roadmap.model import RoadmapItem
from pmdesk.workspaces.stakeholders.query import names_by_id


@dataclass(frozen=True)
class CheckInRow:
    id: str
    on_date: date
    value: float
    note: str
    source: str


@dataclass(frozen=True)
class LinkRow:
    id: str
    kind: str  # "roadmap_item" or "requirement"
    target_id: str
    title: str
    late: bool  # a roadmap item past its end and not done


@dataclass(frozen=True)
class KeyResultView:
    id: str
    objective_id: str
    metric: str
    unit: str
    baseline: float
    target: float
    direction: str
    confidence: str
    cadence_days: int
    check_ins: tuple[CheckInRow, ...]  # oldest first; only the latest unless all_check_ins
    links: tuple[LinkRow, ...]
    judgement: Judgement
    # False when loaded for the tree alone (``load_goals(..., all_check_ins=False)``): the
    # rows and judgements need the latest check-in only; ``with_all_check_ins`` reads the rest.
    all_check_ins: bool = True

    @cached_property
    def points(self) -> list[tuple[date, float]]:
        """(date, value) of every check-in, oldest first, as the chart and the judgement take
        them (made once: a long record has 10,000)."""
        return [(row.on_date, row.value) for row in self.check_ins]

    @property
    def late_items(self) -> int:
        return sum(link.late for link in self.links)


@dataclass(frozen=True)
class ObjectiveView:
    id: str
    title: str
    why: str
    owner_id: str | None
    owner: str
    period_start: date
    period_end: date
    period: str
    status: str
    key_results: tuple[KeyResultView, ...]


@dataclass(frozen=True)
class Goals:
    objectives: tuple[ObjectiveView, ...]
    fiscal_start: int
    today: date

    def key_result(self, key_result_id: str) -> KeyResultView | None:
        for objective in self.objectives:
            for result in objective.key_results:
                if result.id == key_result_id:
                    return result
        return None

    def objective(self, objective_id: str) -> ObjectiveView | None:
        return next((o for o in self.objectives if o.id == objective_id), None)


def load_goals(session: Session, today: date, *, all_check_ins: bool = True) -> Goals:
    """Every objective with its key results, check-ins, links and judgements.

    With ``all_check_ins=False`` each key result holds its latest check-in only (what its
    judgement reads): a view that shows one key result's record at a time then reads the
    latest of each in SQL rather than every check-in with its note.
    """
    fiscal_start = fiscal_year_start(session)
    owners = names_by_id(session)
    check_ins = check_ins_by_key_result(session) if all_check_ins else _latest_rows(session)
    links = _links(session, today)
    results: dict[str, list[KeyResultView]] = defaultdict(list)
    objectives = list(
        session.execute(
            select(
                Objective.id,
                Objective.title,
                Objective.why,
                Objective.owner_id,
                Objective.period_start,
                Objective.period_end,
                Objective.status,
            ).order_by(Objective.position, Objective.period_start, Objective.title)
        )
    )
    periods = {row[0]: (row[4], row[5]) for row in objectives}
    query = select(
        KeyResult.id,
        KeyResult.objective_id,
        KeyResult.metric,
        KeyResult.unit,
        KeyResult.baseline,
        KeyResult.target,
        KeyResult.direction,
        KeyResult.confidence,
        KeyResult.cadence_days,
    ).order_by(KeyResult.position, KeyResult.metric)
    for row in session.execute(query):
        # Values are checked when typed and loaded; a file edited elsewhere may still hold
        # anything SQLite stores, so what the views use is made safe here, once.
        key, objective_id, metric, unit, baseline, target, direction, confidence, cadence = row
        baseline, target = finite(baseline) or 0.0, finite(target) or 0.0
        direction = direction if direction in DIRECTIONS else "up"
        cadence = safe_cadence(cadence)
        rows = tuple(check_ins.get(key, ()))
        first, last = periods[objective_id]
        latest = [(c.on_date, c.value) for c in rows[-1:]]  # the judgement reads the latest
        judgement = judge(baseline, target, direction, first, last, latest, today, cadence, unit)
        results[objective_id].append(
            KeyResultView(
                key,
                objective_id,
                metric,
                unit,
                baseline,
                target,
                direction,
                confidence,
                cadence,
                rows,
                tuple(links.get(key, ())),
                judgement,
                all_check_ins,
            )
        )
    views = tuple(
        ObjectiveView(
            id=row[0],
            title=row[1],
            why=row[2],
            owner_id=row[3],
            owner=owners.get(row[3], "") if row[3] else "",
            period_start=row[4],
            period_end=row[5],
            period=period_label(row[4], row[5], fiscal_start),
            status=row[6],
            key_results=tuple(results.get(row[0], ())),
        )
        for row in objectives
    )
    return Goals(views, fiscal_start, today)


def with_all_check_ins(session: Session, goals: Goals, key_result_id: str) -> Goals:
    """``goals`` with every check-in of one key result read, when it held its latest only.

    Its judgement stays: it was made from the latest check-in, which is the same row.
    """
    result = goals.key_result(key_result_id)
    if result is None or result.all_check_ins:
        return goals
    rows = tuple(check_ins_by_key_result(session, key_result_id).get(key_result_id, ()))
    return _with_result(goals, replace(result, check_ins=rows, all_check_ins=True))


def _with_result(goals: Goals, changed: KeyResultView) -> Goals:
    """``goals`` with one key result replaced by ``changed``; the rest as it was."""
    objectives = tuple(
        replace(
            objective,
            key_results=tuple(changed if r.id == changed.id else r for r in objective.key_results),
        )
        if objective.id == changed.objective_id
        else objective
        for objective in goals.objectives
    )
    return replace(goals, objectives=objectives)


def with_check_ins_refreshed(
    session: Session, goals: Goals, key_result_id: str, check_in_ids: Collection[str]
) -> Goals:
    """``goals`` with one key result's check-ins of ``check_in_ids`` read again (added, changed
    or gone) and the key result judged again; the rest as it was.

    Adding one check-in to a key result of 10,000 then reads one row, not 10,000.
    """
    result = goals.key_result(key_result_id)
    objective = goals.objective(result.objective_id) if result else None
    if result is None or objective is None:
        return load_goals(session, goals.today)
    wanted = set(check_in_ids)
    if result.all_check_ins:
        fresh = check_ins_by_key_result(session, key_result_id, wanted).get(key_result_id, [])
        kept = [row for row in result.check_ins if row.id not in wanted]
    else:  # it held its latest only: read all of its record now
        fresh, kept = check_ins_by_key_result(session, key_result_id).get(key_result_id, []), []
    # Already in date order, so this sort is one pass; ties keep the order they were added in.
    rows = tuple(sorted([*kept, *fresh], key=attrgetter("on_date")))
    judgement = judge(
        result.baseline,
        result.target,
        result.direction,
        objective.period_start,
        objective.period_end,
        [(c.on_date, c.value) for c in rows[-1:]],  # the judgement reads the latest
        goals.today,
        result.cadence_days,
        result.unit,
    )
    changed = replace(result, check_ins=rows, judgement=judgement, all_check_ins=True)
    return _with_result(goals, changed)


# What a CheckInRow is read from (with its key result first), and the order "latest" refers to.
_ROW_COLUMNS = (
    CheckIn.key_result_id,
    CheckIn.id,
    CheckIn.on_date,
    CheckIn.value,
    CheckIn.note,
    CheckIn.source,
)
_OLDEST_FIRST = (CheckIn.on_date, CheckIn.created_at, CheckIn.id)


def check_ins_by_key_result(
    session: Session, key_result_id: str | None = None, ids: Collection[str] | None = None
) -> dict[str, list[CheckInRow]]:
    """Check-ins per key result, oldest first (one key result's when an id is given, only
    those of ``ids`` when given)."""
    query = select(*_ROW_COLUMNS).order_by(*_OLDEST_FIRST)
    if key_result_id is not None:
        query = query.where(CheckIn.key_result_id == key_result_id)
    if ids is not None:
        query = query.where(CheckIn.id.in_(list(ids)))
    found: dict[str, list[CheckInRow]] = defaultdict(list)
    for owner, check_in_id, on_date, value, note, source in session.execute(query):
        number = finite(value)
        if number is not None:  # a value that is not a number cannot be drawn or judged
            found[owner].append(CheckInRow(check_in_id, on_date, number, note, source))
    return found


def _latest_rows(session: Session) -> dict[str, list[CheckInRow]]:
    """Each key result's latest check-in that holds a number, as the one row of its list.

    "Latest" as :func:`check_ins_by_key_result` orders them (date, then when added, then id).
    SQLite finds each one's latest day and hands back that day's rows only, so a long
    record's other rows and notes are never read. Only values it stores as numbers (an
    infinity is beyond the largest double) qualify, as ``values.finite`` judges them.
    """
    latest_day = (
        select(CheckIn.key_result_id, func.max(CheckIn.on_date))
        .where(NUMERIC)
        .group_by(CheckIn.key_result_id)
    )
    query = (
        select(*_ROW_COLUMNS)
        .where(tuple_(CheckIn.key_result_id, CheckIn.on_date).in_(latest_day), NUMERIC)
        .order_by(*_OLDEST_FIRST)
    )
    found: dict[str, list[CheckInRow]] = {}
    for owner, check_in_id, on_date, value, note, source in session.execute(query):
        number = finite(value)
        if number is not None:  # in that order, the last of a day's rows stays
            found[owner] = [CheckInRow(check_in_id, on_date, number, note, source)]
    return found


def _links(session: Session, today: date) -> dict[str, list[LinkRow]]:
    found: dict[str, list[LinkRow]] = defaultdict(list)
    items = select(
        GoalLink.key_result_id,
        GoalLink.id,
        RoadmapItem.id,
        RoadmapItem.title,
        RoadmapItem.end,
        RoadmapItem.status,
    ).join(RoadmapItem, GoalLink.roadmap_item_id == RoadmapItem.id)
    for owner, link_id, item_id, title, end, status in session.execute(items):
        late = end is not None and end < today and status != "done"
        found[owner].append(LinkRow(link_id, "roadmap_item", item_id, title, late))
    requirements = select(
        GoalLink.key_result_id, GoalLink.id, Requirement.id, Requirement.title
    ).join(Requirement, GoalLink.requirement_id == Requirement.id)
    for owner, link_id, requirement_id, title in session.execute(requirements):
        found[owner].append(LinkRow(link_id, "requirement", requirement_id, title, False))
    for rows in found.values():
        rows.sort(key=lambda link: (link.kind != "roadmap_item", link.title.casefold()))
    return found


def goals_of_item(session: Session, item_id: str) -> list[str]:
    """ "Objective › key result" for each key result a roadmap item contributes to."""
    query = (
        select(Objective.title, KeyResult.metric)
        .join(KeyResult, KeyResult.objective_id == Objective.id)
        .join(GoalLink, GoalLink.key_result_id == KeyResult.id)
        .where(GoalLink.roadmap_item_id == item_id)
        .order_by(Objective.title, KeyResult.metric)
    )
    return [f"{objective} › {metric}" for objective, metric in session.execute(query)]


def work_choices(session: Session) -> list[tuple[str, str, str]]:
    """(kind, title, id) of every roadmap item and requirement a key result may link to."""
    items = session.execute(select(RoadmapItem.title, RoadmapItem.id).order_by(RoadmapItem.title))
    needs = session.execute(select(Requirement.title, Requirement.id).order_by(Requirement.title))
    return [("roadmap_item", title, key) for title, key in items] + [
        ("requirement", title, key) for title, key in needs
    ]


def period_of_key_result(session: Session, key_result_id: str) -> tuple[date, date]:
    first, last = session.execute(
        select(Objective.period_start, Objective.period_end)
        .join(KeyResult, KeyResult.objective_id == Objective.id)
        .where(KeyResult.id == key_result_id)
    ).one()
    return first, last


def ordered(objectives: Sequence[ObjectiveView], state: str) -> list[KeyResultView]:
    """Key results of active objectives in a judgement state, in the objectives' order."""
    return [
        result
        for objective in objectives
        if objective.status == "active"
        for result in objective.key_results
        if result.judgement.state == state
    ]
