"""Where things sit on the stakeholder pictures: the power/interest grid and the communication
map. Qt-free, so the app's scenes and the briefing's matplotlib figures draw the same picture.

Coordinates are in points of a canvas whose y axis grows downwards (as in Qt); the figure
renderer flips it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pmdesk.workspaces.stakeholders.model import (
    DEPARTMENTS,
    EXTERNAL_DEPARTMENTS,
    HIGH_FROM,
    SCORE_MAX,
    SCORE_MIN,
    split_tags,
)

# Attitude -> card colour: green for backing, grey for neutral, amber and red for resistance.
ATTITUDE_COLOURS: dict[str, str] = {
    "champion": "#1b7f4c",
    "supporter": "#58a55c",
    "neutral": "#7d8797",
    "skeptic": "#d98a1c",
    "blocker": "#c0392b",
}
# Quadrant -> a quiet tint, so the cards carry the colour.
QUADRANT_TINTS: dict[str, str] = {
    "manage_closely": "#e9f0fb",
    "keep_satisfied": "#f4f1fa",
    "keep_informed": "#eef7f1",
    "monitor": "#f6f6f4",
}
RELATIONSHIP_COLOURS: dict[str, str] = {
    "reports_to": "#5b6b82",
    "influences": "#2f6fd6",
    "ally": "#1b7f4c",
    "conflict": "#c0392b",
}
INK = "#1f2733"
MUTED_INK = "#5b6575"
GRID_LINE = "#d5d9e0"

CELL_WIDTH = 128.0  # one interest step (wide: screens and slides are landscape)
CELL_HEIGHT = 76.0  # one influence step
CARD_WIDTH = 122.0
CARD_HEIGHT = 34.0
CARD_GAP = 4.0
CELLS = SCORE_MAX - SCORE_MIN + 1


class Placed(Protocol):
    """What the pictures need of a stakeholder (the model, or a snapshot position)."""

    id: str
    name: str
    influence: int
    interest: int


class Filterable(Protocol):
    name: str
    role: str
    department: str
    attitude: str
    tags: str


@dataclass(frozen=True)
class MapFilter:
    """Which stakeholders a view shows; empty parts match everyone."""

    department: str = ""
    attitude: str = ""
    tag: str = ""
    text: str = ""

    @property
    def active(self) -> bool:
        return bool(self.department or self.attitude or self.tag or self.text.strip())

    def matches(self, person: Filterable) -> bool:
        if self.department and person.department != self.department:
            return False
        if self.attitude and person.attitude != self.attitude:
            return False
        if self.tag and self.tag.lower() not in {t.lower() for t in split_tags(person.tags)}:
            return False
        words = self.text.strip().lower()
        if words:
            haystack = f"{person.name} {person.role} {person.department}".lower()
            return all(word in haystack for word in words.split())
        return True


# -- the power/interest grid -------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


@dataclass(frozen=True)
class Quadrant:
    strategy: str
    rect: Rect
    label_at: str  # which corner the strategy label sits in: "top-left", "top-right", ...


@dataclass
class GridLayout:
    plot: Rect
    quadrants: list[Quadrant]
    cards: dict[str, Rect] = field(default_factory=dict)  # stakeholder id -> card

    def anchor(self, stakeholder_id: str) -> tuple[float, float]:
        return self.cards[stakeholder_id].center


PLOT = Rect(0.0, 0.0, CELL_WIDTH * CELLS, CELL_HEIGHT * CELLS)


def cell_center(influence: int, interest: int) -> tuple[float, float]:
    """The middle of the grid cell for a pair of scores."""
    x = PLOT.x + (interest - SCORE_MIN + 0.5) * CELL_WIDTH
    y = PLOT.y + (SCORE_MAX - influence + 0.5) * CELL_HEIGHT
    return x, y


def snap(x: float, y: float) -> tuple[int, int]:
    """The (influence, interest) of the cell under a point, kept inside 1-10."""
    interest = SCORE_MIN + math.floor((x - PLOT.x) / CELL_WIDTH)
    influence = SCORE_MAX - math.floor((y - PLOT.y) / CELL_HEIGHT)
    return _clamp(influence), _clamp(interest)


def _clamp(value: int) -> int:
    return max(SCORE_MIN, min(SCORE_MAX, value))


def quadrants() -> list[Quadrant]:
    split_x = PLOT.x + (HIGH_FROM - SCORE_MIN) * CELL_WIDTH
    split_y = PLOT.y + (SCORE_MAX - HIGH_FROM + 1) * CELL_HEIGHT
    left_w = split_x - PLOT.x
    right_w = PLOT.x + PLOT.width - split_x
    top_h = split_y - PLOT.y
    bottom_h = PLOT.y + PLOT.height - split_y
    return [
        Quadrant("keep_satisfied", Rect(PLOT.x, PLOT.y, left_w, top_h), "top-left"),
        Quadrant("manage_closely", Rect(split_x, PLOT.y, right_w, top_h), "top-right"),
        Quadrant("monitor", Rect(PLOT.x, split_y, left_w, bottom_h), "bottom-left"),
        Quadrant("keep_informed", Rect(split_x, split_y, right_w, bottom_h), "bottom-right"),
    ]


def cell_of(person: Placed) -> tuple[int, int]:
    """The (influence, interest) cell a stakeholder's card sits in."""
    return _clamp(person.influence), _clamp(person.interest)


