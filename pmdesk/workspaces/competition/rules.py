"""The pure rules of the competitive matrix: reading a typed rating, turning it into points,
weighted totals and ranks, the gap to the leader, staleness, and where we lead or trail.

Nothing here touches the database: :class:`Scoreboard` is filled from a few set-based queries
(``competition_edit.load_scoreboard``) and then answers everything the matrix, the map and the
battlecards ask. After one edit it updates one row and the totals, not the whole matrix.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from pmdesk.domain.values import PLAIN_NUMBER, POINT_DECIMAL, NumberFormat
from pmdesk.errors import ValidationError
from pmdesk.workspaces.competition.model import (
    RATING_KINDS,
    SCORE_MAX,
    SCORE_MIN,
    WEIGHT_MAX,
    YES_NO_VALUES,
)

YES_NO_POINTS = {"yes": float(SCORE_MAX), "partial": SCORE_MAX / 2, "no": 0.0}
_DECIMAL_COMMA_ONLY = NumberFormat(",", "")
# A total over a sliver of the criteria misleads ("34 %" from one rating of five): below this
# share of the weight rated, a competitor has no total and no rank yet.
MIN_RATED_SHARE = 0.5
NOT_ENOUGH_RATINGS = "not enough ratings"
# Totals are compared after rounding, so that float noise never splits a real tie.
_TIE_DIGITS = 6


def parse_weight(
    value: object, label: str = "The weight", number_format: NumberFormat | None = None
) -> float:
    """A weight as typed ("2", "1.5", "1,5") -> a number from 0 up; zero means "does not
    count". A weight has no thousands, so either decimal mark is read unless an imported file's
    ``number_format`` says which one it uses."""
    if isinstance(value, bool):
        value = None
    number: float | None = None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str) and value.strip():
        formats = [number_format] if number_format else [PLAIN_NUMBER, _DECIMAL_COMMA_ONLY]
        number = next((n for f in formats if (n := f.read(value)) is not None), None)
    if number is None or math.isnan(number) or math.isinf(number):
        shown = "nothing" if value in (None, "") else f"“{value}”"
        raise ValidationError(f"{label} must be a number like 1 or 2.5, not {shown}.")
    if number < 0:
        raise ValidationError(f"{label} cannot be negative ({number:g}); use 0 to leave it out.")
    if number > WEIGHT_MAX:
        raise ValidationError(f"{label} must be at most {WEIGHT_MAX:g}, not {number:g}.")
    return number


def parse_kind(value: object) -> str:
    text = "" if value is None else str(value).strip()
    lowered = text.lower()
    for kind, shown in RATING_KINDS.items():
        if lowered in (kind, shown.lower(), kind.replace("_", " "), kind.replace("_", "/")):
            return kind
    choices = ", ".join(RATING_KINDS.values())
    raise ValidationError(f"The rating kind must be one of {choices}; “{text}” is not.")


def parse_value(
    kind: str,
    value: object,
    label: str = "The rating",
    number_format: NumberFormat = POINT_DECIMAL,
) -> str:
    """A rating as typed -> the text stored for a criterion of ``kind``; "" means not rated.

    Raises ValidationError naming what is allowed, e.g. for a score of 7 on a 0–5 criterion.
    Scores and prices are read in ``number_format`` (an imported file's own).
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    if kind == "text":
        return text
    if kind == "yes_no":
        lowered = text.lower()
        aliases = {
            "y": "yes",
            "true": "yes",
            "n": "no",
            "false": "no",
            "p": "partial",
            "part": "partial",
        }
        lowered = aliases.get(lowered, lowered)
        if lowered in YES_NO_VALUES:
            return lowered
        raise ValidationError(f"{label} must be yes, partial or no, not “{text}”.")
    number = number_format.read(text, "$€£")
    if kind == "score":
        if number is None:
            raise ValidationError(
                f"{label} must be a score from {SCORE_MIN} to {SCORE_MAX}, not “{text}”."
            )
        if not SCORE_MIN <= number <= SCORE_MAX:
            raise ValidationError(
                f"{label} must be from {SCORE_MIN} to {SCORE_MAX}; {number:g} is out of range."
            )
        return f"{number:g}"
    if kind == "price":
        if number is None:
            raise ValidationError(f"{label} must be a price like 49 or 49.90, not “{text}”.")
        if number < 0:
            raise ValidationError(f"{label} cannot be a negative price ({number:g}).")
        return f"{number:g}"
    raise ValidationError(f"“{kind}” is not a rating kind PM Desk knows.")


def _number(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def is_scored(kind: str) -> bool:
    return kind != "text"


def row_points(kind: str, values: Mapping[str, str]) -> dict[str, float]:
    """Points from 0 to SCORE_MAX for each competitor rated on one criterion.

    Prices are relative: the cheapest gets full points and the others the cheapest price's share
    of theirs; a free product beats every paid one outright.
    """
    # A value that does not fit the kind (a file edited elsewhere, a kind changed since) counts
    # as not rated rather than breaking the matrix.
    if kind == "score":
        scores = {key: _number(value) for key, value in values.items() if value}
        return {
            key: score
            for key, score in scores.items()
            if score is not None and SCORE_MIN <= score <= SCORE_MAX
        }
    if kind == "yes_no":
        return {
            key: YES_NO_POINTS[value] for key, value in values.items() if value in YES_NO_POINTS
        }
    if kind == "price":
        found = {key: _number(value) for key, value in values.items() if value}
        prices = {key: price for key, price in found.items() if price is not None and price >= 0}
        if not prices:
            return {}
        cheapest = min(prices.values())
        return {
            key: SCORE_MAX * (1.0 if price == cheapest else (cheapest / price if cheapest else 0))
            for key, price in prices.items()
        }
    return {}


def ranks(totals: Mapping[str, float]) -> dict[str, int]:
    """Standard competition ranking ("1, 2, 2, 4"): equal totals share the better rank."""
    ordered = sorted(totals, key=lambda key: -round(totals[key], _TIE_DIGITS))
    result: dict[str, int] = {}
    previous: float | None = None
    for index, key in enumerate(ordered, start=1):
        total = round(totals[key], _TIE_DIGITS)
        if total != previous:
            rank = index
            previous = total
        result[key] = rank
    return result


def is_stale(as_of: date | None, today: date, stale_after_days: int) -> bool:
    """A rating is stale once its evidence is older than the chosen age; undated is not stale
    (there is nothing to age) but shows as without evidence."""
    return as_of is not None and today - as_of > timedelta(days=stale_after_days)


@dataclass(frozen=True)
class CriterionRow:
    id: str
    name: str
    category_id: str
    weight: float
    kind: str


@dataclass(frozen=True)
class Comparison:
    """One criterion where we and a competitor differ, by how much it counts."""

    criterion_id: str
    name: str
    ours: float
    theirs: float
    weight: float

    @property
    def weighted_difference(self) -> float:
        return (self.ours - self.theirs) * self.weight


@dataclass
class Scoreboard:
    """Points, weighted totals and ranks of every competitor, kept current one edit at a time.

    A competitor's total is the weighted share of the best possible result on the criteria it
    is rated on, in percent: each rated, scored criterion adds weight x points, and the sum is
    divided by SCORE_MAX x the weights of those criteria. Unrated is not zero: it is left out.
    A competitor rated on less than ``MIN_RATED_SHARE`` of the weight has no total and no rank
    ("not enough ratings"). Zero-weight and free-text criteria do not count.
    """

    competitor_ids: list[str]
    criteria: dict[str, CriterionRow]
    cells: dict[str, dict[str, str]]  # criterion id -> competitor id -> stored value
    us_id: str | None = None
    points: dict[str, dict[str, float]] = field(default_factory=dict)  # criterion -> comp -> pts
    weighted: dict[str, float] = field(default_factory=dict)  # competitor -> sum of w x points
    rated_weight: dict[str, float] = field(default_factory=dict)  # competitor -> w of rated rows
    weight_sum: float = 0.0

    @classmethod
    def from_pairs(
        cls,
        competitor_ids: list[str],
        criteria: dict[str, CriterionRow],
        values: Mapping[tuple[str, str], str],
        us_id: str | None = None,
    ) -> Scoreboard:
        """A scoreboard from {(criterion id, competitor id): value}."""
        cells: dict[str, dict[str, str]] = {}
        for (criterion_id, competitor_id), value in values.items():
            cells.setdefault(criterion_id, {})[competitor_id] = value
        return cls(competitor_ids, criteria, cells, us_id)

    def __post_init__(self) -> None:
        for criterion_id in self.criteria:
            self.cells.setdefault(criterion_id, {})
        self.weighted = dict.fromkeys(self.competitor_ids, 0.0)
        self.rated_weight = dict.fromkeys(self.competitor_ids, 0.0)
        self.points = {}
        for criterion_id, criterion in self.criteria.items():
            self.points[criterion_id] = row_points(criterion.kind, self.cells[criterion_id])
            self._add_row(criterion_id, 1)
        self.weight_sum = sum(c.weight for c in self.criteria.values() if is_scored(c.kind))

    def value(self, criterion_id: str, competitor_id: str) -> str:
        return self.cells.get(criterion_id, {}).get(competitor_id, "")

    def _add_row(self, criterion_id: str, sign: int) -> None:
        factor = sign * self.criteria[criterion_id].weight
        if not factor:
            return
        weighted, rated = self.weighted, self.rated_weight
        for competitor_id, points in self.points[criterion_id].items():
            if competitor_id in weighted:
                weighted[competitor_id] += factor * points
                rated[competitor_id] += factor

    def set_value(self, criterion_id: str, competitor_id: str, value: str) -> None:
        """Record one edited cell and bring its row and every total up to date."""
        row = self.cells.setdefault(criterion_id, {})
        if value:
            row[competitor_id] = value
        else:
            row.pop(competitor_id, None)
        self._add_row(criterion_id, -1)
        self.points[criterion_id] = row_points(self.criteria[criterion_id].kind, row)
        self._add_row(criterion_id, 1)

    def set_criterion(self, criterion: CriterionRow) -> None:
        """Record an edited criterion (weight, kind, name) and bring every total up to date."""
        self._add_row(criterion.id, -1)
        self.criteria[criterion.id] = criterion
        self.points[criterion.id] = row_points(criterion.kind, self.cells[criterion.id])
        self._add_row(criterion.id, 1)
        self.weight_sum = sum(c.weight for c in self.criteria.values() if is_scored(c.kind))

    def rated_share(self, competitor_id: str) -> float:
        """How much of the criteria's weight a competitor is rated on, from 0 to 1."""
        if not self.weight_sum:
            return 0.0
        return max(self.rated_weight.get(competitor_id, 0.0), 0.0) / self.weight_sum

    def has_enough_ratings(self, competitor_id: str) -> bool:
        # The tolerance absorbs the float noise of totals kept up to date one edit at a time.
        return self.rated_share(competitor_id) >= MIN_RATED_SHARE - 1e-9

    def totals(self) -> dict[str, float]:
        """The weighted total in percent of each competitor with enough ratings; the others
        are left out (they have no total yet)."""
        result: dict[str, float] = {}
        for key in self.competitor_ids:
            if not self.has_enough_ratings(key):
                continue
            best = SCORE_MAX * self.rated_weight[key]
            result[key] = 100.0 * max(self.weighted[key], 0.0) / best
        return result

    def ranks(self) -> dict[str, int]:
        """Ranks of the competitors with a total; those without have none."""
        return ranks(self.totals())

    def leader_points(self, criterion_id: str) -> float | None:
        row = self.points.get(criterion_id) or {}
        return max(row.values()) if row else None

    def gap_to_leader(self, criterion_id: str) -> float | None:
        """How many points we are behind the best on a criterion (0 when we lead or tie)."""
        leader = self.leader_points(criterion_id)
        if leader is None or self.us_id is None:
            return None
        ours = self.points[criterion_id].get(self.us_id)
        return None if ours is None else leader - ours  # unrated: no gap to speak of

    def group_score(self, criterion_ids: Iterable[str], competitor_id: str) -> float | None:
        """A competitor's weighted average points over the criteria of a group (a category) it
        is rated on, or None when it is rated on none that count."""
        total = weight = 0.0
        for criterion_id in criterion_ids:
            criterion = self.criteria[criterion_id]
            points = self.points[criterion_id].get(competitor_id)
            if not is_scored(criterion.kind) or not criterion.weight or points is None:
                continue
            weight += criterion.weight
            total += criterion.weight * points
        return total / weight if weight else None

    def compare(self, competitor_id: str) -> tuple[list[Comparison], list[Comparison]]:
        """Where we lead and where we trail a competitor, the rows that count most first."""
        if self.us_id is None or competitor_id == self.us_id:
            return [], []
        leads: list[Comparison] = []
        trails: list[Comparison] = []
        for criterion_id, criterion in self.criteria.items():
            row = self.points[criterion_id]
            # Only where both are rated: an unrated cell is unknown, not a lead or a trail.
            if not criterion.weight or self.us_id not in row or competitor_id not in row:
                continue
            ours, theirs = row[self.us_id], row[competitor_id]
            item = Comparison(criterion_id, criterion.name, ours, theirs, criterion.weight)
            if ours > theirs:
                leads.append(item)
            elif ours < theirs:
                trails.append(item)
        leads.sort(key=lambda c: -c.weighted_difference)
        trails.sort(key=lambda c: c.weighted_difference)
        return leads, trails
