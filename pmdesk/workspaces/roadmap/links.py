"""Finish-to-start dependencies between roadmap items, and the loops they may not form."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.workspaces.roadmap.model import RoadmapDependency, RoadmapItem


def _edges(session: Session) -> dict[str, list[str]]:
    """predecessor id -> successor ids, for every dependency."""
    graph: dict[str, list[str]] = {}
    rows = session.execute(select(RoadmapDependency.predecessor_id, RoadmapDependency.successor_id))
    for before, after in rows:
        graph.setdefault(before, []).append(after)
    return graph


def path_between(graph: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The shortest chain of dependencies leading from ``start`` to ``goal``, if any."""
    came_from: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            chain = [node]
            while (previous := came_from[chain[-1]]) is not None:
                chain.append(previous)
            return chain[::-1]
        for following in graph.get(node, ()):
            if following not in came_from:
                came_from[following] = node
                queue.append(following)
    return None


def add_dependency(session: Session, predecessor_id: str, successor_id: str) -> str:
    """Make ``successor`` depend on ``predecessor`` (finish-to-start); returns the link's id.

    Refuses a link to itself, a repeat, and a link that would close a loop, naming the loop.
    """
    before = records.get(session, RoadmapItem, predecessor_id)
    after = records.get(session, RoadmapItem, successor_id)
    if before.id == after.id:
        raise ValidationError(f"“{before.title}” cannot depend on itself.")
    graph = _edges(session)
    if after.id in graph.get(before.id, ()):
        raise ValidationError(f"“{after.title}” already depends on “{before.title}”.")
    loop = path_between(graph, after.id, before.id)
    if loop is not None:
        query = select(RoadmapItem.id, RoadmapItem.title).where(RoadmapItem.id.in_(loop))
        titles = {item_id: title for item_id, title in session.execute(query)}
        # The new link closes the chain after -> ... -> before back to after.
        names = " → ".join(f"“{titles[node]}”" for node in [*loop, after.id])
        raise ValidationError(
            f"“{after.title}” cannot depend on “{before.title}”: that would make a loop, "
            f"{names}. Remove one of those dependencies first."
        )
    link = RoadmapDependency(predecessor_id=before.id, successor_id=after.id)
    session.add(link)
    session.commit()
    return link.id


def restore_dependency(
    session: Session, link_id: str, predecessor_id: str, successor_id: str
) -> None:
    """Put back a removed dependency with its old id (undo of a removal)."""
    session.add(
        RoadmapDependency(id=link_id, predecessor_id=predecessor_id, successor_id=successor_id)
    )
    session.commit()


def remove_dependency(session: Session, link_id: str) -> tuple[str, str]:
    """Remove one dependency; returns (predecessor id, successor id) for undo."""
    link = records.get(session, RoadmapDependency, link_id)
    pair = (link.predecessor_id, link.successor_id)
    session.delete(link)
    session.commit()
    return pair


def dependency_between(session: Session, predecessor_id: str, successor_id: str) -> str | None:
    return session.scalar(
        select(RoadmapDependency.id).where(
            RoadmapDependency.predecessor_id == predecessor_id,
            RoadmapDependency.successor_id == successor_id,
        )
    )


def dump_rule(roadmap: Mapping[str, Any]) -> list[tuple[str, frozenset[str]]]:
    """The dependency loops in a roadmap's dump, each named, with the links forming it.

    Links are taken in a fixed order; one that would close a loop is reported instead of added,
    so each loop is reported once.
    """
    titles = {item["id"]: item.get("title", "") for item in roadmap.get("items", ())}
    graph: dict[str, list[str]] = {}
    link_ids: dict[tuple[str, str], str] = {}
    loops: list[tuple[str, frozenset[str]]] = []
    for link in sorted(roadmap.get("dependencies", ()), key=lambda link: link["id"]):
        before, after = link["predecessor_id"], link["successor_id"]
        loop = [after] if before == after else path_between(graph, after, before)
        if loop is None:
            graph.setdefault(before, []).append(after)
            link_ids[(before, after)] = link["id"]
            continue
        involved = {link["id"], *(link_ids[pair] for pair in pairwise(loop))}
        names = " → ".join(f"“{titles.get(node, '?')}”" for node in [*loop, after])
        loops.append((f"the roadmap dependencies make a loop, {names}", frozenset(involved)))
    return loops
