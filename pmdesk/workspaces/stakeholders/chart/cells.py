"""How the app's grid fits several stakeholders into one cell so that every name shown is
readable: two full cards; three or four name-only cards; beyond, three names and a "+N" chip
that lists the rest. Qt-free, so it is tested without a scene."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pmdesk.domain.values import natural_key
from pmdesk.workspaces.stakeholders.chart.layout import (
    CARD_HEIGHT,
    CARD_WIDTH,
    Placed,
    Rect,
    cell_center,
    cell_of,
    stack_offset,
)

COMPACT_HEIGHT = 17.0  # a name-only card: one line of the card's name font
COMPACT_STEP = COMPACT_HEIGHT + 1.0
FULL_CARDS = 2  # as many full cards as one cell holds without covering each other
SLOTS = 4  # name-only rows one cell holds


@dataclass
class CellStacks:
    cards: dict[str, Rect] = field(default_factory=dict)  # shown cards, full or name-only
    chips: dict[tuple[int, int], Rect] = field(default_factory=dict)  # the "+N" of a cell
    hidden: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # behind the chip

    def compact(self, stakeholder_id: str) -> bool:
        return self.cards[stakeholder_id].height < CARD_HEIGHT


def stack_cells(people: Iterable[Placed]) -> CellStacks:
    """Where each shown card goes; people in one cell in name order."""
    by_cell: dict[tuple[int, int], list[Placed]] = {}
    for person in people:
        by_cell.setdefault(cell_of(person), []).append(person)
    result = CellStacks()
    for cell, group in by_cell.items():
        group.sort(key=lambda p: (natural_key(p.name), p.id))  # "(2)" before "(10)"
        cx, cy = cell_center(*cell)
        if len(group) <= FULL_CARDS:
            for index, person in enumerate(group):
                dx, dy = stack_offset(index, len(group))
                result.cards[person.id] = _box(cx + dx, cy + dy, CARD_HEIGHT)
            continue
        shown = group if len(group) <= SLOTS else group[: SLOTS - 1]
        rows = min(len(group), SLOTS)
        for index in range(rows):
            y = cy + (index - (rows - 1) / 2) * COMPACT_STEP
            if index < len(shown):
                result.cards[shown[index].id] = _box(cx, y, COMPACT_HEIGHT)
            else:
                result.chips[cell] = _box(cx, y, COMPACT_HEIGHT)
        if len(group) > len(shown):
            result.hidden[cell] = [person.id for person in group[len(shown) :]]
    return result


def _box(cx: float, cy: float, height: float) -> Rect:
    return Rect(cx - CARD_WIDTH / 2, cy - height / 2, CARD_WIDTH, height)