def grid_layout(people: Iterable[Placed]) -> GridLayout:
    """One card per stakeholder, centred on its cell; people sharing a cell stack up in it."""
    by_cell: dict[tuple[int, int], list[Placed]] = {}
    for person in people:
        key = cell_of(person)
        by_cell.setdefault(key, []).append(person)
    layout = GridLayout(PLOT, quadrants())
    for (influence, interest), group in by_cell.items():
        cx, cy = cell_center(influence, interest)
        for index, person in enumerate(sorted(group, key=lambda p: (p.name.lower(), p.id))):
            dx, dy = stack_offset(index, len(group))
            layout.cards[person.id] = Rect(
                cx + dx - CARD_WIDTH / 2, cy + dy - CARD_HEIGHT / 2, CARD_WIDTH, CARD_HEIGHT
            )
    return layout


def free_cell(people: Iterable[Placed], near: tuple[int, int] = (5, 5)) -> tuple[int, int]:
    """Where a new stakeholder goes: the emptiest cell, nearest ``near`` (influence, interest).

    A new card on top of the last one hides both names; an empty cell near the middle of the
    grid is where the PM expects it and can drag it from.
    """
    counts: dict[tuple[int, int], int] = {}
    for person in people:
        key = (_clamp(person.influence), _clamp(person.interest))
        counts[key] = counts.get(key, 0) + 1
    cells = [
        (influence, interest)
        for influence in range(SCORE_MIN, SCORE_MAX + 1)
        for interest in range(SCORE_MIN, SCORE_MAX + 1)
    ]
    return min(
        cells,
        key=lambda cell: (
            counts.get(cell, 0),
            (cell[0] - near[0]) ** 2 + (cell[1] - near[1]) ** 2,
            -cell[0],
            cell[1],
        ),
    )


def stack_offset(index: int, count: int) -> tuple[float, float]:
    """Where the ``index``-th of ``count`` cards in one cell goes, from the cell's centre.

    Two fit one above the other; more fan out in small steps so every name stays clickable.
    """
    step = CARD_HEIGHT + CARD_GAP
    if count <= 2:
        return 0.0, (index - (count - 1) / 2) * step
    return (index % 3 - 1) * 6.0, (index - (count - 1) / 2) * step / 2


def card_edge(
    center: tuple[float, float],
    toward: tuple[float, float],
    half: tuple[float, float] | None = None,
) -> tuple[float, float]:
    """Where the line from a card's centre towards a point leaves the card (with 2 units air);
    ``half`` is another box's half width and height."""
    dx, dy = toward[0] - center[0], toward[1] - center[1]
    half_w, half_h = half or (CARD_WIDTH / 2, CARD_HEIGHT / 2)
    half_w, half_h = half_w + 2, half_h + 2
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    if scale == math.inf:
        return center
    return center[0] + dx * scale, center[1] + dy * scale


def initials(name: str) -> str:
    words = [word for word in name.replace("(", " ").split() if word[:1].isalpha()]
    return "".join(word[0] for word in words[:2]).upper() or "?"


