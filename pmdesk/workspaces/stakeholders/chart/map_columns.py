"""The communication map for many people: one column per group (a department or team, or an
attitude), a few columns a row, read top to bottom like a board. Around a hub two hundred
people turn into a blur; in columns every name stays at a readable size. Qt-free."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pmdesk.domain.values import natural_key
from pmdesk.workspaces.stakeholders.chart.layout import (
    CHIP_GAP,
    CHIP_HEIGHT,
    CHIP_WIDTH,
    Rect,
    department_order,
)
from pmdesk.workspaces.stakeholders.model import ATTITUDES

GROUPINGS: dict[str, str] = {
    "ring": "Around product management",
    "department": "Department or team",
    "attitude": "Attitude",
}
COLUMN_GAP = 28.0
HEADER = 30.0  # a group's title above its column
ROW_GAP = 26.0
COLUMNS_PER_ROW = 5
RING_MAX = 60  # beyond this many people the ring is too crowded to read


class Member(Protocol):
    id: str
    name: str
    department: str
    attitude: str


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    x: float
    y: float
    count: int


@dataclass
class ColumnsLayout:
    groups: list[Group] = field(default_factory=list)
    chips: dict[str, Rect] = field(default_factory=dict)
    group_of: dict[str, str] = field(default_factory=dict)  # stakeholder id -> group key
    bounds: Rect = field(default_factory=lambda: Rect(0.0, 0.0, 0.0, 0.0))


def default_grouping(count: int) -> str:
    return "ring" if count <= RING_MAX else "department"


def group_key(person: Member, grouping: str) -> str:
    if grouping == "attitude":
        return person.attitude
    return person.department.strip() or "Unassigned"


def columns_layout(people: Sequence[Member], grouping: str) -> ColumnsLayout:
    groups: dict[str, list[Member]] = {}
    for person in people:
        groups.setdefault(group_key(person, grouping), []).append(person)
    if grouping == "attitude":
        order = [key for key in ATTITUDES if key in groups]
        order += sorted(set(groups) - set(order))
    else:
        order = department_order(groups)
    result = ColumnsLayout()
    step = CHIP_HEIGHT + CHIP_GAP
    top = 0.0
    for start in range(0, len(order), COLUMNS_PER_ROW):
        row = order[start : start + COLUMNS_PER_ROW]
        tallest = 0
        for column, key in enumerate(row):
            x = column * (CHIP_WIDTH + COLUMN_GAP)
            members = sorted(groups[key], key=lambda p: (natural_key(p.name), p.id))
            title = ATTITUDES.get(key, key) if grouping == "attitude" else key
            result.groups.append(Group(key, title, x, top, len(members)))
            for index, person in enumerate(members):
                result.chips[person.id] = Rect(
                    x, top + HEADER + index * step, CHIP_WIDTH, CHIP_HEIGHT
                )
                result.group_of[person.id] = key
            tallest = max(tallest, len(members))
        top += HEADER + tallest * step + ROW_GAP
    columns = min(len(order), COLUMNS_PER_ROW)
    width = max(columns * (CHIP_WIDTH + COLUMN_GAP) - COLUMN_GAP, CHIP_WIDTH)
    result.bounds = Rect(-12.0, -12.0, width + 24.0, max(top - ROW_GAP, HEADER) + 24.0)
    return result
