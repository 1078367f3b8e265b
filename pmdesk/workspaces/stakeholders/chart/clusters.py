"""The grid's crowded cells seen from afar: when a view is zoomed out so far that the names in a
crowded cell cannot be read, the cell is drawn as one cluster (how many people, their attitudes)
instead of unreadable cards. Qt-free, so it is tested without a scene."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from pmdesk.workspaces.stakeholders.chart.cells import CellStacks
from pmdesk.workspaces.stakeholders.chart.layout import CARD_HEIGHT, Placed, cell_of
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
    people: Iterable[ClusterPerson], stacks: CellStacks, overdue: Iterable[str] = ()
) -> dict[tuple[int, int], Cluster]:
    """A cluster for every cell holding more people than it shows as full cards: those are
    the cells whose names shrink to one line and run out of room. A cell of one or two keeps
    its cards at any zoom, so a small project looks as it always did.

    ``stacks`` is :func:`stack_cells` of the same people: a cluster lists its people in the
    order their cards stack, without sorting thousands of names a second time."""
    late = set(overdue)
    by_id = {person.id: person for person in people}
    order: dict[tuple[int, int], list[str]] = {}
    for person_id, box in stacks.cards.items():
        if box.height < CARD_HEIGHT:  # name-only cards: their cell holds more than two
            order.setdefault(cell_of(by_id[person_id]), []).append(person_id)
    for cell, hidden in stacks.hidden.items():
        order.setdefault(cell, []).extend(hidden)
    result: dict[tuple[int, int], Cluster] = {}
    for cell, ids in order.items():
        counts = dict.fromkeys(ATTITUDES, 0)
        for person_id in ids:
            attitude = by_id[person_id].attitude
            counts[attitude] = counts.get(attitude, 0) + 1
        result[cell] = Cluster(
            cell,
            tuple(ids),
            tuple(by_id[person_id].name for person_id in ids),
            tuple((kind, count) for kind, count in counts.items() if count),
            sum(person_id in late for person_id in ids),
        )
    return result