# -- the communication map ---------------------------------------------------------------------

RING_X = 330.0  # departments sit on an ellipse around product management
RING_Y = 230.0
PEOPLE_OUT = 150.0  # how much further out a department's people start
CHIP_WIDTH = 186.0
CHIP_HEIGHT = 36.0
CHIP_GAP = 6.0
HUB_RADIUS = 74.0
DEPARTMENT_RADIUS = 44.0


class Grouped(Protocol):
    id: str
    name: str
    department: str
    external: bool


@dataclass(frozen=True)
class DepartmentNode:
    name: str
    x: float
    y: float
    external: bool
    count: int


@dataclass
class CommunicationLayout:
    departments: list[DepartmentNode]
    chips: dict[str, Rect]  # stakeholder id -> chip
    chip_department: dict[str, str]
    bounds: Rect


def department_order(names: Iterable[str]) -> list[str]:
    """Suggested departments in the domain's order, then other names alphabetically."""
    present = set(names)
    known = [name for name in DEPARTMENTS if name in present]
    return known + sorted(present - set(DEPARTMENTS), key=str.lower)


def communication_layout(people: Sequence[Grouped]) -> CommunicationLayout:
    """Product management at the centre, departments on a ring, their people just outside."""
    groups: dict[str, list[Grouped]] = {}
    for person in people:
        groups.setdefault(person.department.strip() or "Unassigned", []).append(person)
    order = department_order(groups)
    nodes: list[DepartmentNode] = []
    chips: dict[str, Rect] = {}
    chip_department: dict[str, str] = {}
    count = max(len(order), 1)
    for index, name in enumerate(order):
        # Start at the top and go clockwise, as a reader scans a clock face.
        angle = -math.pi / 2 + 2 * math.pi * index / count
        cos, sin = math.cos(angle), math.sin(angle)
        members = sorted(groups[name], key=lambda p: p.name.lower())
        external = name in EXTERNAL_DEPARTMENTS or all(p.external for p in members)
        nodes.append(DepartmentNode(name, RING_X * cos, RING_Y * sin, external, len(members)))
        for person, rect in zip(members, _chip_stack(cos, sin, len(members)), strict=True):
            chips[person.id] = rect
            chip_department[person.id] = name
    return CommunicationLayout(nodes, chips, chip_department, _bounds(nodes, chips.values()))


def _chip_stack(cos: float, sin: float, count: int) -> list[Rect]:
    """A column of chips beyond a department node, growing away from the centre."""
    out_x = (RING_X + PEOPLE_OUT) * cos
    out_y = (RING_Y + PEOPLE_OUT * 0.55) * sin
    height = count * CHIP_HEIGHT + (count - 1) * CHIP_GAP
    if cos > 0.35:
        left = out_x - 10
    elif cos < -0.35:
        left = out_x - CHIP_WIDTH + 10
    else:
        left = out_x - CHIP_WIDTH / 2
    if sin < -0.8:  # near the top: grow upwards
        top = out_y - height + CHIP_HEIGHT / 2
    elif sin > 0.8:  # near the bottom: grow downwards
        top = out_y - CHIP_HEIGHT / 2
    else:
        top = out_y - height / 2
    step = CHIP_HEIGHT + CHIP_GAP
    return [Rect(left, top + i * step, CHIP_WIDTH, CHIP_HEIGHT) for i in range(count)]


def _bounds(nodes: Sequence[DepartmentNode], chips: Iterable[Rect]) -> Rect:
    margin = 24.0
    xs = [-HUB_RADIUS, HUB_RADIUS]
    ys = [-HUB_RADIUS, HUB_RADIUS]
    for node in nodes:
        xs += [node.x - DEPARTMENT_RADIUS - 60, node.x + DEPARTMENT_RADIUS + 60]
        ys += [node.y - DEPARTMENT_RADIUS, node.y + DEPARTMENT_RADIUS + 20]
    for chip in chips:
        xs += [chip.x, chip.x + chip.width]
        ys += [chip.y, chip.y + chip.height]
    left, top = min(xs) - margin, min(ys) - margin
    return Rect(left, top, max(xs) + margin - left, max(ys) + margin - top)
