"""The grid's crowded cells seen from afar: when a view is zoomed out so far that the names in a
crowded cell cannot be read, the cell is drawn as one cluster (how many people, their attitudes)
instead of unreadable cards. Qt-free, so it is tested without a scene."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from pmdesk.domain.values import natural_key
from pmdesk.workspaces.stakeholders.chart.cells import FULL_CARDS
from pmdesk.workspaces.stakeholders.chart.layout import Placed, cell_of
from pmdesk.workspaces.stakeholders.model import ATTITUDES

NAME_PX = 12.0  # the card name font, in grid units (grid_items uses the same size)
READABLE_PX = 7.0  # below this many pixels on screen a name is a smudge
TOOLTIP_NAMES = 12  # a cluster's tooltip names this many, then says how many more


@dataclass(frozen=True)
class Cluster:
    cell: tuple[int, int]  # influence, interest
    ids: tuple[str, ...]  # in the cell's name order, as its cards stack
    names: tuple[str, ...]
    attitudes: tuple[tuple[str, int], ...]  # attitude -> how many, in the legend's order
    overdue: int

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def tooltip(self) -> str:
        lines = [f"{self.count} people — click to zoom in"]
        lines += list(self.names[:TOOLTIP_NAMES])
        if self.count > TOOLTIP_NAMES:
            lines.append(f"and {self.count - TOOLTIP_NAMES} more")
        if self.overdue:
            lines.append(f"{self.overdue} touchpoint{'s' if self.overdue != 1 else ''} overdue")
        return "\n".join(lines)


class ClusterPerson(Placed, Protocol):
    attitude: str


def names_readable(scale: float) -> bool:
    """Whether card names can be read at a view's scale (screen pixels per grid unit)."""
    return scale * NAME_PX >= READABLE_PX


def crowded_cells(
    people: Iterable[ClusterPerson], overdue: Iterable[str] = ()
) -> dict[tuple[int, int], Cluster]:
    """A cluster for every cell holding more people than it shows as full cards: those are
    the cells whose names shrink to one line and run out of room. A cell of one or two keeps
    its cards at any zoom, so a small project looks as it always did."""
    late = set(overdue)
    by_cell: dict[tuple[int, int], list[ClusterPerson]] = {}
    for person in people:
        by_cell.setdefault(cell_of(person), []).append(person)
    result: dict[tuple[int, int], Cluster] = {}
    for cell, group in by_cell.items():
        if len(group) <= FULL_CARDS:
            continue
        group.sort(key=lambda p: (natural_key(p.name), p.id))
        counts = dict.fromkeys(ATTITUDES, 0)
        for person in group:
            counts[person.attitude] = counts.get(person.attitude, 0) + 1
        result[cell] = Cluster(
            cell,
            tuple(person.id for person in group),
            tuple(person.name for person in group),
            tuple((kind, count) for kind, count in counts.items() if count),
            sum(person.id in late for person in group),
        )
    return result
